import type { Command } from 'commander';
import { loadCurves, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import { kissingerFromCurves, type KissingerResult } from '../../analysis/kissinger.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin kissinger FILE…`: Kissinger Ea and lgA from the dα/dT peaks of runs at several heating rates. */
export function registerKissinger(program: Command): void {
  program
    .command('kissinger')
    .description('Kissinger analysis: Ea and lgA from the peak temperatures at several heating rates')
    .argument('<files...>', 'one run file per heating rate')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--window <lo:hi>', RUN_INPUT_OPTION_HELP.window)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option('--sg-window <points>', RUN_INPUT_OPTION_HELP.sgWindow)
    .option('--sg-order <order>', RUN_INPUT_OPTION_HELP.sgOrder)
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: RunInputOptions & { json?: boolean }) => {
      const { curves } = loadCurves(files, opts);
      const res = kissingerFromCurves(curves);
      for (const w of res.warnings) log(`warning: ${w}`);
      if (opts.json) printJson(kissingerJson(res));
      else process.stdout.write(formatKissinger(res) + '\n');
    });
}

/** The JSON shape of a Kissinger result (units in every field name). */
export function kissingerJson(res: KissingerResult) {
  return {
    method: 'kissinger',
    Ea_kJ_mol: res.Ea_kJ_mol,
    Ea_se_kJ_mol: res.Ea_se_kJ_mol,
    Ea_ci95_kJ_mol: res.Ea_ci95_kJ_mol,
    lgA_s: res.lgA_s,
    lgA_se: res.lgA_se,
    r2: res.r2,
    points: res.points.map((p) => ({
      file: p.file,
      beta_K_min: p.beta_K_min,
      T_peak_K: p.T_peak_K,
      T_peak_C: p.T_peak_K - 273.15,
      x_1000_per_K: p.x_1000_per_K,
      y_ln_beta_K_s_per_T2: p.y_ln_beta_K_s_per_T2,
    })),
    warnings: res.warnings,
  };
}

export function formatKissinger(res: KissingerResult): string {
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
  ].join('\n');
}
