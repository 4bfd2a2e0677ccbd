/**
 * Regression metrics of predictions against observations (both in the same units), with named arguments: R² is not
 * symmetric, so `regressionMetrics({ predicted, observed })` cannot be called the wrong way round.
 */

export interface RegressionMetrics {
  /** Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (y observed, ŷ predicted). */
  r2: number;
  /** Root-mean-square error √(Σ(y − ŷ)²/N). */
  rmse: number;
  /** Mean absolute error Σ|y − ŷ|/N. */
  mae: number;
  /** Number of pairs N. */
  count: number;
}

export interface RegressionMetricsInput {
  /** Model predictions ŷ. */
  predicted: ArrayLike<number>;
  /** Observed (true, target) values y. */
  observed: ArrayLike<number>;
  /** Row-major layouts: values per row (default 1) … */
  stride?: number;
  /** … and the column to score (default 0). */
  column?: number;
  /** Only these rows (default all). */
  rows?: ArrayLike<number>;
}

/** R², RMSE and MAE of column `column` of `predicted` against `observed`; NaN metrics (count 0) without rows. */
export function regressionMetrics(input: RegressionMetricsInput): RegressionMetrics {
  const { predicted, observed, stride = 1, column = 0, rows } = input;
  if (predicted.length !== observed.length) {
    throw new RangeError(
      `regressionMetrics: ${predicted.length} predicted vs ${observed.length} observed values`,
    );
  }
  const n = rows ? rows.length : Math.floor(observed.length / stride);
  if (n === 0) return { r2: NaN, rmse: NaN, mae: NaN, count: 0 };
  let mean = 0;
  for (let k = 0; k < n; k++) mean += observed[(rows ? rows[k] : k) * stride + column];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let k = 0; k < n; k++) {
    const i = (rows ? rows[k] : k) * stride + column;
    const e = observed[i] - predicted[i];
    ssRes += e * e;
    ssTot += (observed[i] - mean) ** 2;
    abs += Math.abs(e);
  }
  return { r2: 1 - ssRes / ssTot, rmse: Math.sqrt(ssRes / n), mae: abs / n, count: n };
}
