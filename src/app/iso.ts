import {
  ISO_METHODS,
  isoconversional,
  defaultAlphaGrid,
  type IsoMethod,
  type IsoResult,
} from '../analysis/isoconversional/index.ts';
import type { IsoRow } from '../analysis/isoconversional/result.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { qualityOf, type ResultWarning } from '../core/warnings.ts';
import { assertEnoughDistinctRates } from '../trust/rates.ts';
import { isoChecks } from '../trust/isoconversional.ts';
import { dedupeWarnings, fromMessages } from '../trust/legacy.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { friedmanCrossCheck } from './kissinger.ts';
import { loadCurves, smoothingJson, type RunsInput } from './run-sources.ts';

/** `ckin iso`: Ea(α) by an isoconversional method. */
export interface IsoOptions extends RunsInput, UseCaseCallbacks {
  /** friedman (default), kas, fwo or vyazovkin. */
  method?: IsoMethod;
  /** Conversions α in (0, 1) (default 0.05…0.95 step 0.05). */
  alphaGrid?: number[];
}

export type IsoJson = ReturnType<typeof isoJson>;

/** Friedman's lg[A·f(α)/s⁻¹] with its 95 % limits, as JSON fields (none for the other methods). */
export function lgAfJson(r: IsoRow): {
  lgAf_s?: number;
  lgAf_ci95_low_s?: number;
  lgAf_ci95_high_s?: number;
} {
  return r.lgAf_s === undefined
    ? {}
    : { lgAf_s: r.lgAf_s, lgAf_ci95_low_s: r.lgAf_ci95_low_s, lgAf_ci95_high_s: r.lgAf_ci95_high_s };
}

/** The trust layer over one series: the method's own warnings, then src/trust/isoconversional.ts. */
export function isoWarnings(res: IsoResult, ctx: { friedman?: IsoResult; stage?: number }): ResultWarning[] {
  return [...fromMessages(res.warnings, { stage: ctx.stage }), ...isoChecks(res, ctx)];
}

export function iso(opts: IsoOptions): IsoJson & { smoothing: ReturnType<typeof smoothingJson> } {
  const method = opts.method ?? 'friedman';
  if (!ISO_METHODS.includes(method))
    throw new InputError(`--method: unknown method "${String(method)}" (use ${ISO_METHODS.join(', ')})`);
  const alphas = opts.alphaGrid ?? defaultAlphaGrid();
  checkWork('alphaGridPoints', alphas.length);
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must lie in (0, 1), got ${alphas.join(', ')}`);
  const { curves, warnings: read } = loadCurves(opts);
  const merged = assertEnoughDistinctRates(curves, `the ${method} method`);
  const res = isoconversional(method, curves, alphas);
  // The variation of Ea(α) is judged on Friedman over α 0.1–0.9 whatever grid was asked for.
  const F = friedmanCrossCheck(curves);
  const warnings = dedupeWarnings([...read, ...merged, ...isoWarnings(res, { friedman: F })]);
  return { ...isoJson(res, warnings), smoothing: smoothingJson(curves, opts.smoothing) };
}

/**
 * JSON shape of an isoconversional result. Each row has its own `quality`: the series' warnings that concern no
 * particular α, and those at its α.
 */
export function isoJson(res: IsoResult, warnings?: ResultWarning[]) {
  const ws = warnings ?? fromMessages(res.warnings);
  const rowQuality = (alpha: number) =>
    qualityOf(ws.filter((w) => w.alpha === undefined || Math.abs(w.alpha - alpha) < 1e-9));
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
      ...lgAfJson(r),
      T_K: r.T_K,
      quality: rowQuality(r.alpha),
    })),
    quality: qualityOf(ws),
    warnings: ws,
  };
}
