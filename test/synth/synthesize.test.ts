import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { jmaCleanCurves, synthesizeCurves } from '../../src/synth/synthesize.ts';
import { gridTemperatures_K, PAPER_GRID_C, resampleToGrid, gridCoverage } from '../../src/synth/grid.ts';
import { peakNormalize, argMax } from '../../src/synth/peak-normalize.ts';
import { CLEAN_NOISE, PAPER_NOISE } from '../../src/synth/noise.ts';
import { Xoshiro128 as Rng } from '../../src/core/xoshiro128.ts';

const T = gridTemperatures_K(PAPER_GRID_C);
const rates = [10, 30, 60];
const cases = [
  { Ea_kJ_mol: 135.1, lgA_s: 11.4, n: 3 },
  { Ea_kJ_mol: 251.2, lgA_s: 11.77, n: 3 },
  { Ea_kJ_mol: 186.89, lgA_s: 9, n: 3 },
  { Ea_kJ_mol: 160, lgA_s: 7.5, n: 1.7 },
];

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d / scale;
}

test('the paper grid: 200 points, 30 and 800 °C included, 3.869 K apart', () => {
  assert.equal(T.length, 200);
  assert.equal(T[0], 303.15);
  assert.equal(T[199], 1073.15);
  assert.ok(Math.abs(T[1] - T[0] - 770 / 199) < 1e-12);
});

test('generated curves before noise equal the exact JMA solution (jmaExactCurve) to ≤ 1e-9', () => {
  for (const p of cases) {
    const c = jmaCleanCurves(p, rates, T);
    const s = synthesizeCurves(p, rates, T, PAPER_NOISE, new Rng(1));
    rates.forEach((beta, r) => {
      const ref = jmaExactCurve(p, beta, T[0], T);
      assert.ok(maxRelDiff(c.dadT_per_K[r], ref.dadT_per_K) <= 1e-9, `dα/dT ${JSON.stringify(p)} β=${beta}`);
      assert.ok(maxRelDiff(c.alpha[r], ref.alpha) <= 1e-9, `α ${JSON.stringify(p)} β=${beta}`);
      assert.ok(maxRelDiff(s.dadT_per_K[r], ref.dadT_per_K) <= 1e-9);
      const refNorm = peakNormalize(ref.dadT_per_K);
      assert.ok(maxRelDiff(s.normalized[r], refNorm) <= 1e-9);
      assert.equal(Math.max(...s.normalized[r]), 1);
    });
  }
});

test('peaks move to higher temperature with the heating rate, and the curve integrates to α(end)', () => {
  const p = cases[2];
  const c = jmaCleanCurves(p, rates, T);
  const peaks = c.dadT_per_K.map((d) => T[argMax(d)]);
  assert.ok(peaks[0] < peaks[1] && peaks[1] < peaks[2], `peaks ${peaks.join(', ')}`);
  // Trapezoid ∫ dα/dT dT over the grid ≈ α(end) (n = 3 peaks are only a few grid steps wide: 2 % tolerance).
  rates.forEach((_, r) => {
    let integral = 0;
    for (let i = 1; i < T.length; i++)
      integral += ((c.dadT_per_K[r][i] + c.dadT_per_K[r][i - 1]) / 2) * (T[i] - T[i - 1]);
    assert.ok(Math.abs(integral - c.alpha[r][T.length - 1]) < 0.02, `integral ${integral}`);
  });
});

test('clean noise leaves the normalized curves untouched; paper noise changes them', () => {
  const p = cases[0];
  const clean = synthesizeCurves(p, rates, T, CLEAN_NOISE, new Rng(1));
  clean.noisy.forEach((c, r) => assert.deepEqual(Array.from(c), Array.from(clean.normalized[r])));
  const noisy = synthesizeCurves(p, rates, T, PAPER_NOISE, new Rng(1));
  assert.notDeepEqual(Array.from(noisy.noisy[0]), Array.from(noisy.normalized[0]));
});

test('resampleToGrid: linear interpolation, 0 outside the measured range, errors on bad input', () => {
  const Tm = [300, 310, 320, 330];
  const v = [0, 1, 4, 9];
  const out = resampleToGrid(Tm, v, [295, 300, 305, 315, 330, 335]);
  assert.deepEqual(Array.from(out), [0, 0, 0.5, 2.5, 9, 0]);
  // A linear signal is reproduced exactly.
  const Tl = Array.from({ length: 101 }, (_, i) => 290 + i * 8);
  const lin = Tl.map((t) => 2 * t - 5);
  const r = resampleToGrid(Tl, lin, T);
  for (let i = 0; i < T.length; i++) assert.ok(Math.abs(r[i] - (2 * T[i] - 5)) < 1e-9);
  assert.equal(gridCoverage(Tl, T), 1);
  assert.equal(gridCoverage([400, 500], T), T.filter((t) => t >= 400 && t <= 500).length / 200);
  assert.throws(() => resampleToGrid([300, 299], [0, 1], T), /non-decreasing/);
  assert.throws(() => resampleToGrid([300, 301], [0], T), RangeError);
  assert.throws(() => resampleToGrid([300, NaN], [0, 1], T), /non-finite/);
});

test('resampling a fine exact curve onto the grid agrees with evaluating it at the grid', () => {
  const p = cases[2];
  const fine = Float64Array.from({ length: 770 * 20 + 1 }, (_, i) => 303.15 + i * 0.05);
  const exactFine = jmaExactCurve(p, 10, fine[0], fine).dadT_per_K;
  const onGrid = jmaExactCurve(p, 10, T[0], T).dadT_per_K;
  const resampled = resampleToGrid(fine, exactFine, T);
  assert.ok(maxRelDiff(resampled, onGrid) < 1e-3);
});

test('peakNormalize: peak height 1, input untouched, no signal gives zeros', () => {
  const c = [0, 2, 4, 1];
  assert.deepEqual(Array.from(peakNormalize(c)), [0, 0.5, 1, 0.25]);
  assert.deepEqual(c, [0, 2, 4, 1]);
  assert.deepEqual(Array.from(peakNormalize([0, 0, 0])), [0, 0, 0]);
});
