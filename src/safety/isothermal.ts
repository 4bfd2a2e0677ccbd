import { rateConstant_per_s } from '../kinetics/arrhenius.ts';
import { R_J_PER_MOL_K, kJPerMolToJPerMol } from '../kinetics/constants.ts';
import type { KineticTriplet } from './kinetic-triplet.ts';

function gOf(triplet: KineticTriplet, alpha: number): number {
  if (!triplet.model.g) throw new RangeError(`model ${triplet.model.name} has no closed-form g(α)`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`conversion must be in (0, 1), got ${alpha}`);
  return triplet.model.g(alpha);
}

/**
 * Isothermal time to reach conversion α at temperature T: t = g(α)/k(T), in s (for JMA, g(α) = [−ln(1−α)]^(1/n)).
 */
export function isothermalTimeToConversion_s(triplet: KineticTriplet, T_K: number, alpha: number): number {
  return gOf(triplet, alpha) / rateConstant_per_s(triplet.Ea_kJ_mol, triplet.lgA_s, T_K);
}

/**
 * The isothermal temperature at which conversion α is reached after time t: k(T) = g(α)/t, so
 * T = Ea / (R·ln(A·t/g(α))), in K. Throws when A·t ≤ g(α) (no finite temperature is slow enough… or fast enough).
 */
export function isothermalTemperatureForTime_K(
  triplet: KineticTriplet,
  time_s: number,
  alpha: number,
): number {
  const lnArg = triplet.lgA_s * Math.LN10 + Math.log(time_s) - Math.log(gOf(triplet, alpha));
  if (!(lnArg > 0)) {
    throw new RangeError(
      `A·t ≤ g(α): α = ${alpha} cannot be reached in ${time_s} s at any finite temperature`,
    );
  }
  return kJPerMolToJPerMol(triplet.Ea_kJ_mol) / (R_J_PER_MOL_K * lnArg);
}
