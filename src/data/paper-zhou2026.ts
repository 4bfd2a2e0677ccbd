/**
 * Numbers printed in Zhou et al., J. Anal. Appl. Pyrolysis 2026, doi 10.1016/j.jaap.2026.107787
 * (shared/seeds/zhou2026_cnn_cathode_kinetics.txt), as data. Nothing here is computed; tests compare our
 * calculations against these values. See science.md §2–4 for what in them is inconsistent.
 */

export type NcmMaterial = 'ncm811' | 'ncm622' | 'ncm523' | 'ncm111';
export const NCM_MATERIALS: readonly NcmMaterial[] = ['ncm811', 'ncm622', 'ncm523', 'ncm111'];

/** KCE lines lgA = slope·Ea + intercept (Ea in kJ/mol, A in s⁻¹) as printed (rounded) in Table 2 / §3.3. */
export const ZHOU2026_KCE_LINES: Record<NcmMaterial, { slope_per_kJ_mol: number; intercept: number }> = {
  ncm811: { slope_per_kJ_mol: 0.0655, intercept: -3.25 },
  ncm622: { slope_per_kJ_mol: 0.0635, intercept: -3.78 },
  ncm523: { slope_per_kJ_mol: 0.0636, intercept: -4.35 },
  ncm111: { slope_per_kJ_mol: 0.0616, intercept: -3.95 },
};

/** Table 2: Ea (kJ/mol) at fixed lgA on each material's KCE line. */
export const ZHOU2026_TABLE2_LGA: readonly number[] = [5, 7, 9, 11, 13];
export const ZHOU2026_TABLE2_EA_KJ_MOL: Record<NcmMaterial, readonly number[]> = {
  ncm811: [125.85, 156.37, 186.89, 217.41, 247.92],
  ncm622: [138.25, 169.77, 201.29, 232.81, 264.33],
  ncm523: [146.93, 178.36, 209.8, 241.24, 272.67],
  ncm111: [145.38, 177.87, 210.36, 242.85, 275.34],
};

/** Table 2: characteristic temperatures at 30 K/min, printed in °C. */
export const ZHOU2026_TABLE2_T30: Record<NcmMaterial, { T_onset_C: number; T_peak_C: number }> = {
  ncm811: { T_onset_C: 484, T_peak_C: 617 },
  ncm622: { T_onset_C: 564, T_peak_C: 644 },
  ncm523: { T_onset_C: 607, T_peak_C: 683 },
  ncm111: { T_onset_C: 603, T_peak_C: 671 },
};

/**
 * Table 1: measured DTG peak temperatures T_p, printed in K, at 10/30/60 K/min. (Table 2 prints the 30 K/min
 * values again, but labelled °C — the paper is inconsistent about the unit; science.md §2.)
 */
export const ZHOU2026_RATES_K_MIN: readonly number[] = [10, 30, 60];
export const ZHOU2026_TABLE1_TP_K: Record<NcmMaterial, readonly number[]> = {
  ncm811: [547, 617, 684],
  ncm622: [587, 644, 707],
  ncm523: [613, 683, 712],
  ncm111: [606, 671, 726],
};

/** Table 1 as printed (Kissinger Ea, lgA, R²) — not reproducible from its own T_p (science.md §2). */
export const ZHOU2026_TABLE1_PRINTED: Record<NcmMaterial, { Ea_kJ_mol: number; lgA_s: number; r2: number }> =
  {
    ncm811: { Ea_kJ_mol: 71.02, lgA_s: 1.864, r2: 0.9915 },
    ncm622: { Ea_kJ_mol: 89.52, lgA_s: 2.849, r2: 0.9712 },
    ncm523: { Ea_kJ_mol: 111.56, lgA_s: 4.016, r2: 0.9714 },
    ncm111: { Ea_kJ_mol: 93.92, lgA_s: 2.976, r2: 0.9969 },
  };

/** Parameter bounds stated in the paper (§3.2 free fit, §3.3 NCM811 KCE scan, §3.4 synthetic plane). */
export const ZHOU2026_BOUNDS = {
  freeFit: {
    Ea_kJ_mol: [120, 280] as [number, number],
    lgA_s: [6, 17] as [number, number],
    n: [0.3, 1.2] as [number, number],
  },
  /** n is fixed at 3 in the scan; the n range [0.3, 4] is ours. */
  kceScan: {
    Ea_kJ_mol: [100, 280] as [number, number],
    lgA_s: [4, 14] as [number, number],
    n: [0.3, 4] as [number, number],
  },
  /** n is fixed at 3 in the dataset; the n range [0.3, 4] is ours. */
  syntheticPlane: {
    Ea_kJ_mol: [120, 260] as [number, number],
    lgA_s: [4, 14] as [number, number],
    n: [0.3, 4] as [number, number],
  },
};

/** The apparent Avrami exponent the paper fixes for KCE analysis and the synthetic dataset (§3.3). */
export const ZHOU2026_KCE_N = 3;

/** Temperature window of the synthetic curves and the consistency check: 30–800 °C. */
export const ZHOU2026_WINDOW_C: [number, number] = [30, 800];
