import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expint2Scaled, jmaRateInto, makeGridCurve } from '../../src/analysis/fit/jma-model.ts';
import { expintEn } from '../../src/kinetics/exponential-integral.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { PAPER_GRID_K } from './fit-helpers.ts';

test('fixed-depth e^x·E2(x) agrees with expintEn to 2e-14 for x in [0.1, 300]', () => {
  for (let x = 0.1; x < 300; x *= 1.07) {
    const ref = expintEn(2, x, true);
    assert.ok(Math.abs(expint2Scaled(x) / ref - 1) < 2e-14, `x = ${x}: ${expint2Scaled(x)} vs ${ref}`);
  }
});

test('fast JMA evaluator equals jmaExactCurve to 2e-11 of the peak (several Ea, lgA, n, β)', () => {
  const cases = [
    [150, 11.5, 3],
    [200, 13, 0.7],
    [120, 8, 1],
    [250, 16, 2],
    [60, 2, 0.4],
    [380, 24, 4],
  ];
  for (const [Ea, lgA, n] of cases) {
    for (const beta of [2, 10, 60]) {
      const ref = jmaExactCurve({ Ea_kJ_mol: Ea, lgA_s: lgA, n }, beta, 303.15, PAPER_GRID_K).dadT_per_K;
      const out = new Float64Array(PAPER_GRID_K.length);
      const max = jmaRateInto(out, makeGridCurve(beta, PAPER_GRID_K, 303.15), Ea, lgA, n);
      const peak = Math.max(...ref);
      assert.ok(Math.abs(max - peak) <= 1e-12 * peak, `max ${max} vs ${peak}`);
      for (let i = 0; i < out.length; i++) {
        assert.ok(
          Math.abs(out[i] - ref[i]) <= 2e-11 * peak,
          `Ea ${Ea} lgA ${lgA} n ${n} β ${beta} i ${i}: ${out[i]} vs ${ref[i]}`,
        );
      }
    }
  }
});

test('fast JMA evaluator: reaction entirely beyond the grid gives zeros', () => {
  const out = new Float64Array(PAPER_GRID_K.length).fill(1);
  assert.equal(jmaRateInto(out, makeGridCurve(10, PAPER_GRID_K, 303.15), 300, 5, 3), 0);
  assert.ok(out.every((v) => v === 0));
});
