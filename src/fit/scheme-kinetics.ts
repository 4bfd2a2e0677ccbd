import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { rosenbrock, type RosenbrockOptions, type RosenbrockSystem } from './rosenbrock.ts';
import { initialConcentrations, type Scheme } from './scheme.ts';

/** Kinetic parameters of one step: Ea (kJ/mol), lgA = log10(A/s⁻¹) and the step model's parameters. */
export interface StepKinetics {
  Ea_kJ_mol: number;
  lgA_s: number;
  /** In the order of the step model's `params`. */
  params: number[];
}

/** A temperature program: breakpoints (time s, temperature K), linear in between (ramps, holds, coolings). */
export interface ProgramPoints {
  time_s: ArrayLike<number>;
  T_K: ArrayLike<number>;
}

export interface SchemeSolution {
  /** Concentrations, row-major [output][species]. */
  concentrations: Float64Array;
  /** Extents ξ_j = ∫ r_j dt of the steps, row-major [output][step] (only with `extents: true`). */
  extents?: Float64Array;
  /** Step rates r = k(T)·f(e, p), s⁻¹, row-major [output][step]. */
  rates: Float64Array;
  /** Temperature at each output, K. */
  T_K: Float64Array;
}

/**
 * The ODE of a scheme, de_X/dt = Σ_(steps into X) r − Σ_(steps out of X) r with r_j = A_j·exp(−E_j/RT)·f_j(e, p),
 * on a segment where T(t) = T_a + b·(t − t_a), with its analytic Jacobian ∂r_j/∂e = k_j·∂f_j/∂e,
 * ∂r_j/∂p = k_j·∂f_j/∂p and ∂r_j/∂t = r_j·E_j·b/(RT²).
 */
function schemeSystem(
  scheme: Scheme,
  steps: StepKinetics[],
  t_a: number,
  T_a: number,
  b: number,
  extents: boolean,
): RosenbrockSystem {
  const ns = scheme.species.length;
  const m = scheme.steps.length;
  // With `extents`, components ns + j carry ξ_j = ∫ r_j dt (the extent of step j).
  const n = extents ? ns + m : ns;
  // k_j(T) = exp(ln A_j − (E_j/R)·(1/T)): one exp per step and evaluation.
  const lnA = Float64Array.from(steps, (s) => s.lgA_s * Math.LN10);
  const ER = Float64Array.from(steps, (s) => (s.Ea_kJ_mol * 1000) / R_J_PER_MOL_K);
  const from = Int32Array.from(scheme.steps, (s) => s.from);
  const to = Int32Array.from(scheme.steps, (s) => s.to);
  const models = scheme.steps.map((s) => s.model);
  const theta = steps.map((s) => s.params);
  return {
    n,
    rhs(t, y, out) {
      out.fill(0);
      const invT = 1 / (T_a + b * (t - t_a));
      for (let j = 0; j < m; j++) {
        const r = Math.exp(lnA[j] - ER[j] * invT) * models[j].f(y[from[j]], y[to[j]], theta[j]);
        out[from[j]] -= r;
        out[to[j]] += r;
        if (extents) out[ns + j] = r;
      }
    },
    jacobian(t, y, J, dfdt) {
      J.fill(0);
      dfdt.fill(0);
      const T = T_a + b * (t - t_a);
      for (let j = 0; j < m; j++) {
        const k = Math.exp(lnA[j] - ER[j] / T);
        const e = y[from[j]];
        const p = y[to[j]];
        const de = k * models[j].dfde(e, p, theta[j]);
        const dp = k * models[j].dfdp(e, p, theta[j]);
        const rt = k * models[j].f(e, p, theta[j]) * ((ER[j] * b) / (T * T));
        const a = from[j];
        const c = to[j];
        J[a * n + a] -= de;
        J[a * n + c] -= dp;
        J[c * n + a] += de;
        J[c * n + c] += dp;
        dfdt[a] -= rt;
        dfdt[c] += rt;
        if (extents) {
          J[(ns + j) * n + a] += de;
          J[(ns + j) * n + c] += dp;
          dfdt[ns + j] = rt;
        }
      }
    },
  };
}

/**
 * Solve a scheme along a temperature program (pure): concentrations and step rates at the output times `tOut_s`
 * (increasing, within the program). Segment by segment with the Rosenbrock integrator, so no step straddles a kink
 * of T(t). Sources start at concentration 1 (`initialConcentrations`).
 */
export function solveScheme(
  scheme: Scheme,
  steps: StepKinetics[],
  program: ProgramPoints,
  tOut_s: ArrayLike<number>,
  opts: RosenbrockOptions & { extents?: boolean } = {},
): SchemeSolution {
  const ns = scheme.species.length;
  const m = scheme.steps.length;
  const withExtents = opts.extents === true;
  const n = withExtents ? ns + m : ns;
  const nOut = tOut_s.length;
  const conc = new Float64Array(nOut * ns);
  const ext = withExtents ? new Float64Array(nOut * m) : undefined;
  const rates = new Float64Array(nOut * m);
  const Tout = new Float64Array(nOut);
  let y = new Float64Array(n);
  y.set(initialConcentrations(scheme));
  const lnA = Float64Array.from(steps, (s) => s.lgA_s * Math.LN10);
  const ER = Float64Array.from(steps, (s) => (s.Ea_kJ_mol * 1000) / R_J_PER_MOL_K);
  const pt = program.time_s;
  const pT = program.T_K;
  let iOut = 0;
  for (let s = 0; s + 1 < pt.length && iOut < nOut; s++) {
    const ta = pt[s];
    const tb = pt[s + 1];
    const b = (pT[s + 1] - pT[s]) / (tb - ta);
    const sys = schemeSystem(scheme, steps, ta, pT[s], b, withExtents);
    const lastSeg = s + 2 >= pt.length;
    // Outputs inside this segment, then the segment end (to carry the state on).
    const times: number[] = [];
    const first = iOut;
    while (iOut < nOut && (tOut_s[iOut] <= tb || lastSeg)) times.push(tOut_s[iOut++]);
    const segOut = new Float64Array((times.length + 1) * n);
    if (!lastSeg || times.length === 0 || times[times.length - 1] < tb) times.push(tb);
    rosenbrock(sys, ta, y, times, segOut, { h0: (tb - ta) / 200, ...opts });
    for (let i = first; i < iOut; i++) {
      const row = segOut.subarray((i - first) * n, (i - first + 1) * n);
      conc.set(row.subarray(0, ns), i * ns);
      if (ext) ext.set(row.subarray(ns, n), i * m);
      const T = pT[s] + b * (tOut_s[i] - ta);
      Tout[i] = T;
      for (let j = 0; j < m; j++) {
        const st = scheme.steps[j];
        const k = Math.exp(lnA[j] - ER[j] / T);
        rates[i * m + j] = k * st.model.f(row[st.from], row[st.to], steps[j].params);
      }
    }
    y = segOut.slice((times.length - 1) * n, times.length * n);
  }
  return { concentrations: conc, extents: ext, rates, T_K: Tout };
}

/** A constant-heating-rate program from T0 (K) to T1 (K) at β (K/min), as program points in seconds. */
export function rampProgram(T0_K: number, T1_K: number, beta_K_min: number): ProgramPoints {
  return { time_s: [0, ((T1_K - T0_K) / beta_K_min) * 60], T_K: [T0_K, T1_K] };
}
