import { loadSavedModel } from './saved-model.ts';
import { solveScheme, type ProgramPoints } from './scheme-kinetics.ts';

/** Options of `simulateScheme`. */
export interface SimulateSchemeOptions {
  /** Output times, s (increasing, inside the program); default 501 equidistant times over the program. */
  times_s?: number[];
  /** Integrator relative tolerance (default 1e-7). */
  rtol?: number;
}

/** What a saved multi-step model predicts along a temperature program. */
export interface SchemeSimulation {
  time_s: number[];
  T_K: number[];
  /** Concentration of each species (mass fraction of its source), by species name. */
  species: Record<string, number[]>;
  /** Rate of each step, s⁻¹, [step][output]. */
  step_rates_per_s: number[][];
  /** Extent ξ_j = ∫ r_j dt of each step, [step][output]. */
  step_extents: number[][];
  /**
   * Heat-flow models: heat flow Σ ΔH_j·r_j (W/g) and heat released Σ ΔH_j·ξ_j (J/g).
   * Conversion-rate models: mass-loss rate Σ w_j·r_j (s⁻¹) and conversion α = Σ w_j·ξ_j / Σ w_j.
   */
  heat_flow_W_g?: number[];
  heat_released_J_g?: number[];
  mass_loss_rate_per_s?: number[];
  alpha?: number[];
}

/**
 * Simulate a saved multi-step model (`ckin fit --scheme … --save`) along any temperature program (breakpoints of
 * time and temperature, linear in between: ramps, holds, coolings). Pure; the same integrator as the fit
 * (src/fit/rosenbrock.ts). Throws a RangeError on a bad model or program.
 */
export function simulateScheme(
  model: unknown,
  program: ProgramPoints,
  opts: SimulateSchemeOptions = {},
): SchemeSimulation {
  const { scheme, kinetics, amplitudes, observable } = loadSavedModel(model);
  const np = program.time_s.length;
  if (np < 2 || program.T_K.length !== np)
    throw new RangeError('temperature program: at least two (time, temperature) points');
  for (let i = 0; i < np; i++) {
    if (!(program.T_K[i] > 0)) throw new RangeError(`temperature program point ${i + 1}: T must be > 0 K`);
    if (i > 0 && !(program.time_s[i] > program.time_s[i - 1]))
      throw new RangeError(`temperature program point ${i + 1}: times must increase`);
  }
  const t0 = program.time_s[0];
  const t1 = program.time_s[np - 1];
  const times = opts.times_s ?? Array.from({ length: 501 }, (_, i) => t0 + ((t1 - t0) * i) / 500);
  for (let i = 0; i < times.length; i++)
    if (!(times[i] >= t0 && times[i] <= t1 && (i === 0 || times[i] > times[i - 1])))
      throw new RangeError('output times must increase and lie inside the program');
  const sol = solveScheme(scheme, kinetics, program, times, {
    rtol: opts.rtol ?? 1e-7,
    atol: 1e-10,
    extents: true,
  });
  const m = scheme.steps.length;
  const ns = scheme.species.length;
  const species: Record<string, number[]> = {};
  scheme.species.forEach((name, s) => (species[name] = times.map((_, i) => sol.concentrations[i * ns + s])));
  const rates = scheme.steps.map((_, j) => times.map((_, i) => sol.rates[i * m + j]));
  const ext = scheme.steps.map((_, j) => times.map((_, i) => sol.extents![i * m + j]));
  const weighted = (a: number[][]) =>
    times.map((_, i) => a.reduce((s, col, j) => s + amplitudes[j] * col[i], 0));
  const out: SchemeSimulation = {
    time_s: times,
    T_K: Array.from(sol.T_K),
    species,
    step_rates_per_s: rates,
    step_extents: ext,
  };
  if (observable === 'heatflow') {
    out.heat_flow_W_g = weighted(rates);
    out.heat_released_J_g = weighted(ext);
  } else {
    const total = amplitudes.reduce((s, a) => s + a, 0);
    out.mass_loss_rate_per_s = weighted(rates);
    out.alpha = weighted(ext).map((v) => (total > 0 ? v / total : NaN));
  }
  return out;
}
