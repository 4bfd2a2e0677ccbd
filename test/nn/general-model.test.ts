import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predict, type PredictGeneralResult, type PredictSampleResult } from '../../src/app/predict.ts';
import { simulate } from '../../src/app/simulate.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { GeneralModel, SHIPPED_GENERAL_MODEL } from '../../src/nn/general/model.ts';
import { kissingerLgA } from '../../src/synth/general-prior.ts';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';

/**
 * The shipped general model (models/general, issue 19) through `ckin predict`: known answers at rates and exponents
 * the paper model cannot handle, pICNIK's first-order constant-E set, the automatic model choice (paper-domain model
 * for 10/30/60 K/min runs it reproduces, general otherwise), --refine with free n, and a tiny synth → train → predict
 * round trip of the general preset through the CLI.
 */
const skip =
  !engineAvailable() || !existsSync(join(SHIPPED_GENERAL_MODEL, 'model.pt'))
    ? 'libtorch addon or models/general missing'
    : false;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckin-general-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function runs(name: string, model: string, Ea: number, lgA: number, n: number, rates: number[]) {
  const out = join(dir, name);
  return simulate({ model, Ea_kJ_mol: Ea, lgA_s: lgA, n, heatingRates_K_min: rates, out }).runs.map((x) => ({
    path: x.file!,
  }));
}
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);
const ckin = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });

test(
  'known answers outside the paper model: rates 5/20/40 and 2/10/40, n = 1, 2, 4, nth order',
  { skip },
  () => {
    const cases = [
      { rates: [5, 20, 40], model: 'jma', n: 1, Ea: 150, Tp: 600 },
      { rates: [2, 10, 40], model: 'jma', n: 2, Ea: 220, Tp: 700 },
      { rates: [5, 20, 40], model: 'jma', n: 4, Ea: 120, Tp: 550 },
      { rates: [2, 10, 40], model: 'nth-order', n: 1.5, Ea: 180, Tp: 650 },
    ];
    for (const c of cases) {
      const lgA = kissingerLgA(c.Ea, c.Tp, 10);
      const r = predict({
        runs: runs(`${c.model}-${c.n}-${c.rates.join('-')}`, c.model, c.Ea, lgA, c.n, c.rates),
      });
      const g = r as PredictGeneralResult;
      const label = `${c.model} n ${c.n} at ${c.rates.join('/')}: Ea ${g.cnn.Ea_kJ_mol}, lgA ${g.cnn.lgA_s} (true ${lgA}), n ${g.n}`;
      assert.equal(g.model_used, 'general', label);
      assert.ok(codes(g).includes('cnn.model-switched'), label);
      assert.ok(Math.abs(g.cnn.Ea_kJ_mol - c.Ea) < 5, label);
      assert.ok(Math.abs(g.cnn.lgA_s - lgA) < 0.5, label);
      assert.ok(
        g.domain.worst_r2 > 0.95 && g.quality !== 'unreliable',
        `${label} ${JSON.stringify(g.warnings)}`,
      );
      // the 90 % interval is reported around the answer
      assert.ok(g.interval_90.Ea_kJ_mol.lo < g.cnn.Ea_kJ_mol && g.interval_90.Ea_kJ_mol.hi > g.cnn.Ea_kJ_mol);
    }
  },
);

test(
  'pICNIK constant-E (first order, 75 kJ/mol, lgA 3.43; 2.5–20 K/min): Ea within 5 kJ/mol',
  { skip },
  () => {
    const files = ['2.5', '5', '10', '15', '20'].map((b) => ({
      path: join(EXTERNAL_DATA, 'picnik-constant-E', `E_cnt_${b}.csv`),
    }));
    const g = predict({ runs: files }) as PredictGeneralResult;
    assert.equal(g.model_used, 'general');
    assert.ok(Math.abs(g.cnn.Ea_kJ_mol - 75) < 5, `Ea ${g.cnn.Ea_kJ_mol}`);
    assert.ok(Math.abs(g.cnn.lgA_s - 3.43) < 0.6, `lgA ${g.cnn.lgA_s}`);
  },
);

test('automatic choice: 10/30/60 K/min n = 3 runs go to the paper-domain model', { skip }, () => {
  const Ea = 170;
  const r = predict({ runs: runs('paper-domain', 'jma', Ea, 0.0655 * Ea - 3.25, 3, [10, 30, 60]) });
  assert.equal((r as PredictSampleResult).model_used, 'best');
  assert.ok(Math.abs((r as PredictSampleResult).cnn.Ea_kJ_mol - Ea) < 5);
});

test('--refine refines within JMA with free n and returns the true n', { skip }, () => {
  const lgA = kissingerLgA(200, 680, 10);
  const g = predict({
    runs: runs('refine', 'jma', 200, lgA, 2, [3, 12, 48]),
    refine: true,
  }) as PredictGeneralResult;
  assert.ok(g.refined, JSON.stringify(g.warnings));
  assert.ok(Math.abs(g.refined.n - 2) < 0.05, `n ${g.refined.n}`);
  assert.ok(Math.abs(g.refined.Ea_kJ_mol - 200) < 1, `Ea ${g.refined.Ea_kJ_mol}`);
});

test('CLI: synth --preset general → train --preset general → predict --model DIR', { skip }, () => {
  const data = join(dir, 'gdata');
  const s = ckin(['synth', '--preset', 'general', '--n', '400', '--seed', '5', '--out', data, '--json']);
  assert.equal(s.status, 0, s.stderr);
  assert.equal((JSON.parse(s.stdout) as { count: number }).count, 400);
  const model = join(dir, 'gmodel');
  const t = ckin([
    'train',
    '--preset',
    'general',
    '--data',
    data,
    '--out',
    model,
    '--epochs',
    '2',
    '--threads',
    '1',
  ]);
  assert.equal(t.status, 0, t.stderr);
  assert.ok(existsSync(join(model, 'complete.json')));
  assert.ok(GeneralModel.isGeneralDir(model));
  const files = runs('cli', 'jma', 150, kissingerLgA(150, 600, 10), 2, [5, 20, 40]).map((f) => f.path);
  const p = ckin(['predict', ...files, '--model', model, '--json']);
  assert.equal(p.status, 0, p.stderr);
  const j = JSON.parse(p.stdout) as PredictGeneralResult;
  assert.equal(j.model_used, 'general');
  assert.ok(Number.isFinite(j.cnn.Ea_kJ_mol) && Number.isFinite(j.n));
});

test('batch mode (--data/--csv) with the general model: refused with the reason, not a confusing load error', () => {
  assert.throws(
    () => predict({ runs: [], csv: 'samples.csv', model: 'general' }),
    /fixed 3-rate temperature grid, which the general model does not read/,
  );
});
