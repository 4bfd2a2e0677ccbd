import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { maxOf, minOf } from '../core/statistics.ts';
import { rosenbrock, type RosenbrockSystem } from '../fit/rosenbrock.ts';
import { initialConcentrations, type Scheme } from '../fit/scheme.ts';
import { solveScheme, type ProgramPoints, type StepKinetics } from '../fit/scheme-kinetics.ts';

/**
 * Predictions from a saved multi-step model (`ckin fit --scheme … --save MODEL.json`, src/fit/saved-model.ts):
 * isothermal times to a conversion, α(t) and the heat-release rate along any temperature program, and the
 * adiabatic runaway of the scheme with its per-step heats. Pure functions on the loaded model; the integrator is
 * the fit's Rosenbrock method (src/fit/rosenbrock.ts).
 *
 * Conversion of a scheme: α(t) = Σ_j a_j·ξ_j(t) / Σ_j a_j with ξ_j = ∫ r_j dt the extent of step j and a_j its
 * amplitude (ΔH_j for DSC models: the fraction of the total heat released; the mass-loss fraction w_j for TGA
 * models: the fraction of the total mass loss). For schemes in which every step runs to completion (consecutive,
 * parallel) α → 1; a competitive scheme may end below 1 (the α asked for is then never reached: NaN).
 */

/** The parts of a saved model the predictions need (`loadSavedModel`). */
export interface SchemeModel {
  scheme: Scheme;
  kinetics: StepKinetics[];
  /** ΔH_j (J/g) of DSC models or mass-loss fractions w_j of TGA models, in step order. */
  amplitudes: number[];
}

/** Rate constants k_j(T) = A_j·exp(−E_j/RT), s⁻¹. */
export function rateConstants_per_s(model: SchemeModel, T_K: number): number[] {
  return model.kinetics.map((s) =>
    Math.exp(s.lgA_s * Math.LN10 - (s.Ea_kJ_mol * 1000) / (R_J_PER_MOL_K * T_K)),
  );
}

/** Σ a_j (the normaliser of α); throws a RangeError when it is not positive. */
function amplitudeTotal(model: SchemeModel): number {
  const total = model.amplitudes.reduce((s, a) => s + a, 0);
  if (!(total > 0))
    throw new RangeError(
      `the step amplitudes sum to ${total}: conversion needs a positive total heat or mass loss`,
    );
  return total;
}

/**
 * α and dα/dt (s⁻¹) at the outputs of a scheme solution (extents and rates row-major [output][step]).
 */
function progress(model: SchemeModel, ext: Float64Array, rates: Float64Array, nOut: number) {
  const m = model.amplitudes.length;
  const total = amplitudeTotal(model);
  const alpha = new Float64Array(nOut);
  const dadt = new Float64Array(nOut);
  for (let i = 0; i < nOut; i++) {
    let a = 0;
    let r = 0;
    for (let j = 0; j < m; j++) {
      a += model.amplitudes[j] * ext[i * m + j];
      r += model.amplitudes[j] * rates[i * m + j];
    }
    alpha[i] = a / total;
    dadt[i] = r / total;
  }
  return { alpha, dadt };
}

/**
 * The first time at which α reaches `target`, by cubic Hermite interpolation of α(t) with its derivative between
 * the two outputs that bracket it (bisection on the cubic); NaN when α never reaches it.
 */
export function crossingTime(
  t: ArrayLike<number>,
  alpha: ArrayLike<number>,
  dadt: ArrayLike<number>,
  target: number,
): number {
  for (let i = 1; i < t.length; i++) {
    if (!(alpha[i] >= target)) continue;
    if (alpha[i - 1] >= target) return t[i - 1];
    const h = t[i] - t[i - 1];
    const y0 = alpha[i - 1];
    const y1 = alpha[i];
    const m0 = dadt[i - 1] * h;
    const m1 = dadt[i] * h;
    const at = (s: number) => {
      const s2 = s * s;
      const s3 = s2 * s;
      return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * m1;
    };
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (at(mid) >= target) hi = mid;
      else lo = mid;
    }
    return t[i - 1] + h * ((lo + hi) / 2);
  }
  return NaN;
}

