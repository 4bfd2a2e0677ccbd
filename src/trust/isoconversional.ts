/**
 * Trust checks on an isoconversional Ea(α) series (ICTAC 2011, Vyazovkin et al., Thermochim. Acta 520 (2011) 1–19):
 * implausible Ea at a conversion; Ea(α) varying by more than 20 % over α 0.1–0.9 (a multi-step process: every single
 * Ea is then "apparent"); KAS and FWO (integral from α = 0 with a constant Ea) biased when Ea varies; a method whose
 * 95 % limits exclude Friedman's value by more than 10 % (and 10 kJ/mol).
 */
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { PLAUSIBLE_EA_KJ_MOL, plausibleEa } from './plausible.ts';

/** Ea(α) varying more than this fraction of its mean over α 0.1–0.9 marks a multi-step process (ICTAC 2011). */
export const EA_VARIATION_LIMIT = 0.2;

/** A standard error above this fraction of Ea cautions the value at that conversion. */
export const SE_LARGE_FRACTION = 0.05;

/**
 * Rows whose Ea is a spike: more than 10 % (and 10 kJ/mol) above or below both neighbours (same sign) and away from
 * their interpolation. At the ends, both next rows and the linear extrapolation from them stand in for the
 * neighbours. A smooth trend (a real change of mechanism) is never a spike; a lone noisy value is.
 */
export function roughRows(res: Pick<IsoResult, 'rows'>): IsoResult['rows'] {
  const E = res.rows.map((r) => r.Ea_kJ_mol);
  const n = E.length;
  const big = (d: number, ref: number) => Math.abs(d) > Math.max(0.1 * Math.abs(ref), 10);
  const spike = (e: number, a: number, b: number, ref: number) =>
    [a, b, ref].every(Number.isFinite) &&
    big(e - a, a) &&
    big(e - b, b) &&
    Math.sign(e - a) === Math.sign(e - b) &&
    big(e - ref, ref);
  return res.rows.filter((r, i) => {
    const e = E[i];
    if (!Number.isFinite(e) || n < 3) return false;
    if (i === 0) return spike(e, E[1], E[2], 2 * E[1] - E[2]);
    if (i === n - 1) return spike(e, E[n - 2], E[n - 3], 2 * E[n - 2] - E[n - 3]);
    return spike(e, E[i - 1], E[i + 1], (E[i - 1] + E[i + 1]) / 2);
  });
}

/** The conversions over which the variation of Ea(α) is judged (ICTAC 2011: 0.1–0.9). */
const inRange = (a: number) => a >= 0.1 - 1e-9 && a <= 0.9 + 1e-9;

/**
 * The variation of Ea(α) over α 0.1–0.9: (max − min)/mean of the plausible values, with their min and max in kJ/mol.
 * `undefined` when fewer than 3 conversions have a plausible value.
 */
export function eaVariation(
  res: Pick<IsoResult, 'rows'>,
): { variation: number; min_kJ_mol: number; max_kJ_mol: number } | undefined {
  const e = res.rows.filter((r) => inRange(r.alpha) && plausibleEa(r.Ea_kJ_mol)).map((r) => r.Ea_kJ_mol);
  if (e.length < 3) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  let s = 0;
  for (const v of e) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    s += v;
  }
  return { variation: (hi - lo) / (s / e.length), min_kJ_mol: lo, max_kJ_mol: hi };
}

/** Does Ea(α) vary by more than 20 % over α 0.1–0.9? */
export function isMultiStep(res: Pick<IsoResult, 'rows'>): boolean {
  const v = eaVariation(res);
  return v !== undefined && v.variation > EA_VARIATION_LIMIT;
}

export interface IsoCheckContext {
  /** Friedman's series on the same curves (the reference for KAS, FWO and Vyazovkin). */
  friedman?: IsoResult;
  stage?: number;
}

/** Half-width of the 95 % limits, kJ/mol (NaN when the method gives none). */
const half = (r: IsoResult['rows'][number]) => (r.Ea_ci95_high_kJ_mol - r.Ea_ci95_low_kJ_mol) / 2;
const halfOr0 = (r: IsoResult['rows'][number]) => (Number.isFinite(half(r)) ? half(r) : 0);

