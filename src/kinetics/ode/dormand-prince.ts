/**
 * Adaptive Dormand–Prince 5(4) Runge–Kutta integrator (Dormand & Prince 1980; Hairer, Nørsett & Wanner,
 * "Solving ODEs I", §II.4–5: embedded error estimate, FSAL, PI-free step control with safety 0.9).
 *
 * Written here because the npm options are either untyped (odex, a GBS method) or failed on an Arrhenius ramp
 * (mathjs solveODE), and the scheme is short. It returns the solution exactly at the requested output points
 * (each output point ends a step), so no dense-output interpolation error enters.
 */
export interface DormandPrinceOptions {
  /** Relative tolerance per component (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance per component (default 1e-12). */
  atol?: number;
  /** Maximum number of accepted + rejected steps over the whole integration (default 1e6). */
  maxSteps?: number;
  /** Initial step (default: (tOut[last] − t0)/1000). */
  h0?: number;
  /** Optional map applied to the state after each accepted step (e.g. clamping α to [0, 1]). */
  project?: (y: Float64Array) => void;
}

export type OdeRhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

const C2 = 1 / 5,
  C3 = 3 / 10,
  C4 = 4 / 5,
  C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40,
  A32 = 9 / 40;
const A41 = 44 / 45,
  A42 = -56 / 15,
  A43 = 32 / 9;
const A51 = 19372 / 6561,
  A52 = -25360 / 2187,
  A53 = 64448 / 6561,
  A54 = -212 / 729;
const A61 = 9017 / 3168,
  A62 = -355 / 33,
  A63 = 46732 / 5247,
  A64 = 49 / 176,
  A65 = -5103 / 18656;
const B1 = 35 / 384,
  B3 = 500 / 1113,
  B4 = 125 / 192,
  B5 = -2187 / 6784,
  B6 = 11 / 84;
// Error coefficients: 5th-order minus embedded 4th-order weights.
const E1 = 71 / 57600,
  E3 = -71 / 16695,
  E4 = 71 / 1920,
  E5 = -17253 / 339200,
  E6 = 22 / 525,
  E7 = -1 / 40;

/**
 * Integrate y′ = rhs(t, y) from (t0, y0) and return y at each time in `tOut` (ascending, all ≥ t0).
 * Statistics of the run are returned alongside.
 */
export function dormandPrince(
  rhs: OdeRhs,
  t0: number,
  y0: ArrayLike<number>,
  tOut: ArrayLike<number>,
  options: DormandPrinceOptions = {},
): { y: Float64Array[]; steps: number; rejected: number } {
  const dim = y0.length;
  const rtol = options.rtol ?? 1e-10;
  const atol = options.atol ?? 1e-12;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const out: Float64Array[] = [];
  let t = t0;
  const y = Float64Array.from(y0);
  const k1 = new Float64Array(dim),
    k2 = new Float64Array(dim),
    k3 = new Float64Array(dim);
  const k4 = new Float64Array(dim),
    k5 = new Float64Array(dim),
    k6 = new Float64Array(dim);
  const k7 = new Float64Array(dim),
    yt = new Float64Array(dim),
    ynew = new Float64Array(dim);
  const tEnd = tOut.length ? tOut[tOut.length - 1] : t0;
  let h = options.h0 ?? Math.max((tEnd - t0) / 1000, 1e-12);
  let steps = 0;
  let rejected = 0;
  rhs(t, y, k1);
  for (let i = 0; i < tOut.length; i++) {
    const target = tOut[i];
    if (target < t - 1e-12 * Math.max(1, Math.abs(t))) {
      throw new RangeError(
        `dormandPrince: output times must be ascending and ≥ t0 (got ${target} after ${t})`,
      );
    }
    while (t < target) {
      if (steps++ > maxSteps) throw new Error(`dormandPrince: more than ${maxSteps} steps`);
      let last = false;
      const hFree = h;
      if (t + h >= target) {
        h = target - t;
        last = true;
      }
      for (let j = 0; j < dim; j++) yt[j] = y[j] + h * A21 * k1[j];
      rhs(t + C2 * h, yt, k2);
      for (let j = 0; j < dim; j++) yt[j] = y[j] + h * (A31 * k1[j] + A32 * k2[j]);
      rhs(t + C3 * h, yt, k3);
      for (let j = 0; j < dim; j++) yt[j] = y[j] + h * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
      rhs(t + C4 * h, yt, k4);
      for (let j = 0; j < dim; j++)
        yt[j] = y[j] + h * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
      rhs(t + C5 * h, yt, k5);
      for (let j = 0; j < dim; j++)
        yt[j] = y[j] + h * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
      rhs(t + h, yt, k6);
      for (let j = 0; j < dim; j++)
        ynew[j] = y[j] + h * (B1 * k1[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
      rhs(t + h, ynew, k7);
      let err = 0;
      for (let j = 0; j < dim; j++) {
        const e = h * (E1 * k1[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j]);
        const sc = atol + rtol * Math.max(Math.abs(y[j]), Math.abs(ynew[j]));
        err += (e / sc) * (e / sc);
      }
      err = Math.sqrt(err / dim);
      if (err <= 1) {
        t = last ? target : t + h;
        y.set(ynew);
        options.project?.(y);
        rhs(t, y, k1); // FSAL would reuse k7; recomputing keeps the projection consistent
        const fac = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
        // After a step shortened to hit an output point, continue from the unshortened proposal.
        h = last ? Math.max(hFree, h * fac) : h * fac;
      } else {
        rejected++;
        const fac = Number.isFinite(err) ? Math.max(0.1, 0.9 * Math.pow(err, -0.2)) : 0.1; // NaN/Inf: shrink
        h *= fac;
        if (h < 1e-14 * Math.max(1, Math.abs(t)))
          throw new Error(`dormandPrince: step size underflow at t=${t}`);
      }
    }
    out.push(Float64Array.from(y));
  }
  return { y: out, steps, rejected };
}
