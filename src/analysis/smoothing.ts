import { InputError } from '../core/input-error.ts';
import { gcvSmoothingSpline, smoothingSpline } from './smoothing-spline.ts';
import { savitzkyGolay } from './savitzky-golay.ts';

/**
 * How a signal is smoothed before it is differentiated (`--smoothing`, the API's `smoothing`):
 * - `auto` (default): a cubic smoothing spline whose λ is chosen by generalized cross-validation
 *   (Craven & Wahba 1979; src/analysis/smoothing-spline.ts) — the smoothing follows the noise of each run;
 * - `spline:λ`: the smoothing spline with a fixed λ (in signal²·x³ units: α²·s³ on the time route);
 * - `sg:W[:O]`: a Savitzky–Golay filter of W points (odd, ≥ 5) and polynomial order O (default 3).
 */
export type SmoothingSpec =
  { method: 'auto' } | { method: 'spline'; lambda: number } | { method: 'sg'; window: number; order: number };

/** What smoothing was applied, reported beside every result that differentiates (`smoothing` in the JSON). */
export interface SmoothingInfo {
  /** `spline-gcv` (auto), `spline` (fixed λ), `savitzky-golay`, or `file` (the file's own dα/dT column). */
  method: 'spline-gcv' | 'spline' | 'savitzky-golay' | 'file';
  /** What was smoothed, e.g. `α(t)` or `α(T)`. */
  signal?: string;
  /** Smoothing spline λ. */
  lambda?: number;
  /** Equivalent degrees of freedom of the spline. */
  edf?: number;
  /** Residual standard deviation of the signal about the smooth (an estimate of its noise). */
  noise_sigma?: number;
  /** Savitzky–Golay window (points) and order. */
  window?: number;
  order?: number;
}

export const DEFAULT_SMOOTHING_SPEC: SmoothingSpec = { method: 'auto' };

/** Parse `auto`, `spline:λ` or `sg:W[:O]` (the option name goes into the error). */
export function parseSmoothing(value: string, option = '--smoothing'): SmoothingSpec {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || v === 'gcv' || v === 'spline') return { method: 'auto' };
  let m = /^spline:([0-9.eE+-]+)$/.exec(v);
  if (m) {
    const lambda = Number(m[1]);
    if (!(Number.isFinite(lambda) && lambda >= 0))
      throw new InputError(`${option}: spline λ must be a number ≥ 0, got "${m[1]}"`);
    return { method: 'spline', lambda };
  }
  m = /^sg:(\d+)(?::(\d+))?$/.exec(v);
  if (m) return checkSg(Number(m[1]), m[2] === undefined ? 3 : Number(m[2]), option);
  throw new InputError(`${option}: expected auto, spline:λ or sg:W[:O] (e.g. sg:21:3), got "${value}"`);
}

/** A Savitzky–Golay spec from window and order, checked (the old `--sg-window`/`--sg-order` map here). */
export function checkSg(window: number, order: number, option = '--smoothing'): SmoothingSpec {
  if (!Number.isInteger(window) || window < 5 || window % 2 === 0)
    throw new InputError(`${option}: Savitzky–Golay window must be an odd whole number ≥ 5, got ${window}`);
  if (!Number.isInteger(order) || order < 1 || order >= window)
    throw new InputError(
      `${option}: Savitzky–Golay order must be a whole number in 1…window−1, got ${order}`,
    );
  return { method: 'sg', window, order };
}

/** A one-line description of a smoothing, for notes and tables. */
export function describeSmoothing(s: SmoothingInfo): string {
  const on = s.signal ? ` of ${s.signal}` : '';
  switch (s.method) {
    case 'file':
      return 'the file’s own dα/dT column (no smoothing)';
    case 'savitzky-golay':
      return `Savitzky–Golay${on} (window ${s.window}, order ${s.order})`;
    default:
      return (
        `${s.method === 'spline-gcv' ? 'GCV smoothing spline' : 'smoothing spline'}${on} ` +
        `(λ = ${s.lambda?.toPrecision(3)}, ${s.edf?.toFixed(1)} degrees of freedom, noise σ ≈ ${s.noise_sigma?.toPrecision(2)})`
      );
  }
}

/**
 * Most degrees of freedom of the automatic smoothing of α: one per `RESOLUTION_K` of the temperature span (≥ 10).
 * No thermal-analysis rate peak is narrower than ≈ 5 K FWHM, so this never flattens a real peak, while it stops GCV
 * from interpolating correlated or quantised balance noise (see `GcvOptions.maxEdf`).
 */
export const RESOLUTION_K = 1;
export function maxEdfForSpan(span_K: number): number {
  return Math.max(10, span_K / RESOLUTION_K);
}

/**
 * Smooth y(x) and differentiate it (x strictly increasing) as the spec says; `maxEdf` caps the degrees of freedom of
 * the automatic (GCV) spline. Returns the smoothed values, dy/dx and
 * what was done. Savitzky–Golay windows larger than the data shrink to fit (see savitzky-golay.ts).
 */
export function smoothAndDifferentiate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  spec: SmoothingSpec = DEFAULT_SMOOTHING_SPEC,
  signal?: string,
  maxEdf?: number,
): { value: Float64Array; derivative: Float64Array; info: SmoothingInfo } {
  if (spec.method === 'sg') {
    const o = { window: spec.window, order: spec.order };
    return {
      value: savitzkyGolay(y, x, 0, o),
      derivative: savitzkyGolay(y, x, 1, o),
      info: { method: 'savitzky-golay', signal, window: spec.window, order: spec.order },
    };
  }
  const fit =
    spec.method === 'spline' ? smoothingSpline(x, y, spec.lambda) : gcvSmoothingSpline(x, y, { maxEdf });
  return {
    value: fit.value,
    derivative: fit.derivative,
    info: {
      method: spec.method === 'spline' ? 'spline' : 'spline-gcv',
      signal,
      lambda: fit.lambda,
      edf: fit.edf,
      noise_sigma: fit.sigma,
    },
  };
}
