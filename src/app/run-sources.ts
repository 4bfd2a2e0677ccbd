import { basename } from 'node:path';
import { readRunFile, parseRunBytes } from '../io/read-run.ts';
import { withFileNameRate } from '../io/instruments/rate-from-filename.ts';
import type { Run } from '../io/run.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import type { AnalyzeInput } from '../analysis/analyze.ts';
import type { StageWindow } from '../analysis/stage-window.ts';
import { runToConversionCurve, type ConversionCurve } from '../analysis/conversion-curve.ts';
import type { SmoothingSpec } from '../analysis/smoothing.ts';
import { pushAll } from '../core/arrays.ts';
import type { ResultWarning } from '../core/warnings.ts';
import { checkHeatingRates } from '../trust/rates.ts';
import { signalChecks } from '../trust/signal.ts';
import { exoDownRefusal } from '../trust/dsc-sign.ts';
import { fromMessages } from '../trust/legacy.ts';

/** One run to read: a file on disk, or content already in memory (an upload; `name` is used in messages). */
export type RunSource = { path: string } | { name: string; content: string | Uint8Array };

/**
 * The read options of every use case that reads runs (analyze, kissinger, iso, info, fit, kce, predict, db add-run),
 * in one type so the CLI and the server cannot drift. Numbers are numbers; temperatures in K.
 */
export interface RunReadOptions {
  /** Heating rates in K/min, one per run in order (an entry may be undefined: that run keeps its own). */
  heatingRates_K_min?: (number | undefined)[];
  /** Column names for files without a header, e.g. ['temperature_C', 'mass_mg']. */
  columns?: string[];
  /** Temperature unit of the files when a header has none or a wrong one. */
  temperatureUnit?: 'C' | 'K';
  /** DSC: −1 when exotherms are recorded negative. */
  exoSign?: 1 | -1;
  /** DSC: sample mass, mg, to normalise a heat flow in mW when the file states none. */
  sampleMass_mg?: number;
  /** For runs with both signals (STA): which one is analysed (analyze, fit with a stage, db add-run). */
  signal?: 'mass' | 'heatflow';
  /** Stage window [lo, hi] in K of the conversion curves (kissinger, iso, fit, kce, predict). */
  window_K?: [number, number];
  /** Stage windows in K of the analysis pipeline (analyze, fit with a stage, db add-run); default automatic. */
  stageWindows_K?: [number, number][];
  /**
   * How α is smoothed and differentiated (analysis/smoothing.ts): `{ method: 'auto' }` (default, GCV smoothing
   * spline), `{ method: 'spline', lambda }` or `{ method: 'sg', window, order }`. Reported in every result.
   */
  smoothing?: SmoothingSpec;
  /**
   * Take a heating rate written in the file name when the run states none (with a warning). Default: on for the
   * analysis pipeline (analyze, fit with a stage, db add-run) and for uploads, off for files otherwise.
   */
  rateFromFileName?: boolean;
}

/** The options of a use case over runs: the sources plus the shared read options. */
export interface RunsInput extends RunReadOptions {
  runs: RunSource[];
}

/** The name of a source as it appears in messages and results: the path, or the base name of an upload. */
export function sourceName(s: RunSource): string {
  return 'path' in s ? s.path : basename(s.name.replace(/\\/g, '/')) || 'upload';
}

function checkRates(input: RunsInput): void {
  if (input.runs.length === 0) throw new InputError('give at least one run file');
  const rates = input.heatingRates_K_min;
  if (rates && rates.length !== input.runs.length) {
    throw new InputError(
      `--rates has ${rates.length} values for ${input.runs.length} files: give one rate per file, in order`,
    );
  }
  const sg = input.smoothing?.method === 'sg' ? input.smoothing.window : undefined;
  if (sg !== undefined && Number.isInteger(sg)) checkWork('sgWindow', sg);
  for (const r of rates ?? []) {
    if (r !== undefined && !(Number.isFinite(r) && r > 0))
      throw new InputError(`heating rates must be positive numbers of K/min, got ${r}`);
  }
}

function readOne(s: RunSource, i: number, input: RunsInput, rateFromFileName: boolean): Run {
  const opts = {
    heatingRate_K_min: input.heatingRates_K_min?.[i],
    temperatureUnit: input.temperatureUnit,
    columns: input.columns,
    exoSign: input.exoSign,
    sampleMass_mg: input.sampleMass_mg,
  };
  const run =
    'path' in s
      ? readRunFile(s.path, opts)
      : parseRunBytes(
          typeof s.content === 'string' ? Buffer.from(s.content, 'utf8') : s.content,
          sourceName(s),
          opts,
        );
  return rateFromFileName ? withFileNameRate(run) : run;
}

