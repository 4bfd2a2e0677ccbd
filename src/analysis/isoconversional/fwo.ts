import type { ConversionCurve } from '../conversion-curve.ts';
import { linearIsoconversional } from './linear-iso.ts';
import { defaultAlphaGrid } from './alpha-grid.ts';
import type { IsoResult } from './result.ts';

/** Doyle's linear approximation ln p(x) ≈ −5.331 − 1.052·x (valid for 20 ≤ x ≤ 60). */
export const DOYLE_SLOPE = 1.052;

/**
 * Flynn–Wall–Ozawa (Ozawa 1965; Flynn & Wall 1966) with Doyle's approximation: ln β = const − 1.052·Ea/(R·T_α),
 * so Ea = −slope·R/1.052 (β in any unit: only the slope matters). Known error: ≈ +1 % at Ea/RT ≈ 30
 * (e.g. 151.2 instead of 150 kJ/mol), up to several % outside 20 ≤ x ≤ 60.
 */
export function fwo(curves: ConversionCurve[], alphas: number[] = defaultAlphaGrid()): IsoResult {
  const rows = linearIsoconversional(curves, alphas, 'FWO', (p) => Math.log(p.beta_K_min), 1 / DOYLE_SLOPE);
  for (const r of rows) r.intercept = undefined;
  return {
    method: 'fwo',
    rows,
    rates_K_min: curves.map((c) => c.beta_K_min),
    warnings: [],
    note: 'FWO/OFW: Doyle approximation ln p ≈ −5.331 − 1.052x; typical bias ≈ +1 % at Ea/RT ≈ 30.',
  };
}
