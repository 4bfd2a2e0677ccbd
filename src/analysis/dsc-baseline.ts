/**
 * DSC baselines under a peak between two limits T₁ < T₂ (the user's window or auto-detected limits).
 * - linear: the straight line through the signal at T₁ and T₂;
 * - sigmoidal: B(T) = (1 − α(T))·y(T₁) + α(T)·y(T₂), with α(T) the partial area of y − B, iterated to a fixed point
 *   (the area-proportional "sigmoidal" baseline of Bremer and of ASTM E2160's integral baseline: the step in heat
 *   capacity across the reaction follows the conversion).
 * Both are hand-written: no npm package implements DSC baselines (ml-spectra-processing has none of this kind).
 */
export type BaselineKind = 'linear' | 'sigmoidal';

/** Linear interpolation of y at x (x increasing), clamped at the ends. */
export function interpolateAt(x: ArrayLike<number>, y: ArrayLike<number>, at: number): number {
  const n = x.length;
  if (at <= x[0]) return y[0];
  if (at >= x[n - 1]) return y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const f = (at - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + f * (y[hi] - y[lo]);
}

/** Straight baseline through (T[0], y[0]) and (T[n−1], y[n−1]) of the window's samples. */
export function linearBaseline(T: ArrayLike<number>, y: ArrayLike<number>): number[] {
  const n = T.length;
  const y1 = y[0];
  const y2 = y[n - 1];
  const span = T[n - 1] - T[0];
  return Array.from(T, (t) => y1 + ((t - T[0]) / span) * (y2 - y1));
}

/** Cumulative trapezoid area of (y − b) over T, normalised to 1 at the end (α), or undefined if the area is ≤ 0. */
function partialArea(T: ArrayLike<number>, y: ArrayLike<number>, b: number[]): number[] | undefined {
  const n = T.length;
  const cum = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++)
    cum[i] = cum[i - 1] + 0.5 * (y[i] - b[i] + y[i - 1] - b[i - 1]) * (T[i] - T[i - 1]);
  const total = cum[n - 1];
  if (!(total > 0)) return undefined;
  return cum.map((c) => c / total);
}

/** Sigmoidal (area-proportional) baseline; falls back to linear when the peak area is not positive. */
export function sigmoidalBaseline(T: ArrayLike<number>, y: ArrayLike<number>, maxIterations = 50): number[] {
  const n = T.length;
  const y1 = y[0];
  const y2 = y[n - 1];
  let b = linearBaseline(T, y);
  for (let it = 0; it < maxIterations; it++) {
    const alpha = partialArea(T, y, b);
    if (!alpha) return b;
    const next = alpha.map((a) => (1 - a) * y1 + a * y2);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(next[i] - b[i]));
    b = next;
    if (change <= 1e-12 * (Math.abs(y1) + Math.abs(y2) + 1e-300)) break;
  }
  return b;
}

export function baseline(kind: BaselineKind, T: ArrayLike<number>, y: ArrayLike<number>): number[] {
  return kind === 'linear' ? linearBaseline(T, y) : sigmoidalBaseline(T, y);
}
