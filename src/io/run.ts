/**
 * The `Run` record: one thermal-analysis measurement as read from any file format, in explicit units.
 * Every reader (generic CSV, NETZSCH, TA, Mettler, PerkinElmer, Setaram) returns this shape.
 * Temperatures are in K inside a Run; readers convert from the file's unit and say so in `notes`.
 */
export interface RunSample {
  name?: string;
  /** Initial sample mass, mg. */
  mass_mg?: number;
  instrument?: string;
  atmosphere?: string;
}

/** One segment of the temperature program. */
export interface ProgramSegment {
  kind: 'heating' | 'cooling' | 'isothermal' | 'unknown';
  /** Heating rate, K/min (negative for cooling, 0 for isothermal). */
  rate_K_min?: number;
  T_start_K?: number;
  T_end_K?: number;
  /** Index range [start, end) of this segment in the data arrays, when known. */
  rows?: [number, number];
}

export type Signal = 'mass' | 'alpha' | 'dtg' | 'heatflow';

export interface Run {
  /** Path (or name) of the source file. */
  file: string;
  /** Detected or declared format, e.g. `csv`, `netzsch`, `ta-universal`. */
  format: string;
  sample: RunSample;
  program: ProgramSegment[];
  /**
   * Index in `program` of the main heating segment (the one analysed: over which the mass changes most, else the
   * widest), chosen by the reader; undefined when the program has no heating segment with rows.
   */
  mainSegment?: number;
  /** Heating rate of the analysed (heating) segment, K/min. */
  heatingRate_K_min?: number;
  /** Where the heating rate came from. `slope` = fitted from T(t) (see `notes`). */
  heatingRateSource?: 'header' | 'option' | 'slope' | 'filename';
  /** Time, s. */
  time_s?: number[];
  /** Temperature, K (sample temperature where the file distinguishes it). */
  temperature_K: number[];
  /** Sample mass, mg. */
  mass_mg?: number[];
  /** Sample mass, % of the initial mass. */
  mass_pct?: number[];
  /** Conversion α, dimensionless. */
  alpha?: number[];
  /** Conversion rate dα/dT, K⁻¹. */
  dadT_per_K?: number[];
  /** Heat flow, W/g (exothermic positive after the reader applies the sign convention). */
  heatFlow_W_g?: number[];
  /** Human-readable notes on what the reader assumed or converted (units, sign, skipped rows). */
  notes: string[];
  /** Warnings: something looks wrong but a result was still produced. */
  warnings: string[];
}
