/**
 * Extrapolated onset temperature by the tangent method (ICTAC/ASTM E2550 for TGA, E537 for DSC): the tangent to the
 * signal at its steepest point on the leading edge meets the baseline. The signal here is already baseline-corrected
 * and rises from 0 (α(T) for TGA, heat flow minus baseline for DSC), so with (Tᵢ, yᵢ, y′ᵢ) at the steepest point
 *   T_onset = Tᵢ − yᵢ / y′ᵢ.
 * For a Gaussian peak y = exp(−((T−Tp)/w)²) the steepest point is Tp − w/√2 and T_onset = Tp − √2·w.
 */
export interface Onset {
  T_onset_K: number;
  /** Where the tangent was taken. */
  T_tangent_K: number;
  /** Slope of the tangent, signal units per K. */
  slope_per_K: number;
}

/**
 * Tangent onset of a rising signal y(T) on [from, peakIndex]: the steepest point is where the central-difference
 * slope is largest (parabolic refinement is not needed: the tangent line through the sample and its slope is used).
 * Returns undefined when the leading edge has fewer than 3 points or never rises.
 */
export function tangentOnset(
  T: ArrayLike<number>,
  y: ArrayLike<number>,
  peakIndex: number,
  from = 0,
): Onset | undefined {
  if (peakIndex - from < 2) return undefined;
  let best = -1;
  let bestSlope = 0;
  for (let i = Math.max(from, 1); i <= peakIndex - 1; i++) {
    const s = (y[i + 1] - y[i - 1]) / (T[i + 1] - T[i - 1]);
    if (s > bestSlope) {
      bestSlope = s;
      best = i;
    }
  }
  if (best < 0) return undefined;
  return { T_onset_K: T[best] - y[best] / bestSlope, T_tangent_K: T[best], slope_per_K: bestSlope };
}

/**
 * TGA onset from a conversion curve: the tangent to α(T) at the DTG peak (the inflection of α) meets α = 0:
 * T_onset = T_p − α(T_p)/(dα/dT)(T_p).
 */
export function conversionOnset(T_peak_K: number, alphaAtPeak: number, dadTAtPeak_per_K: number): number {
  return T_peak_K - alphaAtPeak / dadTAtPeak_per_K;
}
