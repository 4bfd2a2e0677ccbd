import { qualityOf, type Quality, type ResultWarning } from '../core/warnings.ts';

/**
 * One safety prediction as the user reads it: the central value, its 90 % band and what undermines it.
 * `lo90`/`hi90` are null when no band could be computed (a `safety.no-band` warning says why). Model-free bands
 * come from the Ea(α) limits, triplet bands from sampling (Ea, lgA) with their standard errors and correlation.
 */
export interface SafetyNumber {
  value: number;
  lo90: number | null;
  hi90: number | null;
  /** Unit of value and band: s, K, m. */
  unit: 's' | 'K' | 'm';
  warnings: ResultWarning[];
  quality: Quality;
}

/**
 * Build a SafetyNumber from a central value and candidate band ends (NaN or missing ends give no band; the band is
 * widened to contain the central value).
 */
export function safetyNumber(
  value: number,
  unit: SafetyNumber['unit'],
  band: number[] | undefined,
  warnings: (ResultWarning | undefined)[] = [],
): SafetyNumber {
  const ends = band?.filter(Number.isFinite) ?? [];
  const hasBand = band !== undefined && ends.length === band.length && ends.length >= 2;
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of hasBand ? [...ends, value] : []) {
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
  }
  const ws = warnings.filter((w): w is ResultWarning => w !== undefined);
  return {
    value,
    lo90: hasBand ? lo : null,
    hi90: hasBand ? hi : null,
    unit,
    warnings: ws,
    quality: qualityOf(ws),
  };
}
