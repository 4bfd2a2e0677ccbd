/**
 * The replaceable parts of a kinetic fit (issue 14 item 8). A fit is
 *   model      — what predicts the data for a parameter vector: the closed-form JMA dα/dT (src/analysis/fit/jma-model.ts)
 *                or any reaction scheme of src/fit/scheme.ts (14 step models as data, src/fit/step-models.ts), so a new
 *                reaction model is a new step-model object, not a new problem class;
 *   objective  — how data and model are compared: weighted least squares (`mse`) or the paper's composite score;
 *   optimizer  — how the objective is minimised: a global search over the parameter box (`GlobalOptimizer`,
 *                default differential evolution) and a local polish (Levenberg–Marquardt on residuals, Nelder–Mead on a
 *                scalar objective).
 * Every fit result carries `predict(beta_K_min, T_K)`: the fitted model's signal on any temperature grid.
 */
import { differentialEvolution, type DeOptions, type DeResult } from './differential-evolution.ts';

/**
 * A global minimiser of f over the box [lower, upper]: the DE interface (start points in `opts.initial`, a seed, an
 * optional memetic `localSearch` hook called every `localEvery` generations). Any search with this signature fits.
 */
export type GlobalOptimizer = (
  f: (x: Float64Array) => number,
  lower: number[],
  upper: number[],
  opts: DeOptions,
) => DeResult;

/** The default global search: seeded differential evolution, best1bin with dither (Storn & Price 1997). */
export const DIFFERENTIAL_EVOLUTION: GlobalOptimizer = differentialEvolution;

/** The model's signal (dα/dT in K⁻¹, or the scheme's observable) at `T_K` for a run heated at `beta_K_min`. */
export type PredictSignal = (beta_K_min: number, T_K: ArrayLike<number>) => Float64Array;

/**
 * Attach `predict` to a result object as a non-enumerable property: JSON output and structured clones (the server's
 * worker threads) carry the numbers only, callers in the same process can re-simulate the fitted model.
 */
export function withPredict<R extends object>(
  result: R,
  predict: PredictSignal,
): R & { predict: PredictSignal } {
  Object.defineProperty(result, 'predict', { value: predict, enumerable: false, writable: false });
  return result as R & { predict: PredictSignal };
}
