import type { Command } from 'commander';
import { masterplot, type MasterPlotJson } from '../../app/masterplot.ts';
import {
  addRunInputOptions,
  parseNumberOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { printJson, printText, log, formatWarnings } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin masterplot FILE… [--Ea-kJ-mol X]`: master plots y(α), z(α) and the reaction models that match them. */
export function register(program: Command): void {
  const cmd = program
    .command('masterplot')
    .argument('<files...>', 'one run file per heating rate')
    .option('--Ea-kJ-mol <Ea>', 'activation energy, kJ/mol (default: mean Friedman Ea over α 0.1–0.9)');
  addRunInputOptions(cmd, [
    'rates',
    'window',
    'temperatureUnit',
    'columns',
    'smoothing',
    'sgWindow',
    'sgOrder',
  ])
    .option('--json', 'print one JSON object on stdout (α grid, y, z per run and per model)')
    .action((files: string[], opts: RunInputOptions & { EaKJMol?: string; json?: boolean }) => {
      const res = masterplot({
        runs: runSources(files),
        ...parseRunReadOptions(opts),
        Ea_kJ_mol: parseNumberOption('--Ea-kJ-mol', opts.EaKJMol),
        onLog: log,
      });
      if (opts.json) printJson(res);
      else printText(res, formatMasterPlot(res));
    });
}

export function formatMasterPlot(res: MasterPlotJson): string {
  const table = formatTable(
    ['rank', 'model', 'score', 'RMS_y', 'RMS_z'],
    res.ranking.map((m, i) => [String(i + 1), m.model, fmt(m.score, 4), fmt(m.d_y, 4), fmt(m.d_z, 4)]),
  );
  const sb = res.sestak_berggren;
  return [
    `master plots with Ea = ${fmt(res.Ea_kJ_mol, 2)} kJ/mol (${res.Ea_source})`,
    `α_y (max of y) = ${fmt(res.alpha_y_max, 3)}   α_z∞ (max of z) = ${fmt(res.alpha_z_max, 3)}`,
    `Málek: ${res.diagnosis}`,
    '',
    table,
    '',
    sb
      ? `Šesták–Berggren fit: m = ${fmt(sb.m, 3)}, n = ${fmt(sb.n, 3)}, score ${fmt(sb.score, 4)} (two free exponents: not ranked)`
      : 'Šesták–Berggren fit: not available',
    `best: ${res.best}   quality: ${res.quality}`,
    ...formatWarnings(res.warnings, '  '),
  ].join('\n');
}