/**
 * Output times for a process whose time scale lies between τ_fast and τ_slow: 0, then geometric from
 * 10⁻⁴·τ_fast to 10⁶·τ_slow with `perDoubling` outputs per factor 2 (at most 4000 outputs).
 */
function geometricTimes(tauFast: number, tauSlow: number, perDoubling: number): number[] {
  const t0 = 1e-4 * tauFast;
  const t1 = 1e6 * tauSlow;
  const n = Math.min(4000, Math.ceil(Math.log2(t1 / t0) * perDoubling));
  const out = [0];
  for (let i = 0; i <= n; i++) out.push(t0 * Math.pow(t1 / t0, i / n));
  return out;
}

/**
 * Isothermal times to each conversion in `alphas` at T (s): the scheme is integrated on a geometric time grid that
 * spans its fastest and slowest step (10⁻⁴/k_max … 10⁶/k_min, 8 outputs per doubling, each output ending a step
 * of the integrator) and the crossing is interpolated (cubic Hermite with the exact dα/dt). NaN for a conversion
 * the scheme does not reach.
 */
export function schemeIsothermalTimes_s(
  model: SchemeModel,
  T_K: number,
  alphas: number[],
  rtol = 1e-8,
): number[] {
  if (!(T_K > 0)) throw new RangeError(`isothermal temperature must be > 0 K, got ${T_K}`);
  const k = rateConstants_per_s(model, T_K);
  const kMax = maxOf(k);
  const kMin = minOf(k);
  if (!(kMin > 0) || !Number.isFinite(kMax)) return alphas.map(() => NaN);
  const times = geometricTimes(1 / kMax, 1 / kMin, 8);
  const tEnd = times[times.length - 1];
  const program = { time_s: [0, tEnd], T_K: [T_K, T_K] };
  const sol = solveScheme(model.scheme, model.kinetics, program, times, {
    rtol,
    atol: 1e-12,
    extents: true,
    h0: times[1] / 10,
  });
  const { alpha, dadt } = progress(model, sol.extents!, sol.rates, times.length);
  return alphas.map((a) => crossingTime(times, alpha, dadt, a));
}

/** α(t), dα/dt and the heat-release rate of a scheme along a temperature program. */
export interface SchemeProgramPrediction {
  time_s: number[];
  T_K: number[];
  alpha: number[];
  dadt_per_s: number[];
  /** Σ_j q_j·r_j, W/g, with q_j the heats per step given (absent without heats). */
  heat_flow_W_g?: number[];
}

/**
 * Along a program (breakpoints time s, T K; linear in between) at the output times `times_s` (increasing, inside
 * the program). `heats_J_g` (per step, J/g) gives the heat-release rate Σ q_j·r_j.
 */
export function schemeAlongProgram(
  model: SchemeModel,
  program: ProgramPoints,
  times_s: number[],
  heats_J_g?: number[],
  rtol = 1e-8,
): SchemeProgramPrediction {
  const sol = solveScheme(model.scheme, model.kinetics, program, times_s, {
    rtol,
    atol: 1e-12,
    extents: true,
  });
  const n = times_s.length;
  const { alpha, dadt } = progress(model, sol.extents!, sol.rates, n);
  const out: SchemeProgramPrediction = {
    time_s: times_s.slice(),
    T_K: Array.from(sol.T_K),
    alpha: Array.from(alpha),
    dadt_per_s: Array.from(dadt),
  };
  if (heats_J_g) {
    const m = heats_J_g.length;
    out.heat_flow_W_g = Array.from({ length: n }, (_, i) => {
      let q = 0;
      for (let j = 0; j < m; j++) q += heats_J_g[j] * sol.rates[i * m + j];
      return q;
    });
  }
  return out;
}

