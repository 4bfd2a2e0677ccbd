import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNet, engineAvailable } from '../../src/nn/engine.ts';
import { CnnModel, HybridNet, SHIPPED_MODELS, readModelManifest } from '../../src/nn/model.ts';
import { JsNet } from '../../src/nn/js-net.ts';
import { GeneralModel, SHIPPED_GENERAL_MODEL } from '../../src/nn/general/model.ts';
import { encodeJsWeights, JS_WEIGHTS_FILE, readJsWeights } from '../../src/nn/js-weights.ts';
import { resolveNetSpec, type NetSpec } from '../../src/nn/spec.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { sha256 } from '../../src/nn/checkpoint.ts';
import { exactCurves } from './fixtures.ts';

const skip = engineAvailable() ? false : 'the libtorch addon is not built';

function randomInput(n: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.uniform() - 1);
}

/** Largest |a − b| relative to the largest |b| (outputs are z-scored, so ≈ 1 in size). */
function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / Math.max(s, 1e-12);
}

test(
  'JsNet reproduces libtorch on every layer type (conv stride/padding, BN, GELU, pools, dropout, aux)',
  { skip },
  () => {
    const spec: NetSpec = {
      input: { channels: 2, length: 40 },
      aux: 2,
      outputs: 3,
      layers: [
        { type: 'conv1d', out: 5, kernel: 5, stride: 2, padding: 1 },
        { type: 'batchnorm1d' },
        { type: 'gelu' },
        { type: 'avgpool1d', kernel: 3, stride: 2 },
        { type: 'dropout', p: 0.5 },
        { type: 'conv1d', out: 4, kernel: 3 },
        { type: 'relu' },
        { type: 'maxpool1d', kernel: 2 },
        { type: 'conv1d', out: 6, kernel: 1 },
        { type: 'global_max_pool' },
        { type: 'concat_aux' },
        { type: 'linear', out: 7 },
        { type: 'batchnorm1d' },
        { type: 'gelu' },
        { type: 'linear', out: 3 },
      ],
    };
    const { net } = createNet(spec, 7);
    // Give BatchNorm non-trivial running statistics: a few training steps move them away from (0, 1).
    net.setOptimizer({ type: 'adam', lr: 1e-2, weightDecay: 0 });
    for (let i = 0; i < 5; i++)
      net.trainStep(
        randomInput(8 * 80, 10 + i).map((v) => 3 * v + 1),
        randomInput(16, 20 + i),
        randomInput(24, 30 + i),
        8,
        1e-2,
      );
    const js = new JsNet(resolveNetSpec(spec), new Map(net.exportTensors().map((t) => [t.name, t])));
    const x = randomInput(4 * 80, 1);
    const aux = randomInput(8, 2);
    const d = maxRelDiff(js.forward(x, aux, 4), net.forward(x, aux, 4));
    assert.ok(d < 1e-5, `max relative difference ${d}`);
    // a second spec: global average pool, flatten
    const spec2: NetSpec = {
      input: { channels: 1, length: 16 },
      aux: 0,
      outputs: 1,
      layers: [
        { type: 'conv1d', out: 3, kernel: 4, padding: 0 },
        { type: 'global_avg_pool' },
        { type: 'flatten' },
        { type: 'linear', out: 1 },
      ],
    };
    const n2 = createNet(spec2, 3).net;
    const js2 = new JsNet(resolveNetSpec(spec2), new Map(n2.exportTensors().map((t) => [t.name, t])));
    const x2 = randomInput(3 * 16, 4);
    assert.ok(maxRelDiff(js2.forward(x2, null, 3), n2.forward(x2, null, 3)) < 1e-5);
  },
);

