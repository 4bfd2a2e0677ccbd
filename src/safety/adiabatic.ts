import { R_J_PER_MOL_K, kJPerMolToJPerMol } from '../kinetics/constants.ts';
import { gaussLegendre } from '../kinetics/quadrature.ts';
import { goldenSectionMax } from '../core/golden-section.ts';
import type { KineticTriplet } from './kinetic-triplet.ts';

export interface AdiabaticSpec {
  /** Specific reaction enthalpy released, J/g (positive for an exotherm). */
  dH_J_g: number;
  /** Specific heat capacity of the sample (cell), J/(g·K). */
  cp_J_gK: number;
  /** Start temperature, K. */
  T0_K: number;
  /** Initial conversion (default 0). */
  alpha0?: number;
  /** Thermal inertia factor φ ≥ 1 (default 1: a perfectly adiabatic sample with no container). */
  phi?: number;
}

export interface AdiabaticResult {
  /** Adiabatic temperature rise ΔT_ad = (1 − α0)·ΔH/(φ·cp), K. */
  dT_ad_K: number;
  /** Final temperature T0 + ΔT_ad, K. */
  T_final_K: number;
  /** Time to maximum rate from T0, s. */
  tmr_s: number;
  /** Conversion and temperature at the maximum rate. */
  alpha_at_max_rate: number;
  T_at_max_rate_K: number;
  /** Maximum self-heating rate, K/s. */
  max_dTdt_K_s: number;
  /** The runaway curve: time (s), α, T (K), dT/dt (K/s), from T0 to the end of the reaction. */
  curve: { time_s: number[]; alpha: number[]; T_K: number[]; dTdt_K_s: number[] };
}

/**
 * Adiabatic runaway of a single-step reaction: the coupled equations dα/dt = k(T)·f(α), φ·cp·dT/dt = ΔH·dα/dt.
 * The energy balance integrates exactly to T(α) = T0 + (ΔH/(φ·cp))·(α − α0), so the system reduces to
 * dt/dα = 1/[k(T(α))·f(α)], which we integrate by composite Gauss–Legendre quadrature in α (after α = α0 + Δα·u⁴,
 * which removes the integrable singularity of 1/f at α → 0 of autocatalytic models), on panels refined
 * geometrically towards the slow start. The time to maximum rate (TMRad) is t at the α maximising dT/dt.
 * `curvePoints` = 0 skips the runaway curve (for callers that need only the TMRad, e.g. root finding).
 */
