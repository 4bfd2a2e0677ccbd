/**
 * Split-conformal prediction intervals (Vovk, Gammerman & Shafer 2005; Lei, G'Sell, Rinaldo, Tibshirani &
 * Wasserman, J. Am. Stat. Assoc. 113 (2018) 1094, Algorithm 2). A model fitted on the training split is scored on
 * n held-out calibration records, R_i = |y_i − ŷ(x_i)|; for a new record exchangeable with them,
 *   P(y ∈ [ŷ(x) − q, ŷ(x) + q]) ≥ 1 − α,  q = the ⌈(n + 1)(1 − α)⌉-th smallest R_i,
 * and q = ∞ when ⌈(n + 1)(1 − α)⌉ > n (too few calibration records for that level). The coverage is marginal
 * (averaged over records), not conditional on x; the interval has the same width everywhere.
 * Written by hand: the rule is one order statistic, no library is needed.
 */

/**
 * The conformal half-width q for miscoverage `alpha` (0 < α < 1) from the calibration residuals (any order,
 * absolute values taken). Infinity when there are too few residuals for the level.
 */
export function conformalHalfWidth(residuals: ArrayLike<number>, alpha: number): number {
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`conformal level: alpha must be in (0, 1), got ${alpha}`);
  const r = Array.from(residuals, (v) => Math.abs(v)).sort((a, b) => a - b);
  const n = r.length;
  // (n + 1)(1 − α) in floating point: 1e-9 keeps e.g. 99 · 0.9 = 89.1000…01 from rounding up to 90.
  const k = Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  return k > n ? Infinity : r[Math.max(1, k) - 1];
}

/** The smallest number of calibration records for which `conformalHalfWidth` is finite at miscoverage α. */
export function minCalibrationRecords(alpha: number): number {
  // smallest n with ⌈(n + 1)(1 − α)⌉ ≤ n, i.e. n ≥ (1 − α)/α
  return Math.ceil((1 - alpha) / alpha - 1e-9);
}
