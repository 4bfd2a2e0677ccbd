/**
 * Split-conformal prediction intervals (Vovk et al. 2005; Lei et al. 2018, "Distribution-free predictive inference
 * for regression"): on a calibration set not used in training, the half-width q is the ⌈(m+1)·level⌉-th smallest
 * absolute residual of m; then [ŷ − q, ŷ + q] covers a new exchangeable sample with probability ≥ level.
 * Per output (Ea, lgA, n); constant width, so coverage per slice varies around the overall level (docs/cnn.md).
 */
import { GENERAL_OUTPUTS } from './dataset.ts';
import type { ConformalHalfWidths } from './model.ts';

/** The conformal quantile of |residuals| (finite-sample corrected); Infinity when m is too small for the level. */
export function conformalQuantile(absResiduals: number[], level: number): number {
  const m = absResiduals.length;
  const k = Math.ceil((m + 1) * level);
  if (k > m) return Infinity;
  const s = [...absResiduals].sort((a, b) => a - b);
  return s[k - 1];
}

/** Half-widths for Ea, lgA and n from predictions [m × 4] and targets [m × 4]. */
export function conformalHalfWidths(
  pred: ArrayLike<number>,
  y: ArrayLike<number>,
  level: number,
): ConformalHalfWidths {
  const m = y.length / GENERAL_OUTPUTS;
  const col = (j: number) =>
    Array.from({ length: m }, (_, i) => Math.abs(pred[i * GENERAL_OUTPUTS + j] - y[i * GENERAL_OUTPUTS + j]));
  return {
    level,
    calibrationCount: m,
    Ea_kJ_mol: conformalQuantile(col(0), level),
    lgA_s: conformalQuantile(col(1), level),
    n: conformalQuantile(col(2), level),
  };
}