/**
 * Read every run; a run that cannot be read (an `InputError`) is kept with its error, so a batch goes on without
 * it (the analysis pipeline). Anything else is a bug and propagates.
 */
export function readRunSources(
  input: RunsInput,
  onProgress?: (done: number, total: number, label: string) => void,
): AnalyzeInput[] {
  checkRates(input);
  const fromName = input.rateFromFileName ?? true;
  return input.runs.map((s, i) => {
    const file = sourceName(s);
    try {
      return { file, run: readOne(s, i, input, fromName) };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { file, error: e.message };
    } finally {
      onProgress?.(i + 1, input.runs.length, 'reading');
    }
  });
}

/** Read every run; the first one that cannot be read throws its `InputError`. */
export function readRuns(input: RunsInput): Run[] {
  checkRates(input);
  const fromName = input.rateFromFileName ?? false;
  return input.runs.map((s, i) => readOne(s, i, input, fromName));
}

/**
 * Read runs, check their heating rates against T(t) and the file names (src/trust/rates.ts: a declared rate more than
 * 5 % off the measured slope is replaced by it; rates paired with the wrong files are refused), and turn them into
 * conversion curves over `window_K`. `warnings` holds the rate checks and every reader and curve warning, per file.
 */
export function loadCurves(input: RunsInput): {
  runs: Run[];
  curves: ConversionCurve[];
  warnings: ResultWarning[];
} {
  const read = readRuns(input);
  for (const r of read) {
    const why = exoDownRefusal(r);
    if (why) throw new InputError(why, { file: r.file });
  }
  const checked = checkHeatingRates(read);
  const runs = checked.runs;
  const curves = runs.map((r) =>
    runToConversionCurve(r, { window_K: input.window_K, smoothing: input.smoothing }),
  );
  const warnings = [...checked.warnings, ...runs.flatMap(signalChecks)];
  runs.forEach((r, i) =>
    pushAll(warnings, fromMessages([...r.warnings, ...curves[i].warnings], { file: r.file })),
  );
  pushAll(warnings, curvesDataWarnings(curves));
  return { runs, curves, warnings };
}

/**
 * The checks of `loadCurves` over a batch read by `readRunSources` (unreadable entries pass through): a DSC run
 * with its exotherm recorded negative becomes an unreadable entry with the --exo-sign remedy; the inputs with
 * corrected rates; the rate and signal warnings.
 */
export function checkSourceRates(inputs: AnalyzeInput[]): {
  inputs: AnalyzeInput[];
  warnings: ResultWarning[];
} {
  inputs = inputs.map((i) => {
    const why = i.run && exoDownRefusal(i.run);
    return why ? { file: i.file, error: `${i.file}: ${why}` } : i;
  });
  const read = inputs.filter((i) => i.run);
  const checked = checkHeatingRates(read.map((i) => i.run!));
  const byFile = new Map(read.map((inp, k) => [inp, checked.runs[k]]));
  return {
    inputs: inputs.map((i) => (i.run ? { ...i, run: byFile.get(i)! } : i)),
    warnings: [...checked.warnings, ...checked.runs.flatMap(signalChecks)],
  };
}

/**
 * The `smoothing` field of every result computed from conversion curves: the requested method and, per run, the
 * route (time or nominal), what was smoothed and with which parameters (λ, degrees of freedom and the noise estimate
 * of the GCV spline, or the Savitzky–Golay window), and the smoothing of the measured T(t).
 */
export function smoothingJson(curves: readonly ConversionCurve[], spec: SmoothingSpec | undefined) {
  return {
    method: spec?.method ?? 'auto',
    runs: curves.map((c) => ({
      file: c.file ?? null,
      route: c.route ?? 'nominal',
      ...(c.smoothing ?? { method: 'file' as const }),
      temperature: c.temperatureSmoothing ?? null,
    })),
  };
}

/** The structured data warnings of a set of curves (segment, dropped rows, route), each once. */
export function curvesDataWarnings(curves: readonly ConversionCurve[]): ResultWarning[] {
  const seen = new Set<string>();
  const out: ResultWarning[] = [];
  for (const c of curves)
    for (const w of c.dataWarnings ?? []) {
      const key = `${w.code}|${w.file ?? ''}|${w.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(w);
      }
    }
  return out;
}

/** `stageWindows_K` as the analysis pipeline's window objects. */
export function stageWindows(input: RunReadOptions): StageWindow[] | undefined {
  return input.stageWindows_K?.map(([lo_K, hi_K]) => ({ lo_K, hi_K, source: 'option' as const }));
}
