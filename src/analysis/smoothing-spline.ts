/**
 * Cubic smoothing spline (Reinsch 1967; notation of Green & Silverman, "Nonparametric Regression and Generalized
 * Linear Models", 1994, §2.3) with the smoothing parameter chosen by generalized cross-validation (Craven & Wahba
 * 1979, Numer. Math. 31, 377).
 *
 * The spline g minimises Σ (yᵢ − g(xᵢ))² + λ ∫ g''(x)² dx. With hᵢ = xᵢ₊₁ − xᵢ, the (n−2)×(n−2) tridiagonal R and
 * the n×(n−2) tridiagonal Q of Green & Silverman, the second derivatives γ at the interior knots solve the banded
 * system (R + λ QᵀQ) γ = Qᵀy, and g = y − λ Q γ. The hat matrix is A(λ) = I − λ Q (R + λQᵀQ)⁻¹ Qᵀ, so
 * tr(I − A) = λ tr(B⁻¹ QᵀQ) with B = R + λQᵀQ, which needs only the central band (width 2) of B⁻¹: that band is
 * computed in O(n) from B = LDLᵀ (Hutchinson & de Hoog 1985, Numer. Math. 47, 99). GCV(λ) = n·RSS/tr(I − A)².
 *
 * Hand-written: no maintained npm package offers a GCV smoothing spline (the spline packages interpolate).
 * Everything is O(n) per λ; the GCV search is a coarse log-λ scan plus golden-section refinement.
 */
import { goldenSectionMin } from '../core/golden-section.ts';

export interface SmoothingSplineFit {
  /** Smoothed values g(xᵢ). */
  value: Float64Array;
  /** First derivative g'(xᵢ), y-units per x-unit. */
  derivative: Float64Array;
  /** The smoothing parameter λ used (in y²·x³ units). */
  lambda: number;
  /** Equivalent degrees of freedom tr A(λ) (2 = a straight line, n = interpolation). */
  edf: number;
  /** Residual standard deviation √(RSS/(n − edf)), y-units: an estimate of the noise. */
  sigma: number;
  /** GCV score at λ. */
  gcv: number;
}

/** The λ-independent banded pieces: R (diagonal, off-diagonal), Qᵀy and QᵀQ (three diagonals). */
interface Pieces {
  n: number;
  h: Float64Array;
  r0: Float64Array;
  r1: Float64Array;
  qty: Float64Array;
  qq0: Float64Array;
  qq1: Float64Array;
  qq2: Float64Array;
  /** Scratch arrays that `solve` fills for each λ (one set per fit: a GCV search solves ~40 times). */
  work: {
    d: Float64Array;
    l1: Float64Array;
    l2: Float64Array;
    gamma: Float64Array;
    value: Float64Array;
    s0: Float64Array;
    s1: Float64Array;
    s2: Float64Array;
  };
}

function pieces(x: ArrayLike<number>, y: ArrayLike<number>): Pieces {
  const n = x.length;
  const m = n - 2;
  const h = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = x[i + 1] - x[i];
    if (!(h[i] > 0)) throw new RangeError(`smoothing spline: x must increase strictly (at index ${i + 1})`);
  }
  // Column j (0-based, interior knot j+1) of Q has entries at rows j, j+1, j+2.
  const qa = new Float64Array(m); // row j
  const qb = new Float64Array(m); // row j+1
  const qc = new Float64Array(m); // row j+2
  for (let j = 0; j < m; j++) {
    qa[j] = 1 / h[j];
    qb[j] = -1 / h[j] - 1 / h[j + 1];
    qc[j] = 1 / h[j + 1];
  }
  const r0 = new Float64Array(m);
  const r1 = new Float64Array(m);
  const qty = new Float64Array(m);
  const qq0 = new Float64Array(m);
  const qq1 = new Float64Array(m);
  const qq2 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    r0[j] = (h[j] + h[j + 1]) / 3;
    if (j + 1 < m) r1[j] = h[j + 1] / 6;
    qty[j] = qa[j] * y[j] + qb[j] * y[j + 1] + qc[j] * y[j + 2];
    qq0[j] = qa[j] * qa[j] + qb[j] * qb[j] + qc[j] * qc[j];
    if (j + 1 < m) qq1[j] = qb[j] * qa[j + 1] + qc[j] * qb[j + 1];
    if (j + 2 < m) qq2[j] = qc[j] * qa[j + 2];
  }
  const work = {
    d: new Float64Array(m),
    l1: new Float64Array(m),
    l2: new Float64Array(m),
    gamma: new Float64Array(m),
    value: new Float64Array(n),
    s0: new Float64Array(m),
    s1: new Float64Array(m),
    s2: new Float64Array(m),
  };
  return { n, h, r0, r1, qty, qq0, qq1, qq2, work };
}

