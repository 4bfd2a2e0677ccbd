import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lgAForEndConversion,
  lgAInformationLimit,
  truncatedLgAMoments,
  type LabelPrior,
} from '../../src/nn/identifiability.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { celsiusToKelvin } from '../../src/kinetics/constants.ts';
import { NCM_MATERIALS } from '../../src/synth/materials.ts';

const T0 = celsiusToKelvin(30);
const Tend = celsiusToKelvin(800);
const grid = Float64Array.from({ length: 200 }, (_, i) => T0 + ((Tend - T0) * i) / 199);

/** Peak-normalized exact dα/dT on the paper grid (what the network sees, before noise). */
function normalizedCurve(Ea: number, lgA: number, beta: number): Float64Array {
  const { dadT_per_K } = jmaExactCurve({ Ea_kJ_mol: Ea, lgA_s: lgA, n: 3 }, beta, T0, grid);
  const peak = Math.max(...dadT_per_K);
  return dadT_per_K.map((v) => v / peak);
}
const maxAbsDiff = (a: Float64Array, b: Float64Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

test('lgAForEndConversion inverts the exact JMA solution at the window end', () => {
  for (const [Ea, beta, eps] of [
    [240, 10, 0.01],
    [150, 60, 0.5],
    [200, 30, 0.999],
  ]) {
    const lgA = lgAForEndConversion(Ea, 3, beta, T0, Tend, eps);
    const { alpha } = jmaExactCurve({ Ea_kJ_mol: Ea, lgA_s: lgA, n: 3 }, beta, T0, [Tend]);
    assert.ok(Math.abs(alpha[0] - eps) < 1e-9 * Math.max(1, eps), `Ea ${Ea}: α_end ${alpha[0]} vs ${eps}`);
  }
});

test('below α_end = 1 % the peak-normalized curves do not depend on lgA; above they do', () => {
  const Ea = 240;
  const lgAStar = lgAForEndConversion(Ea, 3, 10, T0, Tend, 0.01);
  for (const beta of [10, 30, 60]) {
    // 2.5 decades of A apart, both with α_end ≤ 1 %: the curves agree to ~1 % of the peak (the noise is 2 %).
    const d = maxAbsDiff(normalizedCurve(Ea, lgAStar, beta), normalizedCurve(Ea, lgAStar - 2.5, beta));
    assert.ok(d < 0.012, `β ${beta}: max |Δ| ${d}`);
  }
  // A reaction that completes inside the window: a 0.1 shift in lgA moves the peak visibly.
  const lgA = lgAForEndConversion(Ea, 3, 10, T0, Tend, 0.999) + 1;
  const d = maxAbsDiff(normalizedCurve(Ea, lgA, 10), normalizedCurve(Ea, lgA + 0.1, 10));
  assert.ok(d > 0.1, `identifiable case: max |Δ| ${d}`);
});

test('truncated moments: uniform plane only and one KCE line only (closed forms)', () => {
  const plane: LabelPrior = { materials: [], kceShare: 0, plane: { Ea_kJ_mol: [120, 260], lgA_s: [4, 14] } };
  // Uniform on [4, 9]: mean 6.5, variance 25/12.
  const u = truncatedLgAMoments(plane, 200, 9);
  assert.ok(Math.abs(u.mean - 6.5) < 1e-3 && Math.abs(u.variance - 25 / 12) < 1e-3, JSON.stringify(u));
  const m = NCM_MATERIALS[0];
  const line: LabelPrior = { materials: [m], kceShare: 1, plane: plane.plane };
  // Normal N(μ, σ²) truncated above at μ: mean μ − σ·√(2/π), variance σ²(1 − 2/π).
  const mu = m.kceSlope_per_kJ_mol * 200 + m.kceIntercept_lgA_s;
  const sig = m.lgA_jitter_sigma;
  const t = truncatedLgAMoments(line, 200, mu);
  assert.ok(Math.abs(t.mean - (mu - sig * Math.sqrt(2 / Math.PI))) < 1e-4, `mean ${t.mean}`);
  assert.ok(Math.abs(t.variance - sig * sig * (1 - 2 / Math.PI)) < 1e-4, `variance ${t.variance}`);
  // Outside every Ea window the condition is impossible.
  assert.equal(truncatedLgAMoments(line, 300, mu).mass, 0);
});

test('information limit: only samples below the threshold add to the floor', () => {
  const prior: LabelPrior = { materials: [], kceShare: 0, plane: { Ea_kJ_mol: [120, 260], lgA_s: [4, 14] } };
  const Ea = 240;
  const star = lgAForEndConversion(Ea, 3, 10, T0, Tend, 0.01);
  // One sample far below the threshold (no lgA information), one that completes (informative).
  const targets = [Ea, star - 1, Ea, 13.5];
  const r = lgAInformationLimit(targets, [3, 3], 2, prior, [10, 30, 60], T0, Tend, 0.01);
  assert.equal(r.unidentifiable, 1);
  // Floor = variance of U(4, star): (star − 4)²/12; SST of the two labels = (13.5 − (star − 1))²/2.
  const floor = (star - 4) ** 2 / 12;
  assert.ok(Math.abs(r.sseFloor_lgA - floor) < 1e-3, `${r.sseFloor_lgA} vs ${floor}`);
  assert.ok(Math.abs(r.r2Max_lgA - (1 - floor / ((13.5 - (star - 1)) ** 2 / 2))) < 1e-3);
});
