import type { ReactionModel } from './models/reaction-model.ts';
import type { ArrheniusParams } from './kinetic-params.ts';
import { exactConversionCurve } from './nonisothermal-exact.ts';
import { solveConversionOde } from './nonisothermal-ode.ts';
import { kPerMinToKPerS } from './constants.ts';

/** One simulated constant-heating-rate run. Arrays share one index. */
export interface SimulatedRun {
  beta_K_min: number;
  temperature_K: Float64Array;
  time_s: Float64Array;
  alpha: Float64Array;
  dadT_per_K: Float64Array;
  /** Sample mass in % of the initial mass: 100 − massLoss_pct·α. */
  mass_pct: Float64Array;
  /** `exact` (closed-form g⁻¹ with the temperature integral) or `ode` (Dormand–Prince). */
  method: 'exact' | 'ode';
}

export interface SimulationSpec {
  model: ReactionModel;
  params: ArrheniusParams;
  /** Heating rates, K/min. */
  rates_K_min: number[];
  /** Start of the ramp, K (α = 0 there). */
  T_start_K: number;
  /** End of the ramp, K. */
  T_end_K: number;
  /** Temperature step of the output grid, K (default 0.5 K). */
  step_K?: number;
  /** Total mass loss of the step in % of the initial mass (default 100). */
  massLoss_pct?: number;
}

/**
 * Simulate multi-rate linear-heating runs of a single-step reaction: exact solution where the model has a closed
 * g⁻¹, the adaptive ODE path otherwise. Time t = (T − T_start)/β.
 */
export function simulateRuns(spec: SimulationSpec): SimulatedRun[] {
  const step = spec.step_K ?? 0.5;
  if (!(spec.T_end_K > spec.T_start_K)) throw new RangeError('simulate: T_end must be above T_start');
  if (!(step > 0)) throw new RangeError('simulate: step must be > 0 K');
  if (spec.rates_K_min.length === 0) throw new RangeError('simulate: give at least one heating rate');
  const lossPct = spec.massLoss_pct ?? 100;
  const count = Math.floor((spec.T_end_K - spec.T_start_K) / step + 1e-9) + 1;
  const T = new Float64Array(count);
  for (let i = 0; i < count; i++) T[i] = spec.T_start_K + i * step;
  return spec.rates_K_min.map((beta) => {
    if (!(beta > 0)) throw new RangeError(`simulate: heating rate must be > 0 K/min, got ${beta}`);
    const exact = spec.model.gInverse !== undefined;
    const curve = exact
      ? exactConversionCurve(spec.model, spec.params, beta, spec.T_start_K, T)
      : solveConversionOde(spec.model, spec.params, beta, spec.T_start_K, T);
    const betaPerS = kPerMinToKPerS(beta);
    const time_s = T.map((t) => (t - spec.T_start_K) / betaPerS);
    const mass_pct = curve.alpha.map((a) => 100 - lossPct * a);
    return {
      beta_K_min: beta,
      temperature_K: T.slice(),
      time_s,
      alpha: curve.alpha,
      dadT_per_K: curve.dadT_per_K,
      mass_pct,
      method: exact ? 'exact' : 'ode',
    };
  });
}
