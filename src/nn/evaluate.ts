/** Accuracy of (Ea, lgA) predictions against dataset labels. */
import { regressionMetrics } from '../core/regression-metrics.ts';
import type { EvalMetrics } from './model.ts';

/** R², RMSE and MAE for Ea and lgA; `pred` and `target` are row-major [N × 2]; `rows` selects a subset. */
export function evalMetrics(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  rows?: ArrayLike<number>,
): EvalMetrics {
  const ea = regressionMetrics({ predicted: pred, observed: target, stride: 2, column: 0, rows });
  const lga = regressionMetrics({ predicted: pred, observed: target, stride: 2, column: 1, rows });
  return {
    count: ea.count,
    r2_Ea: ea.r2,
    r2_lgA: lga.r2,
    rmse_Ea_kJ_mol: ea.rmse,
    rmse_lgA: lga.rmse,
    mae_Ea_kJ_mol: ea.mae,
    mae_lgA: lga.mae,
  };
}

/** Rows whose validity flag (bit 0) is set. */
export function validRows(flags: Uint8Array | undefined, count: number): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (!flags || (flags[i] & 1) === 1) out.push(i);
  return Uint32Array.from(out);
}