interface Solved {
  gamma: Float64Array;
  value: Float64Array;
  rss: number;
  trIminusA: number;
}

/**
 * Solve for one λ: LDLᵀ of the pentadiagonal B, γ, g, RSS and tr(I − A) from the band of B⁻¹. The arrays returned
 * are `p.work`'s: valid until the next `solve` on the same pieces (every entry is written before it is read).
 */
function solve(p: Pieces, y: ArrayLike<number>, lambda: number, wantTrace: boolean): Solved {
  const { n, h, r0, r1, qty, qq0, qq1, qq2 } = p;
  const m = n - 2;
  // B diagonals
  const { d, l1, l2, gamma, value, s0, s1, s2 } = p.work; // l1 = L[j+1][j], l2 = L[j+2][j]
  for (let j = 0; j < m; j++) {
    const b0 = r0[j] + lambda * qq0[j];
    // d_j = b0 − l1_{j−1}² d_{j−1} − l2_{j−2}² d_{j−2}
    let dj = b0;
    if (j >= 1) dj -= l1[j - 1] * l1[j - 1] * d[j - 1];
    if (j >= 2) dj -= l2[j - 2] * l2[j - 2] * d[j - 2];
    d[j] = dj;
    if (j + 1 < m) {
      const b1 = r1[j] + lambda * qq1[j];
      let v = b1;
      if (j >= 1) v -= l1[j - 1] * l2[j - 1] * d[j - 1];
      l1[j] = v / dj;
    }
    if (j + 2 < m) l2[j] = (lambda * qq2[j]) / dj;
  }
  // forward (L z = Qᵀy), diagonal, backward (Lᵀ γ = D⁻¹ z)
  for (let j = 0; j < m; j++) {
    let v = qty[j];
    if (j >= 1) v -= l1[j - 1] * gamma[j - 1];
    if (j >= 2) v -= l2[j - 2] * gamma[j - 2];
    gamma[j] = v;
  }
  for (let j = 0; j < m; j++) gamma[j] /= d[j];
  for (let j = m - 1; j >= 0; j--) {
    let v = gamma[j];
    if (j + 1 < m) v -= l1[j] * gamma[j + 1];
    if (j + 2 < m) v -= l2[j] * gamma[j + 2];
    gamma[j] = v;
  }
  // g = y − λ Q γ
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let qg = 0;
    // Q[i][j] non-zero for j = i−2 (qc), i−1 (qb), i (qa)
    if (i - 2 >= 0 && i - 2 < m) qg += gamma[i - 2] / h[i - 1];
    if (i - 1 >= 0 && i - 1 < m) qg += gamma[i - 1] * (-1 / h[i - 1] - 1 / h[i]);
    if (i < m) qg += gamma[i] / h[i];
    const r = lambda * qg;
    value[i] = y[i] - r;
    rss += r * r;
  }
  let trIminusA = NaN;
  if (wantTrace) {
    // Band of Σ = B⁻¹ from LᵀΣ = D⁻¹L⁻¹ (upper part), backwards (Hutchinson & de Hoog 1985).
    for (let j = m - 1; j >= 0; j--) {
      const a1 = j + 1 < m ? l1[j] : 0;
      const a2 = j + 2 < m ? l2[j] : 0;
      const S11 = j + 1 < m ? s0[j + 1] : 0;
      const S12 = j + 2 < m ? s1[j + 1] : 0;
      const S22 = j + 2 < m ? s0[j + 2] : 0;
      s2[j] = j + 2 < m ? -a1 * S12 - a2 * S22 : 0;
      s1[j] = j + 1 < m ? -a1 * S11 - a2 * S12 : 0;
      s0[j] = 1 / d[j] - a1 * s1[j] - a2 * s2[j];
    }
    let tr = 0;
    for (let j = 0; j < m; j++) tr += s0[j] * qq0[j] + 2 * s1[j] * qq1[j] + 2 * s2[j] * qq2[j];
    trIminusA = lambda * tr;
  }
  return { gamma, value, rss, trIminusA };
}

function derivativeAt(x: ArrayLike<number>, h: Float64Array, g: Float64Array, gamma: Float64Array) {
  const n = g.length;
  const c = (i: number) => (i === 0 || i === n - 1 ? 0 : gamma[i - 1]); // second derivative at knot i
  const out = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) out[i] = (g[i + 1] - g[i]) / h[i] - (h[i] * (2 * c(i) + c(i + 1))) / 6;
  out[n - 1] = (g[n - 1] - g[n - 2]) / h[n - 2] + (h[n - 2] * (c(n - 2) + 2 * c(n - 1))) / 6;
  return out;
}

