import {
  ISO_METHODS,
  isoconversional,
  defaultAlphaGrid,
  type IsoMethod,
  type IsoResult,
} from '../analysis/isoconversional/index.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { curvesDataWarnings, loadCurves, smoothingJson, type RunsInput } from './run-sources.ts';

/** `ckin iso`: Ea(α) by an isoconversional method. */
export interface IsoOptions extends RunsInput, UseCaseCallbacks {
  /** friedman (default), kas, fwo or vyazovkin. */
  method?: IsoMethod;
  /** Conversions α in (0, 1) (default 0.05…0.95 step 0.05). */
  alphaGrid?: number[];
}

export type IsoJson = ReturnType<typeof isoJson>;

export function iso(opts: IsoOptions) {
  const method = opts.method ?? 'friedman';
  if (!ISO_METHODS.includes(method))
    throw new InputError(`--method: unknown method "${String(method)}" (use ${ISO_METHODS.join(', ')})`);
  const alphas = opts.alphaGrid ?? defaultAlphaGrid();
  checkWork('alphaGridPoints', alphas.length);
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must lie in (0, 1), got ${alphas.join(', ')}`);
  const { curves } = loadCurves(opts);
  const res = isoconversional(method, curves, alphas);
  for (const w of res.warnings) opts.onLog?.(`warning: ${w}`);
  return {
    ...isoJson(res),
    smoothing: smoothingJson(curves, opts.smoothing),
    dataWarnings: curvesDataWarnings(curves),
  };
}

/** JSON shape of an isoconversional result. */
export function isoJson(res: IsoResult) {
  return {
    method: res.method,
    rates_K_min: res.rates_K_min,
    note: res.note,
    alpha: res.rows.map((r) => r.alpha),
    Ea_kJ_mol: res.rows.map((r) => r.Ea_kJ_mol),
    Ea_se_kJ_mol: res.rows.map((r) => r.Ea_se_kJ_mol),
    Ea_ci95_low_kJ_mol: res.rows.map((r) => r.Ea_ci95_low_kJ_mol),
    Ea_ci95_high_kJ_mol: res.rows.map((r) => r.Ea_ci95_high_kJ_mol),
    r2: res.rows.map((r) => r.r2 ?? null),
    rows: res.rows.map((r) => ({
      alpha: r.alpha,
      Ea_kJ_mol: r.Ea_kJ_mol,
      Ea_se_kJ_mol: r.Ea_se_kJ_mol,
      Ea_ci95_low_kJ_mol: r.Ea_ci95_low_kJ_mol,
      Ea_ci95_high_kJ_mol: r.Ea_ci95_high_kJ_mol,
      r2: r.r2 ?? null,
      T_K: r.T_K,
    })),
    warnings: res.warnings,
  };
}
