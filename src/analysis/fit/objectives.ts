import { type GridCurve, jmaLnUAt, jmaRateInto, makeGridCurve } from './jma-model.ts';
import { pearson } from '../../core/statistics.ts';
import { parabolicPeak } from '../peaks.ts';

/**
 * The multi-rate JMA fitting problem: curves on their grids, the model evaluated into reusable buffers, and the
 * objectives. Pure (no I/O); the parameter vector θ is [Ea kJ/mol, lgA, n] or [Ea, lgA] when n is fixed.
 *
 * Objectives (all rates at once):
 *  - `mse`: Σ_c SSE_c / Σ_i y_ci² — each rate's squared error relative to its own signal energy, summed, so that
 *    every heating rate counts equally whatever its peak height or point count (the same loss as the scipy peer,
 *    shared/bench/scipy_de_peer.py, Σ mean((m−y)²)/mean(y²)).
 *  - `composite`: the paper's composite (Zhou 2026 §3.2: correlation error + peak-temperature deviation + MSE;
 *    the paper gives no weights, these are ours):
 *      L = w_mse·(mse / C) + w_corr·mean_c(1 − r_c) + w_peak·mean_c((Tp_model,c − Tp_data,c)/ΔT_ref)²
 *    with r_c the Pearson correlation of model and data, Tp from a least-squares parabola through the top of the
 *    peak (y ≥ 0.8·max; `topFitPeak`, applied to data and model alike), defaults w_mse = w_corr = w_peak = 1, ΔT_ref = 10 K (a 10 K peak shift costs as much as a
 *    correlation of 0). The peak term makes far-off guesses rank by peak position, which guides the global search.
 *
 * Normalization of the model: `none` (absolute dα/dT), `peak` (each model curve divided by its maximum on the grid —
 * for data that were divided by their peak height, like the synthetic dataset), `scale` (a free non-negative scale
 * per curve, profiled out in closed form s = Σm·y/Σm², for data in arbitrary units).
 */
export type Normalize = 'none' | 'peak' | 'scale';
export type ObjectiveName = 'mse' | 'composite';

export interface CompositeWeights {
  mse: number;
  corr: number;
  peak: number;
  /** Temperature scale of the peak term, K. */
  peakScale_K: number;
}
export const DEFAULT_COMPOSITE_WEIGHTS: CompositeWeights = { mse: 1, corr: 1, peak: 1, peakScale_K: 10 };

export interface PreparedCurve {
  grid: GridCurve;
  y: Float64Array;
  /** Σ y², the weight denominator of this curve. */
  ss: number;
  /** Σ (y − ȳ)², for R². */
  sst: number;
  /** Peak temperature of the data (parabolic interpolation), K. */
  Tpeak_K: number;
  /** Peak temperature of the data from the top-of-peak least-squares parabola (composite objective), K. */
  TpeakTop_K: number;
  label: string;
  file?: string;
}

export class JmaProblem {
  readonly curves: PreparedCurve[];
  readonly normalize: Normalize;
  /** Fixed n, or undefined when n is fitted. */
  readonly nFixed?: number;
  readonly weights: CompositeWeights;
  /** Model buffers, one per curve, holding the last evaluation (after normalization). */
  readonly model: Float64Array[];
  readonly scales: number[];
  readonly totalPoints: number;
  /** Per curve, after `evaluate`: 0 when the model peaks inside the grid, else how far its peak lies outside. */
  readonly outside: number[];

  constructor(
    curves: {
      beta_K_min: number;
      T_K: ArrayLike<number>;
      y: ArrayLike<number>;
      T0_K: number;
      label: string;
      file?: string;
    }[],
    opts: { normalize?: Normalize; nFixed?: number; weights?: Partial<CompositeWeights> } = {},
  ) {
    this.normalize = opts.normalize ?? 'none';
    this.nFixed = opts.nFixed;
    this.weights = { ...DEFAULT_COMPOSITE_WEIGHTS, ...opts.weights };
    this.curves = curves.map((c) => {
      const y = Float64Array.from(c.y);
      let ss = 0;
      let mean = 0;
      for (const v of y) {
        ss += v * v;
        mean += v;
      }
      mean /= y.length;
      let sst = 0;
      for (const v of y) sst += (v - mean) ** 2;
      const grid = makeGridCurve(c.beta_K_min, c.T_K, c.T0_K);
      return {
        grid,
        y,
        ss,
        sst,
        Tpeak_K: parabolicPeak(grid.T_K, y),
        TpeakTop_K: topFitPeak(grid.T_K, y),
        label: c.label,
        file: c.file,
      };
    });
    this.model = this.curves.map((c) => new Float64Array(c.y.length));
    this.scales = this.curves.map(() => 1);
    this.outside = this.curves.map(() => 0);
    this.totalPoints = this.curves.reduce((s, c) => s + c.y.length, 0);
  }

