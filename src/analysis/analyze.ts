import type { Run } from '../io/run.ts';
import { runToConversionCurve, type ConversionCurve } from './conversion-curve.ts';
import { conversionFromMass } from './conversion.ts';
import { dscToConversion } from './dsc-conversion.ts';
import type { BaselineKind } from './dsc-baseline.ts';
import { friedman } from './isoconversional/friedman.ts';
import { vyazovkin } from './isoconversional/vyazovkin.ts';
import type { IsoResult } from './isoconversional/result.ts';
import { kissinger, kissingerPeak, type KissingerResult } from './kissinger.ts';
import { conversionOnset, tangentOnset } from './onset.ts';
import { peakOfCurve } from './peaks.ts';
import { autoStageWindows, type StageWindow } from './stage-window.ts';
import { pushAll } from '../core/arrays.ts';
import { baseName, fmtRate } from '../core/format.ts';
import { prepareHeatingRun, type HeatingRun } from './run-signals.ts';
import { maxEdfForSpan, smoothAndDifferentiate, type SmoothingSpec } from './smoothing.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { matchStages, peaksRiseWithBeta } from './stage-matching.ts';

/**
 * The pure pipeline behind `ckin analyze`: runs in, per-stage peak tables and kinetics out. No I/O: the CLI reads the
 * files (a file that fails to read enters as `error`) and prints or reports the result.
 */
export interface AnalyzeInput {
  file: string;
  run?: Run;
  /** Why the file could not be read (the rest of the batch is still analysed). */
  error?: string;
}

export interface AnalyzeOptions {
  /** Stage windows from `--window` (K); default: automatic from the peaks of the rate signal. */
  windows?: StageWindow[];
  /** DSC baseline (default sigmoidal). */
  baseline?: BaselineKind;
  /** Minimum relative prominence of an automatic peak (default 0.1). */
  minRelativeProminence?: number;
  /** Conversion grid for the isoconversional methods (default 0.1…0.9 step 0.05). */
  alphas?: number[];
  /** Which signal of a run that has both (STA: mass and heat flow) is analysed; default mass. */
  signal?: 'mass' | 'heatflow';
  /** How α is smoothed and differentiated (default auto: GCV smoothing spline). */
  smoothing?: SmoothingSpec;
}

/** One row of the per-rate peak table. */
export interface PeakRow {
  file: string;
  beta_K_min: number;
  T_onset_K: number | null;
  T_peak_K: number;
  /** TGA: mass lost over the stage window, % of the initial mass. */
  massLoss_pct?: number;
  /** DSC: heat released by the peak, J/g. */
  enthalpy_J_g?: number;
  /**
   * DSC: the same peak's ΔH under the other baseline (linear ↔ sigmoidal), J/g; undefined when it cannot be
   * computed. A large difference means ΔH is set by the baseline choice, not by the data (src/trust/enthalpy.ts).
   */
  enthalpyOtherBaseline_J_g?: number;
  window_K: [number, number];
}

export interface StageResult {
  stage: number;
  /** Mean peak temperature over the runs, K (for naming the stage). */
  T_peak_mean_K: number;
  peaks: PeakRow[];
  kissinger?: KissingerResult;
  friedman?: IsoResult;
  vyazovkin?: IsoResult;
  /** Why a method could not be applied to this stage. */
  errors: { method: string; message: string }[];
  warnings: string[];
  /** Structured warnings of the stage (stages.merged, stages.refused, stages.amount-differs). */
  dataWarnings: ResultWarning[];
  /** Conversion curves of this stage (one per run), for plots. */
  curves: ConversionCurve[];
}

export interface RunSummary {
  file: string;
  format?: string;
  sample?: Run['sample'];
  beta_K_min?: number;
  heatingRateSource?: Run['heatingRateSource'];
  signal?: 'mass' | 'heatflow' | 'alpha' | 'dtg';
  /** Rate signal over the analysed segment for plots: T (K) and −dα/dT-like rate normalised to its maximum. */
  rateCurve?: { T_K: number[]; rate_norm: number[]; label: string };
  notes: string[];
  warnings: string[];
  /** Structured notes on how the run was read (route, segment, dropped rows, transient). */
  dataWarnings?: ResultWarning[];
  /** `time` when α(t) and the measured T(t) are used, `nominal` otherwise. */
  route?: 'time' | 'nominal';
  error?: string;
}

