import { savitzkyGolayWeights } from './savitzky-golay-weights.ts';

export interface SmoothingOptions {
  /** Window length in points, odd, ≥ 5 (default 11; shrunk to fit short data). */
  window?: number;
  /** Polynomial order, 1 ≤ order < window (default 3). */
  order?: number;
}

/** Default Savitzky–Golay settings used across the package. */
export const DEFAULT_SMOOTHING: Required<SmoothingOptions> = { window: 11, order: 3 };

function effectiveWindow(n: number, window: number): number {
  let w = Math.min(window, n % 2 === 1 ? n : n - 1);
  if (w % 2 === 0) w -= 1;
  return w;
}

/**
 * Savitzky–Golay smoothing or derivative of y(x). The edge points are fitted with the asymmetric windows of the same
 * fit, so the output has the input's length; `derivative` 1 gives dy/dx in y-units per x-unit. x may be slightly
 * non-uniform: each point's derivative is scaled by the mean spacing over the ±half-window around it (the
 * convention of `ml-savitzky-golay-generalized`, which the tests use as the reference).
 */
export function savitzkyGolay(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  derivative: 0 | 1 | 2,
  options: SmoothingOptions = {},
): Float64Array {
  const n = y.length;
  const order = options.order ?? DEFAULT_SMOOTHING.order;
  if (
    options.window !== undefined &&
    (!Number.isInteger(options.window) || options.window < 5 || options.window % 2 === 0)
  ) {
    throw new RangeError(
      `Savitzky–Golay window must be an odd whole number of points ≥ 5, got ${options.window}`,
    );
  }
  if (!Number.isInteger(order) || order < 1)
    throw new RangeError(`Savitzky–Golay order must be a whole number ≥ 1, got ${order}`);
  const w = effectiveWindow(n, options.window ?? DEFAULT_SMOOTHING.window);
  if (w < 5 || order >= w) {
    throw new RangeError(
      `Savitzky–Golay needs at least 5 points and order < window (n=${n}, window=${w}, order=${order})`,
    );
  }
  const weights = savitzkyGolayWeights(w, order, derivative);
  const half = (w - 1) / 2;
  const out = new Float64Array(n);
  // Mean spacing over [c − half, c + half) ∩ the data, to the power `derivative`.
  const spacing = (c: number): number => {
    if (derivative === 0) return 1;
    const lo = Math.max(0, c - half);
    const hi = Math.min(n - 1, c + half);
    return ((x[hi] - x[lo]) / (hi - lo)) ** derivative;
  };
  for (let c = 0; c < n; c++) {
    // Window start: centred inside, clamped at the edges (the edge points use the off-centre rows).
    const start = c < half ? 0 : c > n - 1 - half ? n - w : c - half;
    const wt = weights[c - start];
    let d = 0;
    for (let l = 0; l < w; l++) d += wt[l] * y[start + l];
    out[c] = d / spacing(c);
  }
  return out;
}
