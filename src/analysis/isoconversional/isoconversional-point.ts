import type { ConversionCurve } from '../conversion-curve.ts';
import { InputError } from '../../core/input-error.ts';
import { maxOf } from '../../core/statistics.ts';

/** The state of one run at a given conversion: temperature, rate, time (linear interpolation). */
export interface IsoPoint {
  beta_K_min: number;
  T_K: number;
  dadT_per_K: number;
  /** dα/dt, s⁻¹, when the curve has it (time route). */
  dadt_per_s?: number;
  /** Time at this conversion, s, when the curve has time. */
  time_s?: number;
  /** Index of the first sample at or after this conversion. */
  index: number;
  file?: string;
}

/**
 * Temperature and dα/dT where the curve first reaches conversion `alpha`. Between the two bracketing samples α(T)
 * is the cubic Hermite interpolant of the values α and slopes dα/dT (a narrow JMA peak changes α by several
 * hundredths per sample, where linear interpolation biases T_α); the crossing is found by bisection, and dα/dT is
 * interpolated linearly. Noisy α that dips back is handled by taking the first upward crossing.
 */
export function pointAtConversion(curve: ConversionCurve, alpha: number): IsoPoint {
  const a = curve.alpha;
  for (let i = 1; i < a.length; i++) {
    if (a[i - 1] < alpha && a[i] >= alpha) {
      const T0 = curve.T_K[i - 1];
      const h = curve.T_K[i] - T0;
      const w = hermiteCrossing(a[i - 1], a[i], curve.dadT_per_K[i - 1] * h, curve.dadT_per_K[i] * h, alpha);
      const lerp = (y: number[]) => y[i - 1] + w * (y[i] - y[i - 1]);
      const p: IsoPoint = {
        beta_K_min: curve.beta_K_min,
        T_K: T0 + w * h,
        dadT_per_K: lerp(curve.dadT_per_K),
        index: i,
        file: curve.file,
      };
      if (curve.dadt_per_s) p.dadt_per_s = lerp(curve.dadt_per_s);
      if (curve.time_s) p.time_s = lerp(curve.time_s);
      return p;
    }
  }
  if (a.length && a[0] >= alpha) {
    const p: IsoPoint = {
      beta_K_min: curve.beta_K_min,
      T_K: curve.T_K[0],
      dadT_per_K: curve.dadT_per_K[0],
      index: 0,
      file: curve.file,
    };
    if (curve.dadt_per_s) p.dadt_per_s = curve.dadt_per_s[0];
    if (curve.time_s) p.time_s = curve.time_s[0];
    return p;
  }
  throw new InputError(`conversion never reaches α = ${alpha} (maximum ${maxOf(a).toFixed(3)})`, {
    file: curve.file,
  });
}

/**
 * Fraction w ∈ [0, 1] where the cubic Hermite interpolant with end values y0 < target ≤ y1 and end slopes m0, m1
 * (per unit w) equals `target`, by bisection. Falls back to the linear crossing if the cubic does not bracket.
 */
function hermiteCrossing(y0: number, y1: number, m0: number, m1: number, target: number): number {
  const H = (w: number) => {
    const w2 = w * w;
    const w3 = w2 * w;
    return (2 * w3 - 3 * w2 + 1) * y0 + (w3 - 2 * w2 + w) * m0 + (-2 * w3 + 3 * w2) * y1 + (w3 - w2) * m1;
  };
  const linear = (target - y0) / (y1 - y0);
  if (!Number.isFinite(m0) || !Number.isFinite(m1)) return linear;
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = 0.5 * (lo + hi);
    if (H(mid) < target) lo = mid;
    else hi = mid;
  }
  const w = 0.5 * (lo + hi);
  return Math.abs(H(w) - target) < 1e-9 * Math.max(1, Math.abs(target)) ? w : linear;
}
