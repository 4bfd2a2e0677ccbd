import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { dormandPrince } from '../../src/kinetics/ode/dormand-prince.ts';
import {
  FK_DELTA_CRITICAL,
  frankKamenetskiiCriticalAmbient_K,
  frankKamenetskiiCriticalSize_m,
  frankKamenetskiiDelta,
  sadtEstimate,
  semenovCriticalAmbient,
  semenovCriticalSize_m,
  semenovNoReturnTemperature_K,
  type HeatSource,
} from '../../src/safety/thermal-explosion.ts';
import { temperatureForTmr_K } from '../../src/safety/tmrad-temperature.ts';
import { adiabaticRunaway } from '../../src/safety/adiabatic.ts';
import {
  eaVariation,
  extrapolationFactor,
  extrapolationWarning,
  timeRangeWarning,
} from '../../src/safety/safety-warnings.ts';

const R = 8.314462618;
// ΔH = 500 J/g = 5e5 J/kg, A = 1e12 s⁻¹, first order at α = 0: Q0 = 5e17 W/kg.
const src: HeatSource = { Ea_kJ_mol: 120, lnQ0_W_kg: Math.log(5e5 * 1e12) };
const q = (T: number) => Math.exp(src.lnQ0_W_kg - 120e3 / (R * T));

test('Semenov: critical ambient temperature against the closed form Tc − Ta = R·Tc²/Ea at the tangency', () => {
  for (const Tc of [380, 450, 520]) {
    // Build the critical case backwards: L from the tangency q′(Tc) = L, Ta from the closed form.
    const L = (q(Tc) * 120e3) / (R * Tc * Tc);
    const Ta = Tc - (R * Tc * Tc) / 120e3;
    const s = semenovCriticalAmbient(src, L);
    assert.ok(Math.abs(s.T_no_return_K - Tc) < 1e-6, `Tc ${s.T_no_return_K} vs ${Tc}`);
    assert.ok(Math.abs(s.T_ambient_critical_K - Ta) < 1e-6, `Ta ${s.T_ambient_critical_K} vs ${Ta}`);
    // The closed-form root (Ea/2R)(1 − √(1 − 4R·Ta/Ea)) gives the same Tc.
    assert.ok(Math.abs(semenovNoReturnTemperature_K(120, Ta) - Tc) < 1e-6);
    // Independent: just below Ta,c the balance q(T) = L(T − Ta) has a stationary state, just above it has none.
    const hasSteadyState = (Tamb: number) => {
      for (let T = Tamb; T < Tamb + 200; T += 0.01) if (q(T) <= L * (T - Tamb)) return true;
      return false;
    };
    assert.equal(hasSteadyState(Ta - 0.05), true);
    assert.equal(hasSteadyState(Ta + 0.05), false);
    // Semenov's classic ψ_c = q(Ta)·Ea/(L·R·Ta²) → 1/e for large Ea/RTa: here within the O(RTa/Ea) correction.
    const psi = (q(Ta) * 120e3) / (L * R * Ta * Ta);
    assert.ok(Math.abs(psi * Math.E - 1) < 6 * ((R * Ta) / 120e3), `ψ_c = ${psi}`);
  }
  // Critical size: a sphere of that radius (S/V = 3/r) with U, ρ has exactly the critical L.
  const r = semenovCriticalSize_m(src, 400, 'sphere', 10, 1500);
  const L = (10 * 3) / (r * 1500);
  assert.ok(Math.abs(semenovCriticalAmbient(src, L).T_ambient_critical_K - 400) < 1e-6);
});

/**
 * Frank-Kamenetskii's δc from the steady equation θ″ + (j/x)θ′ + δ·e^θ = 0, θ′(0) = 0, θ(1) = 0 (j = 0, 1, 2):
 * with θ = θ₀ + w(s), s = x·√(δ·e^θ₀), w″ + (j/s)w′ = −e^w, w(0) = w′(0) = 0, the boundary condition gives
 * δ = s²·e^(w(s)), and δc is its maximum over s (independent of the constants in the code).
 */
function deltaCriticalByShooting(j: number): number {
  const s0 = 1e-4;
  const w0 = -(s0 * s0) / (2 * (j + 1));
  const ds = -s0 / (j + 1);
  const sOut = Array.from({ length: 4000 }, (_, i) => s0 + (i + 1) * 0.0025);
  const res = dormandPrince(
    (s, y, d) => {
      d[0] = y[1];
      d[1] = -Math.exp(y[0]) - (j / s) * y[1];
    },
    s0,
    [w0, ds],
    sOut,
    { rtol: 1e-11, atol: 1e-13 },
  );
  let best = 0;
  for (let i = 0; i < sOut.length; i++) best = Math.max(best, sOut[i] * sOut[i] * Math.exp(res.y[i][0]));
  return best;
}

