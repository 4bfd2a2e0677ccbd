import { kissingerFromCurves, type KissingerResult } from '../analysis/kissinger.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { curvesDataWarnings, loadCurves, smoothingJson, type RunsInput } from './run-sources.ts';

/** `ckin kissinger`: Kissinger Ea and lgA from the dα/dT peaks of runs at several heating rates. */
export type KissingerOptions = RunsInput & UseCaseCallbacks;

export type KissingerJson = ReturnType<typeof kissingerJson>;

export function kissinger(opts: KissingerOptions) {
  const { curves } = loadCurves(opts);
  const res = kissingerFromCurves(curves);
  for (const w of res.warnings) opts.onLog?.(`warning: ${w}`);
  return {
    ...kissingerJson(res),
    smoothing: smoothingJson(curves, opts.smoothing),
    dataWarnings: curvesDataWarnings(curves),
  };
}

/** The JSON shape of a Kissinger result (units in every field name). */
export function kissingerJson(res: KissingerResult) {
  return {
    method: 'kissinger',
    Ea_kJ_mol: res.Ea_kJ_mol,
    Ea_se_kJ_mol: res.Ea_se_kJ_mol,
    Ea_ci95_kJ_mol: res.Ea_ci95_kJ_mol,
    lgA_s: res.lgA_s,
    lgA_se: res.lgA_se,
    r2: res.r2,
    points: res.points.map((p) => ({
      file: p.file,
      beta_K_min: p.beta_K_min,
      T_peak_K: p.T_peak_K,
      T_peak_C: p.T_peak_K - 273.15,
      x_1000_per_K: p.x_1000_per_K,
      y_ln_beta_K_s_per_T2: p.y_ln_beta_K_s_per_T2,
    })),
    warnings: res.warnings,
  };
}