/**
 * Time along a program at which each conversion is reached (s), from a dense solution (2001 outputs over the
 * program, Hermite-interpolated); NaN when the program ends first.
 */
export function schemeProgramTimes_s(
  model: SchemeModel,
  program: ProgramPoints,
  alphas: number[],
  rtol = 1e-8,
): number[] {
  const np = program.time_s.length;
  const t0 = program.time_s[0];
  const t1 = program.time_s[np - 1];
  const times = Array.from({ length: 1001 }, (_, i) => t0 + ((t1 - t0) * i) / 1000);
  const p = schemeAlongProgram(model, program, times, undefined, rtol);
  return alphas.map((a) => crossingTime(p.time_s, p.alpha, p.dadt_per_s, a));
}

/** Inputs of the adiabatic runaway of a scheme. */
export interface SchemeAdiabaticSpec {
  /** Heat released per unit extent of each step, J/g (exothermic positive), in step order. */
  heats_J_g: number[];
  /** Specific heat capacity, J/(g·K). */
  cp_J_gK: number;
  /** Start temperature, K. */
  T0_K: number;
  /** Thermal inertia φ ≥ 1 (default 1). */
  phi?: number;
  /**
   * Zoom passes of the maximum (default 12: T and dT/dt at the maximum to ~10⁻⁶; 2 give TMRad to ~10⁻⁵, enough
   * for root finding on TMRad).
   */
  zooms?: number;
}

export interface SchemeAdiabaticResult {
  /** Temperature rise at the end of the runaway, K (Σ q_j·ξ_j(∞) / (φ·cp)). */
  dT_ad_K: number;
  /** Time to maximum rate of self-heating from T0, s. */
  tmr_s: number;
  T_at_max_rate_K: number;
  max_dTdt_K_s: number;
  /**
   * True when the runaway was too sharp to integrate at its time scale (steps below 10⁻¹⁴ of the elapsed time, only
   * for TMRad of geological length): tmr_s is then a lower bound within a factor 2 and the other numbers are NaN.
   */
  tmr_unresolved?: boolean;
  /** The runaway (time s, T K, dT/dt K/s) at the integrator outputs up to the end. */
  curve: { time_s: number[]; T_K: number[]; dTdt_K_s: number[] };
}

/**
 * The adiabatic system of a scheme: the species equations of src/fit/scheme-kinetics.ts plus the energy balance
 * φ·cp·dT/dt = Σ_j q_j·r_j, with r_j = A_j·exp(−E_j/RT)·f_j(e, p) and ∂r_j/∂T = r_j·E_j/(RT²) (analytic Jacobian).
 */
function adiabaticSystem(model: SchemeModel, g: number[]): RosenbrockSystem {
  const { scheme, kinetics } = model;
  const ns = scheme.species.length;
  const m = scheme.steps.length;
  const n = ns + 1;
  const lnA = kinetics.map((s) => s.lgA_s * Math.LN10);
  const ER = kinetics.map((s) => (s.Ea_kJ_mol * 1000) / R_J_PER_MOL_K);
  return {
    n,
    rhs(_t, y, out) {
      out.fill(0);
      const T = y[ns];
      for (let j = 0; j < m; j++) {
        const st = scheme.steps[j];
        const r = Math.exp(lnA[j] - ER[j] / T) * st.model.f(y[st.from], y[st.to], kinetics[j].params);
        out[st.from] -= r;
        out[st.to] += r;
        out[ns] += g[j] * r;
      }
    },
    jacobian(_t, y, J, dfdt) {
      J.fill(0);
      dfdt.fill(0);
      const T = y[ns];
      for (let j = 0; j < m; j++) {
        const st = scheme.steps[j];
        const k = Math.exp(lnA[j] - ER[j] / T);
        const e = y[st.from];
        const p = y[st.to];
        const th = kinetics[j].params;
        const de = k * st.model.dfde(e, p, th);
        const dp = k * st.model.dfdp(e, p, th);
        const dT = ((k * st.model.f(e, p, th) * ER[j]) / T) * (1 / T);
        const a = st.from;
        const c = st.to;
        J[a * n + a] -= de;
        J[a * n + c] -= dp;
        J[a * n + ns] -= dT;
        J[c * n + a] += de;
        J[c * n + c] += dp;
        J[c * n + ns] += dT;
        J[ns * n + a] += g[j] * de;
        J[ns * n + c] += g[j] * dp;
        J[ns * n + ns] += g[j] * dT;
      }
    },
  };
}

