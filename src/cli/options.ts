import type { Command } from 'commander';
import { InputError } from '../core/input-error.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { parseStageWindowsC, parseWindowC } from '../analysis/stage-window.ts';
import { checkSg, parseSmoothing } from '../analysis/smoothing.ts';
import type { RunReadOptions, RunSource } from '../app/run-sources.ts';

/**
 * Parsing of command-line strings into the typed options of src/app (the CLI's only job besides printing).
 * Every parse error is an `InputError` naming the option.
 */

/** Parse `--rates 10,30,60` (K/min) into numbers; every value must be positive and finite. */
export function parseRates(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const rates = value
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) {
    throw new InputError(
      `--rates: expected positive heating rates in K/min separated by commas, got "${value}"`,
    );
  }
  return rates;
}

/** Parse a finite number option, with the option name in the error. */
export function parseNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v))
    throw new InputError(`${name}: expected a number, got "${value}"`);
  return v;
}

/** Parse an integer option ≥ `min`. */
export function parseIntegerOption(name: string, value: string | undefined, min = 0): number | undefined {
  const v = parseNumberOption(name, value);
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min)
    throw new InputError(`${name}: expected an integer ≥ ${min}, got "${value}"`);
  return v;
}

/** A number in °C given on the command line, as K (°C only at the edges). */
export function parseCelsiusOption(name: string, value: string | undefined): number | undefined {
  const v = parseNumberOption(name, value);
  return v === undefined ? undefined : celsiusToKelvin(v);
}

/** One of a fixed set of words (case-insensitive); the first is the default. */
export function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T {
  const v = (value ?? choices[0]).toLowerCase();
  const hit = choices.find((c) => c.toLowerCase() === v);
  if (!hit) throw new InputError(`${name}: expected one of ${choices.join(', ')}, got "${value}"`);
  return hit;
}

/** Parse `--temperature-unit C|K`. */
export function parseTemperatureUnitOption(value: string | undefined): 'C' | 'K' | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toUpperCase().replace('°', '');
  if (v !== 'C' && v !== 'K') throw new InputError(`--temperature-unit: expected C or K, got "${value}"`);
  return v;
}

/** Parse `--columns temperature_C,mass_mg`. */
export function parseColumns(value: string | undefined): string[] | undefined {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

/** Parse a comma-separated list of numbers. */
export function parseNumberList(name: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => parseNumberOption(name, s)!);
}

/** The string options shared by the commands that read runs. */
export interface RunInputOptions {
  rates?: string;
  window?: string;
  temperatureUnit?: string;
  columns?: string;
  sgWindow?: string;
  sgOrder?: string;
  smoothing?: string;
  exoSign?: string;
  sampleMass?: string;
  signal?: string;
}

export const RUN_INPUT_OPTION_HELP = {
  rates: 'heating rates in K/min, one per file in order (default: from the file header or the T(t) slope)',
  window: 'stage window LO:HI in °C (default: the whole run)',
  temperatureUnit: 'temperature unit of the files, C or K, when the header has none or is wrong',
  columns: 'column names for files without a header, e.g. temperature_C,mass_mg',
  sgWindow: 'Savitzky–Golay window for dα/dT, points (odd, ≥ 5): short for --smoothing sg:W:O',
  sgOrder: 'Savitzky–Golay polynomial order (default 3), with --sg-window',
  smoothing:
    'how α is smoothed and differentiated: auto (GCV smoothing spline, default), spline:λ or sg:W[:O]',
};

/** Attach the shared read options (a subset by name) to a command. */
export function addRunInputOptions(
  cmd: Command,
  which: (keyof typeof RUN_INPUT_OPTION_HELP)[] = [
    'rates',
    'window',
    'temperatureUnit',
    'columns',
    'smoothing',
  ],
): Command {
  const flags: Record<keyof typeof RUN_INPUT_OPTION_HELP, string> = {
    rates: '--rates <K/min>',
    window: '--window <lo:hi>',
    temperatureUnit: '--temperature-unit <C|K>',
    columns: '--columns <names>',
    sgWindow: '--sg-window <points>',
    sgOrder: '--sg-order <order>',
    smoothing: '--smoothing <spec>',
  };
  for (const k of which) cmd.option(flags[k], RUN_INPUT_OPTION_HELP[k]);
  return cmd;
}

/** Files on the command line as run sources. */
export function runSources(files: string[]): RunSource[] {
  return files.map((path) => ({ path }));
}

/**
 * The shared read options from their strings. `--window` is one window (`stage: false`, the conversion-curve
 * commands) or a list of stage windows (`stage: true`, the analysis pipeline).
 */
export function parseRunReadOptions(o: RunInputOptions, stage = false): RunReadOptions {
  const exo = parseNumberOption('--exo-sign', o.exoSign);
  if (exo !== undefined && exo !== 1 && exo !== -1)
    throw new InputError(`--exo-sign: expected 1 or -1, got ${o.exoSign}`);
  const smoothing = parseSmoothingOptions(o);
  const signal = o.signal;
  if (signal !== undefined && signal !== 'mass' && signal !== 'heatflow')
    throw new InputError(`--signal: expected mass or heatflow, got "${signal}"`);
  return {
    heatingRates_K_min: parseRates(o.rates),
    columns: parseColumns(o.columns),
    temperatureUnit: parseTemperatureUnitOption(o.temperatureUnit),
    exoSign: exo,
    sampleMass_mg: parseNumberOption('--sample-mass', o.sampleMass),
    signal,
    ...(stage
      ? { stageWindows_K: o.window ? parseStageWindowsC(o.window).map((w) => [w.lo_K, w.hi_K]) : undefined }
      : { window_K: parseWindowC(o.window) }),
    smoothing,
  };
}

/** `--smoothing SPEC`, or the older `--sg-window W [--sg-order O]` (= `sg:W:O`); not both. */
export function parseSmoothingOptions(o: Pick<RunInputOptions, 'smoothing' | 'sgWindow' | 'sgOrder'>) {
  const sgWindow = parseNumberOption('--sg-window', o.sgWindow);
  const sgOrder = parseNumberOption('--sg-order', o.sgOrder);
  if (o.smoothing !== undefined) {
    if (sgWindow !== undefined || sgOrder !== undefined)
      throw new InputError('give either --smoothing or --sg-window/--sg-order, not both');
    return parseSmoothing(o.smoothing);
  }
  if (sgWindow === undefined && sgOrder === undefined) return undefined;
  return checkSg(sgWindow ?? 11, sgOrder ?? 3, sgWindow !== undefined ? '--sg-window' : '--sg-order');
}
