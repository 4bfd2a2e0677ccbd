import type { Command } from 'commander';
import { loadCurves, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import {
  ISO_METHODS,
  isoconversional,
  defaultAlphaGrid,
  type IsoMethod,
  type IsoResult,
} from '../../analysis/isoconversional/index.ts';
import { InputError } from '../../core/input-error.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin iso FILE… --method …`: Ea(α) by an isoconversional method. */
export function registerIso(program: Command): void {
  program
    .command('iso')
    .description('isoconversional analysis: Ea(α) by Friedman, KAS, FWO or Vyazovkin')
    .argument('<files...>', 'one run file per heating rate')
    .option('--method <name>', `one of ${ISO_METHODS.join(', ')}`, 'friedman')
    .option('--alpha <from:to:step>', 'conversion grid', '0.05:0.95:0.05')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--window <lo:hi>', RUN_INPUT_OPTION_HELP.window)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option('--sg-window <points>', RUN_INPUT_OPTION_HELP.sgWindow)
    .option('--sg-order <order>', RUN_INPUT_OPTION_HELP.sgOrder)
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: RunInputOptions & { method: string; alpha: string; json?: boolean }) => {
      const method = opts.method.toLowerCase() as IsoMethod;
      if (!ISO_METHODS.includes(method)) {
        throw new InputError(`--method: unknown method "${opts.method}" (use ${ISO_METHODS.join(', ')})`);
      }
      const alphas = parseAlphaGrid(opts.alpha);
      const { curves } = loadCurves(files, opts);
      const res = isoconversional(method, curves, alphas);
      for (const w of res.warnings) log(`warning: ${w}`);
      if (opts.json) printJson(isoJson(res));
      else process.stdout.write(formatIso(res) + '\n');
    });
}

/** Parse `--alpha 0.05:0.95:0.05`. */
export function parseAlphaGrid(spec: string): number[] {
  const parts = spec.split(':').map(Number);
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) {
    throw new InputError(`--alpha: expected FROM:TO:STEP, got "${spec}"`);
  }
  const [from, to, step] = parts;
  if (!(from > 0 && to < 1 && from <= to && step > 0)) {
    throw new InputError(`--alpha: need 0 < FROM ≤ TO < 1 and STEP > 0, got "${spec}"`);
  }
  return defaultAlphaGrid(step, from, to);
}

/** JSON shape of an isoconversional result. */
export function isoJson(res: IsoResult) {
  return {
    method: res.method,
    rates_K_min: res.rates_K_min,
    note: res.note,
    alpha: res.rows.map((r) => r.alpha),
    Ea_kJ_mol: res.rows.map((r) => r.Ea_kJ_mol),
    Ea_se_kJ_mol: res.rows.map((r) => r.Ea_se_kJ_mol),
    Ea_ci95_low_kJ_mol: res.rows.map((r) => r.Ea_ci95_low_kJ_mol),
    Ea_ci95_high_kJ_mol: res.rows.map((r) => r.Ea_ci95_high_kJ_mol),
    r2: res.rows.map((r) => r.r2 ?? null),
    rows: res.rows.map((r) => ({
      alpha: r.alpha,
      Ea_kJ_mol: r.Ea_kJ_mol,
      Ea_se_kJ_mol: r.Ea_se_kJ_mol,
      Ea_ci95_low_kJ_mol: r.Ea_ci95_low_kJ_mol,
      Ea_ci95_high_kJ_mol: r.Ea_ci95_high_kJ_mol,
      r2: r.r2 ?? null,
      T_K: r.T_K,
    })),
    warnings: res.warnings,
  };
}

export function formatIso(res: IsoResult): string {
  return (
    `${res.method}: ${res.note}\n` +
    formatTable(
      ['alpha', 'Ea_kJ_mol', 'SE', 'CI95_low', 'CI95_high', 'R2'],
      res.rows.map((r) => [
        fmt(r.alpha, 2),
        fmt(r.Ea_kJ_mol, 2),
        fmt(r.Ea_se_kJ_mol, 2),
        fmt(r.Ea_ci95_low_kJ_mol, 2),
        fmt(r.Ea_ci95_high_kJ_mol, 2),
        r.r2 === undefined ? '—' : fmt(r.r2, 4),
      ]),
    )
  );
}
