import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jma, nthOrder, sestakBerggren } from '../../src/kinetics/models/index.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { isothermalTimeToConversion_s, isothermalTemperatureForTime_K } from '../../src/safety/isothermal.ts';
import { conversionAlongProgram } from '../../src/safety/temperature-program.ts';
import { adiabaticRunaway, tmrSemenov_s } from '../../src/safety/adiabatic.ts';
import { sampleTriplets, propagate } from '../../src/safety/propagate.ts';
import { rankByTimeToConversion } from '../../src/safety/ranking.ts';
import { parseTemperatureProgramCsv } from '../../src/io/temperature-program-csv.ts';

const R = 8.314462618;

test('isothermal times equal the analytic JMA expression t = [−ln(1−α)]^(1/n)/k(T) to 1e-9 relative', () => {
  for (const [Ea, lgA, n, T] of [
    [150, 11.5, 3, 450],
    [120, 9, 1, 400],
    [200, 14, 0.7, 520],
  ]) {
    const tr = { Ea_kJ_mol: Ea, lgA_s: lgA, model: jma(n) };
    for (const a of [0.05, 0.1, 0.5]) {
      const k = Math.pow(10, lgA) * Math.exp((-Ea * 1000) / (R * T));
      const analytic = Math.pow(-Math.log(1 - a), 1 / n) / k;
      const t = isothermalTimeToConversion_s(tr, T, a);
      assert.ok(Math.abs(t / analytic - 1) < 1e-9, `${Ea}/${lgA}/${n} α=${a}: ${t} vs ${analytic}`);
      // The temperature for that time inverts it.
      assert.ok(Math.abs(isothermalTemperatureForTime_K(tr, analytic, a) / T - 1) < 1e-12);
    }
  }
});

test('a linear ramp program reproduces the exact non-isothermal JMA solution; a hold reproduces the isothermal law', () => {
  const tr = { Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) };
  const beta = 10; // K/min
  const prog = { time_s: [0, ((1000 - 300) / beta) * 60], T_K: [300, 1000] };
  const times = Array.from({ length: 200 }, (_, i) => (prog.time_s[1] * i) / 199);
  const res = conversionAlongProgram(tr, prog, times);
  const exact = jmaExactCurve({ ...tr, n: 3 }, beta, 300, res.T_K);
  for (let i = 0; i < times.length; i++) assert.ok(Math.abs(res.alpha[i] - exact.alpha[i]) < 1e-10);
  // Hold at 480 K for 1 h after a ramp that converts nothing measurable.
  const hold = { time_s: [0, 60, 3660], T_K: [300, 480, 480] };
  const T = 480;
  const tHold = 3600;
  const a = conversionAlongProgram(tr, hold, [3660]).alpha[0];
  const k = Math.pow(10, 11.5) * Math.exp(-150000 / (R * T));
  // Ramp contribution is included exactly; bound it: α must exceed the hold-only value and stay close to it.
  const holdOnly = 1 - Math.exp(-Math.pow(k * tHold, 3));
  assert.ok(a >= holdOnly && a < holdOnly * 1.05, `${a} vs ${holdOnly}`);
});

test('program with ramp, hold and cooling: the ODE path (Šesták–Berggren ≡ first order) agrees with the exact path', () => {
  const prog = { time_s: [0, 1800, 5400, 7200], T_K: [400, 520, 520, 450] };
  const times = Array.from({ length: 50 }, (_, i) => (7200 * i) / 49);
  const exact = conversionAlongProgram({ Ea_kJ_mol: 130, lgA_s: 11, model: nthOrder(1) }, prog, times);
  const ode = conversionAlongProgram(
    { Ea_kJ_mol: 130, lgA_s: 11, model: sestakBerggren(0, 1, 0) },
    prog,
    times,
  );
  for (let i = 0; i < times.length; i++)
    assert.ok(Math.abs(exact.alpha[i] - ode.alpha[i]) < 1e-6, `t=${times[i]}`);
  assert.ok(exact.alpha[49] > 0.1 && exact.alpha[49] < 1);
});

test('adiabatic TMRad: quadrature agrees with a fine fixed-step RK4 integration of the coupled α–T equations within 0.1 %', () => {
  const tr = { Ea_kJ_mol: 150, lgA_s: 12, model: nthOrder(1) };
  const spec = { dH_J_g: 1000, cp_J_gK: 1, T0_K: 420 };
  const r = adiabaticRunaway(tr, spec);
  // Independent reference: classical RK4 in time, 4e5 steps, max of dT/dt located on the step grid.
  const k = (T: number) => 1e12 * Math.exp(-150000 / (R * T));
  const f = (a: number, T: number) => {
    const ra = k(T) * (1 - a);
    return [ra, 1000 * ra];
  };
  const h = (2 * r.tmr_s) / 4e5;
  let a = 0;
  let T = 420;
  let best = 0;
  let tBest = 0;
  for (let i = 1; i <= 4e5; i++) {
    const [k1a, k1T] = f(a, T);
    const [k2a, k2T] = f(a + (h / 2) * k1a, T + (h / 2) * k1T);
    const [k3a, k3T] = f(a + (h / 2) * k2a, T + (h / 2) * k2T);
    const [k4a, k4T] = f(a + h * k3a, T + h * k3T);
    a += (h / 6) * (k1a + 2 * k2a + 2 * k3a + k4a);
    T += (h / 6) * (k1T + 2 * k2T + 2 * k3T + k4T);
    const rate = f(a, T)[1];
    if (rate > best) {
      best = rate;
      tBest = i * h;
    }
  }
  assert.ok(Math.abs(r.tmr_s / tBest - 1) < 1e-3, `${r.tmr_s} vs RK4 ${tBest}`);
  assert.ok(Math.abs(r.T_final_K - 1420) < 1e-9);
});

