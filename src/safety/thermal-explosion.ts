import { R_J_PER_MOL_K } from '../kinetics/constants.ts';

/**
 * Thermal-explosion critical conditions of a self-heating material (Semenov 1928; Frank-Kamenetskii 1939; textbook
 * forms as in Gray & Lee, Oxidation and Combustion Reviews 2 (1967) 1, and Bowes, Self-Heating: Evaluating and
 * Controlling the Hazards, 1984). The heat source is the **zero-order (initial-rate) approximation** of the
 * decomposition, q(T) = Q₀·exp(−Ea/RT) in W/kg with Q₀ = ΔH·A·f(α₀): reactant consumption is neglected, which is
 * conservative for decelerating (n-th order) kinetics and not for autocatalytic ones (whose initial rate is small).
 */

/** Heat release per unit mass at the start of the reaction: q(T) = exp(lnQ0_W_kg − Ea/RT), W/kg. */
export interface HeatSource {
  Ea_kJ_mol: number;
  /** ln(Q₀ / (W/kg)), Q₀ = ΔH·A·f(α₀). */
  lnQ0_W_kg: number;
}

/** Body shapes of Frank-Kamenetskii and Semenov: r is the half-thickness (slab) or the radius. */
export type BodyShape = 'slab' | 'cylinder' | 'sphere';

/**
 * Frank-Kamenetskii's critical δ for a body whose surface is held at the ambient temperature (Biot → ∞):
 * infinite slab 0.878, infinite cylinder 2.000, sphere 3.322 (Frank-Kamenetskii 1969; Bowes 1984 Table 2.2).
 */
export const FK_DELTA_CRITICAL: Record<BodyShape, number> = { slab: 0.878, cylinder: 2.0, sphere: 3.322 };

/** Surface-to-volume ratio × r of the shapes (slab cooled on both faces: 1; cylinder: 2; sphere: 3). */
const SURFACE_PER_VOLUME_TIMES_R: Record<BodyShape, number> = { slab: 1, cylinder: 2, sphere: 3 };

/** ln q(T), W/kg. */
function lnHeat(src: HeatSource, T_K: number): number {
  return src.lnQ0_W_kg - (src.Ea_kJ_mol * 1000) / (R_J_PER_MOL_K * T_K);
}

