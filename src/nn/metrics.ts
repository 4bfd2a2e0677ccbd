/** Regression metrics of predictions against targets (both in the same units). */
export interface RegressionMetrics {
  /** Coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)². */
  r2: number;
  /** Root-mean-square error √(Σ(y − ŷ)²/N). */
  rmse: number;
  /** Mean absolute error Σ|y − ŷ|/N. */
  mae: number;
  count: number;
}

/**
 * Metrics of column `col` of row-major [N × stride] predictions against targets, over the rows listed in `rows`
 * (all rows when omitted). NaN when there are no rows.
 */
export function regressionMetrics(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  stride = 1,
  col = 0,
  rows?: ArrayLike<number>,
): RegressionMetrics {
  const n = rows ? rows.length : Math.floor(target.length / stride);
  if (n === 0) return { r2: NaN, rmse: NaN, mae: NaN, count: 0 };
  let mean = 0;
  for (let k = 0; k < n; k++) mean += target[(rows ? rows[k] : k) * stride + col];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let abs = 0;
  for (let k = 0; k < n; k++) {
    const i = (rows ? rows[k] : k) * stride + col;
    const e = target[i] - pred[i];
    ssRes += e * e;
    ssTot += (target[i] - mean) ** 2;
    abs += Math.abs(e);
  }
  return { r2: 1 - ssRes / ssTot, rmse: Math.sqrt(ssRes / n), mae: abs / n, count: n };
}
