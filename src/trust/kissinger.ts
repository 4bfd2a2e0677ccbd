/**
 * Trust checks on a Kissinger result (Kissinger 1957; ICTAC 2011 §4): an implausible Ea (negative, < 20 or
 * > 600 kJ/mol), peak temperatures that do not rise with β, a poor line (R² < 0.98), peaks below 0 °C (°C read as K),
 * and, against an isoconversional series of the same runs, Ea(α) varying by more than 20 % (the Kissinger value is
 * then apparent) or a Kissinger Ea outside the Ea(α) range.
 */
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { KissingerResult } from '../analysis/kissinger.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { PLAUSIBLE_EA_KJ_MOL, plausibleEa } from './plausible.ts';
import { distinctRateGroups } from './rates.ts';
import { EA_VARIATION_LIMIT, eaVariation } from './isoconversional.ts';

export interface KissingerCheckContext {
  /** An isoconversional series of the same runs (Friedman preferred). */
  iso?: IsoResult;
  stage?: number;
}

/** R² below this cautions, below `R2_UNRELIABLE` the line is unreliable. */
export const KISSINGER_R2_CAUTION = 0.98;
export const KISSINGER_R2_UNRELIABLE = 0.9;

/** The checks on one Kissinger result. */
export function kissingerChecks(
  res: Pick<KissingerResult, 'Ea_kJ_mol' | 'r2' | 'Ea_ci95_kJ_mol'> & {
    points: readonly { beta_K_min: number; T_peak_K: number; file?: string }[];
  },
  ctx: KissingerCheckContext = {},
): ResultWarning[] {
  const out: ResultWarning[] = [];
  const where = { stage: ctx.stage };
  if (!plausibleEa(res.Ea_kJ_mol))
    out.push(
      warning(
        'kissinger.ea_implausible',
        'unreliable',
        `Kissinger Ea = ${res.Ea_kJ_mol.toFixed(2)} kJ/mol is outside ${PLAUSIBLE_EA_KJ_MOL[0]}–${PLAUSIBLE_EA_KJ_MOL[1]} kJ/mol: check the rate of each file and the temperature unit`,
        where,
      ),
    );
  const cold = res.points.filter((p) => p.T_peak_K < 273.15);
  if (cold.length)
    out.push(
      warning(
        'kissinger.peak_below_0C',
        'unreliable',
        `peak temperature ${cold[0].T_peak_K.toFixed(1)} K is below 0 °C: were °C read as K? (--temperature-unit C)`,
        { ...where, file: cold[0].file },
      ),
    );
  const groups = distinctRateGroups(res.points).map((g) => ({
    beta: g[0].beta_K_min,
    T: g.reduce((s, p) => s + p.T_peak_K, 0) / g.length,
    file: g.map((p) => p.file ?? '').join(', '),
  }));
  for (let i = 1; i < groups.length; i++) {
    if (!(groups[i].T > groups[i - 1].T)) {
      out.push(
        warning(
          'kissinger.peaks_not_rising',
          'unreliable',
          `the peak at ${groups[i].beta} K/min (${groups[i].T.toFixed(1)} K, ${groups[i].file}) is not above the one at ${groups[i - 1].beta} K/min (${groups[i - 1].T.toFixed(1)} K): are the rates paired with the right files?`,
          where,
        ),
      );
      break;
    }
  }
  if (!(res.r2 >= KISSINGER_R2_CAUTION))
    out.push(
      warning(
        'kissinger.r2_low',
        res.r2 >= KISSINGER_R2_UNRELIABLE ? 'caution' : 'unreliable',
        `Kissinger R² = ${Number.isFinite(res.r2) ? res.r2.toFixed(4) : 'undefined'} (below ${KISSINGER_R2_CAUTION})`,
        where,
      ),
    );
  const v = ctx.iso && eaVariation(ctx.iso);
  if (v && ctx.iso) {
    if (v.variation > EA_VARIATION_LIMIT)
      out.push(
        warning(
          'kinetics.apparent',
          'caution',
          `apparent: ${ctx.iso.method} Ea(α) varies ${v.min_kJ_mol.toFixed(0)}–${v.max_kJ_mol.toFixed(0)} kJ/mol (${(100 * v.variation).toFixed(0)} %) over α 0.1–0.9, so one Kissinger Ea does not describe this process (ICTAC 2011)`,
          where,
        ),
      );
    const tol = Math.max(
      0.05 * res.Ea_kJ_mol,
      Number.isFinite(res.Ea_ci95_kJ_mol) ? res.Ea_ci95_kJ_mol : 0,
      5,
    );
    if (
      plausibleEa(res.Ea_kJ_mol) &&
      (res.Ea_kJ_mol < v.min_kJ_mol - tol || res.Ea_kJ_mol > v.max_kJ_mol + tol)
    )
      out.push(
        warning(
          'kissinger.outside_iso_range',
          'caution',
          `Kissinger Ea ${res.Ea_kJ_mol.toFixed(1)} kJ/mol lies outside the ${ctx.iso.method} range ${v.min_kJ_mol.toFixed(1)}–${v.max_kJ_mol.toFixed(1)} kJ/mol`,
          where,
        ),
      );
  }
  return out;
}
