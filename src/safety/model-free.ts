import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { gaussLegendre } from '../kinetics/quadrature.ts';
import {
  historyAt,
  lnArrheniusTimeIntegral,
  logAddExp,
  timeToReachIntegral,
  type TemperatureHistory,
} from './arrhenius-time-integral.ts';

/**
 * Model-free (isoconversional) predictions, Vyazovkin 1997 (J. Therm. Anal. 49, 1005; ICTAC Kinetics Committee
 * recommendations for predictions, Vyazovkin et al., Thermochim. Acta 590 (2014) 1), in the advanced, incremental
 * form that stays exact when Ea varies with α.
 *
 * The rate law dα/dt = A(α)·f(α)·exp(−E(α)/RT) is rewritten with the reduced time Φ(α) = ∫₀^α dα′/[A(α′)f(α′)] (s):
 *   dΦ = exp(−E(α)/RT(t))·dt,
 * so Φ is a property of the material alone, measured by each run with its own recorded T(t):
 *   ΔΦ_k = ∫_{t(α_k)}^{t(α_{k+1})} exp(−E_k/RT_run(t)) dt    (E_k = Ea at the interval's mid-conversion).
 * **A(α) is never needed on its own**: only the product A(α)·f(α) enters, through ΔΦ_k = Δα/[A f] — this is the
 * documented treatment of the pre-exponential factor (no compensation line, no assumed reaction model). Runs are
 * combined by the geometric mean of their ΔΦ_k (for ideal data every run gives the same value; the run-to-run spread
 * of ln ΔΦ_k is reported). A prediction under any temperature program T₀(t) then integrates dΦ = exp(−E/RT₀)dt:
 *   isothermal: t(α) = Σ_k ΔΦ_k·exp(E_k/RT₀);   any program: ∫_{τ_k}^{τ_{k+1}} exp(−E_k/RT₀(t)) dt = ΔΦ_k;
 *   adiabatic: T(α) = T₀ + ΔT_ad·α, Δt_k = ΔΦ_k/Δα·∫ exp(E_k/RT(α)) dα (Gauss–Legendre per interval).
 * With Δα → 0 this converges to the exact solution of the rate law whatever E(α) and A(α)f(α) are; the integral
 * from α = 0 with a single E_α (Vyazovkin 1997's original form) is biased when Ea varies, this one is not.
 */

/** One run as the prediction needs it: the recorded time (s), sample temperature (K) and conversion, one index. */
export interface ModelFreeRun {
  file?: string;
  time_s: ArrayLike<number>;
  T_K: ArrayLike<number>;
  alpha: ArrayLike<number>;
}

/** Ea(α) from an isoconversional method: increasing α, Ea in kJ/mol (NaN entries are skipped). */
export interface EaProfile {
  alpha: ArrayLike<number>;
  Ea_kJ_mol: ArrayLike<number>;
}

/** The reduced-time table Φ(α) of a material: what every model-free prediction is computed from. */
export interface ModelFreeKinetics {
  /** Conversion nodes α_0 = 0 < α_1 < … < α_K. */
  alpha: number[];
  /** Ea used on interval k (between α_k and α_{k+1}), kJ/mol. */
  Ea_kJ_mol: number[];
  /** ln ΔΦ_k, ln(s): geometric mean over the runs that reach α_{k+1}. */
  lnDPhi: number[];
  /** Standard deviation of ln ΔΦ_k over the runs (NaN with one run). */
  lnDPhiSpread: number[];
  /** Number of runs behind each interval. */
  runs: number[];
  /** Lowest and highest run temperature at which a node in α 0.05–0.95 is crossed, K (the data's range). */
  T_range_K: [number, number];
}

/** Ea at conversion α: linear interpolation of the profile, held constant beyond its ends. */
export function eaAt(profile: EaProfile, alpha: number): number {
  const a: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < profile.alpha.length; i++) {
    if (Number.isFinite(profile.Ea_kJ_mol[i])) {
      a.push(profile.alpha[i]);
      e.push(profile.Ea_kJ_mol[i]);
    }
  }
  if (a.length === 0) throw new RangeError('the Ea(α) profile has no finite value');
  if (alpha <= a[0]) return e[0];
  if (alpha >= a[a.length - 1]) return e[e.length - 1];
  let i = 1;
  while (a[i] < alpha) i++;
  const w = (alpha - a[i - 1]) / (a[i] - a[i - 1]);
  return e[i - 1] + w * (e[i] - e[i - 1]);
}

