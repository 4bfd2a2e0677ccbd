import { InputError } from '../core/input-error.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { findPeaks } from './peaks.ts';
import { savitzkyGolay } from './savitzky-golay.ts';

/** A reaction stage: a temperature window around one peak of the rate signal (DTG or heat flow). */
export interface StageWindow {
  lo_K: number;
  hi_K: number;
  /** The rate maximum that defines the stage (auto windows), K. */
  peak_K?: number;
  source: 'option' | 'auto';
}

/** Parse `--window 200:400` (°C) into one [lo, hi] window in K (the CLI's `--window`, the API's `window_C`). */
export function parseWindowC(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[:,]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) throw new InputError(`--window: expected LO:HI in °C (e.g. 200:400), got "${value}"`);
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (!(hi > lo)) throw new InputError(`--window: the upper limit must exceed the lower (${value})`);
  return [celsiusToKelvin(lo), celsiusToKelvin(hi)];
}

/** Parse `--window 200:400` or several, `200:380,380:500` (°C), into windows in K, sorted by temperature. */
export function parseStageWindowsC(value: string): StageWindow[] {
  const parts = value.split(/[,;]\s*|\s+/).filter(Boolean);
  const out = parts.map((p) => {
    const m = /^(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(p);
    if (!m)
      throw new InputError(`--window: expected LO:HI in °C (e.g. 200:400 or 200:380,380:500), got "${p}"`);
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (!(hi > lo)) throw new InputError(`--window: the upper limit must exceed the lower (${p})`);
    return { lo_K: celsiusToKelvin(lo), hi_K: celsiusToKelvin(hi), source: 'option' as const };
  });
  return out.sort((a, b) => a.lo_K - b.lo_K);
}

export interface AutoWindowOptions {
  /** Peaks below this fraction of the highest peak's prominence are ignored (default 0.1). */
  minRelativeProminence?: number;
  /**
   * How the outer limits are chosen: `edges` = the data ends (TGA: the mass baseline is flat, α is renormalised per
   * window); `threshold` = where the signal falls to 1 % of the peak height above the lowest value on that side, plus half that distance (DSC,
   * whose baseline is drawn between the limits). Default `threshold`.
   */
  outer?: 'edges' | 'threshold';
}

/** Fraction of the peak height (above the side's minimum) at which a DSC peak's outer limit is placed. */
const OUTER_FRACTION = 0.01;
/** Extension beyond the 1 % point, as a fraction of its distance from the peak. */
const EXTEND = 0.5;

/**
 * Stage windows from the peaks of a rate signal r(T) (DTG −dm/dT, dα/dT or exothermic heat flow): every peak with
 * prominence ≥ `minRelativeProminence`·max gives a stage; adjacent stages are split at the minimum of r between their
 * peaks. Signals with more than 200 points are Savitzky–Golay smoothed (window ≈ n/50) for the peak search only.
 */
export function autoStageWindows(
  T_K: number[],
  rate: number[],
  options: AutoWindowOptions = {},
): StageWindow[] {
  const n = T_K.length;
  if (n < 5) return [];
  let r = rate;
  if (n > 200) {
    let w = Math.min(101, Math.max(5, Math.round(n / 50)));
    if (w % 2 === 0) w++;
    r = Array.from(savitzkyGolay(rate, T_K, 0, { window: w, order: 2 }));
  }
  const peaks = findPeaks(T_K, r, { minRelativeProminence: options.minRelativeProminence ?? 0.1 }).filter(
    (p) => !p.atEdge && r[p.index] > 0,
  );
  if (peaks.length === 0) return [];
  const splits: number[] = [];
  for (let k = 0; k + 1 < peaks.length; k++) {
    let im = peaks[k].index;
    for (let i = peaks[k].index; i <= peaks[k + 1].index; i++) if (r[i] < r[im]) im = i;
    splits.push(im);
  }
  const outer = options.outer ?? 'threshold';
  return peaks.map((p, k) => {
    let a = k === 0 ? 0 : splits[k - 1];
    let b = k === peaks.length - 1 ? n - 1 : splits[k];
    if (outer === 'threshold' && k === 0) a = outerLimit(T_K, r, p.index, 0, -1);
    if (outer === 'threshold' && k === peaks.length - 1) b = outerLimit(T_K, r, p.index, n - 1, +1);
    return { lo_K: T_K[a], hi_K: T_K[b], peak_K: p.x, source: 'auto' as const };
  });
}

/**
 * Walk from the peak towards `end` until r falls to OUTER_FRACTION of the height above that side's minimum, then go
 * on by half the peak-to-that-point distance: a baseline anchored where the tail is still 1 % high would cut ~2 % off
 * the peak area (measured on an exact first-order peak), while half a tail further out the signal is ~10⁻⁴ of the peak.
 */
function outerLimit(T: number[], r: number[], peak: number, end: number, dir: 1 | -1): number {
  let min = Infinity;
  for (let i = peak; dir > 0 ? i <= end : i >= end; i += dir) min = Math.min(min, r[i]);
  const level = min + OUTER_FRACTION * (r[peak] - min);
  let i = peak;
  while (i !== end && r[i] > level) i += dir;
  const target = T[i] + dir * EXTEND * Math.abs(T[i] - T[peak]);
  while (i !== end && (dir > 0 ? T[i + dir] <= target : T[i + dir] >= target)) i += dir;
  return i;
}
