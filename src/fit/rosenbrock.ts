import { luDecompose, luSolve } from './lu-solve.ts';

/**
 * Linearly implicit (Rosenbrock) integrator for stiff ODEs y′ = F(t, y) with an analytic Jacobian: the
 * four-stage, order-4 method with embedded order-3 error estimate of Shampine, "Implementation of Rosenbrock
 * methods", ACM Trans. Math. Softw. 8 (1982) 93 (γ = 1/2, A-stable; the `stiff` routine of Press et al.,
 * Numerical Recipes, §16.6). With W = I/(γh) − J, Fₜ = ∂F/∂t and g in units of y:
 *   W·g₁ = F(t, y) + h·c₁·Fₜ
 *   W·g₂ = F(t + a₂h, y + a₂₁g₁) + h·c₂·Fₜ + c₂₁g₁/h
 *   W·g₃ = F(t + a₃h, y + a₃₁g₁ + a₃₂g₂) + h·c₃·Fₜ + (c₃₁g₁ + c₃₂g₂)/h
 *   W·g₄ = (the same F) + h·c₄·Fₜ + (c₄₁g₁ + c₄₂g₂ + c₄₃g₃)/h
 *   y₁ = y + Σ bᵢgᵢ,  error = Σ eᵢgᵢ;
 * three F evaluations, one Jacobian and one LU factorisation per step. Each output time ends a step.
 * Written here because no maintained npm package offers a stiff solver with a user Jacobian (the Dormand–Prince
 * code of src/kinetics/ode is explicit). Tested against the exact E₂ solution of first-order steps on a ramp, the
 * explicit Dormand–Prince integrator and scipy's Radau.
 */
export interface RosenbrockSystem {
  /** Dimension. */
  n: number;
  /** F(t, y) into `out`. */
  rhs(t: number, y: Float64Array, out: Float64Array): void;
  /** ∂F/∂y (row-major n×n, row = equation) into `J` and ∂F/∂t into `dfdt`. */
  jacobian(t: number, y: Float64Array, J: Float64Array, dfdt: Float64Array): void;
}

export interface RosenbrockOptions {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-9). */
  atol?: number;
  /** Initial step, s (default (t_end − t0)/1000). */
  h0?: number;
  /** Largest step, s (default t_end − t0). */
  hMax?: number;
  /** Maximum number of steps, accepted + rejected (default 100000). */
  maxSteps?: number;
}

export interface RosenbrockStats {
  accepted: number;
  rejected: number;
}

const GAM = 1 / 2;
const A21 = 2;
const A31 = 48 / 25;
const A32 = 6 / 25;
const C21 = -8;
const C31 = 372 / 25;
const C32 = 12 / 5;
const C41 = -112 / 125;
const C42 = -54 / 125;
const C43 = -2 / 5;
const B1 = 19 / 9;
const B2 = 1 / 2;
const B3 = 25 / 108;
const B4 = 125 / 108;
const E1 = 17 / 54;
const E2 = 7 / 36;
const E3 = 0;
const E4 = 125 / 108;
const C1X = 1 / 2;
const C2X = -3 / 2;
const C3X = 121 / 50;
const C4X = 29 / 250;
const A2X = 1;
const A3X = 3 / 5;

/**
 * Integrate from (t0, y0) and write the state at each output time `tOut` (increasing, ≥ t0) into
 * `out[i*n … i*n+n−1]`. Throws a RangeError when the step size underflows or `maxSteps` is exceeded (a model the
 * integrator cannot follow).
 */
