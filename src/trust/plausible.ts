/**
 * The plausible range of an activation energy of cathode decomposition, kJ/mol. Outside it (negative, < 20 or
 * > 600 kJ/mol) a number comes from wrong input, not from chemistry: solid-state decompositions of layered oxides and
 * their electrolyte reactions lie at ≈ 50–300 kJ/mol (Zhou 2026 Table 1; the CRNN NCM333 fit), and ICTAC 2011 warns
 * that values far outside come from misassigned rates or temperatures.
 */
export const PLAUSIBLE_EA_KJ_MOL: [number, number] = [20, 600];

/** Is Ea (kJ/mol) a finite number inside the plausible range? */
export function plausibleEa(Ea_kJ_mol: number): boolean {
  return (
    Number.isFinite(Ea_kJ_mol) && Ea_kJ_mol >= PLAUSIBLE_EA_KJ_MOL[0] && Ea_kJ_mol <= PLAUSIBLE_EA_KJ_MOL[1]
  );
}
