import type { ConversionCurve } from '../conversion-curve.ts';
import { kPerMinToKPerS } from '../../kinetics/constants.ts';
import { linearIsoconversional } from './linear-iso.ts';
import { defaultAlphaGrid } from './alpha-grid.ts';
import type { IsoResult } from './result.ts';

/**
 * Kissinger–Akahira–Sunose (Akahira & Sunose 1971): ln(β/T_α²) = const − Ea/(R·T_α), from the Murray–White
 * approximation p(x) ≈ e^(−x)/x². Known error: Ea is underestimated by ≈ 2RT/(x+…) — about 0.2 % at x = Ea/RT ≈ 30
 * (e.g. 149.7 instead of 150 kJ/mol), more at small x.
 */
export function kas(curves: ConversionCurve[], alphas: number[] = defaultAlphaGrid()): IsoResult {
  const rows = linearIsoconversional(
    curves,
    alphas,
    'KAS',
    (p) => Math.log(kPerMinToKPerS(p.beta_K_min) / (p.T_K * p.T_K)),
    1,
  );
  return {
    method: 'kas',
    rows,
    rates_K_min: curves.map((c) => c.beta_K_min),
    warnings: [],
    note: 'KAS: Murray–White approximation of the temperature integral; typical bias ≈ −0.2 % at Ea/RT ≈ 30.',
  };
}