export interface AnalyzeResult {
  runs: RunSummary[];
  stages: StageResult[];
  warnings: string[];
  /** Structured warnings of the whole analysis (e.g. stages merged across runs). */
  dataWarnings: ResultWarning[];
}

const DEFAULT_ALPHAS = Array.from({ length: 17 }, (_, k) => Math.round((0.1 + 0.05 * k) * 100) / 100);

type Prepared = {
  summary: RunSummary;
  run: Run;
  heating: HeatingRun;
  kind: 'heatflow' | 'mass' | 'alpha' | 'dtg';
  /** Rate signal for stage detection (heat flow W/g, or dα/dT K⁻¹ over the whole segment). */
  rate: number[];
};

/** Run the whole analysis. Never throws for one bad file or one failing method: errors are reported in place. */
export function analyzeRuns(inputs: AnalyzeInput[], options: AnalyzeOptions = {}): AnalyzeResult {
  const warnings: string[] = [];
  const dataWarnings: ResultWarning[] = [];
  const prepared: Prepared[] = [];
  const runs: RunSummary[] = [];
  for (const inp of inputs) {
    if (!inp.run) {
      runs.push({ file: inp.file, notes: [], warnings: [], error: inp.error ?? 'not read' });
      continue;
    }
    try {
      const p = prepare(inp.run, options.signal);
      runs.push(p.summary);
      prepared.push(p);
    } catch (e) {
      runs.push({
        file: inp.file,
        notes: [...inp.run.notes],
        warnings: [...inp.run.warnings],
        error: (e as Error).message,
      });
    }
  }
  pushAll(warnings, mixedSampleWarnings(prepared.map((p) => p.run)));
  const kinds = new Set(prepared.map((p) => (p.kind === 'heatflow' ? 'DSC' : 'TGA')));
  if (kinds.size > 1)
    warnings.push('DSC and TGA runs mixed in one analysis: their peaks are matched by temperature only');

  // windows per run: the option's, else automatic
  const perRun = prepared.map((p) => {
    if (options.windows && options.windows.length > 0) return options.windows;
    const w = autoStageWindows(p.run.temperature_K, p.rate, {
      minRelativeProminence: options.minRelativeProminence,
      outer: p.kind === 'heatflow' ? 'threshold' : 'edges',
    });
    if (w.length === 0) {
      p.summary.warnings.push(
        'no complete peak in the rate signal (a maximum at the end of the segment is not a peak): the run is not analysed',
      );
    }
    return w;
  });
  // one stage definition across runs: option windows by index; automatic windows matched jointly
  // (stage-matching.ts: split-vs-merged stages merged in every run, peaks that do not rise with β refused)
  const matched = options.windows
    ? {
        count: options.windows.length,
        windows: perRun.map((w) => w.slice()),
        reference_K: options.windows.map((w) => (w.lo_K + w.hi_K) / 2),
        merged: new Set<number>(),
        warnings: [] as ResultWarning[],
      }
    : matchStages(
        prepared.map((p, i) => ({
          file: p.run.file,
          beta_K_min: p.run.heatingRate_K_min!,
          T_range_K: [p.run.temperature_K[0], p.run.temperature_K[p.run.temperature_K.length - 1]],
          windows: perRun[i],
        })),
      );
  const nStages = matched.count;
  const reference = matched.reference_K;
  for (const w of matched.warnings) {
    if (w.stage !== undefined) continue;
    const p = prepared.find((x) => x.run.file === w.file);
    if (p) p.summary.dataWarnings = [...(p.summary.dataWarnings ?? []), w];
    else dataWarnings.push(w);
  }

  const stages: StageResult[] = [];
  for (let k = 0; k < nStages; k++) {
    const stage: StageResult = {
      stage: k + 1,
      T_peak_mean_K: NaN,
      peaks: [],
      errors: [],
      warnings: [],
      dataWarnings: matched.warnings.filter((w) => w.stage === k + 1),
      curves: [],
    };
    prepared.forEach((p, i) => {
      const w = matched.windows[i][k];
      if (!w) return;
      try {
        const { curve, row } = stageOfRun(p, w, options.baseline ?? 'sigmoidal', options.smoothing);
        stage.curves.push(curve);
        stage.peaks.push(row);
      } catch (e) {
        const msg = (e as Error).message;
        stage.warnings.push(msg.startsWith(p.run.file) ? msg : `${p.run.file}: ${msg}`);
      }
    });
    stage.peaks.sort((a, b) => a.beta_K_min - b.beta_K_min);
    stage.curves.sort((a, b) => a.beta_K_min - b.beta_K_min);
    stage.T_peak_mean_K = stage.peaks.reduce((s, r) => s + r.T_peak_K, 0) / Math.max(stage.peaks.length, 1);
    if (stage.peaks.length === 0) {
      warnings.push(
        `a stage near ${(reference[k] - 273.15).toFixed(1)} °C has no usable peak: ${stage.warnings.join('; ')}`,
      );
      continue;
    }
    pushAll(stage.dataWarnings, amountWarnings(stage.peaks, k + 1));
    // Peaks that do not rise with β: a stage merged from resolved steps keeps its (consistent) conversion and the
    // isoconversional methods, but its peak jumps from one step to the other, so Kissinger is refused; any other
    // stage is refused whole (different processes matched as one).
    const refusal = peaksRiseWithBeta(stage.peaks);
    if (refusal) {
      const isMerged = matched.merged.has(k);
      stage.dataWarnings.push(
        warning(
          'stages.refused',
          'unreliable',
          isMerged ? `Kissinger refused: ${refusal} (the merged steps' peaks)` : refusal,
          { stage: k + 1 },
        ),
      );
      if (isMerged) applyKinetics(stage, options.alphas ?? DEFAULT_ALPHAS, true);
      else stage.errors.push({ method: 'all', message: refusal });
    } else applyKinetics(stage, options.alphas ?? DEFAULT_ALPHAS);
    stages.push(stage);
  }
  stages.forEach((s, i) => {
    s.stage = i + 1;
    for (const w of s.dataWarnings) w.stage = i + 1;
  });
  return { runs, stages, warnings, dataWarnings };
}

