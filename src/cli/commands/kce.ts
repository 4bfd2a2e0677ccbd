import type { Command } from 'commander';
import { NCM_MATERIALS, ZHOU2026_KCE_N, ZHOU2026_TABLE2_LGA } from '../../data/paper-zhou2026.ts';
import type { KceScanResult } from '../../analysis/kce.ts';
import { InputError } from '../../core/input-error.ts';
import { kce, type MaterialReport } from '../../app/kce.ts';
import {
  addRunInputOptions,
  parseIntegerOption,
  parseNumberOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { progressBars } from '../progress.ts';
import { printJson, printText, log } from '../output.ts';
import { formatTable, fmt, fmtRate } from '../../core/format.ts';

interface KceCliOptions extends RunInputOptions {
  material?: string;
  n?: string;
  ea?: string;
  steps?: string;
  samples?: string;
  json?: boolean;
}

/**
 * `ckin kce [FILE…] --material M|all`: the paper's KCE lines (Zhou 2026 Table 2) recomputed, their consistency with
 * the measured peaks, and with run files a KCE scan of the data (src/app/kce.ts).
 */
export function register(program: Command): void {
  const cmd = program
    .command('kce')
    .argument('[files...]', 'run files (one per heating rate) to scan; optional')
    .option('--material <name>', `${NCM_MATERIALS.join(', ')} or all`, 'all')
    .option('--n <value>', 'Avrami exponent held fixed', String(ZHOU2026_KCE_N))
    .option('--ea <lo:hi>', 'Ea range of the scan, kJ/mol', '100:280')
    .option('--steps <int>', 'Ea steps of the scan', '37')
    .option('--samples <int>', 'Ea samples per line for the peak statistics of the consistency check', '57');
  addRunInputOptions(cmd)
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: KceCliOptions) => {
      const ea = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(opts.ea ?? '');
      if (files.length > 0 && (!ea || !(Number(ea[2]) > Number(ea[1]))))
        throw new InputError(`--ea: expected LO:HI in kJ/mol, got "${opts.ea}"`);
      const bars = await progressBars();
      const res = kce({
        runs: runSources(files),
        ...parseRunReadOptions(opts),
        material: opts.material,
        n: parseNumberOption('--n', opts.n),
        Ea_range_kJ_mol: ea ? [Number(ea[1]), Number(ea[2])] : undefined,
        steps: parseIntegerOption('--steps', opts.steps, 0),
        samples: parseIntegerOption('--samples', opts.samples, 0),
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(res);
      else printText(res, formatKce(res.materials, res.scan ?? undefined));
    });
}

function formatKce(out: MaterialReport[], scan?: KceScanResult): string {
  const parts: string[] = [];
  parts.push(
    'Zhou 2026 Table 2: Ea (kJ/mol) at fixed lgA from the printed lines (difference to the printed value in brackets)',
    formatTable(
      ['lgA', ...out.map((o) => o.material)],
      ZHOU2026_TABLE2_LGA.map((lgA, i) => [
        lgA,
        ...out.map(
          (o) =>
            `${fmt(o.table2[i].Ea_kJ_mol, 2)} (${o.table2[i].difference_kJ_mol >= 0 ? '+' : ''}${fmt(o.table2[i].difference_kJ_mol, 2)})`,
        ),
      ]),
    ),
    '',
    formatTable(
      ['material', 'a_printed', 'b_printed', 'a_from_table', 'b_from_table', 'T_iso_K'],
      out.map((o) => [
        o.material,
        fmt(o.line.slope_per_kJ_mol, 4),
        fmt(o.line.intercept, 2),
        fmt(o.line_from_table2.slope_per_kJ_mol, 5),
        fmt(o.line_from_table2.intercept, 3),
        fmt(o.line.T_iso_K, 1),
      ]),
    ),
    '',
  );
  for (const [key, title] of [
    ['measured_as_printed_K', 'Table 1 peaks as printed (K)'],
    ['measured_read_as_C', 'the same numbers read as °C (Table 2 labels them °C)'],
  ] as const) {
    parts.push(
      `Consistency check, n = ${out[0]?.consistency[key].n}, Ea uniform 120–260 kJ/mol on each line, 30–800 °C — measured peaks: ${title}`,
      formatTable(
        [
          'material',
          'beta',
          'Tp_meas_K',
          'Tp_median_K',
          'mismatch_K',
          'in_window',
          'unfinished',
          'Ea_match',
          'closest_Tp_K',
        ],
        out.flatMap((o) =>
          o.consistency[key].rates.map((r) => [
            o.material,
            fmtRate(r.beta_K_min),
            fmt(r.T_peak_measured_K, 1),
            fmt(r.T_peak_median_K, 1),
            fmt(r.mismatch_K, 1),
            fmt(r.fraction_peak_in_window, 2),
            fmt(r.fraction_unfinished, 2),
            Number.isFinite(r.Ea_matching_kJ_mol) ? fmt(r.Ea_matching_kJ_mol, 1) : 'none',
            `${fmt(r.T_peak_closest_K, 1)} @${fmt(r.Ea_closest_kJ_mol, 0)}`,
          ]),
        ),
      ),
      '',
    );
  }
  parts.push(
    'Ea_match: Ea in 20–400 kJ/mol on the line whose peak falls on the measured one ("none": no such Ea; closest_Tp_K is the',
    'nearest peak the line can produce, @ its Ea). One point on a line that explained the data would match all three rates.',
  );
  if (scan) {
    parts.push(
      '',
      `KCE scan of the runs (n = ${scan.n} fixed, ${scan.points.length} Ea steps): lgA = ${fmt(scan.line.slope_per_kJ_mol, 5)}·Ea ${scan.line.intercept >= 0 ? '+' : '−'} ${fmt(Math.abs(scan.line.intercept), 3)}  (R² ${fmt(scan.line.r2, 5)}, T_iso ${fmt(scan.line.T_iso_K, 1)} K)`,
      `  best: Ea = ${fmt(scan.best.Ea_kJ_mol, 2)} kJ/mol, lgA = ${fmt(scan.best.lgA_s, 3)}, loss ${scan.best.loss.toExponential(3)}, R² ${scan.best.r2.map((v) => fmt(v, 4)).join('/')}`,
    );
  }
  return parts.join('\n');
}