for (const [name, dir] of Object.entries(SHIPPED_MODELS)) {
  test(
    `shipped model "${name}": its JavaScript weights match model.pt and predict as libtorch does`,
    { skip },
    () => {
      const model = CnnModel.load(dir);
      assert.ok(model.net instanceof HybridNet, 'the shipped model should load with its model.js-weights');
      const bytes = readFileSync(join(dir, 'model.pt'));
      const native = createNet(readModelManifest(dir).net).net;
      native.loadState(bytes);
      // (model.net runs batches > 1 on libtorch: compare the JavaScript network itself on a batch of 3)
      const js = new JsNet(resolveNetSpec(model.manifest.net), readJsWeights(dir, sha256(bytes))!);
      const x = randomInput(3 * 3 * 200, 5);
      const aux = randomInput(9, 6);
      const d = maxRelDiff(js.forward(x, aux, 3), native.forward(x, aux, 3));
      assert.ok(d < 1e-4, `${name}: max relative difference ${d}`);
      // in physical units on clean curves: Ea within 0.01 kJ/mol of libtorch's
      const set = {
        count: 1,
        channels: 3,
        length: 200,
        auxSize: 3,
        curves: exactCurves(180, 0.0655 * 180 - 3.25),
        aux: Float32Array.from([10, 30, 60]),
        targets: new Float32Array(2),
      };
      const viaJs = model.predict(set);
      const viaTorch = new CnnModel(model.manifest, native).predict(set);
      assert.ok(Math.abs(viaJs[0] - viaTorch[0]) < 0.01, `Ea ${viaJs[0]} vs ${viaTorch[0]}`);
      assert.ok(Math.abs(viaJs[1] - viaTorch[1]) < 1e-3, `lgA ${viaJs[1]} vs ${viaTorch[1]}`);
    },
  );
}

test(
  'model.js-weights is used only when it names this model.pt; a stale or damaged one falls back to libtorch',
  { skip },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckin-jsw-'));
    try {
      cpSync(SHIPPED_MODELS.best, dir, { recursive: true });
      const tensors = readJsWeights(dir, 'not-the-hash');
      assert.equal(tensors, null);
      const stale = encodeJsWeights(
        [{ name: 'x', shape: [1], data: Float32Array.from([1]) }],
        'f'.repeat(64),
      );
      writeFileSync(join(dir, JS_WEIGHTS_FILE), stale);
      assert.ok(!(CnnModel.load(dir).net instanceof HybridNet));
      writeFileSync(join(dir, JS_WEIGHTS_FILE), 'garbage');
      assert.ok(!(CnnModel.load(dir).net instanceof HybridNet));
      rmSync(join(dir, JS_WEIGHTS_FILE));
      assert.ok(!(CnnModel.load(dir).net instanceof HybridNet));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('encode/read of the JavaScript weights file round-trips names, shapes and values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-jsw-'));
  try {
    const t = [
      { name: 'a.weight', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 4, 5e-8, -6e7]) },
      { name: 'a.bias', shape: [2], data: Float32Array.from([0.25, -0.125]) },
    ];
    writeFileSync(join(dir, JS_WEIGHTS_FILE), encodeJsWeights(t, 'abc'));
    const back = readJsWeights(dir, 'abc');
    assert.ok(back);
    assert.deepEqual([...back.get('a.weight')!.data], [...t[0].data]);
    assert.deepEqual(back.get('a.weight')!.shape, [2, 3]);
    assert.deepEqual([...back.get('a.bias')!.data], [...t[1].data]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shipped general model: loads with its JavaScript weights, which match libtorch', { skip }, () => {
  const model = GeneralModel.load(SHIPPED_GENERAL_MODEL);
  assert.ok(model.net instanceof HybridNet, 'the general model should load with its model.js-weights');
  const bytes = readFileSync(join(SHIPPED_GENERAL_MODEL, 'model.pt'));
  const native = createNet(model.manifest.net).net;
  native.loadState(bytes);
  const js = new JsNet(
    resolveNetSpec(model.manifest.net),
    readJsWeights(SHIPPED_GENERAL_MODEL, sha256(bytes))!,
  );
  const { channels, length, aux } = resolveNetSpec(model.manifest.net).shape;
  const x = randomInput(2 * channels * length, 8);
  const a = randomInput(2 * aux, 9);
  const d = maxRelDiff(js.forward(x, a, 2), native.forward(x, a, 2));
  assert.ok(d < 1e-4, `general: max relative difference ${d}`);
});