function finish(x: ArrayLike<number>, p: Pieces, s: Solved, lambda: number): SmoothingSplineFit {
  const n = p.n;
  const edf = n - s.trIminusA;
  return {
    value: s.value,
    derivative: derivativeAt(x, p.h, s.value, s.gamma),
    lambda,
    edf,
    sigma: Math.sqrt(s.rss / Math.max(s.trIminusA, 1e-12)),
    gcv: (n * s.rss) / (s.trIminusA * s.trIminusA),
  };
}

/** The smoothing spline of y(x) with a given λ ≥ 0 (x strictly increasing, n ≥ 4). */
export function smoothingSpline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: number,
): SmoothingSplineFit {
  checkInput(x, y);
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new RangeError(`smoothing spline: λ must be a finite number ≥ 0, got ${lambda}`);
  const p = pieces(x, y);
  return finish(x, p, solve(p, y, lambda, true), lambda);
}

export interface GcvOptions {
  /** Search range of log10 ρ, where λ = ρ·tr(R)/tr(QᵀQ) (a scale-free λ); default [−8, 12]. */
  log10RhoRange?: [number, number];
  /**
   * Most equivalent degrees of freedom allowed. GCV assumes independent errors; with correlated or quantised noise
   * (real thermobalances sampled every second) it can choose a near-interpolating λ (Wahba 1990, §4.9). When the
   * GCV choice has more degrees of freedom than this, λ is raised until it has this many.
   */
  maxEdf?: number;
}

/**
 * The smoothing spline whose λ minimises GCV(λ) = n·RSS(λ)/tr(I − A(λ))² (Craven & Wahba 1979). λ is searched as
 * ρ·tr(R)/tr(QᵀQ), which makes the search range independent of the units and spacing of x; a scan of log10 ρ in
 * steps of one decade is refined by golden section around its best point to 0.01 decade.
 */
export function gcvSmoothingSpline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: GcvOptions = {},
): SmoothingSplineFit {
  checkInput(x, y);
  const p = pieces(x, y);
  let trR = 0;
  let trQQ = 0;
  for (let j = 0; j < p.n - 2; j++) {
    trR += p.r0[j];
    trQQ += p.qq0[j];
  }
  const scale = trR / trQQ;
  const [lo, hi] = options.log10RhoRange ?? [-8, 12];
  const score = (log10Rho: number) => {
    const s = solve(p, y, scale * 10 ** log10Rho, true);
    const v = (p.n * s.rss) / (s.trIminusA * s.trIminusA);
    return Number.isFinite(v) ? v : Infinity;
  };
  const K = 21;
  let best = 0;
  const grid = Array.from({ length: K }, (_, k) => lo + ((hi - lo) * k) / (K - 1));
  const values = grid.map(score);
  for (let k = 1; k < K; k++) if (values[k] < values[best]) best = k;
  const a = grid[Math.max(0, best - 1)];
  const b = grid[Math.min(K - 1, best + 1)];
  // GCV is flat near its minimum: 0.01 decade of ρ is far finer than any effect on the smooth
  const r = goldenSectionMin(score, a, b, 0.01);
  let log10Rho = score(r) <= values[best] ? r : grid[best];
  let sol = solve(p, y, scale * 10 ** log10Rho, true);
  const cap = options.maxEdf;
  if (cap !== undefined && p.n - sol.trIminusA > cap) {
    // edf falls monotonically with λ: bisection on log10 ρ for edf = cap
    let a2 = log10Rho;
    let b2 = hi + 4;
    for (let it = 0; it < 16; it++) {
      const mid = 0.5 * (a2 + b2);
      const s2 = solve(p, y, scale * 10 ** mid, true);
      if (p.n - s2.trIminusA > cap) a2 = mid;
      else b2 = mid;
    }
    log10Rho = b2;
    sol = solve(p, y, scale * 10 ** log10Rho, true);
  }
  const lambda = scale * 10 ** log10Rho;
  return finish(x, p, sol, lambda);
}

function checkInput(x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length) throw new RangeError('smoothing spline: x and y differ in length');
  if (x.length < 4) throw new RangeError(`smoothing spline: need at least 4 points, got ${x.length}`);
  for (let i = 0; i < y.length; i++)
    if (!Number.isFinite(y[i]) || !Number.isFinite(x[i]))
      throw new RangeError(`smoothing spline: non-finite value at index ${i}`);
}
