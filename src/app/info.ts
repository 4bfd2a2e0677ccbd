import type { Run } from '../io/run.ts';
import { readRuns, type RunsInput } from './run-sources.ts';

/** `ckin info`: what the readers understood of each run (format, columns, units, heating rate, points). */
export type InfoOptions = RunsInput;

/** A JSON-friendly description of one parsed run. */
export interface RunDescription {
  file: string;
  format: string;
  sample: Run['sample'];
  points: number;
  columns: string[];
  T_min_K: number;
  T_max_K: number;
  beta_K_min: number | null;
  beta_source: Run['heatingRateSource'] | null;
  program: Run['program'];
  notes: string[];
  warnings: string[];
}

export interface InfoResult {
  runs: RunDescription[];
  /** Warnings of the whole request (the per-run ones are in `runs[].warnings`). */
  warnings: string[];
}

export function info(opts: InfoOptions): InfoResult {
  return { runs: readRuns(opts).map(describeRun), warnings: [] };
}

/** Describe a parsed run. Min and max by a loop: a spread of a 300,000-point column overflows the stack. */
export function describeRun(run: Run): RunDescription {
  const T = run.temperature_K;
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of T) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const columns = (
    [
      ['time_s', run.time_s],
      ['temperature_K', run.temperature_K],
      ['mass_mg', run.mass_mg],
      ['mass_pct', run.mass_pct],
      ['alpha', run.alpha],
      ['dadT_per_K', run.dadT_per_K],
      ['heatFlow_W_g', run.heatFlow_W_g],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([name]) => name);
  return {
    file: run.file,
    format: run.format,
    sample: run.sample,
    points: T.length,
    columns,
    T_min_K: lo,
    T_max_K: hi,
    beta_K_min: run.heatingRate_K_min ?? null,
    beta_source: run.heatingRateSource ?? null,
    program: run.program,
    notes: run.notes,
    warnings: run.warnings,
  };
}
