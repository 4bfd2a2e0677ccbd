import { R_J_PER_MOL_K, kJPerMolToJPerMol } from './constants.ts';

/**
 * Arrhenius rate constant k(T) = A·exp(−Ea/(R·T)) in s⁻¹.
 * @param Ea_kJ_mol activation energy, kJ/mol
 * @param lgA_s log10 of the pre-exponential factor A in s⁻¹
 * @param T_K temperature, K
 */
export function rateConstant_per_s(Ea_kJ_mol: number, lgA_s: number, T_K: number): number {
  return Math.exp(lgA_s * Math.LN10 - kJPerMolToJPerMol(Ea_kJ_mol) / (R_J_PER_MOL_K * T_K));
}
