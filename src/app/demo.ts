import { join } from 'node:path';
import { kissingerFromCurves } from '../analysis/kissinger.ts';
import { isoconversional, ISO_METHODS } from '../analysis/isoconversional/index.ts';
import { fitJma } from '../analysis/fit/jma-fit.ts';
import { jma } from '../kinetics/models/index.ts';
import { isothermalTemperatureForTime_K } from '../safety/isothermal.ts';
import { adiabaticRunaway } from '../safety/adiabatic.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { simulate } from './simulate.ts';
import { kissingerJson } from './kissinger.ts';
import { loadCurves } from './run-sources.ts';

/** The embedded default of the main job: a three-rate JMA run like the cathodes of Zhou et al. 2026. */
export const DEMO_CASE = {
  model: 'jma',
  Ea_kJ_mol: 150,
  lgA_s: 11.5,
  n: 3,
  rates_K_min: [10, 30, 60],
} as const;

/** Where `ckin demo` writes its runs by default (relative to the working directory). */
export const DEMO_DEFAULT_OUT = join('out', 'demo');

export interface DemoOptions {
  /** Directory for the simulated runs (default out/demo). */
  out?: string;
}

/**
 * `ckin demo`: the main job end to end on the embedded default — simulate a three-rate JMA decomposition, write the
 * runs as CSV, read them back like user files, analyse them (Kissinger and the four isoconversional methods), fit the
 * JMA model to all rates at once (differential evolution + polish), and turn the fitted triplet into safety numbers
 * (isothermal temperature for 10 % conversion in a day, adiabatic TMR from 150 °C), comparing with the known truth.
 */
export function demo(opts: DemoOptions = {}) {
  const sim = simulate({
    model: DEMO_CASE.model,
    Ea_kJ_mol: DEMO_CASE.Ea_kJ_mol,
    lgA_s: DEMO_CASE.lgA_s,
    n: DEMO_CASE.n,
    heatingRates_K_min: [...DEMO_CASE.rates_K_min],
    T_start_K: celsiusToKelvin(30),
    T_end_K: celsiusToKelvin(800),
    step_K: 0.5,
    massLoss_pct: 20,
    out: opts.out ?? DEMO_DEFAULT_OUT,
  });
  const files = sim.runs.map((r) => r.file!);
  const { curves } = loadCurves({ runs: files.map((path) => ({ path })) });
  const kis = kissingerFromCurves(curves);
  const alphas = [0.2, 0.5, 0.8];
  const iso = ISO_METHODS.map((m) => {
    const res = isoconversional(m, curves, alphas);
    return { method: m, alpha: alphas, Ea_at: res.rows.map((r) => r.Ea_kJ_mol) };
  });
  const fit = fitJma(curves, { seed: 1 });
  const triplet = { Ea_kJ_mol: fit.Ea_kJ_mol, lgA_s: fit.lgA_s, model: jma(fit.n) };
  const safety = {
    T_alpha0p1_1day_K: isothermalTemperatureForTime_K(triplet, 86400, 0.1),
    tmr_from_150C_h:
      adiabaticRunaway(triplet, { dH_J_g: 600, cp_J_gK: 1.1, T0_K: celsiusToKelvin(150) }, 2).tmr_s / 3600,
  };
  return {
    truth: { model: sim.model, Ea_kJ_mol: DEMO_CASE.Ea_kJ_mol, lgA_s: DEMO_CASE.lgA_s, n: DEMO_CASE.n },
    files,
    peaks: sim.runs.map((r) => ({ beta_K_min: r.beta_K_min, T_peak_K: r.T_peak_K })),
    kissinger: kissingerJson(kis),
    kissingerRaw: kis,
    iso,
    fit: {
      Ea_kJ_mol: fit.Ea_kJ_mol,
      lgA_s: fit.lgA_s,
      n: fit.n,
      r2: fit.rates.map((r) => r.r2),
      time_ms: fit.time_ms,
    },
    safety,
    warnings: [...kis.warnings, ...fit.warnings],
  };
}
