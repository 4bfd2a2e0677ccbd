import { resolve } from 'node:path';
import { analyzeRuns, type AnalyzeResult } from '../analysis/analyze.ts';
import type { BaselineKind } from '../analysis/dsc-baseline.ts';
import type { IsoResult } from '../analysis/isoconversional/result.ts';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { readRunSources, smoothingJson, stageWindows, type RunsInput } from './run-sources.ts';
import type { SmoothingSpec } from '../analysis/smoothing.ts';

/**
 * `ckin analyze`: import runs of any supported format, find the reaction stages, and report per stage the peak
 * table (β, T_onset by the tangent method, T_peak, mass loss or ΔH), Kissinger, Friedman and Vyazovkin. A run that
 * cannot be read is reported in place and the rest of the batch is still analysed.
 */
export interface AnalyzeOptions extends RunsInput, UseCaseCallbacks {
  /** DSC baseline under each peak (default sigmoidal). */
  baseline?: BaselineKind;
  /** Write the HTML report (SVG plots) and analysis.json into this directory; `command` is shown in it. */
  report?: { dir: string; command: string; title?: string };
}

export type AnalyzeJson = ReturnType<typeof analyzeResultJson>;

/** The analysis itself (conversion curves included), for the use cases built on it: fit a stage, predict, db. */
export function runAnalysis(opts: AnalyzeOptions): AnalyzeResult {
  if (opts.baseline !== undefined && opts.baseline !== 'linear' && opts.baseline !== 'sigmoidal')
    throw new InputError(`--baseline: expected linear or sigmoidal, got "${String(opts.baseline)}"`);
  if (opts.signal !== undefined && opts.signal !== 'mass' && opts.signal !== 'heatflow')
    throw new InputError(`--signal: expected mass or heatflow, got "${String(opts.signal)}"`);
  const inputs = readRunSources(opts, opts.onProgress);
  return analyzeRuns(inputs, {
    windows: stageWindows(opts),
    baseline: opts.baseline ?? 'sigmoidal',
    signal: opts.signal,
    smoothing: opts.smoothing,
  });
}

/** Every warning and per-run error of an analysis as log lines (one line each). */
export function analyzeLogLines(result: AnalyzeResult): string[] {
  const out: string[] = [];
  for (const r of result.runs) {
    if (r.error)
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
  for (const line of analyzeLogLines(result)) opts.onLog?.(line);
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

/** The JSON form of an analysis (units in every field name; curves left out). */
export function analyzeResultJson(res: AnalyzeResult, smoothing?: SmoothingSpec) {
  const iso = (r?: IsoResult) =>
    r && {
      rows: r.rows.map((x) => ({
        alpha: x.alpha,
        Ea_kJ_mol: x.Ea_kJ_mol,
        Ea_ci95_low_kJ_mol: x.Ea_ci95_low_kJ_mol,
        Ea_ci95_high_kJ_mol: x.Ea_ci95_high_kJ_mol,
      })),
      warnings: r.warnings,
    };
  return {
    runs: res.runs.map((r) => ({
      file: r.file,
      format: r.format,
      sample: r.sample,
      beta_K_min: r.beta_K_min,
      heatingRateSource: r.heatingRateSource,
      signal: r.signal,
      route: r.route,
      dataWarnings: r.dataWarnings ?? [],
      notes: r.notes,
      warnings: r.warnings,
      error: r.error,
    })),
    stages: res.stages.map((s) => ({
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
      kissinger: s.kissinger && {
        Ea_kJ_mol: s.kissinger.Ea_kJ_mol,
        Ea_se_kJ_mol: s.kissinger.Ea_se_kJ_mol,
        Ea_ci95_kJ_mol: s.kissinger.Ea_ci95_kJ_mol,
        lgA_s: s.kissinger.lgA_s,
        lgA_se: s.kissinger.lgA_se,
        r2: s.kissinger.r2,
        warnings: s.kissinger.warnings,
      },
      friedman: iso(s.friedman),
      vyazovkin: iso(s.vyazovkin),
      smoothing: smoothingJson(s.curves, smoothing),
      dataWarnings: s.dataWarnings,
      errors: s.errors,
      warnings: s.warnings,
    })),
    warnings: res.warnings,
    dataWarnings: res.dataWarnings,
  };
}
