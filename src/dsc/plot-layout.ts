/**
 * Data layout of the explainable-ML figures (pure, no rendering): beeswarm offsets for tied Shapley values and
 * the bins of the null-importance histograms. Used by src/dsc/plots.ts.
 */
import { extent } from '../core/statistics.ts';

/**
 * Deterministic beeswarm offsets: the values are put into `nBins` equal bins over [lo, hi] (one bin ≈ one
 * marker width when nBins ≈ plot width / marker diameter); inside a bin the k-th value (in input order) gets
 * the offset 0, +1, −1, +2, −2, … scaled by 1/`maxHalf` (so offsets lie in [−1, 1]); `maxHalf` is the largest
 * half-count of any bin, at least `minHalf` so that small groups stay close to the centre line. Tied values
 * therefore always get different offsets, and the same input always gives the same layout.
 */
export function swarmOffsets(
  values: readonly number[],
  lo: number,
  hi: number,
  nBins = 80,
  minHalf = 6,
): number[] {
  const span = hi - lo;
  const bin = (v: number): number =>
    span > 0 ? Math.min(nBins - 1, Math.max(0, Math.floor(((v - lo) / span) * nBins))) : 0;
  const counts = new Map<number, number>();
  const slot = values.map((v) => {
    const b = bin(v);
    const k = counts.get(b) ?? 0;
    counts.set(b, k + 1);
    return k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : -k / 2;
  });
  let maxHalf = minHalf;
  for (const c of counts.values()) maxHalf = Math.max(maxHalf, Math.ceil((c - 1) / 2));
  return slot.map((s) => s / maxHalf);
}

/** One histogram bar: [x0, x1) (the last bin is closed) and the number of values in it. */
export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * Equal-width histogram of `values` over [lo, hi] (default: their range) in `nBins` bins; a value equal to hi
 * goes into the last bin, values outside [lo, hi] are not counted. All values equal: the range is widened to
 * [v − w/2, v + w/2] with w = 0.1·|v| (1 when v = 0), so a degenerate null distribution (e.g. all 0) is still drawn.
 */
export function histogramBins(
  values: readonly number[],
  nBins = 20,
  range?: [lo: number, hi: number],
): HistogramBin[] {
  let [lo, hi] = range ?? (values.length ? extent(values) : [NaN, NaN]);
  if (!values.length || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) {
    const w = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= w / 2;
    hi += w / 2;
  }
  const width = (hi - lo) / nBins;
  const bins: HistogramBin[] = Array.from({ length: nBins }, (_, k) => ({
    x0: lo + k * width,
    x1: k === nBins - 1 ? hi : lo + (k + 1) * width,
    count: 0,
  }));
  for (const v of values) {
    if (!(v >= lo && v <= hi)) continue;
    bins[Math.min(nBins - 1, Math.floor((v - lo) / width))].count++;
  }
  return bins;
}
