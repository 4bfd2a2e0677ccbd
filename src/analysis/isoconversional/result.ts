/** Ea at one conversion from an isoconversional method. */
export interface IsoRow {
  alpha: number;
  Ea_kJ_mol: number;
  /** Standard error of Ea, kJ/mol (regression methods; NaN with two rates). */
  Ea_se_kJ_mol: number;
  /** Lower and upper 95 % confidence limits of Ea, kJ/mol. */
  Ea_ci95_low_kJ_mol: number;
  Ea_ci95_high_kJ_mol: number;
  /** R² of the isoconversional line (regression methods only). */
  r2?: number;
  /** Intercept of the line; for Friedman ln[A·f(α)/s⁻¹]. */
  intercept?: number;
  /** Standard error of the intercept (NaN with two rates). */
  intercept_se?: number;
  /**
   * Friedman only: lg[A·f(α)/s⁻¹] = intercept/ln 10, the model-free pre-exponential term at this α, with its 95 %
   * limits (Student t on the intercept's standard error). lgA itself needs a reaction model: lgA = lgAf − lg f(α).
   */
  lgAf_s?: number;
  lgAf_ci95_low_s?: number;
  lgAf_ci95_high_s?: number;
  /** Temperature at this conversion for each run, K (same order as the input curves). */
  T_K: number[];
}

export interface IsoResult {
  method: 'friedman' | 'kas' | 'fwo' | 'vyazovkin';
  rows: IsoRow[];
  /** Heating rates of the runs used, K/min. */
  rates_K_min: number[];
  warnings: string[];
  /** Statement of the method's known approximation, for reports. */
  note: string;
}
