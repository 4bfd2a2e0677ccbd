import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { parseTemperatureProgramCsv } from '../io/temperature-program-csv.ts';
import { friedman } from '../analysis/isoconversional/friedman.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { eaVariation } from '../safety/safety-warnings.ts';
import {
  FK_DELTA_CRITICAL,
  type BodyShape,
  type CriticalNumbers,
  type CriticalSpec,
  type PackageSpec,
} from '../safety/thermal-explosion.ts';
import { safetyNumber, type SafetyNumber } from '../safety/safety-number.ts';
import type { ResultWarning } from '../core/warnings.ts';

/** Times of the isothermal-temperature table: label and seconds. */
export const SAFETY_TIMES: [string, number][] = [
  ['1 h', 3600],
  ['1 day', 86400],
  ['1 year', 365.25 * 86400],
];

/** What both safety use cases (triplet and model-free) share: the program input, the evidence from runs, the critical-conditions block. */

/** A temperature program CSV (time, temperature): a file, or text in memory (an upload) with its name. */
export type ProgramSource = { path: string } | { name: string; text: string };

/** The program's breakpoints (s, K) and its 201-point output time grid. */
export function loadProgram(src: ProgramSource): {
  file: string;
  program: { time_s: number[]; T_K: number[] };
  times_s: number[];
} {
  const program =
    'path' in src ? { name: src.path, text: readProgramFile(src.path) } : { name: src.name, text: src.text };
  const prog = parseTemperatureProgramCsv(program.text, program.name);
  const t0 = prog.time_s[0];
  const t1 = prog.time_s[prog.time_s.length - 1];
  const times_s = Array.from({ length: 201 }, (_, i) => t0 + ((t1 - t0) * i) / 200);
  return { file: program.name, program: prog, times_s };
}

function readProgramFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError('file not found or not readable', { file: path });
  }
}

/** What runs say about the trust of a prediction: the temperature range of their conversions and Ea(α)'s variation. */
export interface ProcessEvidence {
  /** Lowest and highest temperature at which any run is between α = 0.05 and 0.95, K. */
  T_range_K: [number, number];
  /** (max − min)/mean of Ea(α) over α 0.1–0.9 (Friedman). */
  Ea_variation: number;
}

/** The evidence from conversion curves, with Friedman's Ea(α) on 0.05…0.95 (or the given isoconversional result). */
export function processEvidence(curves: ConversionCurve[], iso?: IsoResult): ProcessEvidence {
  const res = iso ?? friedman(curves);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of res.rows) {
    if (r.alpha < 0.05 - 1e-9 || r.alpha > 0.95 + 1e-9) continue;
    for (const T of r.T_K) {
      lo = Math.min(lo, T);
      hi = Math.max(hi, T);
    }
  }
  return {
    T_range_K: [lo, hi],
    Ea_variation: eaVariation({
      alpha: res.rows.map((r) => r.alpha),
      Ea_kJ_mol: res.rows.map((r) => r.Ea_kJ_mol),
    }),
  };
}

/** The critical-conditions options of `ckin safety` (SI units; temperatures K). */
/** A prediction under a recorded heating program (`--program FILE`): α(t) with its 90 % band (T in K, t in s). */
export interface ProgramPrediction {
  file: string;
  time_s: number[];
  T_K: number[];
  alpha: number[];
  alpha_lo90: number[];
  alpha_hi90: number[];
  dadt_per_s: number[];
  /** Time to each conversion of SAFETY_TIMES under the program. */
  times: { alpha: number; time_s: SafetyNumber }[];
}

export interface CriticalOptions {
  /** Reaction enthalpy, J/g (exothermic positive). */
  dH_J_g: number;
  /** Bulk density, kg/m³ (needed with size_m or ambient_K). */
  density_kg_m3?: number;
  shape?: BodyShape;
  /** Half-thickness (slab) or radius, m. */
  size_m?: number;
  ambient_K?: number;
  conductivity_W_mK?: number;
  U_W_m2K?: number;
  package?: PackageSpec;
  /** Conversion at which the initial heat-release rate is taken (default 0 for a triplet, 0.01 model-free). */
  alpha0?: number;
}