/** Time and temperature where the run first reaches α (linear interpolation; α = 0 is the first sample). */
function crossing(run: ModelFreeRun, alpha: number): { t: number; T: number } | undefined {
  const a = run.alpha;
  if (alpha <= 0 || a[0] >= alpha) return { t: run.time_s[0], T: run.T_K[0] };
  for (let i = 1; i < a.length; i++) {
    if (a[i - 1] < alpha && a[i] >= alpha) {
      const w = (alpha - a[i - 1]) / (a[i] - a[i - 1]);
      return {
        t: run.time_s[i - 1] + w * (run.time_s[i] - run.time_s[i - 1]),
        T: run.T_K[i - 1] + w * (run.T_K[i] - run.T_K[i - 1]),
      };
    }
  }
  return undefined;
}

/** A uniform conversion grid 0, Δα, 2Δα, … up to `alphaMax` (included), the nodes of `modelFreeKinetics`. */
export function conversionNodes(alphaMax: number, step = 0.005): number[] {
  if (!(alphaMax > 0 && alphaMax < 1)) throw new RangeError(`alphaMax must be in (0, 1), got ${alphaMax}`);
  const out = [0];
  const k = Math.ceil(alphaMax / step - 1e-9);
  for (let i = 1; i < k; i++) out.push(i * step);
  out.push(alphaMax);
  return out;
}

/**
 * Measure the reduced-time table Φ(α) from runs with their recorded T(t) and the isoconversional Ea(α).
 * Intervals that no run reaches are dropped (the table ends where the data end).
 */
export function modelFreeKinetics(
  runs: ModelFreeRun[],
  profile: EaProfile,
  nodes: number[],
): ModelFreeKinetics {
  if (runs.length === 0) throw new RangeError('model-free kinetics need at least one run');
  if (nodes.length < 2 || nodes[0] !== 0) throw new RangeError('conversion nodes must start at 0');
  const cross = runs.map((r) => nodes.map((a) => crossing(r, a)));
  const out: ModelFreeKinetics = {
    alpha: [0],
    Ea_kJ_mol: [],
    lnDPhi: [],
    lnDPhiSpread: [],
    runs: [],
    T_range_K: [Infinity, -Infinity],
  };
  for (let k = 0; k + 1 < nodes.length; k++) {
    const E_kJ = eaAt(profile, 0.5 * (nodes[k] + nodes[k + 1]));
    const E = E_kJ * 1000;
    const values: number[] = [];
    runs.forEach((r, j) => {
      const a = cross[j][k];
      const b = cross[j][k + 1];
      if (!a || !b) return;
      const v = lnArrheniusTimeIntegral(runHistory(r), a.t, b.t, E);
      if (Number.isFinite(v)) {
        values.push(v);
        const a1 = nodes[k + 1];
        if (a1 >= 0.05 - 1e-9 && a1 <= 0.95 + 1e-9) {
          out.T_range_K[0] = Math.min(out.T_range_K[0], b.T);
          out.T_range_K[1] = Math.max(out.T_range_K[1], b.T);
        }
      }
    });
    if (values.length === 0) break;
    const m = values.reduce((s, v) => s + v, 0) / values.length;
    const sd =
      values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1)) : NaN;
    out.alpha.push(nodes[k + 1]);
    out.Ea_kJ_mol.push(E_kJ);
    out.lnDPhi.push(m);
    out.lnDPhiSpread.push(sd);
    out.runs.push(values.length);
  }
  if (out.lnDPhi.length === 0) throw new RangeError('no run reaches the first conversion node');
  if (!Number.isFinite(out.T_range_K[0])) {
    // The table ends below α = 0.05: the range is that of the nodes it has.
    for (let j = 0; j < runs.length; j++) {
      for (let k = 1; k < out.alpha.length; k++) {
        const c = cross[j][k];
        if (!c) continue;
        out.T_range_K[0] = Math.min(out.T_range_K[0], c.T);
        out.T_range_K[1] = Math.max(out.T_range_K[1], c.T);
      }
    }
  }
  return out;
}

function runHistory(r: ModelFreeRun): TemperatureHistory {
  return { time_s: r.time_s, T_K: r.T_K };
}

