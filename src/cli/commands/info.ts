import type { Command } from 'commander';
import { info, type RunDescription } from '../../app/info.ts';
import { addRunInputOptions, parseRunReadOptions, runSources, type RunInputOptions } from '../options.ts';
import { printJson } from '../output.ts';

/** `ckin info FILE…`: what the readers understood of each file. */
export function register(program: Command): void {
  const cmd = program.command('info').argument('<files...>', 'run files');
  addRunInputOptions(cmd, ['rates', 'temperatureUnit', 'columns'])
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: RunInputOptions & { json?: boolean }) => {
      const res = info({ runs: runSources(files), ...parseRunReadOptions(opts) });
      if (opts.json) printJson(res);
      else for (const s of res.runs) process.stdout.write(formatRunSummary(s) + '\n');
    });
}

function formatRunSummary(s: RunDescription): string {
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
