import { pushAll } from '../core/arrays.ts';
import {
  NCM_MATERIALS,
  type NcmMaterial,
  ZHOU2026_KCE_LINES,
  ZHOU2026_RATES_K_MIN,
  ZHOU2026_TABLE1_TP_K,
  ZHOU2026_TABLE2_EA_KJ_MOL,
  ZHOU2026_TABLE2_LGA,
  ZHOU2026_KCE_N,
} from '../data/paper-zhou2026.ts';
import {
  fitKceLine,
  isokineticTemperature_K,
  kceScan,
  kceTable,
  type KceScanResult,
} from '../analysis/kce.ts';
import { kceConsistency, type KceConsistency } from '../analysis/kce-consistency.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { ZERO_CELSIUS_K } from '../kinetics/constants.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { loadCurves, smoothingJson, type RunReadOptions, type RunSource } from './run-sources.ts';

/**
 * `ckin kce`: the paper's KCE lines (Zhou 2026 Table 2) recomputed, the isokinetic temperature of each line, and a
 * consistency check of each line against the measured DTG peaks. With runs, also a KCE scan of the data: best lgA
 * for each Ea with n fixed, and the line through them.
 */
export interface KceOptions extends RunReadOptions, UseCaseCallbacks {
  /** Runs (one per heating rate) to scan; optional. */
  runs?: RunSource[];
  /** ncm811, ncm622, ncm523, ncm111 or all (default). */
  material?: string;
  /** Avrami exponent held fixed (default the paper's 3). */
  n?: number;
  /** Ea range of the scan, kJ/mol (default 100–280). */
  Ea_range_kJ_mol?: [number, number];
  /** Ea steps of the scan (integer ≥ 2, default 37). */
  steps?: number;
  /** Ea samples per line for the peak statistics of the consistency check (integer ≥ 3, default 57). */
  samples?: number;
}

export interface KceResult {
  method: 'kce';
  n: number;
  materials: MaterialReport[];
  scan: KceScanResult | null;
  /** How the runs of the scan were differentiated (null without runs). */
  smoothing: ReturnType<typeof smoothingJson> | null;
  warnings: string[];
}

export function kce(opts: KceOptions): KceResult {
  const mat = (opts.material ?? 'all').toLowerCase();
  if (mat !== 'all' && !NCM_MATERIALS.includes(mat as NcmMaterial)) {
    throw new InputError(`--material: expected ${NCM_MATERIALS.join(', ')} or all, got "${opts.material}"`);
  }
  const materials = mat === 'all' ? [...NCM_MATERIALS] : [mat as NcmMaterial];
  const n = opts.n ?? ZHOU2026_KCE_N;
  if (!(n > 0)) throw new InputError(`--n: must be > 0, got ${n}`);
  const samples = opts.samples ?? 57;
  checkWork('kceSamples', samples);
  const out = materials.map((m, i) => {
    const r = materialReport(m, n, samples);
    opts.onProgress?.(i + 1, materials.length, 'kce');
    return r;
  });
  let scan: KceScanResult | undefined;
  let smoothing: ReturnType<typeof smoothingJson> | null = null;
  const warnings: string[] = [];
  if (opts.runs && opts.runs.length > 0) {
    const [lo, hi] = opts.Ea_range_kJ_mol ?? [100, 280];
    if (!(lo > 0 && hi > lo))
      throw new InputError(`--ea: expected LO:HI in kJ/mol with 0 < LO < HI, got ${lo}:${hi}`);
    const steps = opts.steps ?? 37;
    checkWork('kceSteps', steps);
    const { curves } = loadCurves({ ...opts, runs: opts.runs });
    scan = kceScan(curves, { n, Ea_kJ_mol: [lo, hi], steps });
    smoothing = smoothingJson(curves, opts.smoothing);
    for (const w of scan.warnings) opts.onLog?.(`warning: ${w}`);
    pushAll(warnings, scan.warnings);
  }
  return { method: 'kce', n, materials: out, scan: scan ?? null, smoothing, warnings };
}

export type MaterialReport = ReturnType<typeof materialReport>;

function materialReport(m: NcmMaterial, n: number, samples: number) {
  const line = ZHOU2026_KCE_LINES[m];
  const table = kceTable(line, ZHOU2026_TABLE2_LGA).map((row, i) => ({
    lgA_s: row.lgA_s,
    Ea_kJ_mol: row.Ea_kJ_mol,
    Ea_printed_kJ_mol: ZHOU2026_TABLE2_EA_KJ_MOL[m][i],
    difference_kJ_mol: row.Ea_kJ_mol - ZHOU2026_TABLE2_EA_KJ_MOL[m][i],
  }));
  const fromTable = fitKceLine(
    ZHOU2026_TABLE2_LGA.map((lgA_s, i) => ({ lgA_s, Ea_kJ_mol: ZHOU2026_TABLE2_EA_KJ_MOL[m][i] })),
  );
  const tp = ZHOU2026_TABLE1_TP_K[m];
  const measuredK = ZHOU2026_RATES_K_MIN.map((b, i) => ({ beta_K_min: b, T_peak_K: tp[i] }));
  const measuredAsC = ZHOU2026_RATES_K_MIN.map((b, i) => ({
    beta_K_min: b,
    T_peak_K: tp[i] + ZERO_CELSIUS_K,
  }));
  return {
    material: m,
    line: {
      slope_per_kJ_mol: line.slope_per_kJ_mol,
      intercept: line.intercept,
      T_iso_K: isokineticTemperature_K(line),
    },
    line_from_table2: {
      slope_per_kJ_mol: fromTable.slope_per_kJ_mol,
      intercept: fromTable.intercept,
      r2: fromTable.r2,
      T_iso_K: fromTable.T_iso_K,
    },
    table2: table,
    consistency: {
      measured_as_printed_K: consistencyJson(kceConsistency(line, measuredK, { n, samples })),
      measured_read_as_C: consistencyJson(kceConsistency(line, measuredAsC, { n, samples })),
    },
  };
}

function consistencyJson(c: KceConsistency) {
  return {
    n: c.n,
    Ea_window_kJ_mol: c.Ea_window_kJ_mol,
    window_K: c.window_K,
    T_iso_K: c.T_iso_K,
    Ea_matching_spread_kJ_mol: c.Ea_matching_spread_kJ_mol,
    rates: c.rates.map((r) => ({
      beta_K_min: r.beta_K_min,
      T_peak_measured_K: r.T_peak_measured_K,
      T_peak_median_K: r.T_peak_median_K,
      mismatch_K: r.mismatch_K,
      fraction_peak_in_window: r.fractionPeakInWindow,
      fraction_unfinished: r.fractionUnfinished,
      Ea_matching_kJ_mol: r.Ea_matching_kJ_mol,
      T_peak_closest_K: r.T_peak_closest_K,
      Ea_closest_kJ_mol: r.Ea_closest_kJ_mol,
    })),
  };
}
