/** A detected peak of a curve y(x). */
export interface Peak {
  /** Index of the highest sample. */
  index: number;
  /** Peak position refined by a parabola through the top three samples (x-units). */
  x: number;
  /** Height at the refined position. */
  height: number;
  /** Prominence: height above the higher of the two flanking minima. */
  prominence: number;
  /** True when the maximum lies on the first or last sample (the true peak may be outside the data). */
  atEdge: boolean;
}

/**
 * Position of the maximum of y(x) refined to sub-grid precision with the vertex of the parabola through the highest
 * sample and its neighbours (exact for a locally quadratic peak; works on non-uniform x).
 */
export function peakOfCurve(x: ArrayLike<number>, y: ArrayLike<number>, from = 0, to = x.length): Peak {
  if (to - from < 1) throw new RangeError('peakOfCurve: empty range');
  let im = from;
  for (let i = from; i < to; i++) if (y[i] > y[im] || Number.isNaN(y[im])) im = i;
  return refine(x, y, im, from, to, Infinity);
}

function refine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  im: number,
  from: number,
  to: number,
  prominence: number,
): Peak {
  const atEdge = im === from || im === to - 1;
  if (atEdge) return { index: im, x: x[im], height: y[im], prominence, atEdge };
  const x0 = x[im - 1],
    x1 = x[im],
    x2 = x[im + 1];
  const y0 = y[im - 1],
    y1 = y[im],
    y2 = y[im + 1];
  // Vertex of the interpolating parabola (Lagrange form), robust to unequal spacing.
  const d0 = (x0 - x1) * (x0 - x2),
    d1 = (x1 - x0) * (x1 - x2),
    d2 = (x2 - x0) * (x2 - x1);
  const a = y0 / d0 + y1 / d1 + y2 / d2;
  const b = -(y0 * (x1 + x2)) / d0 - (y1 * (x0 + x2)) / d1 - (y2 * (x0 + x1)) / d2;
  const c = (y0 * x1 * x2) / d0 + (y1 * x0 * x2) / d1 + (y2 * x0 * x1) / d2;
  if (!(a < 0)) return { index: im, x: x1, height: y1, prominence, atEdge };
  const xv = Math.min(x2, Math.max(x0, -b / (2 * a)));
  return { index: im, x: xv, height: a * xv * xv + b * xv + c, prominence, atEdge };
}

export interface FindPeaksOptions {
  /** Minimum prominence as a fraction of the curve's maximum (default 0.05). */
  minRelativeProminence?: number;
}

/**
 * All local maxima of y(x) whose prominence is at least `minRelativeProminence`·max(y), sorted by position.
 * Prominence: height above the higher of the lowest points between the peak and a higher peak on each side
 * (topographic definition, as in scipy.signal.find_peaks).
 */
export function findPeaks(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: FindPeaksOptions = {},
): Peak[] {
  const n = y.length;
  let ymax = -Infinity;
  for (let i = 0; i < n; i++) if (y[i] > ymax) ymax = y[i];
  if (!(ymax > 0) && n > 0) ymax = Math.max(...Array.from(y, Math.abs));
  const minProm = (options.minRelativeProminence ?? 0.05) * ymax;
  const peaks: Peak[] = [];
  for (let i = 0; i < n; i++) {
    const left = i === 0 ? -Infinity : y[i - 1];
    // Plateaus: take the first sample of the plateau.
    let j = i;
    while (j + 1 < n && y[j + 1] === y[i]) j++;
    const right = j === n - 1 ? -Infinity : y[j + 1];
    if (y[i] > left && y[i] > right) {
      let lmin = y[i];
      for (let k = i - 1; k >= 0 && y[k] <= y[i]; k--) lmin = Math.min(lmin, y[k]);
      let rmin = y[i];
      for (let k = j + 1; k < n && y[k] <= y[i]; k++) rmin = Math.min(rmin, y[k]);
      const prom = y[i] - Math.max(lmin, rmin);
      if (prom >= minProm) peaks.push(refine(x, y, i, 0, n, prom));
    }
    i = j;
  }
  return peaks;
}
