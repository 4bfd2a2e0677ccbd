import { expintEn } from './exponential-integral.ts';
import { reducedActivationEnergy } from './constants.ts';

/**
 * The temperature integral p(Ea, T) = ∫₀^T exp(−Ea/(R·T′)) dT′ = T·E₂(Ea/(R·T)), in K.
 *
 * Exact (no Doyle/Senum–Yang approximation): d/dT [T·E₂(x)] = E₂(x) + x·E₁(x) = e^(−x) with x = Ea/(RT).
 * @param Ea_kJ_mol activation energy, kJ/mol
 * @param T_K temperature, K
 */
export function temperatureIntegral_K(Ea_kJ_mol: number, T_K: number): number {
  if (!(T_K > 0)) throw new RangeError(`temperatureIntegral_K: T must be > 0 K, got ${T_K}`);
  return T_K * expintEn(2, reducedActivationEnergy(Ea_kJ_mol, T_K));
}

/**
 * ∫_{T0}^{T} exp(−Ea/(R·T′)) dT′ = p(Ea, T) − p(Ea, T0), in K. Zero when T ≤ T0.
 */
export function temperatureIntegralBetween_K(Ea_kJ_mol: number, T0_K: number, T_K: number): number {
  if (T_K <= T0_K) return 0;
  return temperatureIntegral_K(Ea_kJ_mol, T_K) - temperatureIntegral_K(Ea_kJ_mol, T0_K);
}
