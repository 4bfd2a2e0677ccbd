import type { ConversionCurve } from '../conversion-curve.ts';
import { R_J_PER_MOL_K } from '../../kinetics/constants.ts';
import { linearFit, tCritical } from '../../core/statistics.ts';
import { assertDistinctHeatingRates } from '../heating-rates.ts';
import { pointAtConversion, type IsoPoint } from './isoconversional-point.ts';
import type { IsoRow } from './result.ts';

/**
 * Shared core of the linear isoconversional methods: at each α, regress y(point) on 1/T_α over the runs and map the
 * slope to Ea with Ea = −slope·R·`slopeToEaOverR` (1 for Friedman and KAS, 1/1.052 for FWO).
 */
export function linearIsoconversional(
  curves: ConversionCurve[],
  alphas: number[],
  method: string,
  y: (p: IsoPoint) => number,
  slopeFactor: number,
): IsoRow[] {
  assertDistinctHeatingRates(curves, method);
  return alphas.map((alpha) => {
    const pts = curves.map((c) => pointAtConversion(c, alpha));
    const fit = linearFit(
      pts.map((p) => 1 / p.T_K),
      pts.map(y),
    );
    const Ea = (-fit.slope * R_J_PER_MOL_K * slopeFactor) / 1000;
    const se = (fit.slopeSE * R_J_PER_MOL_K * slopeFactor) / 1000;
    const half = se * tCritical(0.95, pts.length - 2);
    return {
      alpha,
      Ea_kJ_mol: Ea,
      Ea_se_kJ_mol: se,
      Ea_ci95_low_kJ_mol: Ea - half,
      Ea_ci95_high_kJ_mol: Ea + half,
      r2: fit.r2,
      intercept: fit.intercept,
      intercept_se: fit.interceptSE,
      T_K: pts.map((p) => p.T_K),
    };
  });
}
