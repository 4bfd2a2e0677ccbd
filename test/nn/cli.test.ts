import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTinyDataset, kissingerLgA } from './fixtures.ts';
import { tinyPreset } from './tiny-preset.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { readCurveDataset, splitIndices } from '../../src/nn/dataset.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { celsiusToKelvin } from '../../src/kinetics/constants.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test(
  'ckin train → evaluate → predict (files, --refine, batch) end to end',
  { skip: !engineAvailable() && 'no libtorch addon' },
  () => {
    const data = writeTinyDataset(300, 4);
    const root = dirname(data);
    try {
      const presetFile = join(root, 'tiny.json');
      writeFileSync(presetFile, JSON.stringify(tinyPreset(6)));
      const model = join(root, 'model');
      const tr = ckin([
        'train',
        '--data',
        data,
        '--preset-file',
        presetFile,
        '--threads',
        '1',
        '--out',
        model,
        '--json',
      ]);
      assert.equal(tr.code, 0, tr.stderr);
      const manifest = JSON.parse(tr.stdout);
      assert.equal(manifest.epochsRun, 6);
      assert.equal(manifest.dataset.count, 300);
      assert.ok(existsSync(join(model, 'model.pt')) && existsSync(join(model, 'history.svg')));

      const ev = ckin([
        'evaluate',
        '--model',
        model,
        '--data',
        data,
        '--compare',
        '2',
        '--no-de',
        '--no-kce',
        '--json',
      ]);
      assert.equal(ev.code, 0, ev.stderr);
      const e = JSON.parse(ev.stdout);
      for (const k of ['r2_Ea', 'r2_lgA', 'rmse_Ea_kJ_mol', 'rmse_lgA', 'mae_Ea_kJ_mol', 'mae_lgA']) {
        assert.equal(typeof e[k], 'number', k);
        assert.equal(typeof e.valid[k], 'number', `valid.${k}`);
      }
      assert.equal(e.count, manifest.metrics.test.count);
      assert.equal(e.rmse_Ea_kJ_mol, manifest.metrics.test.rmse_Ea_kJ_mol);
      assert.deepEqual(
        e.comparison.map((c: { method: string }) => c.method),
        ['cnn', 'cnn+refine', 'kissinger'],
      );

      assert.equal(e.lgA_information_limit, null, 'the tiny fixture has no label prior');

      // On a real `ckin synth` dataset evaluate reports the lgA information limit; its count of samples without
      // lgA information equals the count of test samples whose exact α at 800 °C (10 K/min) is below 1 %.
      const synthDir = join(root, 'synth');
      const sy = ckin(['synth', '--n', '400', '--seed', '3', '--out', synthDir, '--json']);
      assert.equal(sy.code, 0, sy.stderr);
      const ev2 = ckin([
        'evaluate',
        '--model',
        model,
        '--data',
        synthDir,
        '--compare',
        '0',
        '--no-kce',
        '--json',
      ]);
      assert.equal(ev2.code, 0, ev2.stderr);
      const lim = JSON.parse(ev2.stdout).lgA_information_limit;
      const { set } = readCurveDataset(synthDir);
      let expected = 0;
      for (const i of splitIndices(set, 'test')) {
        const p = { Ea_kJ_mol: set.targets[2 * i], lgA_s: set.targets[2 * i + 1], n: set.n![i] };
        const { alpha } = jmaExactCurve(p, 10, celsiusToKelvin(30), [celsiusToKelvin(800)]);
        if (alpha[0] < 0.01) expected++;
      }
      assert.ok(expected > 0, 'the synthetic test split has samples that never react');
      assert.equal(lim.unidentifiable, expected);
      assert.ok(lim.r2Max_lgA > 0.9 && lim.r2Max_lgA < 1, `R² ceiling ${lim.r2Max_lgA}`);

      // Three simulated runs (one CSV per rate) → CNN → refinement recovers the true parameters.
      const Ea = 165;
      const lgA = kissingerLgA(Ea, 530);
      const runs = join(root, 'runs');
      const sim = ckin(['simulate', '--Ea', String(Ea), '--lgA', String(lgA), '--n', '3', '--out', runs]);
      assert.equal(sim.code, 0, sim.stderr);
      const files = [10, 30, 60].map((b) => join(runs, `beta_${b}_K_min.csv`));
      const pr = ckin(['predict', '--model', model, ...files, '--refine', '--json']);
      assert.equal(pr.code, 0, pr.stderr);
      const p = JSON.parse(pr.stdout);
      assert.ok(Math.abs(p.cnn.Ea_kJ_mol - Ea) < 30, `CNN Ea ${p.cnn.Ea_kJ_mol}`);
      assert.ok(Math.abs(p.refined.Ea_kJ_mol - Ea) < 0.5, `refined Ea ${p.refined.Ea_kJ_mol}`);
      assert.ok(Math.abs(p.refined.lgA_s - lgA) < 0.05, `refined lgA ${p.refined.lgA_s}`);

      const out = join(root, 'pred.csv');
      const b = ckin([
        'predict',
        '--model',
        model,
        '--data',
        data,
        '--split',
        'test',
        '--out',
        out,
        '--json',
      ]);
      assert.equal(b.code, 0, b.stderr);
      assert.equal(JSON.parse(b.stdout).samples, 45);
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 46);

      const bad = ckin(['predict', '--model', join(root, 'nope'), ...files]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /not a model directory/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