export function adiabaticRunaway(
  triplet: KineticTriplet,
  spec: AdiabaticSpec,
  curvePoints = 200,
): AdiabaticResult {
  const { dH_J_g, cp_J_gK, T0_K } = spec;
  const alpha0 = spec.alpha0 ?? 0;
  const phi = spec.phi ?? 1;
  if (!(dH_J_g > 0)) throw new RangeError(`reaction enthalpy must be > 0 J/g (exothermic), got ${dH_J_g}`);
  if (!(cp_J_gK > 0)) throw new RangeError(`heat capacity must be > 0 J/(g·K), got ${cp_J_gK}`);
  if (!(T0_K > 0)) throw new RangeError(`start temperature must be > 0 K, got ${T0_K}`);
  if (!(phi >= 1)) throw new RangeError(`thermal inertia φ must be ≥ 1, got ${phi}`);
  if (!(alpha0 >= 0 && alpha0 < 1))
    throw new RangeError(`initial conversion must be in [0, 1), got ${alpha0}`);
  const gain = dH_J_g / (phi * cp_J_gK); // K per unit conversion
  const E = kJPerMolToJPerMol(triplet.Ea_kJ_mol);
  const lnA = triplet.lgA_s * Math.LN10;
  const T = (a: number) => T0_K + gain * (a - alpha0);
  const rate = (a: number) => Math.exp(lnA - E / (R_J_PER_MOL_K * T(a))) * triplet.model.f(a); // s⁻¹
  // Maximum rate: scan α, take the highest interior local maximum, then golden-section refine. Models whose rate is
  // unbounded as α → 0 (JMA n < 1, diffusion) have a spurious maximum at the start: the runaway maximum is interior.
  const top = 1 - 1e-9;
  const scan = 400;
  const grid = Array.from({ length: scan + 1 }, (_, i) => alpha0 + ((top - alpha0) * i) / scan);
  const r = grid.map(rate);
  let bestI = -1;
  for (let i = 1; i < scan; i++) {
    if (r[i] >= r[i - 1] && r[i] >= r[i + 1] && (bestI < 0 || r[i] > r[bestI])) bestI = i;
  }
  if (bestI < 0) bestI = r[scan] > r[0] ? scan : 0; // monotone rate: the maximum is at an end
  const step = (top - alpha0) / scan;
  const aMax = goldenSectionMax(
    rate,
    Math.max(alpha0, grid[bestI] - step),
    Math.min(top, grid[bestI] + step),
  );
  const timeTo = (a: number) => timeBetween(rate, alpha0, a);
  const tmr = timeTo(aMax);
  // Curve: α on a grid that is dense near the start (where most of the time passes) and around the maximum.
  const alphas: number[] = [];
  for (let i = 0; i < curvePoints; i++) {
    const u = i / (curvePoints - 1);
    alphas.push(alpha0 + (top - alpha0) * u * u);
  }
  const times: number[] = alphas.length ? [0] : [];
  for (let i = 1; i < alphas.length; i++)
    times.push(times[i - 1] + timeBetween(rate, alphas[i - 1], alphas[i]));
  return {
    dT_ad_K: gain * (1 - alpha0),
    T_final_K: T0_K + gain * (1 - alpha0),
    tmr_s: tmr,
    alpha_at_max_rate: aMax,
    T_at_max_rate_K: T(aMax),
    max_dTdt_K_s: gain * rate(aMax),
    curve: { time_s: times, alpha: alphas, T_K: alphas.map(T), dTdt_K_s: alphas.map((a) => gain * rate(a)) },
  };
}

/** ∫_{a}^{b} dα / rate(α) by composite Gauss–Legendre on u with α = a + (b − a)·u⁴, panels geometric near u = 0. */
function timeBetween(rate: (a: number) => number, a: number, b: number): number {
  if (b <= a) return 0;
  const { x, w } = gaussLegendre(20);
  const edges = [0];
  for (let j = 40; j >= 1; j--) edges.push(Math.pow(2, -j));
  for (let k = 1; k <= 32; k++) edges.push(0.5 + k / 64);
  const span = b - a;
  let sum = 0;
  for (let p = 1; p < edges.length; p++) {
    const lo = edges[p - 1];
    const hi = edges[p];
    const half = (hi - lo) / 2;
    const mid = (hi + lo) / 2;
    for (let i = 0; i < x.length; i++) {
      const u = mid + half * x[i];
      const u3 = u * u * u;
      const r = rate(a + span * u3 * u);
      sum += (w[i] * half * (span * 4 * u3)) / r;
    }
  }
  return sum;
}

/**
 * Semenov / Frank-Kamenetskii (Townsend & Tou 1980) closed-form time to maximum rate of a zero-order reaction:
 * TMRad ≈ cp·R·T0² / (q0·Ea), with q0 = ΔH·k(T0)·f(α0) the initial specific heat-release rate (W/g). It neglects
 * reactant consumption; its relative error is of order 1/B with B = ΔT_ad·Ea/(R·T0²). NaN when f(α0) is 0 or ∞.
 */
export function tmrSemenov_s(triplet: KineticTriplet, spec: AdiabaticSpec): number {
  const E = kJPerMolToJPerMol(triplet.Ea_kJ_mol);
  const phi = spec.phi ?? 1;
  const a0 = spec.alpha0 ?? 0;
  const q0 =
    spec.dH_J_g * Math.exp(triplet.lgA_s * Math.LN10 - E / (R_J_PER_MOL_K * spec.T0_K)) * triplet.model.f(a0);
  // Not applicable when the initial rate is zero (autocatalytic start) or unbounded (f(α0) = ∞): NaN.
  if (!(q0 > 0) || !Number.isFinite(q0)) return NaN;
  return (phi * spec.cp_J_gK * R_J_PER_MOL_K * spec.T0_K * spec.T0_K) / (q0 * E);
}
