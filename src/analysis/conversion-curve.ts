import type { Run } from '../io/run.ts';
import { InputError } from '../core/input-error.ts';
import type { ResultWarning } from '../core/warnings.ts';
import { conversionFromMass, conversionFromRate } from './conversion.ts';
import { prepareHeatingRun, type HeatingRun } from './run-signals.ts';
import {
  DEFAULT_SMOOTHING_SPEC,
  describeSmoothing,
  maxEdfForSpan,
  smoothAndDifferentiate,
  type SmoothingInfo,
  type SmoothingSpec,
} from './smoothing.ts';

/** A conversion curve of one constant-heating-rate run, ready for kinetic analysis. Arrays share one index. */
export interface ConversionCurve {
  /** Heating rate, K/min (the nominal one: header, option or the T(t) slope). */
  beta_K_min: number;
  /** Temperature, K, strictly increasing (the smoothed measured sample temperature on the time route). */
  T_K: number[];
  /** Conversion α in [0, 1] (approximately, for noisy data). */
  alpha: number[];
  /** Conversion rate dα/dT, K⁻¹ (on the time route (dα/dt)/(dT/dt) with the measured T). */
  dadT_per_K: number[];
  /** Conversion rate dα/dt, s⁻¹ (time route only: differentiated in time). */
  dadt_per_s?: number[];
  /** Time, s, when known. */
  time_s?: number[];
  /** `time`: α(t), dα/dt and the measured T(t); `nominal`: α(T) with the nominal β (no time column). */
  route?: 'time' | 'nominal';
  /** How dα was differentiated (reported in every result). */
  smoothing?: SmoothingInfo;
  /** How the measured T(t) was smoothed (time route). */
  temperatureSmoothing?: SmoothingInfo;
  /** Structured notes and warnings on how the data were read (segment, dropped rows, route). */
  dataWarnings?: ResultWarning[];
  /** Source file. */
  file?: string;
  /**
   * DSC runs: the heat flow over the window and the baseline subtracted from it (W/g, same rows as `T_K`), so that
   * plots can show what the conversion was computed from.
   */
  dsc?: { heatFlow_W_g: number[]; baseline_W_g: number[]; baseline: 'linear' | 'sigmoidal' };
  /** What was done to get here (signal used, window, smoothing). */
  notes: string[];
  warnings: string[];
}

export interface ConversionCurveOptions {
  /** Stage window [lo, hi] in K (inclusive); default: the whole run. */
  window_K?: [number, number];
  /** How α is smoothed and differentiated (default `auto`: GCV smoothing spline). */
  smoothing?: SmoothingSpec;
  /** The run already prepared by `prepareHeatingRun` (the analysis pipeline prepares each run once). */
  prepared?: HeatingRun;
}

