import type { Command } from 'commander';
import {
  NCM_MATERIALS,
  type NcmMaterial,
  ZHOU2026_KCE_LINES,
  ZHOU2026_RATES_K_MIN,
  ZHOU2026_TABLE1_TP_K,
  ZHOU2026_TABLE2_EA_KJ_MOL,
  ZHOU2026_TABLE2_LGA,
  ZHOU2026_KCE_N,
} from '../../data/paper-zhou2026.ts';
import {
  fitKceLine,
  isokineticTemperature_K,
  kceScan,
  kceTable,
  type KceScanResult,
} from '../../analysis/kce.ts';
import { kceConsistency, type KceConsistency } from '../../analysis/kce-consistency.ts';
import { InputError } from '../../core/input-error.ts';
import { ZERO_CELSIUS_K } from '../../kinetics/constants.ts';
import { loadCurves, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import { parseNumberOption } from '../options.ts';
import { createProgress } from '../progress.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

interface KceCliOptions extends RunInputOptions {
  material?: string;
  n?: string;
  ea?: string;
  steps?: string;
  samples?: string;
  json?: boolean;
}

/**
 * `ckin kce [FILE…] --material M|all`: the paper's KCE lines (Zhou 2026 Table 2) recomputed, the isokinetic
 * temperature of each line, and a consistency check of each line against the measured DTG peaks. With run files,
 * also a KCE scan of the data: best lgA for each Ea with n fixed, and the line through them.
 */
export function registerKce(program: Command): void {
  program
    .command('kce')
    .description(
      'kinetic compensation effect: Zhou 2026 Table 2, consistency with measured peaks, KCE scan of runs',
    )
    .argument('[files...]', 'run files (one per heating rate) to scan; optional')
    .option('--material <name>', `${NCM_MATERIALS.join(', ')} or all`, 'all')
    .option('--n <value>', 'Avrami exponent held fixed', String(ZHOU2026_KCE_N))
    .option('--ea <lo:hi>', 'Ea range of the scan, kJ/mol', '100:280')
    .option('--steps <int>', 'Ea steps of the scan', '37')
    .option('--samples <int>', 'Ea samples per line for the peak statistics of the consistency check', '57')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--window <lo:hi>', RUN_INPUT_OPTION_HELP.window)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: KceCliOptions) => {
      const mat = (opts.material ?? 'all').toLowerCase();
      if (mat !== 'all' && !NCM_MATERIALS.includes(mat as NcmMaterial)) {
        throw new InputError(
          `--material: expected ${NCM_MATERIALS.join(', ')} or all, got "${opts.material}"`,
        );
      }
      const materials = mat === 'all' ? [...NCM_MATERIALS] : [mat as NcmMaterial];
      const n = parseNumberOption('--n', opts.n) ?? ZHOU2026_KCE_N;
      if (!(n > 0)) throw new InputError(`--n: must be > 0, got ${n}`);
      const samples = parseNumberOption('--samples', opts.samples) ?? 57;
      if (!(Number.isInteger(samples) && samples >= 3))
        throw new InputError(`--samples: expected an integer ≥ 3, got ${opts.samples}`);
      const progress = createProgress();
      progress.start(materials.length, 'kce');
      const out = materials.map((m, i) => {
        const r = materialReport(m, n, samples);
        progress.update(i + 1);
        return r;
      });
      progress.stop();
      let scan: KceScanResult | undefined;
      if (files.length > 0) {
        const ea = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(opts.ea ?? '');
        if (!ea || !(Number(ea[2]) > Number(ea[1])))
          throw new InputError(`--ea: expected LO:HI in kJ/mol, got "${opts.ea}"`);
        const steps = parseNumberOption('--steps', opts.steps) ?? 37;
        if (!(Number.isInteger(steps) && steps >= 2))
          throw new InputError(`--steps: expected an integer ≥ 2, got ${opts.steps}`);
        const { curves } = loadCurves(files, opts);
        scan = kceScan(curves, { n, Ea_kJ_mol: [Number(ea[1]), Number(ea[2])], steps });
        for (const w of scan.warnings) log(`warning: ${w}`);
      }
      if (opts.json) printJson({ method: 'kce', n, materials: out, scan: scan ?? null });
      else process.stdout.write(formatKce(out, scan) + '\n');
    });
}

type MaterialReport = ReturnType<typeof materialReport>;

function materialReport(m: NcmMaterial, n: number, samples: number) {
  const line = ZHOU2026_KCE_LINES[m];
  const table = kceTable(line, ZHOU2026_TABLE2_LGA).map((row, i) => ({
    lgA_s: row.lgA_s,
    Ea_kJ_mol: row.Ea_kJ_mol,
    Ea_printed_kJ_mol: ZHOU2026_TABLE2_EA_KJ_MOL[m][i],
    difference_kJ_mol: row.Ea_kJ_mol - ZHOU2026_TABLE2_EA_KJ_MOL[m][i],
  }));
  const fromTable = fitKceLine(
    ZHOU2026_TABLE2_LGA.map((lgA_s, i) => ({ lgA_s, Ea_kJ_mol: ZHOU2026_TABLE2_EA_KJ_MOL[m][i] })),
  );
  const tp = ZHOU2026_TABLE1_TP_K[m];
  const measuredK = ZHOU2026_RATES_K_MIN.map((b, i) => ({ beta_K_min: b, T_peak_K: tp[i] }));
  const measuredAsC = ZHOU2026_RATES_K_MIN.map((b, i) => ({
    beta_K_min: b,
    T_peak_K: tp[i] + ZERO_CELSIUS_K,
  }));
  return {
    material: m,
    line: {
      slope_per_kJ_mol: line.slope_per_kJ_mol,
      intercept: line.intercept,
      T_iso_K: isokineticTemperature_K(line),
    },
    line_from_table2: {
      slope_per_kJ_mol: fromTable.slope_per_kJ_mol,
      intercept: fromTable.intercept,
      r2: fromTable.r2,
      T_iso_K: fromTable.T_iso_K,
    },
    table2: table,
    consistency: {
      measured_as_printed_K: consistencyJson(kceConsistency(line, measuredK, { n, samples })),
      measured_read_as_C: consistencyJson(kceConsistency(line, measuredAsC, { n, samples })),
    },
  };
}

function consistencyJson(c: KceConsistency) {
  return {
    n: c.n,
    Ea_window_kJ_mol: c.Ea_window_kJ_mol,
    window_K: c.window_K,
    T_iso_K: c.T_iso_K,
    Ea_matching_spread_kJ_mol: c.Ea_matching_spread_kJ_mol,
    rates: c.rates.map((r) => ({
      beta_K_min: r.beta_K_min,
      T_peak_measured_K: r.T_peak_measured_K,
      T_peak_median_K: r.T_peak_median_K,
      mismatch_K: r.mismatch_K,
      fraction_peak_in_window: r.fractionPeakInWindow,
      fraction_unfinished: r.fractionUnfinished,
      Ea_matching_kJ_mol: r.Ea_matching_kJ_mol,
      T_peak_closest_K: r.T_peak_closest_K,
      Ea_closest_kJ_mol: r.Ea_closest_kJ_mol,
    })),
  };
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
            r.beta_K_min,
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