export function rosenbrock(
  sys: RosenbrockSystem,
  t0: number,
  y0: ArrayLike<number>,
  tOut: ArrayLike<number>,
  out: Float64Array,
  opts: RosenbrockOptions = {},
): RosenbrockStats {
  const n = sys.n;
  const nOut = tOut.length;
  if (nOut === 0) return { accepted: 0, rejected: 0 };
  const tEnd = tOut[nOut - 1];
  const rtol = opts.rtol ?? 1e-6;
  const atol = opts.atol ?? 1e-9;
  const span = tEnd - t0;
  const hMax = opts.hMax ?? Math.max(span, 1e-300);
  const maxSteps = opts.maxSteps ?? 100000;
  const y = Float64Array.from(y0);
  const ynew = new Float64Array(n);
  const F0 = new Float64Array(n);
  const F1 = new Float64Array(n);
  const g1 = new Float64Array(n);
  const g2 = new Float64Array(n);
  const g3 = new Float64Array(n);
  const g4 = new Float64Array(n);
  const J = new Float64Array(n * n);
  const W = new Float64Array(n * n);
  const Ft = new Float64Array(n);
  const piv = new Int32Array(n);
  let iOut = 0;
  while (iOut < nOut && tOut[iOut] <= t0) {
    for (let j = 0; j < n; j++) out[iOut * n + j] = y[j];
    iOut++;
  }
  if (iOut === nOut) return { accepted: 0, rejected: 0 };
  let t = t0;
  let h = Math.min(opts.h0 ?? span / 1000, hMax);
  sys.rhs(t, y, F0);
  let accepted = 0;
  let rejected = 0;
  let needJ = true;
  /** One step of size hs from (t, y) into ynew; returns the scaled error norm (∞ when W is singular). */
  const step = (hs: number): number => {
    const d = 1 / (GAM * hs);
    for (let i = 0; i < n * n; i++) W[i] = -J[i];
    for (let i = 0; i < n; i++) W[i * n + i] += d;
    if (!luDecompose(W, n, piv)) return Infinity;
    for (let i = 0; i < n; i++) g1[i] = F0[i] + hs * C1X * Ft[i];
    luSolve(W, n, piv, g1);
    for (let i = 0; i < n; i++) ynew[i] = y[i] + A21 * g1[i];
    sys.rhs(t + A2X * hs, ynew, F1);
    for (let i = 0; i < n; i++) g2[i] = F1[i] + hs * C2X * Ft[i] + (C21 * g1[i]) / hs;
    luSolve(W, n, piv, g2);
    for (let i = 0; i < n; i++) ynew[i] = y[i] + A31 * g1[i] + A32 * g2[i];
    sys.rhs(t + A3X * hs, ynew, F1);
    for (let i = 0; i < n; i++) g3[i] = F1[i] + hs * C3X * Ft[i] + (C31 * g1[i] + C32 * g2[i]) / hs;
    luSolve(W, n, piv, g3);
    for (let i = 0; i < n; i++)
      g4[i] = F1[i] + hs * C4X * Ft[i] + (C41 * g1[i] + C42 * g2[i] + C43 * g3[i]) / hs;
    luSolve(W, n, piv, g4);
    let errNorm = 0;
    for (let i = 0; i < n; i++) {
      ynew[i] = y[i] + B1 * g1[i] + B2 * g2[i] + B3 * g3[i] + B4 * g4[i];
      const e = E1 * g1[i] + E2 * g2[i] + E3 * g3[i] + E4 * g4[i];
      const r = Math.abs(e) / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(ynew[i])));
      if (r > errNorm) errNorm = r;
    }
    return Number.isFinite(errNorm) ? errNorm : Infinity;
  };
  while (iOut < nOut) {
    if (accepted + rejected >= maxSteps)
      throw new RangeError(`rosenbrock: more than ${maxSteps} steps at t = ${t}`);
    // Every output time ends a step (no interpolation: an interpolant built from F amplifies the error of stiff
    // components by h·‖J‖). A step shortened to reach an output does not shrink the step after it.
    const target = tOut[iOut];
    let hUse = h;
    let clipped = false;
    if (t + hUse >= target) {
      hUse = target - t;
      clipped = true;
    }
    if (!(hUse > 1e-14 * Math.max(Math.abs(t), 1))) {
      if (clipped) {
        // At the output time up to rounding.
        for (let j = 0; j < n; j++) out[iOut * n + j] = y[j];
        iOut++;
        continue;
      }
      throw new RangeError(`rosenbrock: step size underflow at t = ${t}`);
    }
    if (needJ) {
      sys.jacobian(t, y, J, Ft);
      needJ = false;
    }
    const errNorm = step(hUse);
    if (errNorm <= 1) {
      t = clipped ? target : t + hUse;
      y.set(ynew);
      sys.rhs(t, y, F0);
      accepted++;
      needJ = true;
      if (clipped) {
        for (let j = 0; j < n; j++) out[iOut * n + j] = y[j];
        iOut++;
      }
    } else rejected++;
    // Step control of Press et al.: safety 0.9, exponent −1/4 on growth (at most 5×), −1/3 on shrink (≥ 0.2×).
    const fac =
      errNorm <= 1
        ? Math.min(5, errNorm > 0 ? 0.9 * Math.pow(errNorm, -0.25) : 5)
        : Number.isFinite(errNorm)
          ? Math.max(0.2, 0.9 * Math.pow(errNorm, -1 / 3))
          : 0.2;
    const hNew = Math.min(hUse * fac, hMax);
    h = clipped && errNorm <= 1 ? Math.max(h, hNew) : hNew;
  }
  return { accepted, rejected };
}