/** Bisection of an increasing function f on [lo, hi]; NaN when f does not change sign there. */
function bisectIncreasing(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (!(flo <= 0 && fhi >= 0)) return NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm < 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

export interface SemenovCritical {
  /** Critical ambient temperature: above it the material self-heats without bound, K. */
  T_ambient_critical_K: number;
  /** Temperature of no return (the tangency point) of the critical case, K. */
  T_no_return_K: number;
  /** Critical self-heating Tc − Ta = R·Tc²/Ea, K. */
  dT_critical_K: number;
}

/**
 * Semenov (lumped body, uniform temperature, Biot ≪ 1) for a heat-loss coefficient per unit mass L = U·S/M
 * (W/(kg·K)): heat balance q(T) = L·(T − Ta). At criticality the loss line is tangent to q:
 *   q(Tc) = L·(Tc − Ta) and q(Tc)·Ea/(R·Tc²) = L  ⇒  Tc − Ta = R·Tc²/Ea,
 * so Tc solves ln q(Tc) + ln(Ea/(R·Tc²)) = ln L (increasing in Tc below Ea/2R; bisection) and Ta,c = Tc − R·Tc²/Ea.
 * @param L_W_kgK heat-transfer coefficient × area / mass, W/(kg·K)
 */
export function semenovCriticalAmbient(src: HeatSource, L_W_kgK: number): SemenovCritical {
  if (!(L_W_kgK > 0)) throw new RangeError(`heat loss per mass must be > 0 W/(kg·K), got ${L_W_kgK}`);
  const E = src.Ea_kJ_mol * 1000;
  const top = E / (2 * R_J_PER_MOL_K);
  const Tc = bisectIncreasing(
    (T) => lnHeat(src, T) + Math.log(E / (R_J_PER_MOL_K * T * T)) - Math.log(L_W_kgK),
    50,
    top * (1 - 1e-9),
  );
  const dTc = (R_J_PER_MOL_K * Tc * Tc) / E;
  return { T_ambient_critical_K: Tc - dTc, T_no_return_K: Tc, dT_critical_K: dTc };
}

/**
 * Semenov's temperature of no return for an ambient temperature Ta, closed form: the smaller root of
 * Tc − Ta = R·Tc²/Ea, Tc = (Ea/2R)·(1 − √(1 − 4R·Ta/Ea)). NaN when 4R·Ta > Ea (no ignition regime).
 */
export function semenovNoReturnTemperature_K(Ea_kJ_mol: number, T_ambient_K: number): number {
  const E = Ea_kJ_mol * 1000;
  const disc = 1 - (4 * R_J_PER_MOL_K * T_ambient_K) / E;
  if (!(disc >= 0)) return NaN;
  return (E / (2 * R_J_PER_MOL_K)) * (1 - Math.sqrt(disc));
}

/**
 * Semenov critical size at ambient Ta for a body with surface heat-transfer coefficient U (W/(m²·K)) and density ρ:
 * L = U·(S/V)/ρ with S/V = (j+1)/r (slab half-thickness, cylinder or sphere radius r), and the critical
 * L_c = q(Tc)·Ea/(R·Tc²) at the Tc of `semenovNoReturnTemperature_K`, so r_c = (j+1)·U/(ρ·L_c), m.
 */
export function semenovCriticalSize_m(
  src: HeatSource,
  T_ambient_K: number,
  shape: BodyShape,
  U_W_m2K: number,
  density_kg_m3: number,
): number {
  const Tc = semenovNoReturnTemperature_K(src.Ea_kJ_mol, T_ambient_K);
  const E = src.Ea_kJ_mol * 1000;
  const lnLc = lnHeat(src, Tc) + Math.log(E / (R_J_PER_MOL_K * Tc * Tc));
  return (SURFACE_PER_VOLUME_TIMES_R[shape] * U_W_m2K) / (density_kg_m3 * Math.exp(lnLc));
}

/**
 * Frank-Kamenetskii parameter δ = (Ea/RTa²)·ρ·q(Ta)·r²/λ of a body of size r (m) with conductivity λ (W/(m·K)) and
 * density ρ (kg/m³), its surface at Ta.
 */
export function frankKamenetskiiDelta(
  src: HeatSource,
  T_ambient_K: number,
  r_m: number,
  conductivity_W_mK: number,
  density_kg_m3: number,
): number {
  const E = src.Ea_kJ_mol * 1000;
  return Math.exp(
    Math.log(E / (R_J_PER_MOL_K * T_ambient_K * T_ambient_K)) +
      Math.log(density_kg_m3) +
      lnHeat(src, T_ambient_K) +
      2 * Math.log(r_m) -
      Math.log(conductivity_W_mK),
  );
}

/** Frank-Kamenetskii critical size r_c = √(δc·λ·R·Ta²/(Ea·ρ·q(Ta))), m (half-thickness or radius). */
export function frankKamenetskiiCriticalSize_m(
  src: HeatSource,
  T_ambient_K: number,
  shape: BodyShape,
  conductivity_W_mK: number,
  density_kg_m3: number,
): number {
  const E = src.Ea_kJ_mol * 1000;
  const lnR2 =
    Math.log(FK_DELTA_CRITICAL[shape] * conductivity_W_mK * R_J_PER_MOL_K * T_ambient_K * T_ambient_K) -
    Math.log(E * density_kg_m3) -
    lnHeat(src, T_ambient_K);
  return Math.exp(0.5 * lnR2);
}

/**
 * Frank-Kamenetskii critical ambient temperature of a body of size r: δ(Ta) = δc (δ rises with Ta below Ea/2R;
 * bisection), K. NaN if no temperature in 50 K … Ea/2R makes the body critical.
 */
export function frankKamenetskiiCriticalAmbient_K(
  src: HeatSource,
  r_m: number,
  shape: BodyShape,
  conductivity_W_mK: number,
  density_kg_m3: number,
): number {
  if (!(r_m > 0 && conductivity_W_mK > 0 && density_kg_m3 > 0))
    throw new RangeError('size, conductivity and density must be > 0');
  const top = (src.Ea_kJ_mol * 1000) / (2 * R_J_PER_MOL_K);
  const lnDc = Math.log(FK_DELTA_CRITICAL[shape]);
  return bisectIncreasing(
    (T) => Math.log(frankKamenetskiiDelta(src, T, r_m, conductivity_W_mK, density_kg_m3)) - lnDc,
    50,
    top * (1 - 1e-9),
  );
}

/** A package for the SADT-style estimate: mass, outer surface and overall heat-transfer coefficient. */
export interface PackageSpec {
  mass_kg: number;
  surface_m2: number;
  U_W_m2K: number;
}

export interface SadtEstimate {
  /** Semenov critical ambient temperature of the package, K. */
  T_ambient_critical_K: number;
  /** The same rounded up to the next multiple of 5 °C, the way UN test H.1 steps its oven temperatures, K. */
  sadt_K: number;
  /** Heat loss per mass U·S/M, W/(kg·K). */
  L_W_kgK: number;
  assumptions: string[];
}

/**
 * SADT-style estimate (UN Manual of Tests and Criteria §28, Semenov model of test H.1/H.4): the critical ambient
 * temperature of the package as a lumped Semenov body with L = U·S/M, rounded up to a 5 °C step. It is an estimate,
 * not the test: the assumptions are returned with it.
 */
export function sadtEstimate(src: HeatSource, pkg: PackageSpec): SadtEstimate {
  if (!(pkg.mass_kg > 0 && pkg.surface_m2 > 0 && pkg.U_W_m2K > 0))
    throw new RangeError('package mass, surface and heat-transfer coefficient must be > 0');
  const L = (pkg.U_W_m2K * pkg.surface_m2) / pkg.mass_kg;
  const s = semenovCriticalAmbient(src, L);
  const C = s.T_ambient_critical_K - 273.15;
  return {
    T_ambient_critical_K: s.T_ambient_critical_K,
    sadt_K: Math.ceil(C / 5 - 1e-9) * 5 + 273.15,
    L_W_kgK: L,
    assumptions: [
      'Semenov: uniform temperature inside the package (Biot number ≪ 1); for large packages of a poor conductor use the Frank-Kamenetskii result',
      'zero-order heat release at the initial rate q = ΔH·A·f(α₀)·exp(−Ea/RT): conservative for decelerating kinetics, not for autocatalytic ones',
      'constant overall heat-transfer coefficient U, no venting, evaporation or phase change',
      'the stationary critical condition, not the 7-day criterion of UN test H.1 (a package just above it runs away after an induction time)',
      'the kinetics of the thermal-analysis sample apply to the packaged material at storage temperatures (check the extrapolation warning)',
    ],
  };
}

/** What the user gives for the critical conditions: material, body and cooling. */
export interface CriticalSpec {
  /** Bulk density, kg/m³ (needed with a size or an ambient temperature). */
  density_kg_m3?: number;
  /** Body shape (default sphere). */
  shape?: BodyShape;
  /** Half-thickness (slab) or radius, m: gives the critical ambient temperatures. */
  size_m?: number;
  /** Ambient temperature, K: gives the critical sizes. */
  ambient_K?: number;
  /** Thermal conductivity, W/(m·K): Frank-Kamenetskii (conduction-limited body, surface at ambient). */
  conductivity_W_mK?: number;
  /** Surface heat-transfer coefficient, W/(m²·K): Semenov (uniform body, surface-limited cooling). */
  U_W_m2K?: number;
  /** A package for the SADT-style estimate. */
  package?: PackageSpec;
}

/** The critical numbers of one heat source (NaN where the inputs do not define one). */
export interface CriticalNumbers {
  fk_T_ambient_critical_K?: number;
  fk_critical_size_m?: number;
  semenov_T_ambient_critical_K?: number;
  semenov_critical_size_m?: number;
  sadt_T_ambient_critical_K?: number;
}

/** Every critical condition the spec asks for (by which of size/ambient and conductivity/U/package it holds). */
export function criticalConditions(src: HeatSource, spec: CriticalSpec): CriticalNumbers {
  const shape = spec.shape ?? 'sphere';
  const out: CriticalNumbers = {};
  const rho = spec.density_kg_m3 ?? NaN;
  if (spec.conductivity_W_mK !== undefined) {
    if (spec.size_m !== undefined)
      out.fk_T_ambient_critical_K = frankKamenetskiiCriticalAmbient_K(
        src,
        spec.size_m,
        shape,
        spec.conductivity_W_mK,
        rho,
      );
    if (spec.ambient_K !== undefined)
      out.fk_critical_size_m = frankKamenetskiiCriticalSize_m(
        src,
        spec.ambient_K,
        shape,
        spec.conductivity_W_mK,
        rho,
      );
  }
  if (spec.U_W_m2K !== undefined) {
    if (spec.size_m !== undefined) {
      const L = (spec.U_W_m2K * SURFACE_PER_VOLUME_TIMES_R[shape]) / (spec.size_m * rho);
      out.semenov_T_ambient_critical_K = semenovCriticalAmbient(src, L).T_ambient_critical_K;
    }
    if (spec.ambient_K !== undefined)
      out.semenov_critical_size_m = semenovCriticalSize_m(src, spec.ambient_K, shape, spec.U_W_m2K, rho);
  }
  if (spec.package) out.sadt_T_ambient_critical_K = sadtEstimate(src, spec.package).T_ambient_critical_K;
  return out;
}
