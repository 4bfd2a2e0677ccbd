import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { readDataset } from '../../src/synth/dataset-reader.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { writeTinyDataset } from '../nn/fixtures.ts';
import { tinyPreset } from '../nn/tiny-preset.ts';
import { recordHostile } from '../hostile/summary-record.ts';

const CLI = join(REPO_ROOT, 'src/main.ts');
const ckinSync = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });

/** Start `ckin ARGS`, SIGKILL it after `afterMs`; resolves with whether it had already finished. */
function killAfter(args: string[], afterMs: number): Promise<{ finished: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    let finished = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      finished = signal !== 'SIGKILL';
      resolve({ finished, code });
    });
  });
}

/** Seeded delays so a failure reproduces. */
function delays(count: number, lo: number, hi: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  });
}

let kills = 0;
let consistent = 0;

test('SIGKILL during `ckin synth --force` leaves either the old complete dataset or the new one', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ckin-kill-synth-'));
  const dir = join(root, 'ds');
  const first = ckinSync(['synth', '--n', '400', '--seed', '1', '--out', dir, '--workers', '1', '--json']);
  assert.equal(first.status, 0, first.stderr);
  for (const ms of delays(Number(process.env.CKIN_KILLS ?? 4), 1500, 6000, 11)) {
    const r = await killAfter(
      ['synth', '--n', '20000', '--seed', '2', '--out', dir, '--force', '--workers', '1'],
      ms,
    );
    kills++;
    assert.ok(existsSync(dir), `after a kill at ${ms.toFixed(0)} ms the dataset directory is gone`);
    const ds = readDataset(dir); // verifies every array's shape and sha256
    const m = ds.manifest as { seed: number; count: number };
    const ok = (m.seed === 1 && m.count === 400) || (m.seed === 2 && m.count === 20000);
    assert.ok(ok, `kill at ${ms.toFixed(0)} ms (finished: ${r.finished}): seed ${m.seed}, count ${m.count}`);
    consistent++;
  }
  // The temporary directories of the killed runs (`ds.tmp-PID-*`) are removed by the next run, which succeeds.
  const next = ckinSync([
    'synth',
    '--n',
    '400',
    '--seed',
    '3',
    '--out',
    dir,
    '--force',
    '--workers',
    '1',
    '--json',
  ]);
  assert.equal(next.status, 0, next.stderr);
  const left = readdirSync(root).filter((n) => n !== 'ds');
  assert.deepEqual(left, [], `left after the next run: ${left.join(', ')}`);
});

test(
  'SIGKILL during `ckin train` leaves a consistent checkpoint and `--resume` finishes with the uninterrupted weights',
  { skip: engineAvailable() ? false : 'libtorch addon not built' },
  async () => {
    const data = writeTinyDataset(200, 5);
    const root = mkdtempSync(join(tmpdir(), 'ckin-kill-train-'));
    const presetFile = join(root, 'tiny.json');
    writeFileSync(presetFile, JSON.stringify(tinyPreset(10)));
    const args = (out: string) => [
      'train',
      '--data',
      data,
      '--preset-file',
      presetFile,
      '--seed',
      '3',
      '--threads',
      '1',
      '--out',
      out,
    ];
    const ref = ckinSync(args(join(root, 'ref')));
    assert.equal(ref.status, 0, ref.stderr);
    const refWeights = readFileSync(join(root, 'ref', 'model.pt'));
    let k = 0;
    for (const ms of delays(Number(process.env.CKIN_KILLS ?? 3), 2500, 5000, 23)) {
      const out = join(root, `killed-${k++}`);
      await killAfter(args(out), ms);
      kills++;
      if (existsSync(join(out, 'manifest.json')))
        JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      if (existsSync(join(out, 'train-state.json')))
        JSON.parse(readFileSync(join(out, 'train-state.json'), 'utf8'));
      if (!existsSync(join(out, 'complete.json')) && existsSync(join(out, 'model.pt'))) {
        // A killed training is not a model: predict refuses it (without --allow-incomplete).
        const p = ckinSync([
          'predict',
          ...['2', '5', '10'].map((b) =>
            join(REPO_ROOT, '..', 'shared', 'data', 'external', 'crnn-ncm333-dsc', `cath_1_${b}.csv`),
          ),
          '--columns',
          'temperature_C,heatflow_W_g',
          '--model',
          out,
        ]);
        assert.equal(p.status, 2, p.stderr);
        assert.match(p.stderr, /not a finished model/);
      }
      const resumed = ckinSync([...args(out), '--resume']);
      assert.equal(resumed.status, 0, resumed.stderr);
      assert.ok(
        readFileSync(join(out, 'model.pt')).equals(refWeights),
        `kill at ${ms.toFixed(0)} ms: resumed weights differ`,
      );
      consistent++;
    }
  },
);

test('kill tests summary', () => {
  process.stdout.write(
    `kill tests: ${kills} SIGKILLs, ${consistent} left a consistent state, ${kills - consistent} inconsistent\n`,
  );
  recordHostile('kill', { kills, consistent });
  assert.equal(kills, consistent);
});