/** Select the heating segment, decide the signal and compute the rate signal used to find stages. */
function prepare(input: Run, prefer?: 'mass' | 'heatflow'): Prepared {
  const heating = prepareHeatingRun(input);
  const run = heating.run;
  const summary: RunSummary = {
    file: run.file,
    format: run.format,
    sample: run.sample,
    beta_K_min: run.heatingRate_K_min,
    heatingRateSource: run.heatingRateSource,
    notes: [...run.notes, ...heating.warnings.map((w) => w.message)],
    warnings: run.warnings,
    dataWarnings: heating.warnings,
    route: heating.route,
  };
  if (!(run.heatingRate_K_min! > 0)) {
    throw new Error('heating rate unknown: give it with --rates (K/min), one per file in order');
  }
  const T = run.temperature_K;
  if (T.length < 5) throw new Error(`only ${T.length} points in the heating segment`);
  let kind: Prepared['kind'];
  let rate: number[];
  let label: string;
  if (prefer === 'heatflow' && !run.heatFlow_W_g)
    throw new Error('--signal heatflow: the run has no heat-flow signal');
  if (prefer === 'mass' && !run.mass_mg && !run.mass_pct)
    throw new Error('--signal mass: the run has no mass signal');
  if (run.heatFlow_W_g && (prefer === 'heatflow' || (!run.mass_mg && !run.mass_pct))) {
    kind = 'heatflow';
    rate = run.heatFlow_W_g;
    label = 'heat flow (exo up), normalised';
  } else if (run.mass_mg || run.mass_pct || run.alpha) {
    kind = run.alpha ? 'alpha' : 'mass';
    const m = (run.mass_mg ?? run.mass_pct)!;
    if (!run.alpha) {
      const m0 = run.mass_pct ? 100 : (run.sample.mass_mg ?? Math.abs(m[0]));
      const change =
        m.reduce((a, v) => Math.max(a, v), -Infinity) - m.reduce((a, v) => Math.min(a, v), Infinity);
      if (!(change > 0.005 * m0)) {
        throw new Error(
          `no mass change over the analysed segment (${change.toPrecision(2)} of ${m0.toPrecision(3)}: below 0.5 %)`,
        );
      }
    }
    const alpha = run.alpha ?? Array.from(conversionFromMass(m));
    // Stage detection: the GCV smoothing spline of α over the whole segment (in time on the time route), so that
    // the thermobalance noise of each run sets its own smoothing and makes no peaks.
    const dTdt = heating.dTdt_K_s;
    const cap = maxEdfForSpan(T[T.length - 1] - T[0]);
    if (heating.route === 'time' && run.time_s && dTdt) {
      const sm = smoothAndDifferentiate(run.time_s, alpha, { method: 'auto' }, undefined, cap);
      rate = Array.from(sm.derivative, (d, i) => d / dTdt[i]);
    } else rate = Array.from(smoothAndDifferentiate(T, alpha, { method: 'auto' }, undefined, cap).derivative);
    label = 'DTG dα/dT, normalised';
  } else if (run.dadT_per_K) {
    kind = 'dtg';
    rate = run.dadT_per_K;
    label = 'dα/dT, normalised';
  } else {
    throw new Error('no mass, conversion, DTG or heat-flow signal');
  }
  const max = rate.reduce((a, v) => Math.max(a, v), -Infinity);
  summary.signal = kind;
  summary.rateCurve = { T_K: T, rate_norm: rate.map((r) => r / max), label };
  return { summary, run, heating, kind, rate };
}