  /** Number of kinetic parameters in θ. */
  get dim(): number {
    return this.nFixed === undefined ? 3 : 2;
  }

  /** Evaluate all model curves at θ into `this.model` (normalized as configured). */
  evaluate(theta: ArrayLike<number>): void {
    const Ea = theta[0];
    const lgA = theta[1];
    const n = this.nFixed ?? theta[2];
    for (let c = 0; c < this.curves.length; c++) {
      const m = this.model[c];
      const grid = this.curves[c].grid;
      const max = jmaRateInto(m, grid, Ea, lgA, n);
      // Does the model peak inside the grid? (Validated data always do.) If not, measure how far the peak lies
      // outside: |ln yⁿ| at the nearer grid end (the JMA peak sits near yⁿ ≈ 1).
      let k = -1;
      for (let i = 0, best = 0; i < m.length; i++) {
        if (m[i] > best) {
          best = m[i];
          k = i;
        }
      }
      if (k > 0 && k < m.length - 1) this.outside[c] = 0;
      else {
        const lnULast = jmaLnUAt(grid, grid.T_K.length - 1, Ea, lgA, n);
        this.outside[c] = (lnULast < 0 ? -lnULast : Math.max(0, jmaLnUAt(grid, 0, Ea, lgA, n))) + 1e-3;
      }
      let s = 1;
      if (this.normalize === 'peak') s = max > 0 ? 1 / max : 1;
      else if (this.normalize === 'scale') {
        const y = this.curves[c].y;
        let my = 0;
        let mm = 0;
        for (let i = 0; i < m.length; i++) {
          my += m[i] * y[i];
          mm += m[i] * m[i];
        }
        s = mm > 0 ? Math.max(0, my / mm) : 1;
      }
      if (s !== 1) for (let i = 0; i < m.length; i++) m[i] *= s;
      this.scales[c] = s;
    }
  }

  /** `mse` objective at θ: Σ_c SSE_c / Σ y_c². */
  mse(theta: ArrayLike<number>): number {
    this.evaluate(theta);
    return this.mseOfModel();
  }

  /**
   * The objective the global search ranks by when fitting `mse`: mse + Σ_c g_c with
   *   g_c = |Tp_model − Tp_data| / (grid span)   when the model peaks inside the grid (≤ 1),
   *   g_c = 2 + 0.01·(distance of the peak outside the grid in ln yⁿ)   otherwise.
   * Away from the narrow Ea–lgA valley the squared error of non-overlapping peaks is flat (~2 per curve) and the
   * no-signal plateau is flatter still; the guide term gives DE a slope towards the valley. The reported fit is
   * always polished on the pure `mse` (Levenberg–Marquardt), so the guide term does not move the optimum.
   */
  guidedMse(theta: ArrayLike<number>): number {
    this.evaluate(theta);
    let extra = 0;
    for (let c = 0; c < this.curves.length; c++) {
      const { grid, Tpeak_K } = this.curves[c];
      if (this.outside[c] > 0) extra += 2 + 0.01 * this.outside[c];
      else {
        const span = grid.T_K[grid.T_K.length - 1] - grid.T_K[0];
        extra += Math.abs(parabolicPeak(grid.T_K, this.model[c]) - Tpeak_K) / span;
      }
    }
    return this.mseOfModel() + extra;
  }

  /** True when every model curve of the last evaluation peaks inside its grid. */
  allCurvesHaveSignal(): boolean {
    return this.outside.every((d) => d === 0);
  }

