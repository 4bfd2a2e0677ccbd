import type { Run } from '../io/run.ts';
import { InputError } from '../core/input-error.ts';
import { conversionFromMass, conversionFromRate } from './conversion.ts';
import { savitzkyGolay, type SmoothingOptions } from './savitzky-golay.ts';

/** A conversion curve of one constant-heating-rate run, ready for kinetic analysis. Arrays share one index. */
export interface ConversionCurve {
  /** Heating rate, K/min. */
  beta_K_min: number;
  /** Temperature, K, strictly increasing. */
  T_K: number[];
  /** Conversion α in [0, 1] (approximately, for noisy data). */
  alpha: number[];
  /** Conversion rate dα/dT, K⁻¹. */
  dadT_per_K: number[];
  /** Time, s, when known. */
  time_s?: number[];
  /** Source file. */
  file?: string;
  /** What was done to get here (signal used, window, smoothing). */
  notes: string[];
  warnings: string[];
}

export interface ConversionCurveOptions {
  /** Stage window [lo, hi] in K (inclusive); default: the whole run. */
  window_K?: [number, number];
  /** Savitzky–Golay settings for the derivative dα/dT. */
  smoothing?: SmoothingOptions;
}

/**
 * Turn a `Run` into a `ConversionCurve`: select the stage window, compute α from the best available signal
 * (α column, else mass, else a DTG column by partial area) and dα/dT (the file's dα/dT column when α came from the
 * file unchanged, else a Savitzky–Golay derivative of α with respect to T).
 * DSC heat-flow runs need a baseline first (src/analysis/dsc-conversion.ts).
 */
export function runToConversionCurve(run: Run, options: ConversionCurveOptions = {}): ConversionCurve {
  const file = run.file;
  const beta = run.heatingRate_K_min;
  if (beta === undefined || !(beta > 0)) {
    throw new InputError(
      'heating rate unknown: give it with --rates (K/min) or use a file whose header states it',
      {
        file,
      },
    );
  }
  const T = run.temperature_K;
  let from = 0;
  let to = T.length;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (options.window_K) {
    const [lo, hi] = options.window_K;
    if (!(hi > lo)) throw new InputError(`window ${lo}–${hi} K is empty`, { file });
    from = T.findIndex((t) => t >= lo);
    if (from < 0)
      throw new InputError(`no data inside the window ${lo.toFixed(1)}–${hi.toFixed(1)} K`, { file });
    to = from;
    while (to < T.length && T[to] <= hi) to++;
    notes.push(`window ${(lo - 273.15).toFixed(1)}–${(hi - 273.15).toFixed(1)} °C: rows ${from}–${to - 1}`);
  }
  // Keep strictly increasing temperatures: exact repeats are dropped with a note, a decrease is an error.
  const keep: number[] = [];
  let dropped = 0;
  for (let i = from; i < to; i++) {
    if (!Number.isFinite(T[i]))
      throw new InputError(`temperature at data row ${i + 1} is not a number`, { file });
    if (keep.length && T[i] <= T[keep[keep.length - 1]]) {
      if (T[i] === T[keep[keep.length - 1]]) {
        dropped++;
        continue;
      }
      throw new InputError(
        `temperature decreases at data row ${i + 1} (${T[keep[keep.length - 1]].toFixed(2)} K → ${T[i].toFixed(2)} K): ` +
          'analyse a heating segment only (use --window)',
        { file },
      );
    }
    keep.push(i);
  }
  if (dropped) notes.push(`${dropped} rows with a repeated temperature dropped`);
  if (keep.length < 5)
    throw new InputError(`only ${keep.length} usable points in the window (need ≥ 5)`, { file });
  const pick = (a: number[]) => keep.map((i) => a[i]);
  const Tw = pick(T);
  let alpha: number[];
  let dadT: number[] | undefined;
  if (run.alpha && !options.window_K) {
    alpha = pick(run.alpha);
    if (run.dadT_per_K) dadT = pick(run.dadT_per_K);
    notes.push('α from the file’s conversion column');
  } else if (run.alpha) {
    alpha = Array.from(conversionFromMass(pick(run.alpha).map((a) => 1 - a)));
    notes.push('α from the file’s conversion column, renormalised to the window');
  } else if (run.mass_mg || run.mass_pct) {
    const m = pick((run.mass_mg ?? run.mass_pct) as number[]);
    try {
      alpha = Array.from(conversionFromMass(m));
    } catch (e) {
      throw new InputError((e as Error).message, { file });
    }
    notes.push(`α from ${run.mass_mg ? 'mass (mg)' : 'mass (%)'} over the window`);
  } else if (run.dadT_per_K) {
    const r = conversionFromRate(Tw, pick(run.dadT_per_K));
    alpha = Array.from(r.alpha);
    dadT = Array.from(r.dadx);
    notes.push('α by partial area of the file’s dα/dT column');
  } else if (run.heatFlow_W_g) {
    throw new InputError('DSC heat-flow run: a baseline is needed first (use `ckin analyze`)', { file });
  } else {
    throw new InputError('no mass, conversion or DTG column to compute conversion from', { file });
  }
  for (let i = 0; i < alpha.length; i++) {
    if (!Number.isFinite(alpha[i]))
      throw new InputError(`conversion is not finite at data row ${keep[i] + 1}`, { file });
  }
  if (!dadT) {
    dadT = Array.from(savitzkyGolay(alpha, Tw, 1, options.smoothing));
    notes.push(
      `dα/dT by Savitzky–Golay derivative (window ${options.smoothing?.window ?? 11}, order ${options.smoothing?.order ?? 3})`,
    );
  }
  return {
    beta_K_min: beta,
    T_K: Tw,
    alpha,
    dadT_per_K: dadT,
    time_s: run.time_s ? pick(run.time_s) : undefined,
    file,
    notes,
    warnings,
  };
}