/**
 * Keep the rows whose temperature exceeds every earlier one: the sample thermocouple jitters by a few hundredths of a
 * kelvin (and lags at the start of a ramp), which would make T(row) non-monotone; α(T) needs T increasing.
 */
export function increasingTemperature(run: Run): Run {
  const T = run.temperature_K;
  const keep: number[] = [];
  let max = -Infinity;
  for (let i = 0; i < T.length; i++) {
    if (T[i] > max) {
      keep.push(i);
      max = T[i];
    }
  }
  if (keep.length === T.length) return run;
  const out: Run = { ...run, notes: [...run.notes], warnings: [...run.warnings] };
  for (const key of [
    'time_s',
    'temperature_K',
    'mass_mg',
    'mass_pct',
    'alpha',
    'dadT_per_K',
    'heatFlow_W_g',
  ] as const) {
    const a = run[key];
    if (a) out[key] = keep.map((i) => a[i]);
  }
  const dropped = T.length - keep.length;
  const msg = `${dropped} of ${T.length} rows dropped where the temperature did not rise above every earlier value (thermocouple noise or lag)`;
  if (dropped > 0.05 * T.length) out.warnings.push(msg);
  else out.notes.push(msg);
  return out;
}

/** One run over one stage window → its conversion curve and its peak-table row. */
function stageOfRun(
  p: Prepared,
  w: StageWindow,
  baselineKind: BaselineKind,
  smoothing: SmoothingSpec | undefined,
): { curve: ConversionCurve; row: PeakRow } {
  const run = p.run;
  const beta = run.heatingRate_K_min!;
  if (p.kind === 'heatflow') {
    const d = dscToConversion(
      { T_K: run.temperature_K, heatFlow_W_g: run.heatFlow_W_g!, beta_K_min: beta, file: run.file },
      [w.lo_K, w.hi_K],
      baselineKind,
    );
    const peak = peakOfCurve(d.curve.T_K, d.corrected_W_g);
    if (peak.atEdge)
      throw new Error(`the heat-flow maximum lies on the window edge (${(peak.x - 273.15).toFixed(1)} °C)`);
    const onset = tangentOnset(d.curve.T_K, d.corrected_W_g, peak.index);
    let other: number | undefined;
    try {
      other = dscToConversion(
        { T_K: run.temperature_K, heatFlow_W_g: run.heatFlow_W_g!, beta_K_min: beta, file: run.file },
        [w.lo_K, w.hi_K],
        baselineKind === 'linear' ? 'sigmoidal' : 'linear',
      ).enthalpy_J_g;
    } catch {
      other = undefined; // the other baseline leaves no peak above it: nothing to compare
    }
    return {
      curve: d.curve,
      row: {
        file: run.file,
        beta_K_min: beta,
        T_onset_K: onset ? onset.T_onset_K : null,
        T_peak_K: peak.x,
        enthalpy_J_g: d.enthalpy_J_g,
        ...(other === undefined ? {} : { enthalpyOtherBaseline_J_g: other }),
        window_K: d.window_K,
      },
    };
  }
  const curve = runToConversionCurve(run, { window_K: [w.lo_K, w.hi_K], smoothing, prepared: p.heating });
  const peak = peakOfCurve(curve.T_K, curve.dadT_per_K);
  if (peak.atEdge)
    throw new Error(`the DTG maximum lies on the window edge (${(peak.x - 273.15).toFixed(1)} °C)`);
  const i = peak.index;
  const T_onset = conversionOnset(curve.T_K[i], curve.alpha[i], curve.dadT_per_K[i]);
  const row: PeakRow = {
    file: run.file,
    beta_K_min: beta,
    T_onset_K: Number.isFinite(T_onset) ? T_onset : null,
    T_peak_K: kissingerPeak(curve).T_peak_K,
    window_K: [curve.T_K[0], curve.T_K[curve.T_K.length - 1]],
  };
  const loss = massLossPct(run, curve.T_K[0], curve.T_K[curve.T_K.length - 1]);
  if (loss !== undefined) row.massLoss_pct = loss;
  return { curve, row };
}

