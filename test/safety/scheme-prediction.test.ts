import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSavedModel, type SavedSchemeModel } from '../../src/fit/saved-model.ts';
import { simulateScheme } from '../../src/fit/simulate-scheme.ts';
import {
  crossingTime,
  schemeAdiabatic,
  schemeAlongProgram,
  schemeIsothermalTimes_s,
  schemeProgramTimes_s,
} from '../../src/safety/scheme-prediction.ts';
import { choleskySemidefinite, sampleSchemeModels } from '../../src/safety/scheme-sampling.ts';
import { adiabaticRunaway } from '../../src/safety/adiabatic.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';

/** A model file as `ckin fit --save` writes it (hand-written parameters: the known answer does not come from a fit). */
function modelFile(
  scheme: string,
  steps: { model: string; Ea: number; lgA: number; params?: Record<string, number>; amp: number }[],
  observable: 'heatflow' | 'conversion-rate' = 'heatflow',
): SavedSchemeModel {
  const names = scheme.split(';').map((s) => s.trim().split(':')[0].split('->'));
  return {
    format: 'ckin-scheme-model',
    version: 1,
    scheme,
    observable,
    steps: steps.map((s, j) => ({
      from: names[j][0],
      to: names[j][1],
      model: s.model,
      Ea_kJ_mol: s.Ea,
      lgA_s: s.lgA,
      params: s.params ?? {},
      ...(observable === 'heatflow' ? { dH_J_g: s.amp } : { mass_fraction: s.amp }),
    })),
    fitted_to: { files: [], beta_K_min: [2, 5, 10], T_range_K: [420, 560] },
    statistics: { sse: 0, n_points: 0, n_params: 0, aicc: 0, bic: 0, min_r2: 1 },
    created_by: 'test',
  };
}

const k = (Ea: number, lgA: number, T: number) =>
  Math.pow(10, lgA) * Math.exp((-Ea * 1000) / (R_J_PER_MOL_K * T));

test('one-step F1 model file: isothermal t_α = −ln(1−α)/k(T) within 1e-4 at 150–250 °C', () => {
  const m = loadSavedModel(modelFile('A->B:F1', [{ model: 'F1', Ea: 150, lgA: 12, amp: 800 }]));
  const alphas = [0.01, 0.05, 0.1, 0.5, 0.9];
  for (const T_C of [150, 200, 250]) {
    const T = T_C + 273.15;
    const got = schemeIsothermalTimes_s(m, T, alphas);
    alphas.forEach((a, i) => {
      const exact = -Math.log(1 - a) / k(150, 12, T);
      assert.ok(Math.abs(got[i] / exact - 1) < 1e-4, `${T_C} °C α ${a}: ${got[i]} vs ${exact}`);
    });
  }
});

test('two-step consecutive model file: α(t) along a ramp + hold equals simulateScheme of the same file within 1e-6', () => {
  const file = modelFile('A->B:Fn; B->C:F1', [
    { model: 'Fn', Ea: 100, lgA: 9, params: { n: 1.5 }, amp: 300 },
    { model: 'F1', Ea: 160, lgA: 14, amp: 500 },
  ]);
  const m = loadSavedModel(file);
  const program = { time_s: [0, 6000, 20000], T_K: [400, 500, 500] };
  const times = Array.from({ length: 101 }, (_, i) => i * 200);
  const direct = simulateScheme(file, program, { times_s: times, rtol: 1e-10 });
  const got = schemeAlongProgram(m, program, times, [300, 500]);
  const Q = 800;
  times.forEach((_, i) => {
    const a = direct.heat_released_J_g![i] / Q;
    assert.ok(Math.abs(got.alpha[i] - a) < 1e-6, `t ${times[i]}: α ${got.alpha[i]} vs ${a}`);
    const q = direct.heat_flow_W_g![i];
    assert.ok(Math.abs(got.heat_flow_W_g![i] - q) < 1e-6 * Math.max(1e-3, Math.abs(q)));
  });
  // Both steps matter: the second step lags, so α at the end of the ramp is between the steps' shares.
  const iRampEnd = 30;
  assert.ok(got.alpha[iRampEnd] > 0.2 && got.alpha[iRampEnd] < 0.9, `α ${got.alpha[iRampEnd]}`);
  // The times to α from the dense solution agree with the crossings of the direct simulation.
  const tHalf = schemeProgramTimes_s(m, program, [0.5])[0];
  const dense = Array.from({ length: 20001 }, (_, i) => i);
  const d = simulateScheme(file, program, { times_s: dense, rtol: 1e-10 });
  const alphaD = d.heat_released_J_g!.map((v) => v / Q);
  const rateD = d.heat_flow_W_g!.map((v) => v / Q);
  const tRef = crossingTime(dense, alphaD, rateD, 0.5);
  assert.ok(Math.abs(tHalf - tRef) < 0.5, `${tHalf} vs ${tRef}`);
});