export function checkCriticalOptions(c: CriticalOptions): void {
  const pos = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      throw new InputError(`${name} must be a positive number, got ${v}`);
  };
  pos('--dH', c.dH_J_g);
  pos('--density', c.density_kg_m3);
  pos('--size', c.size_m);
  pos('--ambient', c.ambient_K);
  pos('--conductivity', c.conductivity_W_mK);
  pos('--U', c.U_W_m2K);
  if (c.package) {
    pos('--package-mass', c.package.mass_kg);
    pos('--package-surface', c.package.surface_m2);
    pos('--package-U', c.package.U_W_m2K);
  }
  if (c.shape !== undefined && !(c.shape in FK_DELTA_CRITICAL))
    throw new InputError(`--shape: expected slab, cylinder or sphere, got "${String(c.shape)}"`);
  if (c.alpha0 !== undefined && !(c.alpha0 >= 0 && c.alpha0 < 1))
    throw new InputError(`--alpha0 must be in [0, 1), got ${c.alpha0}`);
  if (c.size_m === undefined && c.ambient_K === undefined && !c.package)
    throw new InputError(
      'critical conditions need --size (critical temperature), --ambient (critical size) or --package-mass/--package-surface/--package-U (SADT)',
    );
  if (
    (c.size_m !== undefined || c.ambient_K !== undefined) &&
    c.conductivity_W_mK === undefined &&
    c.U_W_m2K === undefined
  )
    throw new InputError('critical conditions need --conductivity (Frank-Kamenetskii) or --U (Semenov)');
  if ((c.size_m !== undefined || c.ambient_K !== undefined) && c.density_kg_m3 === undefined)
    throw new InputError('critical conditions with --size or --ambient need --density (kg/m³)');
}

export function criticalSpec(c: CriticalOptions): CriticalSpec {
  return {
    density_kg_m3: c.density_kg_m3,
    shape: c.shape ?? 'sphere',
    size_m: c.size_m,
    ambient_K: c.ambient_K,
    conductivity_W_mK: c.conductivity_W_mK,
    U_W_m2K: c.U_W_m2K,
    package: c.package,
  };
}

/** The critical block of a safety result: each number with its band. */
export interface CriticalJson {
  shape: BodyShape;
  delta_critical: number;
  heat_source: { Ea_kJ_mol: number; q0_W_kg_at_ambient: number | null; alpha0: number };
  frank_kamenetskii?: { T_ambient_critical_K?: SafetyNumber; critical_size_m?: SafetyNumber };
  semenov?: { T_ambient_critical_K?: SafetyNumber; critical_size_m?: SafetyNumber };
  sadt?: { T_ambient_critical_K: SafetyNumber; sadt_K: number; L_W_kgK: number; assumptions: string[] };
}

const CRITICAL_KEYS: [
  keyof CriticalNumbers,
  'frank_kamenetskii' | 'semenov',
  'T_ambient_critical_K' | 'critical_size_m',
  'K' | 'm',
][] = [
  ['fk_T_ambient_critical_K', 'frank_kamenetskii', 'T_ambient_critical_K', 'K'],
  ['fk_critical_size_m', 'frank_kamenetskii', 'critical_size_m', 'm'],
  ['semenov_T_ambient_critical_K', 'semenov', 'T_ambient_critical_K', 'K'],
  ['semenov_critical_size_m', 'semenov', 'critical_size_m', 'm'],
];

/** Human names of the critical numbers, for warning messages. */
export const CRITICAL_LABELS: Record<keyof CriticalNumbers, string> = {
  fk_T_ambient_critical_K: 'Frank-Kamenetskii critical ambient temperature',
  fk_critical_size_m: 'Frank-Kamenetskii critical size',
  semenov_T_ambient_critical_K: 'Semenov critical ambient temperature',
  semenov_critical_size_m: 'Semenov critical size',
  sadt_T_ambient_critical_K: 'SADT estimate',
};

/**
 * Assemble the critical block from the central numbers and band ends (`band(key)` gives the two ends or undefined).
 * `warn(key, value)` adds the per-number warnings (e.g. extrapolation of a critical temperature).
 */
export function criticalJson(
  central: CriticalNumbers,
  band: (key: keyof CriticalNumbers) => number[] | undefined,
  base: Omit<CriticalJson, 'frank_kamenetskii' | 'semenov' | 'sadt'>,
  sadt: { sadt_K: number; L_W_kgK: number; assumptions: string[] } | undefined,
  warn: (key: keyof CriticalNumbers, value: number) => (ResultWarning | undefined)[],
): CriticalJson {
  const out: CriticalJson = { ...base };
  for (const [key, block, field, unit] of CRITICAL_KEYS) {
    const v = central[key];
    if (v === undefined) continue;
    const b = (out[block] ??= {});
    b[field] = safetyNumber(v, unit, band(key), warn(key, v));
  }
  if (central.sadt_T_ambient_critical_K !== undefined && sadt) {
    const v = central.sadt_T_ambient_critical_K;
    out.sadt = {
      T_ambient_critical_K: safetyNumber(
        v,
        'K',
        band('sadt_T_ambient_critical_K'),
        warn('sadt_T_ambient_critical_K', v),
      ),
      ...sadt,
    };
  }
  return out;
}

/** Every warning attached to a SafetyNumber anywhere in the result (for the overall quality). */
export function collectNumberWarnings(value: unknown): ResultWarning[] {
  const out: ResultWarning[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('quality' in o && 'unit' in o && Array.isArray(o.warnings)) {
        for (const w of o.warnings as ResultWarning[]) out.push(w);
        return;
      }
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(value);
  return out;
}
