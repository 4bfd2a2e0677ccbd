import { fmtRate } from '../core/format.ts';
import { eaAlphaMethods } from '../report/ea-alpha-methods.ts';
import { resolve } from 'node:path';
import { analyzeRuns, type AnalyzeResult } from '../analysis/analyze.ts';
import type { BaselineKind } from '../analysis/dsc-baseline.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import {
  checkSourceRates,
  readRunSources,
  smoothingJson,
  stageWindows,
  type RunsInput,
} from './run-sources.ts';
import type { SmoothingSpec } from '../analysis/smoothing.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { distinctRateGroups, MIN_DISTINCT_RATES } from '../trust/rates.ts';
import { dedupeWarnings, fromMessages } from '../trust/legacy.ts';
import { stageOverlapChecks } from '../trust/stages.ts';
import { enthalpyChecks } from '../trust/enthalpy.ts';
import { kissingerWarnings } from './kissinger.ts';
import { isoWarnings, lgAfJson } from './iso.ts';

/**
 * `ckin analyze`: import runs of any supported format, find the reaction stages, and report per stage the peak
 * table (β, T_onset by the tangent method, T_peak, mass loss or ΔH), Kissinger, Friedman and Vyazovkin. A run that
 * cannot be read is reported in place and the rest of the batch is still analysed.
 */
export interface AnalyzeOptions extends RunsInput, UseCaseCallbacks {
  /**
   * Log each refused run's error through `onLog` (default true). The CLI's text output turns it off: its report
   * lists those runs under "Not analysed", so each file error is printed once.
   */
  logRunErrors?: boolean;
  /** DSC baseline under each peak (default sigmoidal). */
  baseline?: BaselineKind;
  /** Write the HTML report (SVG plots) and analysis.json into this directory; `command` is shown in it. */
  report?: { dir: string; command: string; title?: string };
}

export type AnalyzeJson = ReturnType<typeof analyzeResultJson>;

/** The pipeline's result plus the trust layer's input checks (src/trust/rates.ts, signal.ts), made before the analysis. */
export type CheckedAnalysis = AnalyzeResult & { inputWarnings?: ResultWarning[] };

/** The analysis itself (conversion curves included), for the use cases built on it: fit a stage, predict, db. */
export function runAnalysis(opts: AnalyzeOptions): CheckedAnalysis {
  if (opts.baseline !== undefined && opts.baseline !== 'linear' && opts.baseline !== 'sigmoidal')
    throw new InputError(`--baseline: expected linear or sigmoidal, got "${String(opts.baseline)}"`);
  if (opts.signal !== undefined && opts.signal !== 'mass' && opts.signal !== 'heatflow')
    throw new InputError(`--signal: expected mass or heatflow, got "${String(opts.signal)}"`);
  const { inputs, warnings } = checkSourceRates(readRunSources(opts, opts.onProgress));
  const res = analyzeRuns(inputs, {
    windows: stageWindows(opts),
    baseline: opts.baseline ?? 'sigmoidal',
    signal: opts.signal,
    smoothing: opts.smoothing,
  });
  withholdFewRates(res);
  return { ...res, inputWarnings: warnings };
}

/**
 * ICTAC 2011: no Kissinger or isoconversional result from fewer than 3 distinct heating rates (rates within 2 % are
 * one). Such a stage keeps its peak table; its kinetics are withheld with the reason in `errors`.
 */
function withholdFewRates(res: AnalyzeResult): void {
  for (const s of res.stages) {
    const groups = distinctRateGroups(s.peaks);
    if (groups.length >= MIN_DISTINCT_RATES || !(s.kissinger || s.friedman || s.vyazovkin)) continue;
    s.kissinger = undefined;
    s.friedman = undefined;
    s.vyazovkin = undefined;
    s.errors.push({
      method: 'all',
      message: `needs at least ${MIN_DISTINCT_RATES} distinct heating rates (ICTAC 2011; rates within 2 % count as one); this stage has ${groups.length}: ${groups.map((g) => fmtRate(g[0].beta_K_min)).join(', ')} K/min`,
    });
  }
}

