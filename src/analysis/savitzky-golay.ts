import { sgg } from 'ml-savitzky-golay-generalized';

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
 * Savitzky–Golay smoothing or derivative of y(x) (library `ml-savitzky-golay-generalized`, which fits the edge
 * points with asymmetric windows, so the output has the input's length). `derivative` 1 gives dy/dx in y-units per
 * x-unit. x may be slightly non-uniform (the library uses the local mean spacing).
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
  // The library reads plain and typed arrays alike; copy only other array-likes.
  const asArray = (a: ArrayLike<number>) =>
    Array.isArray(a) || ArrayBuffer.isView(a) ? (a as number[]) : Array.from(a);
  return sgg(asArray(y), asArray(x), { windowSize: w, derivative, polynomial: order });
}