  private mseOfModel(): number {
    let total = 0;
    for (let c = 0; c < this.curves.length; c++) {
      const { y, ss } = this.curves[c];
      const m = this.model[c];
      let sse = 0;
      for (let i = 0; i < y.length; i++) sse += (m[i] - y[i]) ** 2;
      total += sse / ss;
    }
    return total;
  }

  /** `composite` objective at θ (see the file comment for the formula and weights). */
  composite(theta: ArrayLike<number>): number {
    this.evaluate(theta);
    const w = this.weights;
    const C = this.curves.length;
    let corr = 0;
    let peak = 0;
    for (let c = 0; c < C; c++) {
      const { y, grid } = this.curves[c];
      const m = this.model[c];
      corr += 1 - pearson(m, y);
      const Tp = topFitPeak(grid.T_K, m);
      // Model peak outside the grid: a large peak penalty that still slopes towards the window.
      const d =
        this.outside[c] === 0 ? (Tp - this.curves[c].TpeakTop_K) / w.peakScale_K : 100 + this.outside[c];
      peak += d * d;
    }
    return (w.mse * this.mseOfModel()) / C + (w.corr * corr) / C + (w.peak * peak) / C;
  }

  /** Weighted residual vector r_ci = (m_ci − y_ci)/√(Σy_c²); Σr² equals the `mse` objective. */
  residuals(theta: ArrayLike<number>): Float64Array {
    this.evaluate(theta);
    const r = new Float64Array(this.totalPoints);
    let k = 0;
    for (let c = 0; c < this.curves.length; c++) {
      const { y, ss } = this.curves[c];
      const m = this.model[c];
      const w = 1 / Math.sqrt(ss);
      for (let i = 0; i < y.length; i++) r[k++] = (m[i] - y[i]) * w;
    }
    return r;
  }
}

/**
 * Peak temperature from a least-squares parabola through the contiguous top of the curve (points with
 * y ≥ frac·max around the maximum, at least the maximum and its neighbours). Averages noise over the flat top of
 * broad peaks, where the 3-point parabola jumps with the noisy maximum; reduces to it for narrow peaks. Used by the
 * composite objective for data and model alike, so its small bias for asymmetric peaks cancels. NaN when y has no
 * positive value.
 */
export function topFitPeak(T: ArrayLike<number>, y: ArrayLike<number>, frac = 0.8): number {
  let k = -1;
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] > max) {
      max = y[i];
      k = i;
    }
  }
  if (k < 0) return NaN;
  let lo = k;
  let hi = k;
  while (lo > 0 && y[lo - 1] >= frac * max) lo--;
  while (hi < y.length - 1 && y[hi + 1] >= frac * max) hi++;
  lo = Math.max(0, Math.min(lo, k - 1));
  hi = Math.min(y.length - 1, Math.max(hi, k + 1));
  if (hi - lo < 2) return T[k];
  // Quadratic least squares in u = T − T_k (normal equations, 3×3, Cramer's rule).
  const t0 = T[k];
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    b0 = 0,
    b1 = 0,
    b2 = 0;
  for (let i = lo; i <= hi; i++) {
    const u = T[i] - t0;
    const u2 = u * u;
    s0 += 1;
    s1 += u;
    s2 += u2;
    s3 += u2 * u;
    s4 += u2 * u2;
    b0 += y[i];
    b1 += u * y[i];
    b2 += u2 * y[i];
  }
  const det = (a: number[]) =>
    a[0] * (a[4] * a[8] - a[5] * a[7]) -
    a[1] * (a[3] * a[8] - a[5] * a[6]) +
    a[2] * (a[3] * a[7] - a[4] * a[6]);
  const M = [s0, s1, s2, s1, s2, s3, s2, s3, s4];
  const D = det(M);
  if (D === 0) return T[k];
  const c1 = det([s0, b0, s2, s1, b1, s3, s2, b2, s4]) / D;
  const c2 = det([s0, s1, b0, s1, s2, b1, s2, s3, b2]) / D;
  if (!(c2 < 0)) return parabolicPeak(T, y);
  return Math.min(T[hi], Math.max(T[lo], t0 - c1 / (2 * c2)));
}
