import { jmaExactCurve } from '../kinetics/nonisothermal-exact.ts';
import { goldenSectionMax } from '../core/golden-section.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { jmaRateInto, makeGridCurve } from './fit/jma-model.ts';
import { type KceLine, isokineticTemperature_K, lgAAtEa } from './kce.ts';
import { maxOf, minOf } from '../core/statistics.ts';

/**
 * Where does a JMA reaction peak? T of the maximum of dα/dT under a constant heating rate, found on a 0.5 K grid
 * from T0 to Tmax and refined by golden-section search on the exact curve (`jmaExactCurve`).
 * @returns T_peak_K (NaN when the maximum lies at or beyond Tmax — the peak is outside the window) and α at Tmax.
 */
export function jmaPeakTemperature(
  params: { Ea_kJ_mol: number; lgA_s: number; n: number },
  beta_K_min: number,
  T0_K: number,
  Tmax_K: number,
): { T_peak_K: number; alphaAtEnd: number } {
  const step = 0.5;
  const count = Math.floor((Tmax_K - T0_K) / step) + 1;
  const grid = Array.from({ length: count }, (_, i) => T0_K + i * step);
  const out = new Float64Array(count);
  jmaRateInto(out, makeGridCurve(beta_K_min, grid, T0_K), params.Ea_kJ_mol, params.lgA_s, params.n);
  let k = 0;
  for (let i = 1; i < count; i++) if (out[i] > out[k]) k = i;
  const alphaAtEnd = jmaExactCurve(params, beta_K_min, T0_K, [Tmax_K]).alpha[0];
  if (k === count - 1 || out[k] === 0) return { T_peak_K: NaN, alphaAtEnd };
  // Golden-section refinement of the maximum inside [T_{k−1}, T_{k+1}].
  const rate = (T: number) => jmaExactCurve(params, beta_K_min, T0_K, [T]).dadT_per_K[0];
  const T_peak_K = goldenSectionMax(rate, grid[Math.max(0, k - 1)], grid[k + 1], 1e-6);
  return { T_peak_K, alphaAtEnd };
}

export interface KceConsistencyRate {
  beta_K_min: number;
  /** Measured peak (Zhou Table 1), K. */
  T_peak_measured_K: number;
  /** Ea on the line whose model peak falls on the measured peak, kJ/mol (NaN when no Ea in 20–400 does). */
  Ea_matching_kJ_mol: number;
  /** The peak closest to the measured one that the line can produce for Ea in 20–400 kJ/mol, K, and its Ea. */
  T_peak_closest_K: number;
  Ea_closest_kJ_mol: number;
  /** Median predicted peak for Ea uniform over the window (only samples peaking inside 30–800 °C), K. */
  T_peak_median_K: number;
  /** Fraction of the Ea samples whose peak lies inside the temperature window. */
  fractionPeakInWindow: number;
  /** Fraction of the Ea samples with α < 0.99 at the window's end (conversion not finished). */
  fractionUnfinished: number;
  /** Median predicted peak − measured peak, K. */
  mismatch_K: number;
}

export interface KceConsistency {
  line: KceLine;
  n: number;
  Ea_window_kJ_mol: [number, number];
  window_K: [number, number];
  T_iso_K: number;
  rates: KceConsistencyRate[];
  /** Spread (max − min) of the per-rate matching Ea: 0 if one point on the line explained all rates. */
  Ea_matching_spread_kJ_mol: number;
}

/**
 * Consistency check of a KCE line against measured DTG peaks (science.md §4): for Ea uniform in the window
 * (paper: 120–260 kJ/mol) with lgA on the line and n fixed (3), where do the peaks fall at each heating rate
 * inside 30–800 °C, and which Ea on the line would put the peak where it was measured?
 */