test('one-step F1 model file: adiabatic TMRad equals the adiabatic integration of the triplet within 1 %', () => {
  const m = loadSavedModel(modelFile('A->B:F1', [{ model: 'F1', Ea: 120, lgA: 10, amp: 600 }]));
  for (const T0 of [380, 400, 420]) {
    const ref = adiabaticRunaway(
      { Ea_kJ_mol: 120, lgA_s: 10, model: nthOrder(1) },
      { dH_J_g: 600, cp_J_gK: 1.1, T0_K: T0 },
    );
    const got = schemeAdiabatic(m, { heats_J_g: [600], cp_J_gK: 1.1, T0_K: T0 });
    assert.ok(Math.abs(got.tmr_s / ref.tmr_s - 1) < 0.01, `T0 ${T0}: ${got.tmr_s} vs ${ref.tmr_s}`);
    assert.ok(Math.abs(got.dT_ad_K - 600 / 1.1) < 0.01, `ΔT_ad ${got.dT_ad_K}`);
    assert.ok(Math.abs(got.T_at_max_rate_K - ref.T_at_max_rate_K) < 0.05, `${got.T_at_max_rate_K}`);
    assert.ok(Math.abs(got.max_dTdt_K_s / ref.max_dTdt_K_s - 1) < 1e-4);
  }
});

test('semidefinite Cholesky reproduces C and tolerates a perfectly correlated pair', () => {
  const C = [4, 2, 0.4, 2, 2, 0.2, 0.4, 0.2, 1];
  const L = choleskySemidefinite(C, 3);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let q = 0; q < 3; q++) s += L[i * 3 + q] * L[j * 3 + q];
      assert.ok(Math.abs(s - C[i * 3 + j]) < 1e-12);
    }
  const S = choleskySemidefinite([1, 1, 1, 1], 2);
  assert.deepEqual(Array.from(S), [1, 0, 1, 0]);
});

test('sampled models have the mean, spread and correlation of the uncertainty block', () => {
  const m = loadSavedModel(modelFile('A->B:F1', [{ model: 'F1', Ea: 150, lgA: 12, amp: 800 }]));
  const u = {
    parameter_names: ['step 1 Ea_kJ_mol', 'step 1 lgA_s', 'step 1 dH_J_g'],
    se: [2, 0.2, 10],
    correlation: [
      [1, 0.95, 0],
      [0.95, 1, 0],
      [0, 0, 1],
    ],
  };
  const s = sampleSchemeModels(m, u, 4000, 7);
  assert.equal(s.length, 4000);
  const E = s.map((x) => x.kinetics[0].Ea_kJ_mol);
  const A = s.map((x) => x.kinetics[0].lgA_s);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
  assert.ok(Math.abs(mean(E) - 150) < 0.15);
  assert.ok(Math.abs(sd(E) / 2 - 1) < 0.05);
  assert.ok(Math.abs(sd(A) / 0.2 - 1) < 0.05);
  const r = mean(E.map((e, i) => (e - mean(E)) * (A[i] - mean(A)))) / (sd(E) * sd(A));
  assert.ok(Math.abs(r - 0.95) < 0.01, `ρ ${r}`);
  // The same seed gives the same draws; the model itself is untouched.
  assert.deepEqual(sampleSchemeModels(m, u, 3, 7), s.slice(0, 3));
  assert.equal(m.kinetics[0].Ea_kJ_mol, 150);
});
