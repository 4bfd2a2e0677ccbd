/**
 * Peak normalization (Zhou 2026 §3.4): divide a curve by its maximum so that the peak height is 1.
 * A curve whose maximum is not positive and finite (no signal) is returned as zeros; callers flag such samples.
 * Returns a new array; the input is not modified.
 */
export function peakNormalize(curve: ArrayLike<number>): Float64Array {
  const out = new Float64Array(curve.length);
  const max = maxOf(curve);
  if (!(max > 0) || !Number.isFinite(max)) return out;
  // Divide (not multiply by 1/max) so that the peak is exactly 1.
  for (let i = 0; i < curve.length; i++) out[i] = curve[i] / max;
  return out;
}

/** Largest value of a curve (−Infinity when empty; NaN entries are skipped). */
export function maxOf(curve: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < curve.length; i++) if (curve[i] > max) max = curve[i];
  return max;
}

/** Index of the first maximum of a curve (−1 when empty). */
export function argMax(curve: ArrayLike<number>): number {
  let best = -1;
  let max = -Infinity;
  for (let i = 0; i < curve.length; i++) {
    if (curve[i] > max) {
      max = curve[i];
      best = i;
    }
  }
  return best;
}
