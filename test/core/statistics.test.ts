import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extent, linearFit, maxOf, minOf, pearson, quantileSorted } from '../../src/core/statistics.ts';
import { regressionMetrics } from '../../src/core/regression-metrics.ts';
import { pushAll, insertAt } from '../../src/core/arrays.ts';
import { parabolaVertex, parabolicPeak } from '../../src/analysis/peaks.ts';
import { kissingerLine } from '../../src/analysis/kissinger.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';

test('extent/minOf/maxOf are loops: 300,000 values, NaN skipped, empty gives ±Infinity', () => {
  const x = new Float64Array(300_000).map((_, i) => Math.sin(i));
  x[1234] = -7;
  x[4321] = 9;
  x[5] = NaN;
  assert.deepEqual(extent(x), [-7, 9]);
  assert.equal(minOf([]), Infinity);
  assert.equal(maxOf([]), -Infinity);
});

test('pushAll and insertAt take any number of items', () => {
  const big = Array.from({ length: 300_000 }, (_, i) => i);
  assert.equal(pushAll([1], big).length, 300_001);
  assert.deepEqual(insertAt([1, 2, 5], 2, [3, 4]), [1, 2, 3, 4, 5]);
});

test('pearson: ±1 on lines, 0 on a constant sample; quantileSorted is type 7', () => {
  assert.ok(Math.abs(pearson([1, 2, 3], [2, 4, 6]) - 1) < 1e-15);
  assert.ok(Math.abs(pearson([1, 2, 3], [3, 2, 1]) + 1) < 1e-15);
  assert.equal(pearson([1, 2, 3], [5, 5, 5]), 0);
  // numpy.percentile([1, 2, 3, 4], 10) = 1.3
  assert.ok(Math.abs(quantileSorted([1, 2, 3, 4], 0.1) - 1.3) < 1e-12);
  const f = linearFit([0, 1, 2], [1, 3, 5]);
  assert.ok(Math.abs(f.slope - 2) < 1e-14 && Math.abs(f.intercept - 1) < 1e-14);
});

test('regressionMetrics names its arguments: R² is not symmetric, and the call says which is which', () => {
  // observed 1,2,3,4 (mean 2.5, SST 5), predicted 1,2,3,6: SSE 4 → R² = 0.2. Swapped: SST of 1,2,3,6 = 14.
  const m = regressionMetrics({ predicted: [1, 2, 3, 6], observed: [1, 2, 3, 4] });
  assert.ok(Math.abs(m.r2 - 0.2) < 1e-15);
  const swapped = regressionMetrics({ predicted: [1, 2, 3, 4], observed: [1, 2, 3, 6] });
  assert.ok(Math.abs(swapped.r2 - (1 - 4 / 14)) < 1e-15);
  assert.equal(m.count, 4);
  assert.throws(() => regressionMetrics({ predicted: [1], observed: [1, 2] }), RangeError);
});

test('the one parabolic vertex: exact on a parabola with unequal spacing', () => {
  const p = (t: number) => 5 - 2 * (t - 1.3) ** 2;
  const x = [0.5, 1.1, 2.0];
  const v = parabolaVertex(x, x.map(p), 1);
  assert.ok(Math.abs(v.x - 1.3) < 1e-12 && Math.abs(v.height - 5) < 1e-12);
  const T = [300, 301, 302, 303, 304];
  assert.ok(
    Math.abs(
      parabolicPeak(
        T,
        T.map((t) => 1 - (t - 302.25) ** 2),
      ) - 302.25,
    ) < 1e-9,
  );
  assert.ok(Number.isNaN(parabolicPeak(T, [0, 0, 0, 0, 0])));
});

test('kissingerLine recovers Ea and lgA from exact Kissinger points', () => {
  // Points on ln(β/Tp²) = ln(A·R/Ea) − Ea/(R·Tp) with Ea = 150 kJ/mol, lgA = 12 (β in K/s).
  const Ea = 150e3;
  const A = 1e12;
  const Tp = [500, 520, 540];
  const pts = Tp.map((T) => ({
    T_peak_K: T,
    beta_K_min: 60 * T * T * Math.exp(Math.log((A * R_J_PER_MOL_K) / Ea) - Ea / (R_J_PER_MOL_K * T)),
  }));
  const k = kissingerLine(pts);
  assert.ok(Math.abs(k.Ea_kJ_mol - 150) < 1e-9, String(k.Ea_kJ_mol));
  assert.ok(Math.abs(k.lgA_s - 12) < 1e-9, String(k.lgA_s));
});
