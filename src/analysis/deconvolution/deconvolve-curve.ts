import { levenbergMarquardt } from '../fit/levenberg-marquardt.ts';
import { findPeaks } from '../peaks.ts';
import { interpolateAt } from '../dsc-baseline.ts';
import { fraserSuzuki, fraserSuzukiArea, fraserSuzukiFwhm, type FraserSuzukiPeak } from './fraser-suzuki.ts';

/**
 * Kinetic deconvolution of one curve: the signal y(T) (dα/dT of a TGA run, or the normalised heat flow of a DSC
 * run) as a sum of K Fraser–Suzuki peaks (fraser-suzuki.ts), fitted by least squares with the package's bounded
 * Levenberg–Marquardt (analysis/fit/levenberg-marquardt.ts) on a uniform grid.
 *
 * Starts (the fit is local, so they matter): the peaks of the curve (`findPeaks`, by height) with their width and
 * asymmetry read from the half-height crossings (for a Fraser–Suzuki peak the right/left half-width ratio is
 * exp(A_s)); when the curve shows fewer than K maxima (a shoulder), the missing peaks are added one at a time at the
 * maximum of the residual of the fit so far; and, for K ≥ 2, a second start that splits the main peak into K
 * peaks across its half-height width; and any `starts` the caller gives. The start with the lower residual wins.
 */
export interface DeconvolveCurveOptions {
  /** Number of peaks K (≥ 1). */
  peaks: number;
  /** Points of the uniform fitting grid (default 400; fewer when the curve has fewer). */
  gridPoints?: number;
  /** Bound on |A_s| (default 1.5; a fitted value on it is reported in `onBound`). */
  maxAsymmetry?: number;
  /** Further starts, K peaks each (e.g. another run's solution shifted to this run's maximum). */
  starts?: readonly (readonly FraserSuzukiPeak[])[];
}

export interface DeconvolvedPeak extends FraserSuzukiPeak {
  /** Area under the peak (signal unit × K; for dα/dT the conversion it carries). */
  area: number;
  /** This peak's share of the sum of the peak areas. */
  areaFraction: number;
  fwhm_K: number;
  /** Parameters that ended on their bounds ('h' at 0, 'w', 'A_s', 'T_p' at the grid edge). */
  onBound: ('h' | 'T_p' | 'w' | 'A_s')[];
}

export interface DeconvolvedCurve {
  /** The uniform fitting grid, K. */
  T_K: number[];
  /** The signal on the grid. */
  y: number[];
  /** The sum of the fitted peaks on the grid. */
  model: number[];
  /** The peaks, sorted by T_p. */
  peaks: DeconvolvedPeak[];
  /** 1 − SSE/SST on the grid. */
  r2: number;
  sse: number;
  converged: boolean;
}

const PARAMS_PER_PEAK = 4;

function peaksFromTheta(theta: ArrayLike<number>, K: number): FraserSuzukiPeak[] {
  const out: FraserSuzukiPeak[] = [];
  for (let k = 0; k < K; k++) {
    const o = PARAMS_PER_PEAK * k;
    out.push({ h: theta[o], T_p_K: theta[o + 1], w_K: theta[o + 2], A_s: theta[o + 3] });
  }
  return out;
}

function thetaFromPeaks(peaks: readonly FraserSuzukiPeak[]): number[] {
  const th: number[] = [];
  for (const p of peaks) th.push(p.h, p.T_p_K, p.w_K, p.A_s);
  return th;
}

/** Half-height crossings around index i: left and right half-widths, K (NaN when a valley comes first). */
function halfWidths(T: ArrayLike<number>, y: ArrayLike<number>, i: number): { left: number; right: number } {
  const half = y[i] / 2;
  const side = (dir: 1 | -1): number => {
    let j = i;
    let lowest = y[i];
    while (j + dir >= 0 && j + dir < y.length) {
      const nj = j + dir;
      if (y[nj] <= half) {
        const f = (y[j] - half) / (y[j] - y[nj]);
        return Math.abs(T[j] + f * (T[nj] - T[j]) - T[i]);
      }
      // A rise of more than 5 % of the height after a dip: a neighbouring peak before half height.
      if (y[nj] > lowest + 0.05 * y[i]) return NaN;
      lowest = Math.min(lowest, y[nj]);
      j = nj;
    }
    return NaN;
  };
  return { left: side(-1), right: side(1) };
}