/**
 * Turn a `Run` into a `ConversionCurve`: take the main heating segment with a strictly increasing temperature
 * (src/analysis/run-signals.ts: the smoothed measured T(t) when the file has time, else the rows where T rises),
 * select the stage window, compute α from the best available signal (α column, else mass, else a DTG column by
 * partial area) and its derivative:
 * - time route: α(t) smoothed and differentiated in time (dα/dt), dα/dT = (dα/dt)/(dT/dt) with the measured T;
 * - nominal route: α(T) smoothed and differentiated in temperature.
 * The smoothing is `options.smoothing` (default: GCV smoothing spline; with `sg:W:O` α itself is kept unsmoothed,
 * as before). A file's own dα/dT column is used as it is when α came from the file unchanged.
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
  const prepared = options.prepared ?? prepareHeatingRun(run);
  const src = prepared.run;
  const T = src.temperature_K;
  let from = 0;
  let to = T.length;
  const notes: string[] = prepared.warnings.map((w) => w.message);
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
  const keep: number[] = [];
  for (let i = from; i < to; i++) keep.push(i);
  if (keep.length < 5)
    throw new InputError(`only ${keep.length} usable points in the window (need ≥ 5)`, { file });
  const pick = (a: number[]) => keep.map((i) => a[i]);
  const Tw = pick(T);
  let alpha: number[];
  let dadT: number[] | undefined;
  if (src.alpha && !options.window_K) {
    alpha = pick(src.alpha);
    if (src.dadT_per_K) dadT = pick(src.dadT_per_K);
    notes.push('α from the file’s conversion column');
  } else if (src.alpha) {
    alpha = Array.from(conversionFromMass(pick(src.alpha).map((a) => 1 - a)));
    notes.push('α from the file’s conversion column, renormalised to the window');
  } else if (src.mass_mg || src.mass_pct) {
    const m = pick((src.mass_mg ?? src.mass_pct) as number[]);
    try {
      alpha = Array.from(conversionFromMass(m));
    } catch (e) {
      throw new InputError((e as Error).message, { file });
    }
    notes.push(`α from ${src.mass_mg ? 'mass (mg)' : 'mass (%)'} over the window`);
  } else if (src.dadT_per_K) {
    const r = conversionFromRate(Tw, pick(src.dadT_per_K));
    alpha = Array.from(r.alpha);
    dadT = Array.from(r.dadx);
    notes.push('α by partial area of the file’s dα/dT column');
  } else if (src.heatFlow_W_g) {
    throw new InputError('DSC heat-flow run: a baseline is needed first (use `ckin analyze`)', { file });
  } else {
    throw new InputError('no mass, conversion or DTG column to compute conversion from', { file });
  }
  for (let i = 0; i < alpha.length; i++) {
    if (!Number.isFinite(alpha[i]))
      throw new InputError(`conversion is not finite at data row ${keep[i] + 1}`, { file });
  }
  const spec = options.smoothing ?? DEFAULT_SMOOTHING_SPEC;
  const time = src.time_s && prepared.route === 'time' ? pick(src.time_s) : undefined;
  const dTdt = time && prepared.dTdt_K_s ? pick(prepared.dTdt_K_s) : undefined;
  let dadt: number[] | undefined;
  let smoothing: SmoothingInfo;
  if (dadT) {
    smoothing = { method: 'file' };
    if (dTdt) dadt = dadT.map((d, i) => d * dTdt[i]);
  } else if (time && dTdt) {
    const sm = smoothAndDifferentiate(time, alpha, spec, 'α(t)', maxEdfForSpan(Tw[Tw.length - 1] - Tw[0]));
    if (spec.method !== 'sg') alpha = Array.from(sm.value);
    dadt = Array.from(sm.derivative);
    dadT = dadt.map((d, i) => d / dTdt[i]);
    smoothing = sm.info;
  } else {
    const sm = smoothAndDifferentiate(Tw, alpha, spec, 'α(T)', maxEdfForSpan(Tw[Tw.length - 1] - Tw[0]));
    if (spec.method !== 'sg') alpha = Array.from(sm.value);
    dadT = Array.from(sm.derivative);
    smoothing = sm.info;
  }
  notes.push(
    prepared.route === 'time'
      ? `time route: dα/dt in time, dα/dT = (dα/dt)/(dT/dt) with the measured temperature; ${describeSmoothing(smoothing)}`
      : `nominal route: dα/dT against temperature at the nominal heating rate; ${describeSmoothing(smoothing)}`,
  );
  const curve: ConversionCurve = {
    beta_K_min: beta,
    T_K: Tw,
    alpha,
    dadT_per_K: dadT,
    time_s: src.time_s ? pick(src.time_s) : undefined,
    route: prepared.route,
    smoothing,
    dataWarnings: prepared.warnings,
    file,
    notes,
    warnings,
  };
  if (dadt) curve.dadt_per_s = dadt;
  if (prepared.temperatureSmoothing) curve.temperatureSmoothing = prepared.temperatureSmoothing;
  return curve;
}