test('adiabatic TMRad agrees with the Semenov/Frank-Kamenetskii approximation within its known error O(RT0/Ea) + O(1/B)', () => {
  const tr = { Ea_kJ_mol: 150, lgA_s: 12, model: nthOrder(1) };
  for (const dH of [300, 1000, 2000]) {
    const spec = { dH_J_g: dH, cp_J_gK: 1, T0_K: 420 };
    const B = (dH * 150000) / (R * 420 * 420);
    const tol = (3 * R * 420) / 150000 + 2 / B;
    const ratio = adiabaticRunaway(tr, spec).tmr_s / tmrSemenov_s(tr, spec);
    assert.ok(Math.abs(ratio - 1) <= tol, `ΔH=${dH}: ratio ${ratio}, tolerance ${tol}`);
    assert.ok(ratio > 1, 'reactant consumption and the exact Arrhenius law both lengthen TMR');
  }
});

test('uncertainty propagation: zero spread collapses the interval; correlated sampling follows the compensation ridge', () => {
  const tr = { Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) };
  const none = propagate(sampleTriplets(tr, { Ea_se_kJ_mol: 0, lgA_se: 0 }, 100), (t) => t.Ea_kJ_mol);
  assert.equal(none.p05, 150);
  assert.equal(none.p95, 150);
  const s = sampleTriplets(tr, { Ea_se_kJ_mol: 5, lgA_se: 0.5, corr: 0.99 }, 4000, 3);
  const mE = s.reduce((a, b) => a + b.Ea_kJ_mol, 0) / s.length;
  const mA = s.reduce((a, b) => a + b.lgA_s, 0) / s.length;
  let cov = 0;
  let vE = 0;
  let vA = 0;
  for (const x of s) {
    cov += (x.Ea_kJ_mol - mE) * (x.lgA_s - mA);
    vE += (x.Ea_kJ_mol - mE) ** 2;
    vA += (x.lgA_s - mA) ** 2;
  }
  assert.ok(Math.abs(cov / Math.sqrt(vE * vA) - 0.99) < 0.005);
  assert.ok(Math.abs(Math.sqrt(vE / s.length) - 5) < 0.2);
});

test('ranking at a fixed time-to-α: a higher temperature for 10 % in a day ranks safer', () => {
  const ranked = rankByTimeToConversion([
    { name: 'A', triplet: { Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) } },
    { name: 'B', triplet: { Ea_kJ_mol: 180, lgA_s: 13.0, model: jma(3) } },
  ]);
  const TA = isothermalTemperatureForTime_K({ Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) }, 86400, 0.1);
  const TB = isothermalTemperatureForTime_K({ Ea_kJ_mol: 180, lgA_s: 13.0, model: jma(3) }, 86400, 0.1);
  assert.equal(ranked.find((r) => r.name === (TA > TB ? 'A' : 'B'))!.rank, 1);
});

test('temperature program CSV: units required, times must increase', () => {
  const p = parseTemperatureProgramCsv('time_min,temperature_C\n0,25\n10,125\n70,125\n', 'p.csv');
  assert.deepEqual(p.time_s, [0, 600, 4200]);
  assert.ok(Math.abs(p.T_K[1] - 398.15) < 1e-9);
  assert.throws(() => parseTemperatureProgramCsv('time,temperature\n0,25\n', 'p.csv'), /needs a unit/);
  assert.throws(
    () => parseTemperatureProgramCsv('time_min,temperature_C\n0,25\n0,30\n', 'p.csv'),
    /p\.csv:3: times must increase/,
  );
});

test('adiabatic TMRad uses the interior runaway maximum when the rate is unbounded at α → 0 (JMA n < 1)', () => {
  const tr = { Ea_kJ_mol: 170, lgA_s: 13.3, model: jma(0.5) };
  const r = adiabaticRunaway(tr, { dH_J_g: 600, cp_J_gK: 1.1, T0_K: 420 });
  assert.ok(r.alpha_at_max_rate > 0.01, `α at max rate ${r.alpha_at_max_rate}`);
  assert.ok(r.tmr_s > 1, `TMR ${r.tmr_s} s`);
  // dT/dt has a local maximum there.
  const i = r.curve.alpha.findIndex((a) => a >= r.alpha_at_max_rate);
  assert.ok(
    r.curve.dTdt_K_s[i + 5] < r.max_dTdt_K_s * (1 + 1e-9) &&
      r.curve.dTdt_K_s[Math.max(1, i - 5)] <= r.max_dTdt_K_s * (1 + 1e-9),
  );
});
