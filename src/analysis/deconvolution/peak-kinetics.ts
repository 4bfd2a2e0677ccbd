import type { ConversionCurve } from '../conversion-curve.ts';
import { kissinger, type KissingerResult } from '../kissinger.ts';
import { friedman } from '../isoconversional/friedman.ts';
import type { IsoResult } from '../isoconversional/result.ts';
import { fraserSuzuki, fraserSuzukiArea, fraserSuzukiRange, type FraserSuzukiPeak } from './fraser-suzuki.ts';

/**
 * Per-peak kinetics of a deconvolution (Perejón et al., J. Phys. Chem. B 115 (2011) 1780, §3): each Fraser–Suzuki
 * peak, divided by its area, is the dα/dT of one process, so its conversion α_k(T) = ∫y_k dT / area_k can be
 * analysed like a single-step run — Kissinger on the peak maxima T_p across heating rates (the FS T_p is the exact
 * maximum of the peak, no grid refinement needed) and Friedman on α_k(T) at the same conversions in every run.
 */

/** Points of the per-peak conversion curve (uniform in T over the range holding all but ~1e-6 of the area). */
const PEAK_CURVE_POINTS = 2001;

/**
 * The conversion curve of one peak at heating rate β (nominal route): T over `fraserSuzukiRange`, dα/dT = y/area,
 * α by the cumulative trapezoid of dα/dT, renormalised to end at 1.
 */
export function peakConversionCurve(p: FraserSuzukiPeak, beta_K_min: number, file?: string): ConversionCurve {
  const [a, b] = fraserSuzukiRange(p);
  const area = fraserSuzukiArea(p);
  const T_K: number[] = [];
  const dadT: number[] = [];
  for (let i = 0; i < PEAK_CURVE_POINTS; i++) {
    const t = a + ((b - a) * i) / (PEAK_CURVE_POINTS - 1);
    T_K.push(t);
    dadT.push(fraserSuzuki(p, t) / area);
  }
  const alpha = [0];
  for (let i = 1; i < T_K.length; i++)
    alpha.push(alpha[i - 1] + 0.5 * (dadT[i] + dadT[i - 1]) * (T_K[i] - T_K[i - 1]));
  const end = alpha[alpha.length - 1];
  return {
    beta_K_min,
    T_K,
    alpha: alpha.map((v) => v / end),
    dadT_per_K: dadT.map((v) => v / end),
    route: 'nominal',
    file,
    notes: ['conversion of one Fraser–Suzuki peak of a deconvolution'],
    warnings: [],
  };
}

export interface PeakKinetics {
  /** Kissinger on the peak maxima; undefined with fewer than two distinct rates. */
  kissinger?: KissingerResult;
  /** Friedman on the peak's conversion curves; undefined with fewer than two distinct rates. */
  friedman?: IsoResult;
}

/** Kissinger and Friedman of one peak seen in several runs (`peaks[i]` at `rates_K_min[i]`). */
export function peakKinetics(
  peaks: readonly FraserSuzukiPeak[],
  rates_K_min: readonly number[],
  alphas: number[],
  files?: readonly (string | undefined)[],
): PeakKinetics {
  const distinct = new Set(rates_K_min.map((b) => b.toPrecision(6))).size;
  if (distinct < 2) return {};
  const k = kissinger(
    peaks.map((p, i) => ({ beta_K_min: rates_K_min[i], T_peak_K: p.T_p_K, file: files?.[i] })),
  );
  const curves = peaks.map((p, i) => peakConversionCurve(p, rates_K_min[i], files?.[i]));
  return { kissinger: k, friedman: friedman(curves, alphas) };
}
