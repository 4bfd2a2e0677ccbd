import { parabolaVertex } from './peaks.ts';

/** Fraction of the maximum above which the samples around it are taken as the top of the peak. */
export const PEAK_TOP_FRACTION = 0.9;

/**
 * Position of the maximum of a sampled peak y(x) by a least-squares parabola over its top: the contiguous samples
 * around the highest one with y ≥ `fraction`·y_max (at least two on each side where the data allow). A
 * three-point parabola follows the noise of the three samples it passes through; a least-squares fit over the top
 * averages it (the usual way to read a DTG/DSC peak temperature to a fraction of the sampling step). Falls back to
 * the three-point vertex (`parabolaVertex`) when the top has fewer than five samples or is not concave.
 * Returns the grid position itself at an edge of the data. x in any unit (time or temperature).
 */
export function peakTopFit(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  fraction = PEAK_TOP_FRACTION,
): { x: number; index: number; atEdge: boolean; points: number } {
  const n = y.length;
  let im = 0;
  for (let i = 1; i < n; i++) if (y[i] > y[im]) im = i;
  if (im === 0 || im === n - 1) return { x: x[im], index: im, atEdge: true, points: 1 };
  const level = fraction * y[im];
  let a = im;
  let b = im;
  while (a > 0 && y[a - 1] >= level) a--;
  while (b < n - 1 && y[b + 1] >= level) b++;
  a = Math.max(0, Math.min(a, im - 2));
  b = Math.min(n - 1, Math.max(b, im + 2));
  const m = b - a + 1;
  if (m < 5) return { x: parabolaVertex(x, y, im).x, index: im, atEdge: false, points: 3 };
  // Normal equations of y = c0 + c1·u + c2·u², u = (x − x_im)/s (centred and scaled for conditioning).
  const s = (x[b] - x[a]) / 2 || 1;
  let S0 = 0;
  let S1 = 0;
  let S2 = 0;
  let S3 = 0;
  let S4 = 0;
  let T0 = 0;
  let T1 = 0;
  let T2 = 0;
  for (let i = a; i <= b; i++) {
    const u = (x[i] - x[im]) / s;
    const u2 = u * u;
    S0 += 1;
    S1 += u;
    S2 += u2;
    S3 += u2 * u;
    S4 += u2 * u2;
    T0 += y[i];
    T1 += y[i] * u;
    T2 += y[i] * u2;
  }
  const det3 = (m3: number[][]) =>
    m3[0][0] * (m3[1][1] * m3[2][2] - m3[1][2] * m3[2][1]) -
    m3[0][1] * (m3[1][0] * m3[2][2] - m3[1][2] * m3[2][0]) +
    m3[0][2] * (m3[1][0] * m3[2][1] - m3[1][1] * m3[2][0]);
  const M = [
    [S0, S1, S2],
    [S1, S2, S3],
    [S2, S3, S4],
  ];
  const D = det3(M);
  const c1 =
    det3([
      [S0, T0, S2],
      [S1, T1, S3],
      [S2, T2, S4],
    ]) / D;
  const c2 =
    det3([
      [S0, S1, T0],
      [S1, S2, T1],
      [S2, S3, T2],
    ]) / D;
  if (!(c2 < 0) || !Number.isFinite(c1))
    return { x: parabolaVertex(x, y, im).x, index: im, atEdge: false, points: 3 };
  const u = Math.min((x[b] - x[im]) / s, Math.max((x[a] - x[im]) / s, -c1 / (2 * c2)));
  return { x: x[im] + u * s, index: im, atEdge: false, points: m };
}
