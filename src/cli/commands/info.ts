import type { Command } from 'commander';
import { loadRuns, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import { printJson } from '../output.ts';
import type { Run } from '../../io/run.ts';

/** `ckin info FILE…`: what the readers understood of each file. */
export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('show what was parsed from run files: format, columns, units, heating rate, points')
    .argument('<files...>', 'run files')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: RunInputOptions & { json?: boolean }) => {
      const runs = loadRuns(files, opts);
      const summaries = runs.map(describeRun);
      if (opts.json) printJson({ runs: summaries });
      else for (const s of summaries) process.stdout.write(formatRunSummary(s) + '\n');
    });
}

/** A JSON-friendly description of a parsed run. */
export function describeRun(run: Run) {
  const T = run.temperature_K;
  const columns = (
    [
      ['time_s', run.time_s],
      ['temperature_K', run.temperature_K],
      ['mass_mg', run.mass_mg],
      ['mass_pct', run.mass_pct],
      ['alpha', run.alpha],
      ['dadT_per_K', run.dadT_per_K],
      ['heatFlow_W_g', run.heatFlow_W_g],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([name]) => name);
  return {
    file: run.file,
    format: run.format,
    sample: run.sample,
    points: T.length,
    columns,
    T_min_K: Math.min(...T),
    T_max_K: Math.max(...T),
    beta_K_min: run.heatingRate_K_min ?? null,
    beta_source: run.heatingRateSource ?? null,
    program: run.program,
    notes: run.notes,
    warnings: run.warnings,
  };
}

function formatRunSummary(s: ReturnType<typeof describeRun>): string {
  const lines = [
    `${s.file}`,
    `  format      ${s.format}`,
    `  sample      ${s.sample.name ?? '—'}${s.sample.mass_mg !== undefined ? `, ${s.sample.mass_mg} mg` : ''}`,
    `  columns     ${s.columns.join(', ')}`,
    `  points      ${s.points}`,
    `  T range     ${(s.T_min_K - 273.15).toFixed(1)} – ${(s.T_max_K - 273.15).toFixed(1)} °C`,
    `  rate        ${s.beta_K_min !== null ? `${s.beta_K_min.toFixed(3)} K/min (${s.beta_source})` : 'unknown'}`,
  ];
  for (const n of s.notes) lines.push(`  note        ${n}`);
  for (const w of s.warnings) lines.push(`  WARNING     ${w}`);
  return lines.join('\n');
}
