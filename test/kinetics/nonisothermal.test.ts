import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jmaExactCurve, exactConversionCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { solveConversionOde } from '../../src/kinetics/nonisothermal-ode.ts';
import { jma, nthOrder, sestakBerggren } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';

const CASE = { Ea_kJ_mol: 120, lgA_s: 35 / Math.LN10, n: 2 }; // A = e³⁵ s⁻¹
const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

test('JMA Ea = 120 kJ/mol, A = e³⁵ s⁻¹, n = 2: exact solution vs Dormand–Prince ODE ≤ 1e-6 in α, β = 0.5–50 K/min', () => {
  const T = grid(300, 650, 0.5);
  for (const beta of [0.5, 2, 10, 50]) {
    const exact = jmaExactCurve(CASE, beta, 300, T);
    const ode = solveConversionOde(jma(2), CASE, beta, 300, T);
    let maxErr = 0;
    for (let i = 0; i < T.length; i++) maxErr = Math.max(maxErr, Math.abs(exact.alpha[i] - ode.alpha[i]));
    assert.ok(maxErr <= 1e-6, `β=${beta}: max |Δα| = ${maxErr}`);
    assert.ok(exact.alpha[T.length - 1] > 0.999, 'conversion completes in the window');
  }
});

test('the exact solution satisfies its rate equation: dα/dT equals the numerical derivative of α(T)', () => {
  const T = grid(400, 600, 0.01);
  const c = jmaExactCurve({ Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 }, 10, 303.15, T);
  for (let i = 1; i < T.length - 1; i += 500) {
    const num = (c.alpha[i + 1] - c.alpha[i - 1]) / 0.02;
    assert.ok(Math.abs(num - c.dadT_per_K[i]) < 1e-6 * Math.max(1, c.dadT_per_K[i] * 100), `T=${T[i]}`);
  }
});

test('generic exact path (g⁻¹) equals the closed-form JMA path', () => {
  const T = grid(300, 700, 1);
  const a = jmaExactCurve({ Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 }, 30, 300, T);
  const b = exactConversionCurve(jma(3), { Ea_kJ_mol: 150, lgA_s: 11.5 }, 30, 300, T);
  for (let i = 0; i < T.length; i++) {
    assert.ok(Math.abs(a.alpha[i] - b.alpha[i]) < 1e-12);
    assert.ok(Math.abs(a.dadT_per_K[i] - b.dadT_per_K[i]) < 1e-9 * Math.max(1e-3, a.dadT_per_K[i]));
  }
});

test('ODE path for a model without g⁻¹ (Šesták–Berggren m=0, n=1, p=0) reproduces exact first order', () => {
  const T = grid(350, 750, 1);
  const p = { Ea_kJ_mol: 150, lgA_s: 12 };
  const exact = exactConversionCurve(nthOrder(1), p, 10, 350, T);
  const ode = solveConversionOde(sestakBerggren(0, 1, 0), p, 10, 350, T);
  for (let i = 0; i < T.length; i++) assert.ok(Math.abs(exact.alpha[i] - ode.alpha[i]) < 1e-6);
});

test('simulateRuns: time = (T − T0)/β, mass = 100 − loss·α, monotone α in [0, 1]', () => {
  const runs = simulateRuns({
    model: jma(3),
    params: { Ea_kJ_mol: 150, lgA_s: 11.5 },
    rates_K_min: [10, 30, 60],
    T_start_K: 303.15,
    T_end_K: 1073.15,
    massLoss_pct: 20,
  });
  for (const r of runs) {
    const i = 1000;
    assert.ok(Math.abs(r.time_s[i] - (r.temperature_K[i] - 303.15) / (r.beta_K_min / 60)) < 1e-9);
    assert.ok(Math.abs(r.mass_pct[i] - (100 - 20 * r.alpha[i])) < 1e-12);
    for (let k = 1; k < r.alpha.length; k++) assert.ok(r.alpha[k] >= r.alpha[k - 1] && r.alpha[k] <= 1);
  }
  assert.throws(
    () =>
      simulateRuns({
        model: jma(3),
        params: { Ea_kJ_mol: -1, lgA_s: 1 },
        rates_K_min: [10],
        T_start_K: 300,
        T_end_K: 400,
      }),
    /Ea must be/,
  );
});
