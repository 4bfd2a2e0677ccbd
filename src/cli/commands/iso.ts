import type { Command } from 'commander';
import { canonicalIsoMethod, ISO_METHODS, parseAlphaGrid } from '../../analysis/isoconversional/index.ts';
import { iso, type IsoJson } from '../../app/iso.ts';
import {
  addRunInputOptions,
  parseChoice,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { printJson, printText, log, formatWarnings } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin iso FILE… --method …`: Ea(α) by an isoconversional method. */
export function register(program: Command): void {
  const cmd = program
    .command('iso')
    .argument('<files...>', 'one run file per heating rate')
    .option('--method <name>', `one of ${ISO_METHODS.join(', ')} (ofw = fwo)`, 'friedman')
    .option('--alpha <from:to:step>', 'conversion grid', '0.05:0.95:0.05');
  addRunInputOptions(cmd, [
    'rates',
    'window',
    'temperatureUnit',
    'columns',
    'smoothing',
    'sgWindow',
    'sgOrder',
  ])
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: RunInputOptions & { method: string; alpha: string; json?: boolean }) => {
      const method = parseChoice('--method', canonicalIsoMethod(opts.method), ISO_METHODS);
      const res = iso({
        runs: runSources(files),
        ...parseRunReadOptions(opts),
        method,
        alphaGrid: parseAlphaGrid(opts.alpha),
        onLog: log,
      });
      if (opts.json) printJson(res);
      else printText(res, formatIso(res));
    });
}

export function formatIso(res: IsoJson): string {
  return (
    `${res.method}: ${res.note}\n` +
    formatTable(
      ['alpha', 'Ea_kJ_mol', 'SE', 'CI95_low', 'CI95_high', 'R2', 'quality'],
      res.rows.map((r) => [
        fmt(r.alpha, 2),
        fmt(r.Ea_kJ_mol, 2),
        fmt(r.Ea_se_kJ_mol, 2),
        fmt(r.Ea_ci95_low_kJ_mol, 2),
        fmt(r.Ea_ci95_high_kJ_mol, 2),
        r.r2 === null ? '—' : fmt(r.r2, 4),
        r.quality,
      ]),
    ) +
    `\nquality: ${res.quality}` +
    formatWarnings(
      res.warnings,
      '  ',
      res.rows.map((r) => r.alpha),
    )
      .map((l) => `\n${l}`)
      .join('')
  );
}
