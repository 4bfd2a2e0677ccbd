/** Arrhenius parameters of a single-step reaction, in the edge units of the project. */
export interface ArrheniusParams {
  /** Activation energy, kJ/mol. */
  Ea_kJ_mol: number;
  /** log10(A / s⁻¹). */
  lgA_s: number;
}

/** Throw a RangeError unless the Arrhenius parameters are finite and Ea > 0. */
export function assertArrheniusParams(p: ArrheniusParams): void {
  if (!Number.isFinite(p.Ea_kJ_mol) || p.Ea_kJ_mol <= 0) {
    throw new RangeError(`Ea must be a positive number of kJ/mol, got ${p.Ea_kJ_mol}`);
  }
  if (!Number.isFinite(p.lgA_s)) throw new RangeError(`lgA must be a finite log10(A/s⁻¹), got ${p.lgA_s}`);
}