/** The highest conversion the table reaches. */
export function maxConversion(kin: ModelFreeKinetics): number {
  return kin.alpha[kin.alpha.length - 1];
}

/** Interval k containing α and the fraction w of it (Φ is taken linear in α inside an interval). */
function locate(kin: ModelFreeKinetics, alpha: number): { k: number; w: number } {
  if (!(alpha > 0 && alpha <= maxConversion(kin) + 1e-12)) {
    throw new RangeError(`α = ${alpha} is outside the conversions the runs cover (0, ${maxConversion(kin)}]`);
  }
  let k = 0;
  while (k < kin.lnDPhi.length - 1 && kin.alpha[k + 1] < alpha) k++;
  const w = Math.min(1, (alpha - kin.alpha[k]) / (kin.alpha[k + 1] - kin.alpha[k]));
  return { k, w };
}

/** ln of the isothermal time (s) to reach α at T_K: ln Σ_k ΔΦ_k·exp(E_k/RT). */
export function lnIsothermalTime(kin: ModelFreeKinetics, T_K: number, alpha: number): number {
  const { k, w } = locate(kin, alpha);
  let acc = -Infinity;
  for (let i = 0; i <= k; i++) {
    const part = i < k ? 0 : Math.log(w);
    acc = logAddExp(acc, part + kin.lnDPhi[i] + (kin.Ea_kJ_mol[i] * 1000) / (R_J_PER_MOL_K * T_K));
  }
  return acc;
}

/** Isothermal time (s) to reach α at T_K. */
export function isothermalTime_s(kin: ModelFreeKinetics, T_K: number, alpha: number): number {
  return Math.exp(lnIsothermalTime(kin, T_K, alpha));
}

/**
 * The isothermal temperature (K) at which α is reached after `time_s`: bisection in 1/T (the time falls
 * monotonically with T) over 150–3000 K; NaN when the answer lies outside that range.
 */
export function isothermalTemperatureForTime_K(
  kin: ModelFreeKinetics,
  time_s: number,
  alpha: number,
): number {
  const target = Math.log(time_s);
  let lo = 1 / 3000; // x = 1/T: the time grows with x
  let hi = 1 / 150;
  const f = (x: number) => lnIsothermalTime(kin, 1 / x, alpha) - target;
  if (f(lo) > 0 || f(hi) < 0) return NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 2 / (lo + hi);
}

/** A temperature program (breakpoints, linear in between, final temperature held afterwards). */
export interface ProgramHistory {
  time_s: number[];
  T_K: number[];
}

export interface ModelFreeProgramResult {
  time_s: number[];
  T_K: number[];
  alpha: number[];
  /** Conversion rate dα/dt, s⁻¹ (ΔΦ-interval average of A·f times exp(−E/RT)). */
  dadt_per_s: number[];
  /** Time at which each conversion node is reached, s (Infinity if never). */
  nodeTimes_s: number[];
}

/**
 * α(t) under any temperature program: for each interval k, the time τ_{k+1} at which ∫_{τ_k}^{τ} exp(−E_k/RT₀(t))dt
 * = ΔΦ_k (exact per linear program piece, inverted by bisection). Between nodes α grows linearly in Φ. After the
 * table's last node α stays there (reported by `nodeTimes_s`: the data say nothing beyond it).
 */
export function conversionAlongProgramModelFree(
  kin: ModelFreeKinetics,
  program: ProgramHistory,
  times_s: number[],
): ModelFreeProgramResult {
  const tau: number[] = [program.time_s[0]];
  for (let k = 0; k < kin.lnDPhi.length; k++) {
    const prev = tau[k];
    tau.push(
      Number.isFinite(prev)
        ? timeToReachIntegral(program, prev, kin.lnDPhi[k], kin.Ea_kJ_mol[k] * 1000)
        : Infinity,
    );
  }
  const T = times_s.map((t) => historyAt(program, t).T_K);
  const alpha: number[] = [];
  const rate: number[] = [];
  times_s.forEach((t, j) => {
    let k = 0;
    while (k < kin.lnDPhi.length && tau[k + 1] <= t) k++;
    if (k >= kin.lnDPhi.length) {
      alpha.push(maxConversion(kin));
      rate.push(0);
      return;
    }
    const E = kin.Ea_kJ_mol[k] * 1000;
    const da = kin.alpha[k + 1] - kin.alpha[k];
    const frac = t > tau[k] ? Math.exp(lnArrheniusTimeIntegral(program, tau[k], t, E) - kin.lnDPhi[k]) : 0;
    alpha.push(kin.alpha[k] + da * Math.min(1, frac));
    rate.push(Math.exp(Math.log(da) - kin.lnDPhi[k] - E / (R_J_PER_MOL_K * T[j])));
  });
  return { time_s: times_s, T_K: T, alpha, dadt_per_s: rate, nodeTimes_s: tau };
}

