import type { Command } from 'commander';
import { kissinger, type KissingerJson } from '../../app/kissinger.ts';
import { addRunInputOptions, parseRunReadOptions, runSources, type RunInputOptions } from '../options.ts';
import { printJson, printText, log, formatWarnings } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin kissinger FILE…`: Kissinger Ea and lgA from the dα/dT peaks of runs at several heating rates. */
export function register(program: Command): void {
  const cmd = program.command('kissinger').argument('<files...>', 'one run file per heating rate');
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
    .action((files: string[], opts: RunInputOptions & { json?: boolean }) => {
      const res = kissinger({ runs: runSources(files), ...parseRunReadOptions(opts), onLog: log });
      if (opts.json) printJson(res);
      else printText(res, formatKissinger(res));
    });
}

export function formatKissinger(res: KissingerJson): string {
  const table = formatTable(
    ['beta_K_min', 'T_peak_C', 'T_peak_K', '1000/T', 'ln(beta/T^2)', 'file'],
    res.points.map((p) => [
      fmt(p.beta_K_min, 3),
      fmt(p.T_peak_K - 273.15, 2),
      fmt(p.T_peak_K, 2),
      fmt(p.x_1000_per_K, 5),
      fmt(p.y_ln_beta_K_s_per_T2, 4),
      p.file ?? '',
    ]),
  );
  return [
    table,
    '',
    `Kissinger  Ea = ${fmt(res.Ea_kJ_mol, 2)} ± ${fmt(res.Ea_se_kJ_mol, 2)} kJ/mol (SE; 95 % ± ${fmt(res.Ea_ci95_kJ_mol, 2)})`,
    `           lgA = ${fmt(res.lgA_s, 3)} ± ${fmt(res.lgA_se, 3)} (A in s⁻¹)`,
    `           R² = ${fmt(res.r2, 5)}`,
    `           quality: ${res.quality}`,
    ...formatWarnings(res.warnings, '           '),
  ].join('\n');
}
