import type { Command } from 'commander';
import { resolve } from 'node:path';
import { readRunFile } from '../../io/read-run.ts';
import { InputError } from '../../core/input-error.ts';
import { withFileNameRate } from '../../io/instruments/rate-from-filename.ts';
import {
  analyzeResultJson,
  analyzeRuns,
  type AnalyzeInput,
  type AnalyzeResult,
} from '../../analysis/analyze.ts';
import { parseStageWindowsC } from '../../analysis/stage-window.ts';
import { parseRates, parseTemperatureUnitOption, parseNumberOption } from '../options.ts';
import { createProgress } from '../progress.ts';
import { log, printJson } from '../output.ts';
import { fmt, formatTable } from '../../core/format.ts';
import { packageVersion } from '../../core/version.ts';

interface AnalyzeCliOptions {
  window?: string;
  rates?: string;
  columns?: string;
  temperatureUnit?: string;
  exoSign?: string;
  sampleMass?: string;
  baseline?: string;
  signal?: string;
  json?: boolean;
  report?: string;
}

/**
 * `ckin analyze FILES…`: import runs of any supported format, find the reaction stages, and report per stage the
 * peak table (β, T_onset by the tangent method, T_peak, mass loss or ΔH), Kissinger, Friedman and Vyazovkin.
 * A file that cannot be read is reported and the rest of the batch is still analysed.
 */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'import runs (NETZSCH, TA, Mettler, PerkinElmer, Setaram, CSV), find stages, Kissinger + isoconversional',
    )
    .argument('<files...>', 'run files, one per heating rate (replicates allowed)')
    .option(
      '--window <lo:hi>',
      'stage window(s) in °C, e.g. 200:400 or 200:380,380:500 (default: automatic from the peaks)',
    )
    .option(
      '--rates <K/min>',
      'heating rates in K/min, one per file in order (default: header, T(t) slope, or file name)',
    )
    .option('--columns <names>', 'column names for files without a header, e.g. temperature_C,heatflow_W_g')
    .option('--temperature-unit <C|K>', 'temperature unit of the files when a header is missing or wrong')
    .option(
      '--exo-sign <1|-1>',
      'DSC: -1 if exotherms are recorded negative (default: header, else as recorded)',
    )
    .option('--sample-mass <mg>', 'DSC: sample mass to normalise a heat flow in mW when the file has none')
    .option('--baseline <linear|sigmoidal>', 'DSC baseline under each peak', 'sigmoidal')
    .option('--signal <mass|heatflow>', 'for runs with both (STA): which signal to analyse (default mass)')
    .option('--report <dir>', 'write an HTML report with SVG plots (and analysis.json) into this directory')
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: AnalyzeCliOptions) => {
      const result = analyzeFiles(files, opts);
      if (opts.report) {
        // The report module pulls in vega (~0.25 s to load): only with --report.
        const { writeAnalyzeReport } = await import('../../report/write-report.ts');
        const out = await writeAnalyzeReport(resolve(opts.report), result, {
          title: 'ckin analyze report',
          command: ['ckin analyze', ...process.argv.slice(3)].join(' '),
          version: packageVersion(),
        });
        log(`report written: ${out.html} (${out.svgCount} plots) and ${out.json}`);
      }
      if (opts.json) printJson(analyzeResultJson(result));
      else process.stdout.write(formatAnalyze(result) + '\n');
      if (result.runs.every((r) => r.error)) process.exitCode = 2;
    });
}

