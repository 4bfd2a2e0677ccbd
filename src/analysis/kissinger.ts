import { R_J_PER_MOL_K, kPerMinToKPerS } from '../kinetics/constants.ts';
import { linearFit, tCritical, type LinearFit } from '../core/statistics.ts';
import { assertDistinctHeatingRates } from './heating-rates.ts';
import { peakTopFit } from './peak-top-fit.ts';
import type { ConversionCurve } from './conversion-curve.ts';

/** One Kissinger point: a heating rate and the peak temperature of the rate curve at that rate. */
export interface KissingerPoint {
  beta_K_min: number;
  T_peak_K: number;
  file?: string;
}

export interface KissingerResult {
  Ea_kJ_mol: number;
  /** log10(A/s⁻¹), with β converted to K/s in the regression. */
  lgA_s: number;
  r2: number;
  /** Standard error of Ea, kJ/mol (NaN with two points). */
  Ea_se_kJ_mol: number;
  /** Standard error of lgA (delta method, incl. the slope–intercept covariance). */
  lgA_se: number;
  /** 95 % confidence half-width of Ea, kJ/mol (Student t, n − 2 degrees of freedom). */
  Ea_ci95_kJ_mol: number;
  /** The regression points: x = 1000/T_peak (1/K ×1000), y = ln(β/T_peak²) with β in K/s. */
  points: (KissingerPoint & { x_1000_per_K: number; y_ln_beta_K_s_per_T2: number })[];
  slope_K: number;
  intercept: number;
  warnings: string[];
}

/**
 * Kissinger's method (Kissinger 1957; Zhou 2026 eqs. 2–5): ln(β/Tp²) = ln(A·R/Ea) − Ea/(R·Tp).
 * Linear fit of ln(β/Tp²) on 1/Tp gives slope = −Ea/R and intercept b = ln(A·R/Ea), so
 * lgA = [b + ln(Ea/R)]/ln 10. β is converted to K/s so that A comes out in s⁻¹ (with β in K/min the same
 * Ea results but A would be in min⁻¹, i.e. lgA larger by log10 60).
 */
export function kissinger(points: KissingerPoint[]): KissingerResult {
  assertDistinctHeatingRates(points, 'Kissinger');
  const warnings: string[] = [];
  if (points.length < 3)
    warnings.push('only two heating rates: R² is 1 by construction and no standard error exists');
  for (const p of points) {
    if (!(p.T_peak_K > 0) || !Number.isFinite(p.T_peak_K)) {
      throw new RangeError(`Kissinger: peak temperature must be a positive number of K, got ${p.T_peak_K}`);
    }
    if (p.T_peak_K < 273.15) {
      warnings.push(`peak temperature ${p.T_peak_K} K is below 0 °C: was °C given where K is expected?`);
    }
  }
  const { x, y, fit, Ea_kJ_mol, lgA_s: lgA } = kissingerLine(points);
  if (!(Ea_kJ_mol > 0))
    warnings.push('the Kissinger slope is not negative: peaks do not shift up with heating rate');
  // Delta method: lgA = (b + ln(−s))/ln10 → ∂/∂b = 1/ln10, ∂/∂s = 1/(s·ln10).
  const db = 1 / Math.LN10;
  const ds = 1 / (fit.slope * Math.LN10);
  const varLgA =
    db * db * fit.interceptSE ** 2 + ds * ds * fit.slopeSE ** 2 + 2 * db * ds * fit.covSlopeIntercept;
  const EaSE = (fit.slopeSE * R_J_PER_MOL_K) / 1000;
  return {
    Ea_kJ_mol,
    lgA_s: lgA,
    r2: fit.r2,
    Ea_se_kJ_mol: EaSE,
    lgA_se: Math.sqrt(varLgA),
    Ea_ci95_kJ_mol: EaSE * tCritical(0.95, points.length - 2),
    points: points.map((p, i) => ({ ...p, x_1000_per_K: 1000 * x[i], y_ln_beta_K_s_per_T2: y[i] })),
    slope_K: fit.slope,
    intercept: fit.intercept,
    warnings,
  };
}

/**
 * The Kissinger regression alone (pure, no checks or warnings): ln(β/Tp²) on 1/Tp with β in K/s, Ea = −slope·R,
 * lgA = [b + ln(Ea/R)]/ln 10. The one Kissinger of the package: `kissinger` adds checks and statistics on top, and
 * the fitter's start estimate (analysis/fit/jma-fit.ts kissingerEstimate) should call this. Needs ≥ 2 distinct
 * 1/Tp (linearFit throws otherwise); Ea ≤ 0 and NaN lgA when the peaks do not rise with β.
 */
export function kissingerLine(points: readonly { beta_K_min: number; T_peak_K: number }[]): {
  Ea_kJ_mol: number;
  lgA_s: number;
  x: number[];
  y: number[];
  fit: LinearFit;
} {
  const x = points.map((p) => 1 / p.T_peak_K);
  const y = points.map((p) => Math.log(kPerMinToKPerS(p.beta_K_min) / (p.T_peak_K * p.T_peak_K)));
  const fit = linearFit(x, y);
  const EaOverR = -fit.slope; // K
  return {
    Ea_kJ_mol: (EaOverR * R_J_PER_MOL_K) / 1000,
    lgA_s: (fit.intercept + Math.log(EaOverR)) / Math.LN10,
    x,
    y,
    fit,
  };
}

/**
 * The Kissinger peak temperature of one conversion curve. Time route (the curve has dα/dt and time): the maximum of
 * the rate dα/dt in time, located by a least-squares parabola over the top of the peak (`peakTopFit`), and Tp the
 * measured temperature at that time. Nominal route: the maximum of dα/dT over T by the same fit.
 */
export function kissingerPeak(c: ConversionCurve): { T_peak_K: number; atEdge: boolean } {
  if (c.dadt_per_s && c.time_s && c.time_s.length === c.T_K.length) {
    const p = peakTopFit(c.time_s, c.dadt_per_s);
    const t = c.time_s;
    let i = 1;
    while (i < t.length - 1 && t[i] < p.x) i++;
    const t0 = t[i - 1];
    const w = (p.x - t0) / (t[i] - t0);
    return { T_peak_K: c.T_K[i - 1] + w * (c.T_K[i] - c.T_K[i - 1]), atEdge: p.atEdge };
  }
  const p = peakTopFit(c.T_K, c.dadT_per_K);
  return { T_peak_K: p.x, atEdge: p.atEdge };
}

/**
 * Kissinger from conversion curves: the Kissinger T_peak of each curve is `kissingerPeak` (the dα/dt maximum in time
 * with the measured temperature, or the dα/dT maximum). Warns when a peak sits on the edge of its window (the true
 * maximum may lie outside).
 */
export function kissingerFromCurves(curves: ConversionCurve[]): KissingerResult {
  const warnings: string[] = [];
  const points = curves.map((c) => {
    const peak = kissingerPeak(c);
    if (peak.atEdge) {
      warnings.push(
        `${c.file ?? `${c.beta_K_min} K/min`}: the dα/dT maximum is at the window edge (${peak.T_peak_K.toFixed(1)} K); ` +
          'the peak may lie outside the data — widen the window',
      );
    }
    return { beta_K_min: c.beta_K_min, T_peak_K: peak.T_peak_K, file: c.file };
  });
  const res = kissinger(points);
  res.warnings = [...warnings, ...res.warnings];
  return res;
}
