/** Physical constants and explicit unit conversions used everywhere in cathode-kinetics. */

/** Molar gas constant R in J/(mol·K) (CODATA 2018, exact). */
export const R_J_PER_MOL_K = 8.314462618;

/** 0 °C in kelvin. */
export const ZERO_CELSIUS_K = 273.15;

/** Convert an activation energy from kJ/mol to J/mol. */
export function kJPerMolToJPerMol(Ea_kJ_mol: number): number {
  return Ea_kJ_mol * 1000;
}

/** Convert °C to K. */
export function celsiusToKelvin(T_C: number): number {
  return T_C + ZERO_CELSIUS_K;
}

/** Convert K to °C. */
export function kelvinToCelsius(T_K: number): number {
  return T_K - ZERO_CELSIUS_K;
}

/** Convert a heating rate from K/min (the edge unit) to K/s (the unit inside rate equations with A in s⁻¹). */
export function kPerMinToKPerS(beta_K_min: number): number {
  return beta_K_min / 60;
}

/** Reduced activation energy x = Ea/(R·T), dimensionless. */
export function reducedActivationEnergy(Ea_kJ_mol: number, T_K: number): number {
  return kJPerMolToJPerMol(Ea_kJ_mol) / (R_J_PER_MOL_K * T_K);
}