/** The checks on one isoconversional series; each warning at one conversion carries its `alpha`. */
export function isoChecks(res: IsoResult, ctx: IsoCheckContext = {}): ResultWarning[] {
  const out: ResultWarning[] = [];
  const where = (alpha?: number) => ({ stage: ctx.stage, alpha });
  const bad = res.rows.filter((r) => !plausibleEa(r.Ea_kJ_mol));
  for (const r of bad) {
    out.push(
      warning(
        'iso.ea_implausible',
        inRange(r.alpha) ? 'unreliable' : 'caution',
        Number.isFinite(r.Ea_kJ_mol)
          ? `${res.method} Ea = ${r.Ea_kJ_mol.toFixed(1)} kJ/mol at α = ${r.alpha} is outside ${PLAUSIBLE_EA_KJ_MOL[0]}–${PLAUSIBLE_EA_KJ_MOL[1]} kJ/mol`
          : `${res.method}: no Ea at α = ${r.alpha}`,
        where(r.alpha),
      ),
    );
  }
  // A standard error above 5 % of Ea (noise, scattered runs): the value at that α is not determined by the data.
  // (The 95 % limits are not used: with 3 rates Student's t is 12.7 and they are wide even on exact data.)
  for (const r of res.rows) {
    if (plausibleEa(r.Ea_kJ_mol) && r.Ea_se_kJ_mol > SE_LARGE_FRACTION * r.Ea_kJ_mol)
      out.push(
        warning(
          'iso.uncertain',
          'caution',
          `${res.method} Ea = ${r.Ea_kJ_mol.toFixed(1)} ± ${r.Ea_se_kJ_mol.toFixed(1)} kJ/mol (SE) at α = ${r.alpha}: the standard error exceeds ${100 * SE_LARGE_FRACTION} % of Ea`,
          where(r.alpha),
        ),
      );
  }
  // Scatter: a value more than 10 % (and 10 kJ/mol) away from the mean of its neighbours. A real change of
  // mechanism moves Ea(α) smoothly over a 0.05–0.1 grid; noise makes it jump.
  const rough = roughRows(res);
  for (const r of rough)
    out.push(
      warning(
        'iso.scatter',
        'caution',
        `${res.method} Ea = ${r.Ea_kJ_mol.toFixed(1)} kJ/mol at α = ${r.alpha} jumps away from its neighbours: noise or a glitch`,
        where(r.alpha),
      ),
    );
  if (rough.length >= 2)
    out.push(
      warning(
        'iso.scatter',
        'caution',
        `${res.method} Ea(α) scatters at ${rough.length} conversions (${rough.map((r) => r.alpha).join(', ')}): the whole series is uncertain (noise; try stronger smoothing)`,
        where(),
      ),
    );
  const inside = res.rows.filter((r) => inRange(r.alpha)).length;
  const badInside = bad.filter((r) => inRange(r.alpha)).length;
  if (inside > 0 && badInside > inside / 2)
    out.push(
      warning(
        'iso.ea_implausible',
        'unreliable',
        `${res.method}: ${badInside} of ${inside} conversions in 0.1–0.9 have an implausible Ea: the input is wrong (rates, temperature unit, a glitch)`,
        where(),
      ),
    );
  const v = eaVariation(res);
  const varies = v !== undefined && v.variation > EA_VARIATION_LIMIT;
  if (varies) {
    out.push(
      warning(
        'iso.ea_varies',
        'info',
        `${res.method} Ea(α) varies from ${v.min_kJ_mol.toFixed(1)} to ${v.max_kJ_mol.toFixed(1)} kJ/mol (${(100 * v.variation).toFixed(0)} % of its mean) over α 0.1–0.9: a multi-step process`,
        where(),
      ),
    );
  }
  const F = ctx.friedman;
  // KAS and FWO integrate from α = 0 with a constant Ea: biased when Ea varies (judged on Friedman's series when
  // there is one, since the integral methods smooth the variation they misreport).
  if ((res.method === 'kas' || res.method === 'fwo') && (varies || (F !== undefined && isMultiStep(F)))) {
    out.push(
      warning(
        'iso.integral_biased',
        'caution',
        `${res.method.toUpperCase()} assumes a constant Ea from α = 0; Ea(α) varies here, so its values (and their limits) are biased: use Friedman or Vyazovkin`,
        where(),
      ),
    );
  }
  if (F && F !== res && res.method !== 'friedman') {
    const disagree: number[] = [];
    for (const r of res.rows) {
      const f = F.rows.find((x) => Math.abs(x.alpha - r.alpha) < 1e-9);
      if (!f || !plausibleEa(f.Ea_kJ_mol) || !Number.isFinite(r.Ea_kJ_mol)) continue;
      const d = Math.abs(r.Ea_kJ_mol - f.Ea_kJ_mol);
      if (d > halfOr0(r) + halfOr0(f) && d > 0.1 * f.Ea_kJ_mol && d > 10) disagree.push(r.alpha);
    }
    if (disagree.length > 0)
      out.push(
        warning(
          'iso.methods_disagree',
          'caution',
          `${res.method} differs from Friedman by more than 10 % and beyond both 95 % limits at α = ${disagree.join(', ')}`,
          where(),
        ),
      );
  }
  return out;
}