/** Every warning and per-run error of an analysis as log lines (one line each). */
export function analyzeLogLines(result: CheckedAnalysis, runErrors = true): string[] {
  const out: string[] = [];
  for (const w of result.inputWarnings ?? []) out.push(`${w.severity}: ${w.message} [${w.code}]`);
  for (const r of result.runs) {
    if (r.error && runErrors)
      out.push(
        `error: ${r.error.startsWith(r.file) ? r.error : `${r.file}: ${r.error}`} (skipped; the rest is analysed)`,
      );
    for (const w of r.warnings) out.push(`warning: ${r.file}: ${w}`);
  }
  for (const w of result.warnings) out.push(`warning: ${w}`);
  for (const w of result.dataWarnings) if (w.severity !== 'info') out.push(`warning: ${w.message}`);
  for (const r of result.runs)
    for (const w of r.dataWarnings ?? [])
      if (w.severity !== 'info') out.push(`warning: ${r.file}: ${w.message}`);
  for (const s of result.stages) {
    for (const w of s.dataWarnings)
      if (w.severity !== 'info' && w.code !== 'stages.refused')
        out.push(`warning: stage ${s.stage}: ${w.message}`);
    for (const w of s.warnings) out.push(`warning: stage ${s.stage}: ${w}`);
    for (const e of s.errors) out.push(`warning: stage ${s.stage}: ${e.method}: ${e.message}`);
  }
  return out;
}

/** `ckin analyze`: the JSON of the analysis; the report written when asked for. */
export async function analyze(opts: AnalyzeOptions): Promise<AnalyzeJson> {
  const result = runAnalysis(opts);
  for (const line of analyzeLogLines(result, opts.logRunErrors ?? true)) opts.onLog?.(line);
  const json = analyzeResultJson(result, opts.smoothing);
  if (opts.report) {
    // The report module pulls in vega (~0.25 s to load): only when a report is asked for.
    const { writeAnalyzeReport } = await import('../report/write-report.ts');
    const out = await writeAnalyzeReport(resolve(opts.report.dir), result, json, {
      title: opts.report.title ?? 'ckin analyze report',
      command: opts.report.command,
      version: packageVersion(),
    });
    opts.onLog?.(`report written: ${out.html} (${out.svgCount} plots) and ${out.json}`);
  }
  return json;
}

const r2 = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d));

/**
 * An honest count of the batch: a run counts as analysed only when at least one of its peaks entered a stage; every
 * other run is listed with the reason (unreadable, no heating rate, no complete peak, peak on a window edge…).
 */
export function batchSummary(res: AnalyzeResult) {
  const used = new Set(res.stages.flatMap((s) => s.peaks.map((p) => p.file)));
  const refused = res.runs
    .filter((r) => !used.has(r.file))
    .map((r) => {
      const stageWhy = res.stages
        .flatMap((s) => s.warnings)
        .concat(res.warnings)
        .find((w) => w.includes(r.file));
      const why = r.error ?? r.warnings.find((w) => /not analysed|no complete peak/.test(w)) ?? stageWhy;
      return { file: r.file, reason: why ?? 'no usable peak in any stage' };
    });
  const n = res.runs.length;
  const ok = n - refused.length;
  const text =
    `${ok} of ${n} runs analysed` +
    (refused.length
      ? `; ${refused.length} refused: ${refused.map((x) => `${x.file} (${x.reason})`).join('; ')}`
      : '');
  return { runs_total: n, runs_analysed: ok, runs_refused: refused, text };
}

