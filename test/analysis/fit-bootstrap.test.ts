import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { refineJmaFit } from '../../src/analysis/fit/jma-fit.ts';
import {
  bootstrapJmaFit,
  compensationRidge,
  type BootstrapScheme,
} from '../../src/analysis/fit/bootstrap.ts';
import { quantileSorted as percentile } from '../../src/core/statistics.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { jmaCurves } from './fit-helpers.ts';

const TRUTH = { Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 };

function sd(x: number[]): number {
  const m = x.reduce((a, v) => a + v, 0) / x.length;
  return Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / (x.length - 1));
}

/** Coverage of the 95 % bootstrap intervals over `realizations` seeded 2 % multiplicative noise draws. */
function coverage(scheme: BootstrapScheme, realizations: number) {
  let Ea = 0;
  let lgA = 0;
  let n = 0;
  let minCorr = 1;
  const fitted: number[] = [];
  const bootSd: number[] = [];
  for (let k = 0; k < realizations; k++) {
    const curves = jmaCurves(TRUTH, { noise: 0.02, seed: 500 + k });
    const fit = refineJmaFit(curves, TRUTH);
    const b = bootstrapJmaFit(curves, fit, {}, { samples: 200, seed: k + 1, scheme });
    if (b.Ea_kJ_mol.p025 <= TRUTH.Ea_kJ_mol && TRUTH.Ea_kJ_mol <= b.Ea_kJ_mol.p975) Ea++;
    if (b.lgA_s.p025 <= TRUTH.lgA_s && TRUTH.lgA_s <= b.lgA_s.p975) lgA++;
    if (b.n!.p025 <= TRUTH.n && TRUTH.n <= b.n!.p975) n++;
    minCorr = Math.min(minCorr, b.corr_Ea_lgA);
    fitted.push(fit.Ea_kJ_mol);
    bootSd.push(sd(b.replicates.map((r) => r[0])));
  }
  return {
    Ea: Ea / realizations,
    lgA: lgA / realizations,
    n: n / realizations,
    minCorr,
    /** Scatter of the fitted Ea over the noise realisations, and the mean bootstrap SD of Ea. */
    scatterEa: sd(fitted),
    meanBootSdEa: bootSd.reduce((a, v) => a + v, 0) / bootSd.length,
  };
}

test('wild bootstrap: 95 % intervals of Ea, lgA, n cover the truth in ≥ 85 % of 40 noise realizations; bootstrap SD matches the observed scatter; Ea–lgA correlation > 0.99', () => {
  // Measured: Ea 0.900, lgA 0.900, n 0.875 (3 rates, 2 % multiplicative noise, B = 200); bootstrap SD of Ea
  // 0.381 kJ/mol against an observed scatter of the fitted Ea of 0.366 kJ/mol.
  const c = coverage('wild', 40);
  assert.ok(c.Ea >= 0.85 && c.lgA >= 0.85 && c.n >= 0.85, JSON.stringify(c));
  const ratio = c.meanBootSdEa / c.scatterEa;
  assert.ok(ratio > 0.8 && ratio < 1.25, `bootstrap SD / observed scatter = ${ratio}`);
  assert.ok(c.minCorr > 0.99, `compensation ridge: correlation ${c.minCorr}`);
});

test('plain residual resampling undercovers with multiplicative noise (why wild is the default)', () => {
  // Measured: ~0.3 on 40 realizations; 10 are enough to show it is far below 85 %.
  const c = coverage('residual', 10);
  assert.ok(c.Ea < 0.7, JSON.stringify(c));
});

test('intervals bracket the fit, are seeded (same seed ⇒ same result) and n is absent when fixed', () => {
  const curves = jmaCurves(TRUTH, { noise: 0.02, seed: 3 });
  const fit = refineJmaFit(curves, TRUTH, { n: 3 });
  const a = bootstrapJmaFit(curves, fit, { n: 3 }, { samples: 50, seed: 9 });
  const b = bootstrapJmaFit(curves, fit, { n: 3 }, { samples: 50, seed: 9 });
  const c = bootstrapJmaFit(curves, fit, { n: 3 }, { samples: 50, seed: 10 });
  assert.deepEqual(a.replicates, b.replicates);
  assert.notDeepEqual(a.replicates, c.replicates);
  assert.equal(a.n, undefined);
  assert.equal(a.samples, 50);
  assert.ok(a.Ea_kJ_mol.p025 < fit.Ea_kJ_mol && fit.Ea_kJ_mol < a.Ea_kJ_mol.p975);
  assert.ok(a.lgA_s.p025 < fit.lgA_s && fit.lgA_s < a.lgA_s.p975);
  // The ridge passes through the cloud: at the fit's Ea it predicts the fit's lgA to within the lgA interval's width/10.
  const r = a.ridge;
  const predicted = r.slope_per_kJ_mol * fit.Ea_kJ_mol + r.intercept;
  assert.ok(
    Math.abs(predicted - fit.lgA_s) < (a.lgA_s.p975 - a.lgA_s.p025) / 10,
    `${predicted} vs ${fit.lgA_s}`,
  );
  assert.deepEqual(r.Ea_range_kJ_mol, [a.Ea_kJ_mol.p025, a.Ea_kJ_mol.p975]);
});