test('Frank-Kamenetskii: δc of slab, cylinder, sphere agree with shooting the steady heat equation; size and temperature invert each other', () => {
  const shapes = ['slab', 'cylinder', 'sphere'] as const;
  shapes.forEach((shape, j) => {
    const dc = deltaCriticalByShooting(j);
    assert.ok(
      Math.abs(FK_DELTA_CRITICAL[shape] - dc) < 2e-3,
      `${shape}: ${FK_DELTA_CRITICAL[shape]} vs ${dc}`,
    );
    const r = frankKamenetskiiCriticalSize_m(src, 400, shape, 0.2, 1500);
    assert.ok(Math.abs(frankKamenetskiiDelta(src, 400, r, 0.2, 1500) / FK_DELTA_CRITICAL[shape] - 1) < 1e-12);
    assert.ok(Math.abs(frankKamenetskiiCriticalAmbient_K(src, r, shape, 0.2, 1500) - 400) < 1e-6);
  });
  // δ by hand at 400 K, r = 0.1 m, λ = 0.2, ρ = 1500: (Ea/RTa²)·ρ·q·r²/λ.
  const byHand = ((120e3 / (R * 400 * 400)) * 1500 * q(400) * 0.01) / 0.2;
  assert.ok(Math.abs(frankKamenetskiiDelta(src, 400, 0.1, 0.2, 1500) / byHand - 1) < 1e-12);
});

test('SADT-style estimate: the Semenov critical ambient of the package, rounded up to a 5 °C step, with its assumptions', () => {
  const pkg = { mass_kg: 50, surface_m2: 1.2, U_W_m2K: 5 };
  const s = sadtEstimate(src, pkg);
  const L = (5 * 1.2) / 50;
  assert.equal(s.L_W_kgK, L);
  assert.equal(s.T_ambient_critical_K, semenovCriticalAmbient(src, L).T_ambient_critical_K);
  const C = s.sadt_K - 273.15;
  assert.ok(Math.abs(C / 5 - Math.round(C / 5)) < 1e-9, `${C}`);
  assert.ok(s.sadt_K >= s.T_ambient_critical_K && s.sadt_K < s.T_ambient_critical_K + 5);
  assert.ok(s.assumptions.length >= 4);
});

test('T_D24: the start temperature whose TMRad is 24 h — checked by a direct RK4 integration of the adiabatic ODE within 1 %', () => {
  const tr = { Ea_kJ_mol: 150, lgA_s: 12, model: nthOrder(1) };
  const spec = { dH_J_g: 800, cp_J_gK: 1.0, T0_K: 400 };
  const T24 = temperatureForTmr_K((T0_K) => adiabaticRunaway(tr, { ...spec, T0_K }, 2).tmr_s, 86400);
  assert.ok(Math.abs(adiabaticRunaway(tr, { ...spec, T0_K: T24 }).tmr_s / 86400 - 1) < 1e-8);
  const k = (T: number) => 1e12 * Math.exp(-150000 / (R * T));
  const f = (a: number, T: number) => {
    const ra = k(T) * (1 - a);
    return [ra, 800 * ra];
  };
  const n = 200_000;
  const h = (2 * 86400) / n;
  let a = 0;
  let T = T24;
  let best = 0;
  let tBest = 0;
  for (let i = 1; i <= n; i++) {
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
  assert.ok(Math.abs(tBest / 86400 - 1) < 0.01, `RK4 TMRad at T_D24 = ${tBest / 3600} h`);
  // T_D8 is hotter than T_D24.
  const T8 = temperatureForTmr_K((T0_K) => adiabaticRunaway(tr, { ...spec, T0_K }, 2).tmr_s, 8 * 3600);
  assert.ok(T8 > T24 + 5);
});

test('trust warnings: extrapolation factor in 1/T, time range, Ea(α) variation', () => {
  const data: [number, number] = [500, 600];
  assert.equal(extrapolationFactor(data, [550, 550]), 1);
  // 1000/T: data 1.6667–2.0; a prediction at 1000/2.3333 K reaches one data span beyond → factor 2.
  assert.ok(Math.abs(extrapolationFactor(data, [1000 / (2 + 1 / 3), 1000 / (2 + 1 / 3)]) - 2) < 1e-12);
  assert.equal(extrapolationWarning(1.1, data, [520, 520], 'x'), undefined);
  assert.equal(extrapolationWarning(1.5, data, [480, 480], 'x')?.severity, 'info');
  assert.equal(extrapolationWarning(3, data, [420, 420], 'x')?.severity, 'caution');
  assert.equal(extrapolationWarning(6, data, [350, 350], 'x')?.severity, 'unreliable');
  assert.equal(timeRangeWarning(3600, 'x'), undefined);
  assert.equal(timeRangeWarning(0.5, 'x')?.code, 'safety.time-out-of-range');
  assert.equal(timeRangeWarning(200 * 365.25 * 86400, 'x')?.code, 'safety.time-out-of-range');
  const alpha = [0.05, 0.1, 0.5, 0.9, 0.95];
  assert.ok(Math.abs(eaVariation({ alpha, Ea_kJ_mol: [50, 100, 150, 200, 400] }) - 100 / 150) < 1e-12);
});