export function kceConsistency(
  line: KceLine,
  measured: { beta_K_min: number; T_peak_K: number }[],
  opts: {
    n?: number;
    Ea_window_kJ_mol?: [number, number];
    samples?: number;
    window_C?: [number, number];
  } = {},
): KceConsistency {
  const n = opts.n ?? 3;
  const [EaLo, EaHi] = opts.Ea_window_kJ_mol ?? [120, 260];
  const samples = opts.samples ?? 57;
  const [T0, Tend] = (opts.window_C ?? [30, 800]).map(celsiusToKelvin) as [number, number];
  const rates = measured.map(({ beta_K_min, T_peak_K }) => {
    const peaks: number[] = [];
    let unfinished = 0;
    for (let k = 0; k < samples; k++) {
      const Ea = EaLo + ((EaHi - EaLo) * (k + 0.5)) / samples;
      const r = jmaPeakTemperature({ Ea_kJ_mol: Ea, lgA_s: lgAAtEa(line, Ea), n }, beta_K_min, T0, Tend);
      if (Number.isFinite(r.T_peak_K)) peaks.push(r.T_peak_K);
      if (r.alphaAtEnd < 0.99) unfinished++;
    }
    peaks.sort((a, b) => a - b);
    const median = peaks.length ? peaks[Math.floor((peaks.length - 1) / 2)] : NaN;
    const match = matchingEa(line, n, beta_K_min, T_peak_K, T0, Tend);
    return {
      beta_K_min,
      T_peak_measured_K: T_peak_K,
      Ea_matching_kJ_mol: match.Ea_kJ_mol,
      T_peak_closest_K: match.closestT_peak_K,
      Ea_closest_kJ_mol: match.closestEa_kJ_mol,
      T_peak_median_K: median,
      fractionPeakInWindow: peaks.length / samples,
      fractionUnfinished: unfinished / samples,
      mismatch_K: median - T_peak_K,
    };
  });
  const eas = rates.map((r) => r.Ea_matching_kJ_mol);
  return {
    line,
    n,
    Ea_window_kJ_mol: [EaLo, EaHi],
    window_K: [T0, Tend],
    T_iso_K: isokineticTemperature_K(line),
    rates,
    Ea_matching_spread_kJ_mol: eas.every(Number.isFinite) ? maxOf(eas) - minOf(eas) : NaN,
  };
}

/**
 * Ea in [20, 400] kJ/mol on the line whose peak at β falls on T_target: a 5 kJ/mol scan for a bracket, then
 * bisection. Along a KCE line the peak temperature is not monotonic in Ea (it approaches the isokinetic
 * temperature from above for realistic Ea), so a target below T_iso is usually unreachable: then NaN, with the
 * closest peak the line can produce and where.
 */
export function matchingEa(
  line: KceLine,
  n: number,
  beta: number,
  T_target: number,
  T0: number,
  Tend: number,
): { Ea_kJ_mol: number; closestEa_kJ_mol: number; closestT_peak_K: number } {
  const tp = (Ea: number) =>
    jmaPeakTemperature({ Ea_kJ_mol: Ea, lgA_s: lgAAtEa(line, Ea), n }, beta, T0, Tend).T_peak_K;
  const eas: number[] = [];
  for (let Ea = 20; Ea <= 400 + 1e-9; Ea += 5) eas.push(Ea);
  const tps = eas.map(tp);
  let closest = -1;
  for (let i = 0; i < eas.length; i++) {
    if (
      Number.isFinite(tps[i]) &&
      (closest < 0 || Math.abs(tps[i] - T_target) < Math.abs(tps[closest] - T_target))
    )
      closest = i;
  }
  for (let i = 0; i + 1 < eas.length; i++) {
    const a = tps[i] - T_target;
    const b = tps[i + 1] - T_target;
    if (Number.isFinite(a) && Number.isFinite(b) && a * b <= 0) {
      let lo = eas[i];
      let hi = eas[i + 1];
      const sLo = Math.sign(a);
      for (let it = 0; it < 50 && hi - lo > 1e-5; it++) {
        const mid = (lo + hi) / 2;
        if (Math.sign(tp(mid) - T_target) === sLo) lo = mid;
        else hi = mid;
      }
      const Ea = (lo + hi) / 2;
      return { Ea_kJ_mol: Ea, closestEa_kJ_mol: Ea, closestT_peak_K: tp(Ea) };
    }
  }
  return {
    Ea_kJ_mol: NaN,
    closestEa_kJ_mol: closest >= 0 ? eas[closest] : NaN,
    closestT_peak_K: closest >= 0 ? tps[closest] : NaN,
  };
}
