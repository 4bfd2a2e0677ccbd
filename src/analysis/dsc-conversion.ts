import { InputError } from '../core/input-error.ts';
import type { ConversionCurve } from './conversion-curve.ts';
import { conversionFromRate } from './conversion.ts';
import { baseline, type BaselineKind } from './dsc-baseline.ts';

/** A DSC peak turned into conversion: α(T) by partial area above the baseline, and the peak enthalpy. */
export interface DscConversion {
  curve: ConversionCurve;
  /** Baseline under the peak, W/g (same rows as `curve.T_K`). */
  baseline_W_g: number[];
  /** Heat flow minus baseline, W/g (exothermic positive). */
  corrected_W_g: number[];
  /**
   * Heat released by the peak, J/g: ΔH = ∫(q − B) dt = ∫(q − B) dT / β with β in K/s
   * (W/g · K ÷ K/s = J/g). Positive for an exotherm.
   */
  enthalpy_J_g: number;
  baselineKind: BaselineKind;
  window_K: [number, number];
}

export interface DscInput {
  T_K: number[];
  /** Heat flow, W/g, exothermic positive. */
  heatFlow_W_g: number[];
  beta_K_min: number;
  file?: string;
}

/**
 * Heat flow → conversion for one DSC peak: keep the rows with T in [lo, hi] (strictly increasing T), subtract the
 * baseline (linear or sigmoidal between the window limits), and take α(T) = ∫_{T₁}^{T}(q − B)dT′ / ∫_{T₁}^{T₂}(q − B)dT′
 * with dα/dT = (q − B)/∫(q − B)dT (partial areas by the trapezoid rule).
 */
export function dscToConversion(
  input: DscInput,
  window_K: [number, number],
  kind: BaselineKind = 'sigmoidal',
): DscConversion {
  const { T_K, heatFlow_W_g, beta_K_min, file } = input;
  const [lo, hi] = window_K;
  if (!(beta_K_min > 0)) {
    throw new InputError(
      'heating rate unknown: give it with --rates (K/min) or use a file whose header states it',
      { file },
    );
  }
  const rows: number[] = [];
  for (let i = 0; i < T_K.length; i++) {
    if (T_K[i] < lo || T_K[i] > hi) continue;
    if (rows.length && T_K[i] <= T_K[rows[rows.length - 1]]) continue; // repeated or backward temperature
    rows.push(i);
  }
  const windowC = `${(lo - 273.15).toFixed(1)}–${(hi - 273.15).toFixed(1)} °C`;
  if (rows.length < 5)
    throw new InputError(`only ${rows.length} DSC points in the window ${windowC} (need ≥ 5)`, { file });
  const T = rows.map((i) => T_K[i]);
  const q = rows.map((i) => heatFlow_W_g[i]);
  const B = baseline(kind, T, q);
  const c = q.map((v, i) => v - B[i]);
  let area: number;
  let alpha: Float64Array;
  let dadT: Float64Array;
  try {
    ({ alpha, dadx: dadT, area } = conversionFromRate(T, c));
  } catch {
    throw new InputError(`no peak above the baseline in the window ${windowC}`, { file });
  }
  if (!(area > 0)) {
    throw new InputError(
      `the heat flow in the window ${windowC} lies below its baseline (net endotherm): if exotherms are recorded negative, pass --exo-sign -1`,
      { file },
    );
  }
  const enthalpy_J_g = area / (beta_K_min / 60);
  return {
    curve: {
      dsc: { heatFlow_W_g: q, baseline_W_g: B, baseline: kind },
      beta_K_min,
      T_K: T,
      alpha: Array.from(alpha),
      dadT_per_K: Array.from(dadT),
      file,
      notes: [
        `DSC: ${kind} baseline over ${windowC}; α by partial area; ΔH = ${enthalpy_J_g.toFixed(1)} J/g`,
      ],
      warnings: [],
    },
    baseline_W_g: B,
    corrected_W_g: c,
    enthalpy_J_g,
    baselineKind: kind,
    window_K: [T[0], T[T.length - 1]],
  };
}
