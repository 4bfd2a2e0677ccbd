import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { dscToConversion } from '../../src/analysis/dsc-conversion.ts';
import { linearBaseline, sigmoidalBaseline } from '../../src/analysis/dsc-baseline.ts';
import { InputError } from '../../src/core/input-error.ts';

// A known DSC peak: JMA n = 1.5, Ea = 150 kJ/mol, lgA = 12 at 10 K/min; heat released ΔH = 800 J/g.
// Heat flow q = ΔH·(β/60)·dα/dT (W/g, since J/g · K/s · 1/K = W/g) plus a baseline.
const params = { Ea_kJ_mol: 150, lgA_s: 12, n: 1.5 };
const beta = 10;
const dH = 800;
const T = Array.from({ length: 801 }, (_, i) => 380 + 0.5 * i); // 380–780 K
const exact = jmaExactCurve(params, beta, 300, T);
const peak = Array.from(exact.dadT_per_K, (r) => dH * (beta / 60) * r);
const window: [number, number] = [400, 700];
const inWin = (i: number) => T[i] >= window[0] && T[i] <= window[1];

test('the synthetic peak lies inside the window (precondition of the known answer)', () => {
  const iLo = T.indexOf(400);
  const iHi = T.indexOf(700);
  assert.ok(
    exact.alpha[iLo] < 1e-5 && exact.alpha[iHi] > 1 - 1e-5,
    `${exact.alpha[iLo]} ${exact.alpha[iHi]}`,
  );
});

test('linear baseline: a sloped baseline is removed exactly; α(T) and ΔH recovered', () => {
  const q = peak.map((p, i) => p - 0.05 + 2e-4 * (T[i] - 400));
  const d = dscToConversion({ T_K: T, heatFlow_W_g: q, beta_K_min: beta }, window, 'linear');
  assert.ok(Math.abs(d.enthalpy_J_g - dH) / dH < 1e-3, `ΔH ${d.enthalpy_J_g}`);
  let maxErr = 0;
  d.curve.T_K.forEach((t, k) => {
    const i = T.indexOf(t);
    maxErr = Math.max(maxErr, Math.abs(d.curve.alpha[k] - exact.alpha[i]));
  });
  assert.ok(maxErr < 2e-3, `max |Δα| ${maxErr}`);
  const iPeak = d.curve.dadT_per_K.indexOf(Math.max(...d.curve.dadT_per_K));
  const iTrue = Array.from(exact.dadT_per_K).indexOf(Math.max(...exact.dadT_per_K));
  assert.ok(Math.abs(d.curve.T_K[iPeak] - T[iTrue]) <= 0.5);
});

test('sigmoidal baseline: a heat-capacity step that follows the conversion is removed; linear would not be', () => {
  // baseline steps from 0.10 to 0.30 W/g in proportion to α (the model the sigmoidal baseline assumes)
  const q = peak.map((p, i) => p + 0.1 + 0.2 * exact.alpha[i]);
  const s = dscToConversion({ T_K: T, heatFlow_W_g: q, beta_K_min: beta }, window, 'sigmoidal');
  const l = dscToConversion({ T_K: T, heatFlow_W_g: q, beta_K_min: beta }, window, 'linear');
  const err = (d: typeof s) =>
    Math.max(...d.curve.T_K.map((t, k) => Math.abs(d.curve.alpha[k] - exact.alpha[T.indexOf(t)])));
  assert.ok(err(s) < 2e-3, `sigmoidal max |Δα| ${err(s)}`);
  assert.ok(Math.abs(s.enthalpy_J_g - dH) / dH < 2e-3, `ΔH ${s.enthalpy_J_g}`);
  assert.ok(err(l) > 5 * err(s), `linear ${err(l)} should be clearly worse than sigmoidal ${err(s)}`);
});

test('baselines: linear passes through the end points; sigmoidal of a flat signal is flat', () => {
  const x = [1, 2, 3, 4, 5];
  assert.deepEqual(linearBaseline(x, [1, 9, 9, 9, 3]), [1, 1.5, 2, 2.5, 3]);
  assert.deepEqual(sigmoidalBaseline(x, [2, 2, 2, 2, 2]), [2, 2, 2, 2, 2]);
});

test('an endotherm (exo recorded negative) is refused with the --exo-sign remedy', () => {
  const q = peak.map((p) => -p);
  assert.throws(
    () => dscToConversion({ T_K: T, heatFlow_W_g: q, beta_K_min: beta, file: 'neg.txt' }, window),
    (e: unknown) =>
      e instanceof InputError && /neg\.txt: .*below its baseline.*--exo-sign -1/.test((e as Error).message),
  );
  assert.ok(inWin(T.indexOf(500)));
});
