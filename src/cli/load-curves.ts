import { readRunFile } from '../io/read-run.ts';
import { InputError } from '../core/input-error.ts';
import type { Run } from '../io/run.ts';
import { runToConversionCurve, type ConversionCurve } from '../analysis/conversion-curve.ts';
import { parseRates, parseWindowC, parseTemperatureUnitOption, parseNumberOption } from './options.ts';

/** Options shared by the commands that read runs (kissinger, iso, info, fit, …). */
export interface RunInputOptions {
  rates?: string;
  window?: string;
  temperatureUnit?: string;
  columns?: string;
  sgWindow?: string;
  sgOrder?: string;
}

/** Read every file with `--rates` assigned in order (one rate per file when given). */
export function loadRuns(files: string[], opts: RunInputOptions): Run[] {
  if (files.length === 0) throw new InputError('give at least one run file');
  const rates = parseRates(opts.rates);
  if (rates && rates.length !== files.length) {
    throw new InputError(
      `--rates has ${rates.length} values for ${files.length} files: give one rate per file, in order`,
    );
  }
  const temperatureUnit = parseTemperatureUnitOption(opts.temperatureUnit);
  const columns = opts.columns ? opts.columns.split(',').map((s) => s.trim()) : undefined;
  return files.map((f, i) => readRunFile(f, { heatingRate_K_min: rates?.[i], temperatureUnit, columns }));
}

/** Read runs and turn them into conversion curves over the `--window` (°C). */
export function loadCurves(
  files: string[],
  opts: RunInputOptions,
): { runs: Run[]; curves: ConversionCurve[] } {
  const runs = loadRuns(files, opts);
  const window_K = parseWindowC(opts.window);
  const smoothing = {
    window: parseNumberOption('--sg-window', opts.sgWindow),
    order: parseNumberOption('--sg-order', opts.sgOrder),
  };
  const curves = runs.map((r) => runToConversionCurve(r, { window_K, smoothing }));
  return { runs, curves };
}

/** Attach the shared input options to a command. */
export const RUN_INPUT_OPTION_HELP = {
  rates: 'heating rates in K/min, one per file in order (default: from the file header or the T(t) slope)',
  window: 'stage window LO:HI in °C (default: the whole run)',
  temperatureUnit: 'temperature unit of the files, C or K, when the header has none or is wrong',
  columns: 'column names for files without a header, e.g. temperature_C,mass_mg',
  sgWindow: 'Savitzky–Golay window for dα/dT, points (odd, ≥ 5; default 11)',
  sgOrder: 'Savitzky–Golay polynomial order (default 3)',
};