/** The time (s) at which α is reached along a program (interpolated in Φ between nodes); Infinity if never. */
export function programTimeToConversion_s(
  kin: ModelFreeKinetics,
  program: ProgramHistory,
  alpha: number,
  nodeTimes_s: number[],
): number {
  const { k, w } = locate(kin, alpha);
  if (!Number.isFinite(nodeTimes_s[k])) return Infinity;
  return timeToReachIntegral(program, nodeTimes_s[k], kin.lnDPhi[k] + Math.log(w), kin.Ea_kJ_mol[k] * 1000);
}

export interface ModelFreeAdiabaticSpec {
  /** Specific reaction enthalpy released over the whole conversion, J/g. */
  dH_J_g: number;
  /** Specific heat capacity, J/(g·K). */
  cp_J_gK: number;
  /** Start temperature, K. */
  T0_K: number;
  /** Thermal inertia φ ≥ 1 (default 1). */
  phi?: number;
}

export interface ModelFreeAdiabaticResult {
  /** Adiabatic temperature rise over the conversions the table covers, ΔH·α_max/(φ·cp), K. */
  dT_ad_K: number;
  /** Time to maximum rate from T0, s. */
  tmr_s: number;
  T_at_max_rate_K: number;
  max_dTdt_K_s: number;
  alpha_at_max_rate: number;
}

/**
 * Adiabatic runaway from the Φ table: T(α) = T₀ + (ΔH/φcp)·α, and on interval k
 * Δt_k = (ΔΦ_k/Δα)·∫ exp(E_k/RT(α)) dα (8-point Gauss–Legendre); dT/dt = gain·(Δα/ΔΦ_k)·exp(−E_k/RT) is largest at
 * some interval end, and the TMRad is the time to it.
 */
export function adiabaticModelFree(
  kin: ModelFreeKinetics,
  spec: ModelFreeAdiabaticSpec,
): ModelFreeAdiabaticResult {
  const phi = spec.phi ?? 1;
  const gain = spec.dH_J_g / (phi * spec.cp_J_gK);
  const Tof = (a: number) => spec.T0_K + gain * a;
  const { x, w } = gaussLegendre(8);
  let lnT = -Infinity;
  let best = { lnRate: -Infinity, lnTime: -Infinity, alpha: 0 };
  for (let k = 0; k < kin.lnDPhi.length; k++) {
    const a0 = kin.alpha[k];
    const a1 = kin.alpha[k + 1];
    const da = a1 - a0;
    const E = kin.Ea_kJ_mol[k] * 1000;
    // Rate at the start of the interval (the runaway accelerates until the reactant runs out: take both ends).
    for (const a of [a0, a1]) {
      const lr = Math.log(gain) + Math.log(da) - kin.lnDPhi[k] - E / (R_J_PER_MOL_K * Tof(a));
      if (lr > best.lnRate) {
        best = { lnRate: lr, lnTime: a === a0 ? lnT : NaN, alpha: a };
      }
    }
    let s = -Infinity;
    for (let i = 0; i < x.length; i++) {
      const a = a0 + 0.5 * da * (x[i] + 1);
      s = logAddExp(s, Math.log(0.5 * w[i]) + E / (R_J_PER_MOL_K * Tof(a)));
    }
    lnT = logAddExp(lnT, kin.lnDPhi[k] + s);
    if (Number.isNaN(best.lnTime)) best.lnTime = lnT;
  }
  return {
    dT_ad_K: gain * maxConversion(kin),
    tmr_s: Math.exp(best.lnTime),
    T_at_max_rate_K: Tof(best.alpha),
    max_dTdt_K_s: Math.exp(best.lnRate),
    alpha_at_max_rate: best.alpha,
  };
}
