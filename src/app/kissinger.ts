import { kissingerFromCurves, type KissingerResult } from '../analysis/kissinger.ts';
import { friedman } from '../analysis/isoconversional/friedman.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import { qualityOf, type ResultWarning } from '../core/warnings.ts';
import { assertEnoughDistinctRates } from '../trust/rates.ts';
import { kissingerChecks } from '../trust/kissinger.ts';
import { dedupeWarnings, fromMessages } from '../trust/legacy.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { loadCurves, smoothingJson, type RunsInput } from './run-sources.ts';

/** `ckin kissinger`: Kissinger Ea and lgA from the dα/dT peaks of runs at several heating rates. */
export type KissingerOptions = RunsInput & UseCaseCallbacks;

export type KissingerJson = ReturnType<typeof kissingerJson>;

/** α 0.1…0.9 step 0.05: the cross-check grid (ICTAC 2011 judges the variation of Ea(α) over 0.1–0.9). */
export const CHECK_ALPHAS = Array.from({ length: 17 }, (_, k) => Math.round((0.1 + 0.05 * k) * 100) / 100);

/** Friedman on the same curves, for the trust checks (undefined when the curves do not allow it). */
export function friedmanCrossCheck(curves: ConversionCurve[]): IsoResult | undefined {
  try {
    return friedman(curves, CHECK_ALPHAS);
  } catch {
    return undefined;
  }
}

/** The Kissinger core's own string warnings that the trust checks restate with a code are left to them. */
const RESTATED = /below 0 °C|slope is not negative|only two heating rates/;

/**
 * The trust layer over one Kissinger result: the core's remaining warnings, then src/trust/kissinger.ts against a
 * Friedman series of the same runs.
 */
export function kissingerWarnings(
  res: KissingerResult,
  ctx: { iso?: IsoResult; stage?: number },
): ResultWarning[] {
  return [
    ...fromMessages(
      res.warnings.filter((w) => !RESTATED.test(w)),
      { stage: ctx.stage },
    ),
    ...kissingerChecks(res, ctx),
  ];
}

export function kissinger(
  opts: KissingerOptions,
): KissingerJson & { smoothing: ReturnType<typeof smoothingJson> } {
  const { curves, warnings: read } = loadCurves(opts);
  const merged = assertEnoughDistinctRates(curves, 'Kissinger');
  const res = kissingerFromCurves(curves);
  const warnings = dedupeWarnings([
    ...read,
    ...merged,
    ...kissingerWarnings(res, { iso: friedmanCrossCheck(curves) }),
  ]);
  return { ...kissingerJson(res, warnings), smoothing: smoothingJson(curves, opts.smoothing) };
}

/**
 * The JSON shape of a Kissinger result (units in every field name). `warnings` are structured (`ResultWarning`);
 * without them (a caller of the science function alone) the core's strings become `analysis.warning` cautions.
 */
export function kissingerJson(res: KissingerResult, warnings?: ResultWarning[]) {
  const ws = warnings ?? fromMessages(res.warnings);
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
    quality: qualityOf(ws),
    warnings: ws,
  };
}
