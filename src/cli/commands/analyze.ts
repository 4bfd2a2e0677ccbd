import { pushAll } from '../../core/arrays.ts';
import type { Command } from 'commander';
import { analyze, type AnalyzeJson } from '../../app/analyze.ts';
import { parseChoice, parseRunReadOptions, runSources, type RunInputOptions } from '../options.ts';
import { progressBars } from '../progress.ts';
import { formatWarnings, log, printJson, printText } from '../output.ts';
import { fmt, formatTable } from '../../core/format.ts';

interface AnalyzeCliOptions extends RunInputOptions {
  baseline?: string;
  json?: boolean;
  report?: string;
}

/**
 * `ckin analyze FILES…`: import runs of any supported format, find the reaction stages, and report per stage the
 * peak table, Kissinger, Friedman and Vyazovkin (src/app/analyze.ts).
 */
export function register(program: Command): void {
  program
    .command('analyze')
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
    .option(
      '--smoothing <spec>',
      'how α is smoothed and differentiated: auto (GCV smoothing spline, default), spline:λ or sg:W[:O]',
    )
    .option('--baseline <linear|sigmoidal>', 'DSC baseline under each peak', 'sigmoidal')
    .option('--signal <mass|heatflow>', 'for runs with both (STA): which signal to analyse (default mass)')
    .option('--report <dir>', 'write an HTML report with SVG plots (and analysis.json) into this directory')
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: AnalyzeCliOptions) => {
      const bars = await progressBars();
      const result = await analyze({
        runs: runSources(files),
        ...parseRunReadOptions(opts, true),
        baseline: parseChoice('--baseline', opts.baseline, ['sigmoidal', 'linear'] as const),
        logRunErrors: Boolean(opts.json),
        report: opts.report
          ? { dir: opts.report, command: ['ckin analyze', ...process.argv.slice(3)].join(' ') }
          : undefined,
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(result);
      else printText(result, formatAnalyze(result));
      if (result.runs.every((r) => r.error)) process.exitCode = 2;
    });
}

/** Plain-text report: the per-rate peak table and the kinetics of each stage. */
export function formatAnalyze(res: AnalyzeJson): string {
  const out: string[] = [];
  // the refused runs and their reasons are listed once, under "Not analysed" at the end
  const { runs_analysed, runs_total, runs_refused } = res.summary;
  out.push(
    `${runs_analysed} of ${runs_total} runs analysed${runs_refused.length ? `; ${runs_refused.length} refused (see "Not analysed" below)` : ''}; ${res.stages.length} stage(s)`,
  );
  pushAll(out, formatWarnings(res.warnings.filter((w) => w.code !== 'batch.runs_refused')));
  // One line per warning, naming every run it is about (the same note on five runs is one line).
  pushAll(out, formatWarnings(res.runs.flatMap((r) => r.warnings.map((w) => ({ ...w, file: r.file })))));
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
          `${fmt(p.window_C[0], 0)}–${fmt(p.window_C[1], 0)}`,
          p.file,
        ]),
      ),
    );
    if (s.kissinger) {
      const k = s.kissinger;
      out.push(
        `Kissinger  Ea = ${fmt(k.Ea_kJ_mol, 2)} ± ${fmt(k.Ea_se_kJ_mol, 2)} kJ/mol (SE), lgA = ${fmt(k.lgA_s, 3)} (A in s⁻¹), R² = ${fmt(k.r2, 5)}  [${k.quality}]`,
      );
      pushAll(out, formatWarnings(k.warnings, '    '));
    }
    for (const [name, r] of [
      ['Friedman ', s.friedman],
      ['Vyazovkin', s.vyazovkin],
    ] as const) {
      if (!r) continue;
      const pick = r.rows.filter((x) => [0.1, 0.3, 0.5, 0.7, 0.9].some((a) => Math.abs(x.alpha - a) < 1e-9));
      out.push(
        `${name}  Ea(α) kJ/mol: ${pick.map((x) => `${x.alpha}: ${fmt(x.Ea_kJ_mol, 1)}`).join(', ')}  [${r.quality}]`,
      );
      pushAll(
        out,
        formatWarnings(
          r.warnings,
          '    ',
          r.rows.map((x) => x.alpha),
        ),
      );
    }
    for (const e of s.errors) out.push(`  (${e.method}: ${e.message})`);
    pushAll(out, formatWarnings(s.warnings));
  }
  const failed = res.summary.runs_refused;
  if (failed.length)
    pushAll(out, [
      '',
      'Not analysed:',
      ...failed.map((r) => `  ${r.reason.startsWith(r.file) ? r.reason : `${r.file}: ${r.reason}`}`),
    ]);
  return out.join('\n');
}
