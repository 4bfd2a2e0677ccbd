import { temperatureIntegral_K } from '../kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K, kJPerMolToJPerMol } from '../kinetics/constants.ts';
import { dormandPrince } from '../kinetics/ode/dormand-prince.ts';
import type { KineticTriplet } from './kinetic-triplet.ts';

/** A temperature program as breakpoints (time s, temperature K), linear in between: ramps, holds, coolings. */
export interface TemperatureProgram {
  time_s: number[];
  T_K: number[];
}

/** Throw unless the program has ≥ 2 points, strictly increasing times and positive temperatures. */
export function validateProgram(p: TemperatureProgram): void {
  if (p.time_s.length !== p.T_K.length || p.time_s.length < 2) {
    throw new RangeError('a temperature program needs at least two (time, temperature) points');
  }
  for (let i = 0; i < p.time_s.length; i++) {
    if (!(p.T_K[i] > 0)) throw new RangeError(`program point ${i + 1}: temperature must be > 0 K`);
    if (i > 0 && !(p.time_s[i] > p.time_s[i - 1])) {
      throw new RangeError(`program point ${i + 1}: times must increase`);
    }
  }
}

/**
 * Reduced time of one linear segment, ∫ A·exp(−Ea/RT(t)) dt from T1 to T2 over dt seconds, exactly: on a ramp of
 * rate b = (T2 − T1)/dt (K/s), (A/b)·[p(T2) − p(T1)] with the temperature integral p = T·E₂(E/RT); on a hold,
 * A·e^(−E/RT)·dt. Cooling ramps (b < 0) work the same way.
 */
export function segmentReducedTime(
  triplet: KineticTriplet,
  T1_K: number,
  T2_K: number,
  dt_s: number,
): number {
  if (dt_s <= 0) return 0;
  const A = Math.pow(10, triplet.lgA_s);
  if (Math.abs(T2_K - T1_K) < 1e-9 * T1_K) {
    return A * Math.exp(-kJPerMolToJPerMol(triplet.Ea_kJ_mol) / (R_J_PER_MOL_K * T1_K)) * dt_s;
  }
  const b = (T2_K - T1_K) / dt_s;
  return (
    (A / b) *
    (temperatureIntegral_K(triplet.Ea_kJ_mol, T2_K) - temperatureIntegral_K(triplet.Ea_kJ_mol, T1_K))
  );
}

/** Reduced time θ = ∫₀ᵗ k(T(t′)) dt′ at every breakpoint of the program (cumulative, exact per segment). */
export function reducedTimeAtBreakpoints(triplet: KineticTriplet, p: TemperatureProgram): number[] {
  validateProgram(p);
  const theta = [0];
  for (let i = 1; i < p.time_s.length; i++) {
    theta.push(
      theta[i - 1] + segmentReducedTime(triplet, p.T_K[i - 1], p.T_K[i], p.time_s[i] - p.time_s[i - 1]),
    );
  }
  return theta;
}

/** Temperature of the program at time t (linear interpolation; held at the ends). */
export function programTemperature_K(p: TemperatureProgram, t: number): number {
  if (t <= p.time_s[0]) return p.T_K[0];
  const n = p.time_s.length;
  if (t >= p.time_s[n - 1]) return p.T_K[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (p.time_s[mid] <= t) lo = mid;
    else hi = mid;
  }
  const w = (t - p.time_s[lo]) / (p.time_s[hi] - p.time_s[lo]);
  return p.T_K[lo] + w * (p.T_K[hi] - p.T_K[lo]);
}

/**
 * Conversion α(t) and rate dα/dt (s⁻¹) along any temperature program, sampled at `times_s`.
 * Closed-form models: α = g⁻¹(θ(t)) with θ exact per segment (see `reducedTimeAtBreakpoints`).
 * Other models: Dormand–Prince on dα/dt = k(T(t))·f(α), with the program's breakpoints as output points so that no
 * step straddles a kink.
 */
export function conversionAlongProgram(
  triplet: KineticTriplet,
  program: TemperatureProgram,
  times_s: number[],
  alpha0 = 0,
): { time_s: number[]; T_K: number[]; alpha: number[]; dadt_per_s: number[] } {
  validateProgram(program);
  const A = Math.pow(10, triplet.lgA_s);
  const E = kJPerMolToJPerMol(triplet.Ea_kJ_mol);
  const k = (T: number) => A * Math.exp(-E / (R_J_PER_MOL_K * T));
  const T = times_s.map((t) => programTemperature_K(program, t));
  let alpha: number[];
  if (triplet.model.gInverse && alpha0 === 0) {
    const thetaBp = reducedTimeAtBreakpoints(triplet, program);
    const last = program.time_s.length - 1;
    alpha = times_s.map((t) => {
      if (t <= program.time_s[0]) return 0;
      // θ(t) = θ at the last breakpoint before t + the partial segment (a hold at the final temperature after the end).
      let i = 0;
      while (i < last && program.time_s[i + 1] <= t) i++;
      const theta =
        thetaBp[i] +
        segmentReducedTime(triplet, program.T_K[i], programTemperature_K(program, t), t - program.time_s[i]);
      return triplet.model.gInverse!(theta);
    });
  } else {
    const outs = Array.from(new Set([...times_s, ...program.time_s])).sort((a, b) => a - b);
    const t0 = Math.min(program.time_s[0], outs[0]);
    const res = dormandPrince(
      (t, y, d) => {
        d[0] = k(programTemperature_K(program, t)) * triplet.model.f(y[0]);
      },
      t0,
      [alpha0],
      outs,
      { rtol: 1e-10, atol: 1e-13, project: (y) => (y[0] = Math.min(1, Math.max(0, y[0]))) },
    );
    const byTime = new Map(outs.map((t, i) => [t, res.y[i][0]]));
    alpha = times_s.map((t) => byTime.get(t)!);
  }
  const dadt_per_s = alpha.map((a, i) => k(T[i]) * triplet.model.f(a));
  return { time_s: times_s, T_K: T, alpha, dadt_per_s };
}