/**
 * Adiabatic runaway of a scheme from T0: integrated on a geometric time grid (16 outputs per doubling from
 * 10⁻⁴/k_max(T0)), stopped once the self-heating rate has passed its maximum and the next doubling of time would
 * add less than 10⁻⁴ K. TMRad is the time of the maximum of dT/dt, refined by a second integration over the two
 * grid intervals around the coarse maximum (400 outputs) and a parabola through the top three points.
 */
export function schemeAdiabatic(
  model: SchemeModel,
  spec: SchemeAdiabaticSpec,
  rtol = 1e-8,
): SchemeAdiabaticResult {
  const phi = spec.phi ?? 1;
  if (!(spec.cp_J_gK > 0)) throw new RangeError(`heat capacity must be > 0 J/(g·K), got ${spec.cp_J_gK}`);
  if (!(spec.T0_K > 0)) throw new RangeError(`start temperature must be > 0 K, got ${spec.T0_K}`);
  if (!(phi >= 1)) throw new RangeError(`thermal inertia φ must be ≥ 1, got ${phi}`);
  if (spec.heats_J_g.length !== model.scheme.steps.length)
    throw new RangeError('one heat per step is needed');
  const g = spec.heats_J_g.map((q) => q / (phi * spec.cp_J_gK));
  const sys = adiabaticSystem(model, g);
  const n = sys.n;
  const ns = n - 1;
  const y0: Float64Array = new Float64Array(n);
  y0.set(initialConcentrations(model.scheme));
  y0[ns] = spec.T0_K;
  const k = rateConstants_per_s(model, spec.T0_K);
  const kMax = maxOf(k);
  const kMin = minOf(k);
  const nan: SchemeAdiabaticResult = {
    dT_ad_K: NaN,
    tmr_s: NaN,
    T_at_max_rate_K: NaN,
    max_dTdt_K_s: NaN,
    curve: { time_s: [], T_K: [], dTdt_K_s: [] },
  };
  if (!(kMin > 0) || !Number.isFinite(kMax)) return nan;
  const grid = geometricTimes(1 / kMax, 1 / kMin, 16);
  const f = new Float64Array(n);
  const dTdtOf = (y: Float64Array) => {
    sys.rhs(0, y, f);
    return f[ns];
  };
  const times: number[] = [0];
  const states: Float64Array[] = [y0];
  const rates: number[] = [dTdtOf(y0)];
  let iMax = 0;
  let y: Float64Array = y0;
  const opts = { rtol, atol: 1e-10, maxSteps: 20000 };
  // 16 outputs (one doubling of time) per call, so the loop can stop once the runaway is over.
  for (let i = 1; i < grid.length; i += 16) {
    const seg = grid.slice(i, Math.min(i + 16, grid.length));
    const buf = new Float64Array(seg.length * n);
    const ta = times[times.length - 1];
    try {
      // Autonomous system: integrate in time since ta.
      const local = seg.map((t) => t - ta);
      rosenbrock(sys, 0, y, local, buf, { ...opts, h0: local[local.length - 1] / 50 });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // A runaway too sharp for steps ≥ 1e-14 of the elapsed time (TMRad of geological length): it happens in
      // this doubling, so ta is a lower bound within a factor 2.
      return { ...nan, tmr_s: ta, tmr_unresolved: true };
    }
    for (let q = 0; q < seg.length; q++) {
      const s = buf.slice(q * n, (q + 1) * n);
      times.push(seg[q]);
      states.push(s);
      rates.push(dTdtOf(s));
      if (rates[rates.length - 1] > rates[iMax]) iMax = rates.length - 1;
    }
    y = states[states.length - 1];
    const last = rates.length - 1;
    const t = times[last];
    if (iMax < last && rates[last] * t < 1e-4 && rates[last] < rates[iMax]) break;
  }
  const last = times.length - 1;
  if (iMax === 0 || iMax === last) {
    // No interior maximum: the rate is highest at the start (no self-acceleration) or at the end of the grid.
    return {
      dT_ad_K: states[last][ns] - spec.T0_K,
      tmr_s: iMax === 0 ? 0 : NaN,
      T_at_max_rate_K: states[iMax][ns],
      max_dTdt_K_s: rates[iMax],
      curve: { time_s: times, T_K: states.map((s) => s[ns]), dTdt_K_s: rates },
    };
  }
  // Refine: zoom in (at most 12 times, until the top three points span < 0.01 K), each with 100 outputs over the two intervals around the best point so far,
  // integrated from the stored state at the left end (the peak of a runaway can be far narrower than the grid).
  let ta = times[iMax - 1];
  let tb = times[iMax + 1];
  let yA = states[iMax - 1];
  let tmr = times[iMax];
  let Tmax = states[iMax][ns];
  let bestRate = rates[iMax];
  for (let zoom = 0; zoom < (spec.zooms ?? 12); zoom++) {
    const fine = Array.from({ length: 100 }, (_, q) => ta + ((tb - ta) * (q + 1)) / 100);
    const buf = new Float64Array(fine.length * n);
    // The system is autonomous: integrate in time since ta, so steps far below 1e-14·t stay resolvable.
    const local = Array.from({ length: 100 }, (_, q) => ((tb - ta) * (q + 1)) / 100);
    rosenbrock(sys, 0, yA, local, buf, { ...opts, h0: (tb - ta) / 200 });
    const fineRates = fine.map((_, q) => dTdtOf(buf.slice(q * n, (q + 1) * n)));
    let best = 0;
    fineRates.forEach((r, q) => {
      if (r > fineRates[best]) best = q;
    });
    tmr = fine[best];
    Tmax = buf[best * n + ns];
    bestRate = fineRates[best];
    if (best > 0 && best < fine.length - 1) {
      // dT/dt is a smooth function of T near its maximum: the vertex of the parabola through the top three points.
      const x = [buf[(best - 1) * n + ns], Tmax, buf[(best + 1) * n + ns]];
      const r = [fineRates[best - 1], bestRate, fineRates[best + 1]];
      const num = (x[1] - x[0]) ** 2 * (r[1] - r[2]) - (x[1] - x[2]) ** 2 * (r[1] - r[0]);
      const den = (x[1] - x[0]) * (r[1] - r[2]) - (x[1] - x[2]) * (r[1] - r[0]);
      const v = den !== 0 ? x[1] - (0.5 * num) / den : NaN;
      if (v > x[0] && v < x[2]) Tmax = v;
    }
    if (best === 0 || best === fine.length - 1) break;
    if (Math.abs(buf[(best + 1) * n + ns] - buf[(best - 1) * n + ns]) < 0.01) break;
    yA = buf.slice((best - 1) * n, best * n);
    ta = fine[best - 1];
    tb = fine[best + 1];
  }
  return {
    dT_ad_K: states[last][ns] - spec.T0_K,
    tmr_s: tmr,
    T_at_max_rate_K: Tmax,
    max_dTdt_K_s: bestRate,
    curve: { time_s: times, T_K: states.map((s) => s[ns]), dTdt_K_s: rates },
  };
}
