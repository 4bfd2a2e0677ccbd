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
  const v = parabolaVertex(x, y, im);
  return { index: im, x: v.x, height: v.height, prominence, atEdge };
}

/**
 * The package's one sub-grid peak refinement: the vertex of the parabola through samples k−1, k, k+1 (Newton's
 * divided differences, exact for a locally quadratic peak, any spacing), clamped to [x[k−1], x[k+1]]; the sample
 * itself when the three points are not concave. Needs 0 < k < n − 1.
 */
export function parabolaVertex(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  k: number,
): { x: number; height: number } {
  const x0 = x[k - 1];
  const x1 = x[k];
  const x2 = x[k + 1];
  const y0 = y[k - 1];
  const y1 = y[k];
  const y2 = y[k + 1];
  const d1 = (y1 - y0) / (x1 - x0);
  const d2 = (y2 - y1) / (x2 - x1);
  const curv = (d2 - d1) / (x2 - x0);
  if (!(curv < 0)) return { x: x1, height: y1 };
  const xv = Math.min(x2, Math.max(x0, (x0 + x1) / 2 - d1 / (2 * curv)));
  // Newton form p(x) = y0 + d1 (x − x0) + curv (x − x0)(x − x1).
  return { x: xv, height: y0 + d1 * (xv - x0) + curv * (xv - x0) * (xv - x1) };
}

/**
 * Temperature of the maximum of y(T): the grid maximum among positive values refined by `parabolaVertex` (the grid
 * point itself at an edge). NaN when y has no positive value. Used by the fitters
 * (analysis/fit, src/fit) and the CNN comparison.
 */
export function parabolicPeak(T: ArrayLike<number>, y: ArrayLike<number>): number {
  let k = -1;
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > max) {
      max = y[i];
      k = i;
    }
  }
  if (k < 0) return NaN;
  if (k === 0 || k === y.length - 1) return T[k];
  return parabolaVertex(T, y, k).x;
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
  if (!(ymax > 0) && n > 0) {
    ymax = -Infinity;
    for (let i = 0; i < n; i++) ymax = Math.max(ymax, Math.abs(y[i]));
  }
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
