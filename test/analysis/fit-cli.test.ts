import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';
import { readRunFile } from '../../src/io/read-run.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { writeRuns } from './fit-helpers.ts';

function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ckin fit --json on exact three-rate runs: one JSON object with the true parameters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-fit-'));
  const files = writeRuns(dir, { Ea_kJ_mol: 160, lgA_s: 12, n: 2 });
  const r = ckin(['fit', ...files, '--rates', '10,30,60', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(Math.abs(out.Ea_kJ_mol - 160) < 0.8, `Ea ${out.Ea_kJ_mol}`);
  assert.ok(Math.abs(out.lgA_s - 12) < 0.06, `lgA ${out.lgA_s}`);
  assert.ok(Math.abs(out.n - 2) < 0.02, `n ${out.n}`);
  assert.equal(out.rates.length, 3);
  for (const rate of out.rates) assert.ok(rate.r2 > 0.999 && rate.residuals_per_K.length === rate.points);
  assert.ok(out.uncertainty.Ea_se_kJ_mol > 0);
  assert.deepEqual(out.on_bound, []);

  const bad = ckin(['fit', ...files, '--rates', '10,30,60', '--bounds', 'Ea:300:100']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /upper bound must exceed/);
  const noPeak = ckin(['fit', ...files, '--rates', '10,30,60', '--window', '100:250']);
  assert.equal(noPeak.code, 2);
  assert.match(noPeak.stderr, /run_10\.csv: β = 10 K\/min: no peak/);
});

test('ckin fit --stage 1 on real DSC runs (CRNN NCM333, 2–20 K/min): the analyze pipeline feeds the fit', () => {
  const dir = resolve(EXTERNAL_DATA, 'crnn-ncm333-dsc');
  const files = [2, 5, 10, 15, 20].map((b) => join(dir, `cath_1_${b}.csv`));
  const r = ckin([
    'fit',
    ...files,
    '--rates',
    '2,5,10,15,20',
    '--columns',
    'temperature_C,heatflow_W_g',
    '--stage',
    '1',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rates.length, 5);
  // No published single-step answer (README): a single JMA step describes the main exotherm only roughly.
  for (const rate of out.rates) assert.ok(rate.r2 > 0.9, `R² ${rate.r2} at ${rate.beta_K_min} K/min`);
  assert.deepEqual(out.on_bound, []);
  assert.ok(out.Ea_kJ_mol > 100 && out.Ea_kJ_mol < 250, `Ea ${out.Ea_kJ_mol}`);
  const bad = ckin([
    'fit',
    ...files,
    '--rates',
    '2,5,10,15,20',
    '--columns',
    'temperature_C,heatflow_W_g',
    '--stage',
    '7',
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--stage 7: the runs have 2 stage\(s\)/);
});

test('real files (pICNIK constant-E TGA, first order): fit recovers E = 75 kJ/mol, ln(A/min⁻¹) = 12, n = 1', () => {
  const dir = resolve(EXTERNAL_DATA, 'picnik-constant-E');
  const curves = ['2.5', '5', '10', '15', '20'].map((b) =>
    runToConversionCurve(readRunFile(join(dir, `E_cnt_${b}.csv`), { heatingRate_K_min: Number(b) })),
  );
  const r = fitJma(curves);
  const lgA = 12 / Math.LN10 - Math.log10(60); // A = e¹²/60 s⁻¹
  assert.ok(Math.abs(r.Ea_kJ_mol - 75) < 0.375, `Ea ${r.Ea_kJ_mol}`); // 0.5 %
  assert.ok(Math.abs(r.lgA_s - lgA) < 0.02, `lgA ${r.lgA_s} vs ${lgA}`);
  assert.ok(Math.abs(r.n - 1) < 0.01, `n ${r.n}`);
});