/** The JSON form of an analysis (units in every field name; curves left out), with the trust layer's warnings. */
export function analyzeResultJson(res: CheckedAnalysis, smoothing?: SmoothingSpec) {
  const summary = batchSummary(res);
  const inputWarnings = res.inputWarnings ?? [];
  const withQuality = (ws: ResultWarning[]) => ({ quality: qualityOf(ws), warnings: ws });
  const iso = (r: IsoResult | undefined, ws: ResultWarning[]) =>
    r && {
      rows: r.rows.map((x) => ({
        alpha: x.alpha,
        Ea_kJ_mol: x.Ea_kJ_mol,
        Ea_ci95_low_kJ_mol: x.Ea_ci95_low_kJ_mol,
        Ea_ci95_high_kJ_mol: x.Ea_ci95_high_kJ_mol,
        ...lgAfJson(x),
        quality: qualityOf(ws.filter((w) => w.alpha === undefined || Math.abs(w.alpha - x.alpha) < 1e-9)),
      })),
      ...withQuality(ws),
    };
  const batch: ResultWarning[] = [...fromMessages(res.warnings), ...(res.dataWarnings ?? [])];
  if (summary.runs_refused.length) batch.push(warning('batch.runs_refused', 'caution', summary.text));
  return {
    summary,
    runs: res.runs.map((r) => {
      const ws = dedupeWarnings([
        ...inputWarnings.filter((w) => w.file === r.file),
        ...fromMessages(r.warnings, { file: r.file }),
        ...(r.dataWarnings ?? []),
      ]);
      return {
        file: r.file,
        format: r.format,
        sample: r.sample,
        beta_K_min: r.beta_K_min,
        heatingRateSource: r.heatingRateSource,
        signal: r.signal,
        route: r.route,
        notes: r.notes,
        ...withQuality(ws),
        error: r.error,
      };
    }),
    stages: res.stages.map((s) => {
      const files = new Set(s.peaks.map((p) => p.file));
      const enthalpy = enthalpyChecks(s.peaks, s.stage);
      // An input check (rate, signal) on a file of this stage concerns every multi-rate result of the stage.
      // A ΔH set by the baseline choice sets α(T) too: the stage's kinetics inherit the warning.
      const inputs = [
        ...inputWarnings.filter((w) => w.file !== undefined && files.has(w.file)),
        ...stageOverlapChecks(s.curves, s.stage),
        ...enthalpy.filter((w) => w.code === 'dsc.enthalpy_baseline_dependent'),
      ];
      const fw = s.friedman && [...inputs, ...isoWarnings(s.friedman, { stage: s.stage })];
      const vw = s.vyazovkin && [
        ...inputs,
        ...isoWarnings(s.vyazovkin, { friedman: s.friedman, stage: s.stage }),
      ];
      const kw = s.kissinger && [
        ...inputs,
        ...kissingerWarnings(s.kissinger, { iso: s.friedman ?? s.vyazovkin, stage: s.stage }),
      ];
      return {
        stage: s.stage,
        T_peak_mean_K: s.T_peak_mean_K,
        T_peak_mean_C: s.T_peak_mean_K - 273.15,
        peaks: s.peaks.map((p) => ({
          file: p.file,
          beta_K_min: p.beta_K_min,
          T_onset_K: p.T_onset_K,
          T_onset_C: p.T_onset_K === null ? null : r2(p.T_onset_K - 273.15),
          T_peak_K: p.T_peak_K,
          T_peak_C: r2(p.T_peak_K - 273.15),
          massLoss_pct: p.massLoss_pct,
          enthalpy_J_g: p.enthalpy_J_g,
          window_C: p.window_K.map((t) => r2(t - 273.15)),
        })),
        kissinger: s.kissinger &&
          kw && {
            Ea_kJ_mol: s.kissinger.Ea_kJ_mol,
            Ea_se_kJ_mol: s.kissinger.Ea_se_kJ_mol,
            Ea_ci95_kJ_mol: s.kissinger.Ea_ci95_kJ_mol,
            lgA_s: s.kissinger.lgA_s,
            lgA_se: s.kissinger.lgA_se,
            r2: s.kissinger.r2,
            ...withQuality(dedupeWarnings(kw)),
          },
        friedman: fw && iso(s.friedman, dedupeWarnings(fw)),
        vyazovkin: vw && iso(s.vyazovkin, dedupeWarnings(vw)),
        ea_alpha_methods: eaAlphaMethods(s),
        smoothing: smoothingJson(s.curves, smoothing),
        errors: s.errors,
        ...withQuality([
          ...fromMessages(s.warnings, { stage: s.stage }),
          ...(s.dataWarnings ?? []),
          ...enthalpy,
        ]),
      };
    }),
    ...withQuality(batch),
  };
}
