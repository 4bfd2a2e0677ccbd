/**
 * The package's one statistics module: summaries, correlation, quantiles and the least-squares line. From
 * simple-statistics where its definition is the one we want (mean with compensated summation, sample standard
 * deviation, Spearman's rank correlation, its quantile); written here where a hot loop, typed arrays, an explicit
 * degenerate case or a pinned definition need it (each says which).
 */
import { studentTQuantile } from './beta-quantiles.ts';

export { mean, sampleStandardDeviation, sampleRankCorrelation, quantile } from 'simple-statistics';

/** Smallest and largest value of `x` by a loop (NaN skipped; [Infinity, −Infinity] when empty). */
export function extent(x: ArrayLike<number>): [min: number, max: number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Smallest value of `x` (a loop: a spread of a long array into Math.min overflows the stack). Infinity when empty. */
export function minOf(x: ArrayLike<number>): number {
  return extent(x)[0];
}

/** Largest value of `x` (a loop, see `minOf`). −Infinity when empty. */
export function maxOf(x: ArrayLike<number>): number {
  return extent(x)[1];
}

/**
 * Pearson correlation r = Σ(a−ā)(b−b̄) / √(Σ(a−ā)²·Σ(b−b̄)²) of two equal-length samples; 0 when either is
 * constant (not NaN: the fit's composite objective and the bootstrap's ridge need a number). Written here: it runs
 * in the fit's objective on typed arrays, and simple-statistics' `sampleCorrelation` returns NaN on a constant
 * sample.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Quantile of sorted values by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's and
 * R's default), p in [0, 1]. Written here because simple-statistics' `quantile` uses another definition and the
 * bootstrap and safety intervals are quoted as type 7.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Ordinary least-squares line y = intercept + slope·x with its statistics. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination R². */
  r2: number;
  /** Standard errors of slope and intercept (NaN with fewer than 3 points). */
  slopeSE: number;
  interceptSE: number;
  /** Covariance of slope and intercept. */
  covSlopeIntercept: number;
  /** Residual standard deviation s = √(SSR/(n−2)). */
  residualSD: number;
  /** Number of points. */
  n: number;
  /** Mean of x (for confidence bands). */
  meanX: number;
  /** Σ(x − x̄)². */
  sxx: number;
}

/**
 * Least-squares straight line with standard errors (closed form; written here because simple-statistics'
 * `linearRegression` gives no standard errors or covariance). Needs ≥ 2 distinct x.
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`linearFit: x and y lengths differ (${n} vs ${y.length})`);
  if (n < 2) throw new RangeError('linearFit: need at least 2 points');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) throw new RangeError('linearFit: all x values are equal');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - (intercept + slope * x[i]);
    ssr += r * r;
  }
  const r2 = syy > 0 ? 1 - ssr / syy : 1;
  const s2 = n > 2 ? ssr / (n - 2) : NaN;
  const slopeSE = Math.sqrt(s2 / sxx);
  const interceptSE = Math.sqrt(s2 * (1 / n + (mx * mx) / sxx));
  return {
    slope,
    intercept,
    r2,
    slopeSE,
    interceptSE,
    covSlopeIntercept: (-mx * s2) / sxx,
    residualSD: Math.sqrt(s2),
    n,
    meanX: mx,
    sxx,
  };
}

/** Two-sided Student-t critical value t_{1−(1−level)/2, dof} (e.g. level 0.95). NaN when dof < 1. */
export function tCritical(level: number, dof: number): number {
  if (!(dof >= 1)) return NaN;
  return studentTQuantile(1 - (1 - level) / 2, dof);
}