/** Mass lost between two temperatures, % of the initial mass of the run. */
function massLossPct(run: Run, lo: number, hi: number): number | undefined {
  const T = run.temperature_K;
  const ia = T.findIndex((t) => t >= lo);
  let ib = ia;
  while (ib + 1 < T.length && T[ib + 1] <= hi) ib++;
  if (ia < 0) return undefined;
  if (run.mass_pct) return run.mass_pct[ia] - run.mass_pct[ib];
  if (run.mass_mg) {
    const m0 = run.sample.mass_mg ?? run.mass_mg[0];
    return ((run.mass_mg[ia] - run.mass_mg[ib]) / m0) * 100;
  }
  return undefined;
}

/**
 * Kissinger, Friedman and Vyazovkin for one stage. Runs at the same heating rate (within 0.5 %) are one group:
 * Kissinger takes their mean peak temperature, the isoconversional methods the first run of the group.
 */
function applyKinetics(stage: StageResult, alphas: number[], noKissinger = false): void {
  const groups: { beta: number; rows: PeakRow[]; curves: ConversionCurve[] }[] = [];
  stage.peaks.forEach((row, i) => {
    const g = groups.find((x) => Math.abs(x.beta - row.beta_K_min) <= 0.005 * x.beta);
    if (g) {
      g.rows.push(row);
      g.curves.push(stage.curves[i]);
    } else groups.push({ beta: row.beta_K_min, rows: [row], curves: [stage.curves[i]] });
  });
  for (const g of groups) {
    if (g.rows.length > 1) {
      stage.warnings.push(
        `${g.rows.length} runs at ${fmtRate(g.beta)} K/min (${g.rows.map((r) => r.file).join(', ')}): Kissinger uses their mean peak temperature, the isoconversional methods the first`,
      );
    }
  }
  if (groups.length < 2) {
    stage.errors.push({
      method: 'all',
      message: `needs two or more heating rates; this stage has ${groups.length}`,
    });
    return;
  }
  const attempt = <T>(method: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      stage.errors.push({ method, message: (e as Error).message });
      return undefined;
    }
  };
  if (noKissinger)
    stage.errors.push({
      method: 'kissinger',
      message: 'the peaks do not rise with heating rate (stages.refused)',
    });
  else
    stage.kissinger = attempt('kissinger', () =>
      kissinger(
        groups.map((g) => ({
          beta_K_min: g.beta,
          T_peak_K: g.rows.reduce((s, r) => s + r.T_peak_K, 0) / g.rows.length,
          file: g.rows.map((r) => r.file).join(', '),
        })),
      ),
    );
  const isoCurves = groups.map((g) => g.curves[0]);
  stage.friedman = attempt('friedman', () => friedman(isoCurves, alphas));
  stage.vyazovkin = attempt('vyazovkin', () => vyazovkin(isoCurves, alphas));
}