/** Read every file (errors kept per file) and run the analysis pipeline. */
export function analyzeFiles(files: string[], opts: AnalyzeCliOptions): AnalyzeResult {
  if (files.length === 0) throw new InputError('give at least one run file');
  const rates = parseRates(opts.rates);
  if (rates && rates.length !== files.length) {
    throw new InputError(
      `--rates has ${rates.length} values for ${files.length} files: give one rate per file, in order`,
    );
  }
  const exo = parseNumberOption('--exo-sign', opts.exoSign);
  if (exo !== undefined && exo !== 1 && exo !== -1)
    throw new InputError(`--exo-sign: expected 1 or -1, got ${opts.exoSign}`);
  const baseline = opts.baseline ?? 'sigmoidal';
  if (baseline !== 'linear' && baseline !== 'sigmoidal') {
    throw new InputError(`--baseline: expected linear or sigmoidal, got "${opts.baseline}"`);
  }
  const readOpts = {
    temperatureUnit: parseTemperatureUnitOption(opts.temperatureUnit),
    columns: opts.columns ? opts.columns.split(',').map((s) => s.trim()) : undefined,
    exoSign: exo as 1 | -1 | undefined,
    sampleMass_mg: parseNumberOption('--sample-mass', opts.sampleMass),
  };
  const windows = opts.window ? parseStageWindowsC(opts.window) : undefined;
  const signal = opts.signal;
  if (signal !== undefined && signal !== 'mass' && signal !== 'heatflow') {
    throw new InputError(`--signal: expected mass or heatflow, got "${signal}"`);
  }
  const progress = createProgress();
  progress.start(files.length, 'reading');
  const inputs: AnalyzeInput[] = files.map((file, i) => {
    try {
      const run = withFileNameRate(readRunFile(file, { ...readOpts, heatingRate_K_min: rates?.[i] }));
      return { file, run };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { file, error: e.message };
    } finally {
      progress.update(i + 1);
    }
  });
  progress.stop();
  const result = analyzeRuns(inputs, { windows, baseline, signal });
  for (const r of result.runs) {
    if (r.error)
      log(
        `error: ${r.error.startsWith(r.file) ? r.error : `${r.file}: ${r.error}`} (skipped; the rest is analysed)`,
      );
    for (const w of r.warnings) log(`warning: ${r.file}: ${w}`);
  }
  for (const w of result.warnings) log(`warning: ${w}`);
  for (const s of result.stages) {
    for (const w of s.warnings) log(`warning: stage ${s.stage}: ${w}`);
    for (const e of s.errors) log(`warning: stage ${s.stage}: ${e.method}: ${e.message}`);
  }
  return result;
}

/** Plain-text report: the per-rate peak table and the kinetics of each stage. */
export function formatAnalyze(res: AnalyzeResult): string {
  const out: string[] = [];
  const ok = res.runs.filter((r) => !r.error).length;
  out.push(`${ok} of ${res.runs.length} runs analysed; ${res.stages.length} stage(s)`);
  for (const s of res.stages) {
    out.push('', `Stage ${s.stage}: peak ≈ ${fmt(s.T_peak_mean_K - 273.15, 1)} °C`);
    out.push(
      formatTable(
        ['beta_K_min', 'T_onset_C', 'T_peak_C', 'mass_loss_%', 'dH_J_g', 'window_C', 'file'],
        s.peaks.map((p) => [
          fmt(p.beta_K_min, 3),
          fmt(p.T_onset_K === null ? null : p.T_onset_K - 273.15, 1),
          fmt(p.T_peak_K - 273.15, 2),
          fmt(p.massLoss_pct, 2),
          fmt(p.enthalpy_J_g, 1),
          `${fmt(p.window_K[0] - 273.15, 0)}–${fmt(p.window_K[1] - 273.15, 0)}`,
          p.file,
        ]),
      ),
    );
    if (s.kissinger) {
      const k = s.kissinger;
      out.push(
        `Kissinger  Ea = ${fmt(k.Ea_kJ_mol, 2)} ± ${fmt(k.Ea_se_kJ_mol, 2)} kJ/mol (SE), lgA = ${fmt(k.lgA_s, 3)} (A in s⁻¹), R² = ${fmt(k.r2, 5)}`,
      );
    }
    for (const [name, r] of [
      ['Friedman ', s.friedman],
      ['Vyazovkin', s.vyazovkin],
    ] as const) {
      if (!r) continue;
      const pick = r.rows.filter((x) => [0.1, 0.3, 0.5, 0.7, 0.9].some((a) => Math.abs(x.alpha - a) < 1e-9));
      out.push(`${name}  Ea(α) kJ/mol: ${pick.map((x) => `${x.alpha}: ${fmt(x.Ea_kJ_mol, 1)}`).join(', ')}`);
    }
    for (const e of s.errors) out.push(`  (${e.method}: ${e.message})`);
  }
  const failed = res.runs.filter((r) => r.error);
  if (failed.length) out.push('', 'Not analysed:', ...failed.map((r) => `  ${r.file}: ${r.error}`));
  return out.join('\n');
}