/** A start peak at grid index i from its half-height shape. */
function peakAt(
  T: ArrayLike<number>,
  y: ArrayLike<number>,
  i: number,
  fallbackW: number,
  maxAs: number,
): FraserSuzukiPeak {
  const { left, right } = halfWidths(T, y, i);
  let w: number;
  let As = 0;
  if (Number.isFinite(left) && Number.isFinite(right)) {
    w = left + right;
    As = Math.max(-0.8 * maxAs, Math.min(0.8 * maxAs, Math.log(right / left)));
  } else if (Number.isFinite(left)) w = 2 * left;
  else if (Number.isFinite(right)) w = 2 * right;
  else w = fallbackW;
  // w is the FWHM only for A_s → 0; FWHM = w·sinh(A_s)/A_s.
  if (Math.abs(As) > 1e-6) w *= As / Math.sinh(As);
  return { h: y[i], T_p_K: T[i], w_K: w, A_s: As };
}

/** Deconvolve one curve into K Fraser–Suzuki peaks (see the interface doc). T strictly increasing. */
export function deconvolveCurve(
  T_in: ArrayLike<number>,
  y_in: ArrayLike<number>,
  opts: DeconvolveCurveOptions,
): DeconvolvedCurve {
  const K = opts.peaks;
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`deconvolveCurve: peaks must be ≥ 1, got ${K}`);
  const maxAs = opts.maxAsymmetry ?? 1.5;
  const n = Math.max(8 * K, Math.min(opts.gridPoints ?? 400, T_in.length));
  const T0 = T_in[0];
  const T1 = T_in[T_in.length - 1];
  if (!(T1 > T0)) throw new RangeError('deconvolveCurve: the temperature must increase');
  const dT = (T1 - T0) / (n - 1);
  const T = Array.from({ length: n }, (_, i) => T0 + i * dT);
  const y = T.map((t) => interpolateAt(T_in, y_in, t));
  let ymax = 0;
  for (const v of y) ymax = Math.max(ymax, v);
  if (!(ymax > 0)) throw new RangeError('deconvolveCurve: the signal has no positive peak');

  const lower: number[] = [];
  const upper: number[] = [];
  const typical: number[] = [];
  const wMin = 2 * dT;
  const wMax = T1 - T0;
  for (let k = 0; k < K; k++) {
    lower.push(0, T0, wMin, -maxAs);
    upper.push(1.5 * ymax, T1, wMax, maxAs);
    // A_s typical 3: a forward-difference step of 3e-7 keeps the A_s column of the Jacobian accurate near A_s = 0.
    typical.push(ymax, (T1 - T0) / 10, (T1 - T0) / 10, 3);
  }
  const scale = 1 / ymax;
  const modelOf = (peaks: readonly FraserSuzukiPeak[], out: Float64Array): void => {
    out.fill(0);
    for (const p of peaks) for (let i = 0; i < n; i++) out[i] += fraserSuzuki(p, T[i]);
  };
  const fit = (start: FraserSuzukiPeak[], maxIterations = 300) => {
    const Kk = start.length;
    const buf = new Float64Array(n);
    const res = levenbergMarquardt(
      (th) => {
        modelOf(peaksFromTheta(th, Kk), buf);
        const r = new Float64Array(n);
        for (let i = 0; i < n; i++) r[i] = (buf[i] - y[i]) * scale;
        return r;
      },
      thetaFromPeaks(start),
      {
        lower: lower.slice(0, PARAMS_PER_PEAK * Kk),
        upper: upper.slice(0, PARAMS_PER_PEAK * Kk),
        typical: typical.slice(0, PARAMS_PER_PEAK * Kk),
        maxIterations,
      },
    );
    return { peaks: peaksFromTheta(res.theta, Kk), cost: res.cost, converged: res.converged };
  };

  // Start 1: detected maxima, then residual maxima for the missing peaks.
  const detected = findPeaks(T, y, { minRelativeProminence: 0.01 })
    .filter((p) => p.height > 0)
    .sort((a, b) => b.height - a.height)
    .slice(0, K);
  const fallbackW = (T1 - T0) / 8;
  let start = detected.map((p) => peakAt(T, y, p.index, fallbackW, maxAs));
  if (start.length === 0) start = [peakAt(T, y, y.indexOf(ymax), fallbackW, maxAs)];
  let current = start.length < K ? fit(start, 100) : undefined;
  while (start.length < K) {
    const m = new Float64Array(n);
    modelOf(current!.peaks, m);
    let im = 0;
    for (let i = 0; i < n; i++) if (y[i] - m[i] > y[im] - m[im]) im = i;
    const resid = Float64Array.from(y, (v, i) => v - m[i]);
    const add = peakAt(T, resid, im, fallbackW, maxAs);
    const base = current!.peaks.map((p) => ({ ...p }));
    // Narrow the existing peaks a little so that the new one can take its share.
    start = [...base, { ...add, h: Math.max(add.h, 0.05 * ymax), w_K: Math.min(add.w_K, base[0].w_K) }];
    current = start.length < K ? fit(start, 100) : undefined;
  }
  const candidates = [fit(start)];

  // Start 2 (K ≥ 2): the main peak split into K peaks across its half-height width.
  if (K >= 2) {
    const im = y.indexOf(ymax);
    const main = peakAt(T, y, im, fallbackW, maxAs);
    const fw = fraserSuzukiFwhm(main);
    const split: FraserSuzukiPeak[] = [];
    for (let k = 0; k < K; k++) {
      const pos = main.T_p_K + fw * ((k + 0.5) / K - 0.5);
      split.push({ h: interpolateAt(T, y, pos) * 0.8, T_p_K: pos, w_K: fw / K, A_s: 0.05 });
    }
    candidates.push(fit(split));
  }
  for (const s of opts.starts ?? []) {
    if (s.length !== K) throw new RangeError(`deconvolveCurve: a start has ${s.length} peaks, expected ${K}`);
    const clampTo = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
    candidates.push(
      fit(
        s.map((p) => ({
          h: clampTo(p.h, 0, 1.5 * ymax),
          T_p_K: clampTo(p.T_p_K, T0, T1),
          w_K: clampTo(p.w_K, wMin, wMax),
          A_s: clampTo(p.A_s, -maxAs, maxAs),
        })),
      ),
    );
  }
  const best = candidates.reduce((a, b) => (b.cost < a.cost ? b : a));

  const model = new Float64Array(n);
  modelOf(best.peaks, model);
  let sse = 0;
  let mean = 0;
  for (const v of y) mean += v / n;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (y[i] - model[i]) ** 2;
    sst += (y[i] - mean) ** 2;
  }
  const areas = best.peaks.map(fraserSuzukiArea);
  const total = areas.reduce((a, b) => a + b, 0);
  const near = (v: number, b: number, tol: number): boolean => Math.abs(v - b) <= tol;
  const peaks: DeconvolvedPeak[] = best.peaks
    .map((p, k) => {
      const onBound: DeconvolvedPeak['onBound'] = [];
      if (p.h <= 1e-9 * ymax) onBound.push('h');
      if (near(p.T_p_K, T0, dT) || near(p.T_p_K, T1, dT)) onBound.push('T_p');
      if (near(p.w_K, wMin, 1e-6 * wMin) || near(p.w_K, wMax, 1e-6 * wMax)) onBound.push('w');
      if (Math.abs(p.A_s) >= maxAs * (1 - 1e-6)) onBound.push('A_s');
      return {
        ...p,
        area: areas[k],
        areaFraction: total > 0 ? areas[k] / total : NaN,
        fwhm_K: fraserSuzukiFwhm(p),
        onBound,
      };
    })
    .sort((a, b) => a.T_p_K - b.T_p_K);
  return {
    T_K: T,
    y,
    model: Array.from(model),
    peaks,
    r2: sst > 0 ? 1 - sse / sst : NaN,
    sse,
    converged: best.converged,
  };
}

/** One peak's curve on a grid (the per-peak model curve of the plots). */
export function peakCurve(p: FraserSuzukiPeak, T_K: readonly number[]): number[] {
  return T_K.map((t) => fraserSuzuki(p, t));
}
