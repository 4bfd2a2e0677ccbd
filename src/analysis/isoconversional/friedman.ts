import type { ConversionCurve } from '../conversion-curve.ts';
import { kPerMinToKPerS } from '../../kinetics/constants.ts';
import { tCritical } from '../../core/statistics.ts';
import { linearIsoconversional } from './linear-iso.ts';
import { defaultAlphaGrid } from './alpha-grid.ts';
import type { IsoResult } from './result.ts';

/**
 * Friedman's differential method (Friedman 1964): ln(dα/dt)_α = ln[A·f(α)] − Ea/(R·T_α). On the time route
 * (curves with `dadt_per_s`) dα/dt is the derivative in time and T_α the measured temperature at α (ICTAC 2011: any
 * temperature program); otherwise dα/dt = β·dα/dT with the nominal β in K/s (so the intercept is ln[A f(α)] with
 * A in s⁻¹). Exact for any single-step model; its error comes only from the numerical derivative of noisy data.
 */
export function friedman(curves: ConversionCurve[], alphas: number[] = defaultAlphaGrid()): IsoResult {
  const rows = linearIsoconversional(
    curves,
    alphas,
    'Friedman',
    (p) => Math.log(p.dadt_per_s ?? kPerMinToKPerS(p.beta_K_min) * p.dadT_per_K),
    1,
  );
  for (const r of rows) {
    // lg[A·f(α)]: the intercept is ln[A·f(α)] with A in s⁻¹ (dα/dt in s⁻¹ on both routes).
    const half = ((r.intercept_se ?? NaN) * tCritical(0.95, curves.length - 2)) / Math.LN10;
    r.lgAf_s = (r.intercept ?? NaN) / Math.LN10;
    r.lgAf_ci95_low_s = r.lgAf_s - half;
    r.lgAf_ci95_high_s = r.lgAf_s + half;
  }
  return {
    method: 'friedman',
    rows,
    rates_K_min: curves.map((c) => c.beta_K_min),
    warnings: [],
    note: 'Friedman: differential, no temperature-integral approximation; sensitive to noise in dα/dT.',
  };
}
