import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, fmtRate } from '../../src/core/format.ts';
import { checkFitCurves } from '../../src/analysis/fit/validate-curves.ts';

test('display rounding of heating rates: a measured 9.999999999999956 K/min prints as 10; 2.5 stays 2.5', () => {
  assert.equal(fmtRate(9.999999999999956), '10');
  assert.equal(fmtRate(2.5), '2.5');
  assert.equal(fmtRate(0.125), '0.125');
  assert.equal(fmtRate(19.99951), '20');
  assert.equal(fmtRate(NaN), '—');
  assert.equal(fmt(9.999999999999956, 2), '10.00');
});

test('messages print measured rates rounded: repeated 9.999999999999956 K/min shows as "10, 10, 20 K/min"', () => {
  const curve = (beta_K_min: number) => {
    const T_K = Array.from({ length: 200 }, (_, i) => 500 + i);
    return { beta_K_min, T_K, dadT_per_K: T_K.map((T) => Math.exp(-(((T - 600) / 15) ** 2))) };
  };
  const { warnings } = checkFitCurves([curve(9.999999999999956), curve(9.999999999999956), curve(20)]);
  const repeated = warnings.find((w) => w.startsWith('repeated heating rates'));
  assert.equal(repeated, 'repeated heating rates: 10, 10, 20 K/min');
});