test('bootstrap with a fit window: replicates refit inside it; curves not matching the fit are refused', () => {
  const curves = jmaCurves(TRUTH, { noise: 0.01, seed: 4 });
  const window_K: [number, number] = [400, 700];
  const fit = refineJmaFit(curves, TRUTH, { window_K });
  const b = bootstrapJmaFit(curves, fit, { window_K }, { samples: 20, seed: 1 });
  assert.ok(b.failed === 0 && b.samples === 20);
  assert.ok(
    Math.abs(b.Ea_kJ_mol.p025 - TRUTH.Ea_kJ_mol) < 5 && Math.abs(b.Ea_kJ_mol.p975 - TRUTH.Ea_kJ_mol) < 5,
  );
  assert.throws(() => bootstrapJmaFit(curves, fit, {}, { samples: 20 }), /does not match the fit/);
});

test('compensation ridge of an exact line lgA = Ea/(R·T_iso·ln10) + b: slope, intercept and T_iso recovered', () => {
  const T_iso = 480;
  const a = 1000 / (R_J_PER_MOL_K * T_iso * Math.LN10);
  const Ea = Array.from({ length: 101 }, (_, i) => 140 + i * 0.2);
  const lgA = Ea.map((e) => a * e - 4.25);
  const r = compensationRidge(Ea, lgA);
  assert.ok(Math.abs(r.slope_per_kJ_mol / a - 1) < 1e-12);
  assert.ok(Math.abs(r.intercept + 4.25) < 1e-9);
  assert.ok(Math.abs(r.T_iso_K! / T_iso - 1) < 1e-12);
  // 95 % range of a uniform grid 140..160: 140.5 and 159.5 by linear interpolation of order statistics.
  assert.ok(Math.abs(r.Ea_range_kJ_mol[0] - 140.5) < 1e-9 && Math.abs(r.Ea_range_kJ_mol[1] - 159.5) < 1e-9);
});

test('percentile: linear interpolation between order statistics (numpy default)', () => {
  const s = Float64Array.from([1, 2, 3, 4, 5]);
  assert.equal(percentile(s, 0), 1);
  assert.equal(percentile(s, 1), 5);
  assert.equal(percentile(s, 0.5), 3);
  assert.ok(Math.abs(percentile(s, 0.025) - 1.1) < 1e-12);
});

test('ckin fit --bootstrap N --json: bootstrap and ridge fields; bad N is a user error (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-boot-'));
  const files = jmaCurves(TRUTH, { noise: 0.02, seed: 11 }).map((c) => {
    const file = join(dir, `run_${c.beta_K_min}.csv`);
    const rows = c.T_K.map((T, i) => `${(T - 273.15).toFixed(6)},${c.dadT_per_K[i]}`);
    writeFileSync(file, ['temperature_C,dadT_per_K', ...rows].join('\n') + '\n');
    return file;
  });
  const run = (extra: string[]) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'fit', ...files, '--rates', '10,30,60', ...extra],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
  const r = run(['--n', '3', '--bootstrap', '40', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.bootstrap.samples, 40);
  assert.equal(out.bootstrap.n, null);
  assert.ok(out.bootstrap.Ea_kJ_mol.p025 < out.Ea_kJ_mol && out.Ea_kJ_mol < out.bootstrap.Ea_kJ_mol.p975);
  assert.ok(out.bootstrap.lgA_s.p025 < out.lgA_s && out.lgA_s < out.bootstrap.lgA_s.p975);
  assert.ok(out.bootstrap.corr_Ea_lgA > 0.99);
  assert.ok(out.ridge.slope_per_kJ_mol > 0 && out.ridge.Ea_range_kJ_mol.length === 2);
  const bad = run(['--bootstrap', '3']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--bootstrap/);
});
