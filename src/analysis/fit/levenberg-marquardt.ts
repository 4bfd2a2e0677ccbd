import { solveSpd } from './linear-solve.ts';

/**
 * Bounded Levenberg–Marquardt for small nonlinear least squares: minimize ½·Σ rᵢ(θ)² with θ in a box.
 *
 * Written here instead of `ml-levenberg-marquardt`: that package evaluates the model point by point through
 * `f(params)(x)`, which cannot share the per-curve temperature integrals our residuals reuse, and it returns no
 * Jacobian for the covariance. This is Marquardt's method (Marquardt 1963, SIAM J. Appl. Math. 11, 431) with
 * diagonal scaling (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr, forward-difference Jacobian (step `relStep`·max(|θ|, typical)),
 * projection onto the box after each step, λ ×/÷ 10 on rejection/acceptance. Small steps or small cost decreases
 * count as convergence only when λ ≤ 1e-6 (a nearly undamped step): in the narrow Ea–lgA valley a heavily damped
 * step is tiny long before the minimum (found by a test with 1 % noise, where the older rule stopped 5 % off).
 */
export interface LmOptions {
  lower: number[];
  upper: number[];
  /** Typical magnitude per parameter, for the finite-difference step (default: 1). */
  typical?: number[];
  maxIterations?: number;
  /** Stop when the relative cost decrease of an accepted step is below this (default 1e-12). */
  costTol?: number;
  /** Stop when every |δⱼ| ≤ stepTol·max(|θⱼ|, typicalⱼ) (default 1e-10). */
  stepTol?: number;
  relStep?: number;
}

export interface LmResult {
  theta: number[];
  /** Σ rᵢ² at θ. */
  cost: number;
  residuals: Float64Array;
  /** Jacobian at θ, row-major m×p (rows = residuals). */
  jacobian: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

/** Damping below which a step counts as (nearly) Gauss–Newton for the convergence tests. */
const NEAR_GAUSS_NEWTON = 1e-6;

export function levenbergMarquardt(
  residuals: (theta: Float64Array) => Float64Array,
  start: number[],
  opts: LmOptions,
): LmResult {
  const p = start.length;
  const { lower, upper } = opts;
  const typical = opts.typical ?? start.map(() => 1);
  const maxIt = opts.maxIterations ?? 100;
  const costTol = opts.costTol ?? 1e-12;
  const stepTol = opts.stepTol ?? 1e-10;
  const relStep = opts.relStep ?? 1e-7;
  const clamp = (v: number, j: number): number => Math.min(upper[j], Math.max(lower[j], v));
  let evaluations = 0;
  const evalR = (t: Float64Array): Float64Array => {
    evaluations++;
    return residuals(t);
  };
  const sumSq = (r: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < r.length; i++) s += r[i] * r[i];
    return s;
  };

  const theta = Float64Array.from(start, (v, j) => clamp(v, j));
  let r = evalR(theta);
  let cost = sumSq(r);
  const m = r.length;
  const J = new Float64Array(m * p);
  const jacobian = (): void => {
    const t = theta.slice();
    for (let j = 0; j < p; j++) {
      let h = relStep * Math.max(Math.abs(theta[j]), typical[j]);
      // Step inward when at the upper bound so the difference stays inside the box.
      if (theta[j] + h > upper[j]) h = -h;
      t[j] = theta[j] + h;
      const rj = evalR(t);
      for (let i = 0; i < m; i++) J[i * p + j] = (rj[i] - r[i]) / h;
      t[j] = theta[j];
    }
  };
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  const JtJ = new Float64Array(p * p);
  const g = new Float64Array(p);
  const A = new Float64Array(p * p);
  jacobian();
  while (iterations < maxIt) {
    iterations++;
    JtJ.fill(0);
    g.fill(0);
    for (let i = 0; i < m; i++) {
      const ri = r[i];
      for (let a = 0; a < p; a++) {
        const Ja = J[i * p + a];
        g[a] -= Ja * ri;
        for (let b = 0; b <= a; b++) JtJ[a * p + b] += Ja * J[i * p + b];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) JtJ[b * p + a] = JtJ[a * p + b];
    let accepted = false;
    for (let tries = 0; tries < 12 && !accepted; tries++) {
      A.set(JtJ);
      for (let a = 0; a < p; a++) A[a * p + a] += lambda * Math.max(JtJ[a * p + a], 1e-300);
      const delta = solveSpd(A, g, p);
      if (!delta) {
        lambda *= 10;
        continue;
      }
      const cand = new Float64Array(p);
      let small = true;
      for (let j = 0; j < p; j++) {
        cand[j] = clamp(theta[j] + delta[j], j);
        if (Math.abs(cand[j] - theta[j]) > stepTol * Math.max(Math.abs(theta[j]), typical[j])) small = false;
      }
      if (small) {
        // A tiny step means convergence only when it is (nearly) the Gauss–Newton step; a tiny step forced by
        // heavy damping along a narrow valley is not — reduce the damping and try again.
        if (lambda <= NEAR_GAUSS_NEWTON) {
          converged = true;
          break;
        }
        lambda = Math.max(lambda / 100, 1e-12);
        continue;
      }
      const rc = evalR(cand);
      const cc = sumSq(rc);
      if (cc < cost) {
        const relDecrease = (cost - cc) / Math.max(cost, 1e-300);
        const lambdaUsed = lambda;
        theta.set(cand);
        r = rc;
        cost = cc;
        lambda = Math.max(lambda / 10, 1e-12);
        accepted = true;
        // Same rule for a small decrease: only a (nearly) undamped step certifies the minimum.
        if (relDecrease < costTol && lambdaUsed <= NEAR_GAUSS_NEWTON) converged = true;
      } else lambda *= 10;
    }
    if (!accepted) converged = true; // no downhill step at any damping: a (possibly bounded) minimum
    jacobian();
    if (converged) break;
  }
  return { theta: Array.from(theta), cost, residuals: r, jacobian: J, iterations, evaluations, converged };
}
