/**
 * Trust checks on a model fit over all heating rates (ICTAC 2011 §5; Opfermann 2000): a run the model reproduces
 * poorly (R² < 0.99), a model peak more than 3 K from the data peak, structured residuals (Durbin–Watson statistic
 * d < 1 while R² < 0.999: the model misses a systematic feature; d ≈ 2 for independent residuals), parameters on
 * their search bounds, and a single-step fit of a process whose Ea(α) varies (apparent). Each says "model
 * inadequate" and suggests another model or the multi-step fit.
 */
import { fmtRate } from '../core/format.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { JmaFitResult } from '../analysis/fit/jma-fit.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { EA_VARIATION_LIMIT, eaVariation } from './isoconversional.ts';

export const FIT_R2_CAUTION = 0.99;
export const FIT_R2_UNRELIABLE = 0.9;
export const FIT_PEAK_OFFSET_K = 3;
export const DURBIN_WATSON_LIMIT = 1;

/** Durbin–Watson statistic d = Σ(eᵢ − eᵢ₋₁)² / Σeᵢ² (NaN with fewer than 3 residuals or all zero). */
export function durbinWatson(e: readonly number[]): number {
  if (e.length < 3) return NaN;
  let num = 0;
  let den = e[0] * e[0];
  for (let i = 1; i < e.length; i++) {
    num += (e[i] - e[i - 1]) ** 2;
    den += e[i] * e[i];
  }
  return den > 0 ? num / den : NaN;
}

const INADEQUATE = 'model inadequate: try another reaction model or the multi-step fit';

/** The checks on one fit; `iso` is an isoconversional series of the same curves. */
export function fitChecks(
  res: Pick<JmaFitResult, 'rates' | 'onBound'>,
  ctx: { iso?: IsoResult; stage?: number } = {},
): ResultWarning[] {
  const out: ResultWarning[] = [];
  const where = (file?: string) => ({ stage: ctx.stage, file });
  for (const r of res.rates) {
    const label = r.file ?? `${fmtRate(r.beta_K_min)} K/min`;
    if (!(r.r2 >= FIT_R2_CAUTION))
      out.push(
        warning(
          'fit.r2_low',
          r.r2 >= FIT_R2_UNRELIABLE ? 'caution' : 'unreliable',
          `${label}: R² = ${Number.isFinite(r.r2) ? r.r2.toFixed(4) : 'undefined'} (below ${FIT_R2_CAUTION}); ${INADEQUATE}`,
          where(r.file),
        ),
      );
    const dT = Math.abs(r.T_peak_model_K - r.T_peak_data_K);
    if (dT > FIT_PEAK_OFFSET_K)
      out.push(
        warning(
          'fit.peak_offset',
          'caution',
          `${label}: the model peak is ${dT.toFixed(1)} K from the data peak; ${INADEQUATE}`,
          where(r.file),
        ),
      );
    const d = durbinWatson(r.residuals);
    if (d < DURBIN_WATSON_LIMIT && r.r2 < 0.999)
      out.push(
        warning(
          'fit.residuals_structured',
          'caution',
          `${label}: Durbin–Watson d = ${d.toFixed(2)} (independent residuals give ≈ 2) at R² = ${r.r2.toFixed(4)}; ${INADEQUATE}`,
          where(r.file),
        ),
      );
  }
  if (res.onBound.length)
    out.push(
      warning(
        'fit.on_bound',
        'caution',
        `parameters on their search bounds: ${res.onBound.join(', ')}; the optimum may lie outside (widen the bounds) or ${INADEQUATE}`,
        where(),
      ),
    );
  const v = ctx.iso && eaVariation(ctx.iso);
  if (v && v.variation > EA_VARIATION_LIMIT)
    out.push(
      warning(
        'kinetics.apparent',
        'caution',
        `apparent: Friedman Ea(α) varies ${v.min_kJ_mol.toFixed(0)}–${v.max_kJ_mol.toFixed(0)} kJ/mol over α 0.1–0.9, so a single-step fit describes this process only apparently; use the multi-step fit`,
        where(),
      ),
    );
  return out;
}
