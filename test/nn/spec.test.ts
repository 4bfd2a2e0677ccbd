import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveNetSpec } from '../../src/nn/spec.ts';
import { PRESETS, presetByName } from '../../src/nn/presets.ts';
import { createNet, engineAvailable } from '../../src/nn/engine.ts';

// The paper network counted by hand, layer by layer (weights + biases; BatchNorm γ, β):
// conv 3→32 k15, 32→64 k9, 64→128 k5, 128→256 k3; 200 points pooled 4× by 2 → 12; flatten 256·12 + 3 rates = 3075;
// dense 3075→256→128→64→32→2.
const PAPER_PARAMS =
  3 * 32 * 15 +
  32 +
  2 * 32 +
  32 * 64 * 9 +
  64 +
  2 * 64 +
  64 * 128 * 5 +
  128 +
  2 * 128 +
  128 * 256 * 3 +
  256 +
  2 * 256 +
  3075 * 256 +
  256 +
  256 * 128 +
  128 +
  128 * 64 +
  64 +
  64 * 32 +
  32 +
  32 * 2 +
  2;

test('paper preset: parameter count from the spec equals the hand count (991,330)', () => {
  assert.equal(PAPER_PARAMS, 991330);
  assert.equal(resolveNetSpec(PRESETS.paper.net).parameterCount, PAPER_PARAMS);
});

test('best preset: parameter count from the spec equals the hand count (513,618)', () => {
  // Conv (in·out·k + out) + BatchNorm (2·out) per stage, 32/48/96/128 with kernels 15/9/5/3; flatten 128 × 12 + 3
  // heating rates → 256 → 128 → 64 → 32 → 2.
  const conv = [
    [3, 32, 15],
    [32, 48, 9],
    [48, 96, 5],
    [96, 128, 3],
  ].reduce((s, [i, o, k]) => s + i * o * k + o + 2 * o, 0);
  const dense = [
    [128 * 12 + 3, 256],
    [256, 128],
    [128, 64],
    [64, 32],
    [32, 2],
  ].reduce((s, [i, o]) => s + i * o + o, 0);
  assert.equal(conv + dense, 513618);
  assert.equal(resolveNetSpec(PRESETS.best.net).parameterCount, 513618);
});

test('resolveNetSpec infers sizes and rejects an inconsistent network', () => {
  const r = resolveNetSpec(presetByName('paper').net);
  const convs = r.layers.filter((l) => l.type === 'conv1d');
  assert.deepEqual(
    convs.map((l) => [l.in, l.out, l.kernel, l.padding]),
    [
      [3, 32, 15, 7],
      [32, 64, 9, 4],
      [64, 128, 5, 2],
      [128, 256, 3, 1],
    ],
  );
  assert.equal(r.layers.find((l) => l.type === 'linear')!.in, 3075);
  assert.throws(
    () =>
      resolveNetSpec({
        input: { channels: 3, length: 200 },
        aux: 0,
        outputs: 2,
        layers: [{ type: 'linear', out: 2 }],
      }),
    /flat input/,
  );
  assert.throws(
    () =>
      resolveNetSpec({
        input: { channels: 3, length: 200 },
        aux: 0,
        outputs: 2,
        layers: [{ type: 'flatten' }, { type: 'linear', out: 3 }],
      }),
    /2 outputs/,
  );
});

test(
  'engine: the libtorch network has the same parameter count as the spec',
  { skip: !engineAvailable() },
  () => {
    for (const p of Object.values(PRESETS)) {
      const { net, resolved } = createNet(p.net, 1);
      assert.equal(net.parameterCount(), resolved.parameterCount);
    }
  },
);

const peer = fileURLToPath(new URL('../../../shared/bench/torch_peer.py', import.meta.url));
const torchPython = '/usr/bin/python3';
const hasTorch =
  existsSync(peer) &&
  existsSync(torchPython) &&
  spawnSync(torchPython, ['-c', 'import torch'], { timeout: 60000 }).status === 0;

test(
  'paper preset: parameter count equals the PyTorch peer (shared/bench/torch_peer.py)',
  { skip: !hasTorch && 'no python3-torch' },
  () => {
    const code = `import sys; sys.path.insert(0, ${JSON.stringify(fileURLToPath(new URL('../../../shared/bench/', import.meta.url)))}); import torch_peer as t; print(sum(p.numel() for p in t.PaperCNN().parameters()))`;
    const r = spawnSync(torchPython, ['-c', code], { encoding: 'utf8', timeout: 120000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(Number(r.stdout.trim()), resolveNetSpec(PRESETS.paper.net).parameterCount);
  },
);