/** Warn when the runs look like different samples: different names (digits and rate tokens ignored) or masses. */
export function mixedSampleWarnings(runs: Run[]): string[] {
  const out: string[] = [];
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\d+(?:[.,]\d+)?\s*(?:k\/?min|°?c\/?min|kmin)?/g, '')
      .replace(/[\s_\-.,()]+/g, '');
  const named = runs.filter((r) => r.sample.name && norm(r.sample.name));
  const names = new Map<string, string[]>();
  for (const r of named) {
    const key = norm(r.sample.name!);
    names.set(key, [...(names.get(key) ?? []), `'${r.sample.name}' (${r.file})`]);
  }
  if (names.size > 1) {
    out.push(
      `runs of different samples in one analysis? sample names differ: ${[...names.values()].map((v) => v[0]).join(', ')}`,
    );
  }
  const masses = runs.filter((r) => r.sample.mass_mg! > 0).map((r) => ({ m: r.sample.mass_mg!, f: r.file }));
  if (masses.length > 1) {
    const lo = masses.reduce((a, b) => (b.m < a.m ? b : a));
    const hi = masses.reduce((a, b) => (b.m > a.m ? b : a));
    if (hi.m > 2 * lo.m) {
      out.push(
        `sample masses differ widely: ${lo.m} mg (${lo.f}) to ${hi.m} mg (${hi.f}); heat and mass transfer differ between such runs`,
      );
    }
  }
  return out;
}

/** Largest relative difference allowed between runs in a stage's mass loss or heat (issue 15). */
export const AMOUNT_TOLERANCE = 0.2;

/**
 * `stages.amount-differs` when a stage's mass loss (TGA) or ΔH (DSC) differs by more than 20 % between runs: the
 * runs then do not convert the same process over the window (a merged neighbour, a cut tail, a different sample).
 */
export function amountWarnings(peaks: PeakRow[], stage: number): ResultWarning[] {
  const out: ResultWarning[] = [];
  for (const [key, label, unit] of [
    ['massLoss_pct', 'mass loss', '%'],
    ['enthalpy_J_g', 'ΔH', 'J/g'],
  ] as const) {
    const v = peaks
      .filter((p) => Number.isFinite(p[key]))
      .map((p) => ({ x: Math.abs(p[key]!), f: baseName(p.file) }));
    if (v.length < 2) continue;
    const lo = v.reduce((a, b) => (b.x < a.x ? b : a));
    const hi = v.reduce((a, b) => (b.x > a.x ? b : a));
    if (hi.x > (1 + AMOUNT_TOLERANCE) * lo.x) {
      out.push(
        warning(
          'stages.amount-differs',
          'caution',
          `the stage's ${label} differs between runs by more than ${AMOUNT_TOLERANCE * 100} %: ` +
            `${lo.x.toPrecision(3)} ${unit} (${lo.f}) to ${hi.x.toPrecision(3)} ${unit} (${hi.f}) — do the windows ` +
            'cover the same process in every run? (set them with --window)',
          { stage },
        ),
      );
    }
  }
  return out;
}
