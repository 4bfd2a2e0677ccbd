import tQuantile from '@stdlib/stats-base-dists-t-quantile';

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

/** Least-squares straight line (closed form; no library needed for five sums). Needs ≥ 2 distinct x. */
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
  return tQuantile(1 - (1 - level) / 2, dof);
}
