import type { Command } from 'commander';
import { fit, type FitJson } from '../../app/fit.ts';
import { parseJmaBounds, JMA_BOUNDS_PRESETS } from '../../analysis/fit/bounds.ts';
import {
  addRunInputOptions,
  parseCelsiusOption,
  parseChoice,
  parseIntegerOption,
  parseNumberOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { progressBars } from '../progress.ts';
import { printJson, log, formatWarnings, noteResult } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

interface FitCliOptions extends RunInputOptions {
  model?: string;
  n?: string;
  bounds?: string;
  objective?: string;
  normalize?: string;
  seed?: string;
  t0?: string;
  stage?: string;
  baseline?: string;
  bootstrap?: string;
  json?: boolean;
}

/** `ckin fit FILE…`: global multi-rate JMA fit (differential evolution + Levenberg–Marquardt). */
export function register(program: Command): void {
  const cmd = program
    .command('fit')
    .argument('<files...>', 'one run file per heating rate')
    .option('--model <name>', 'reaction model (only jma)', 'jma')
    .option('--n <value>', 'fix the Avrami exponent n (e.g. 3, as the paper does for KCE); default: fit n')
    .option(
      '--bounds <spec>',
      `bounds: a preset (${Object.keys(JMA_BOUNDS_PRESETS).join(', ')}) or Ea:lo:hi,lgA:lo:hi,n:lo:hi`,
      'default',
    )
    .option(
      '--objective <name>',
      'mse (relative squared error per rate) or composite (correlation + peak T + mse)',
      'mse',
    )
    .option(
      '--normalize <mode>',
      'none, peak (data divided by peak height) or scale (free scale per rate)',
      'none',
    )
    .option('--seed <int>', 'random seed of the differential evolution', '0')
    .option('--t0 <°C>', 'temperature where α = 0 (default: the first point of each run in the window)')
    .option(
      '--stage <k>',
      'fit stage k as found by `ckin analyze` (DSC heat flow with a baseline, automatic stage windows; --window then gives stage windows LO:HI[,LO:HI…])',
    )
    .option('--baseline <linear|sigmoidal>', 'DSC baseline under each peak, with --stage', 'sigmoidal');
  addRunInputOptions(cmd)
    .option(
      '--bootstrap <N>',
      'N wild-bootstrap refits over the residuals (e.g. 200): 95 % intervals, Ea–lgA correlation, compensation ridge',
    )
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: FitCliOptions) => {
      const model = parseChoice('--model', opts.model, ['jma'] as const);
      const stage = parseNumberOption('--stage', opts.stage);
      const bars = await progressBars();
      const res = fit({
        runs: runSources(files),
        ...parseRunReadOptions(opts, stage !== undefined),
        model,
        n: parseNumberOption('--n', opts.n),
        bounds: parseJmaBounds(opts.bounds),
        objective: parseChoice('--objective', opts.objective, ['mse', 'composite'] as const),
        normalize: parseChoice('--normalize', opts.normalize, ['none', 'peak', 'scale'] as const),
        seed: parseNumberOption('--seed', opts.seed),
        T0_K: parseCelsiusOption('--t0', opts.t0),
        stage,
        baseline: parseChoice('--baseline', opts.baseline, ['sigmoidal', 'linear'] as const),
        bootstrap: parseIntegerOption('--bootstrap', opts.bootstrap, 0),
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(res);
      else {
        noteResult(res);
        process.stdout.write(formatFit(res) + '\n');
      }
    });
}

export function formatFit(res: FitJson): string {
  const u = res.uncertainty;
  const boot = res.bootstrap && res.ridge ? { ...res.bootstrap, ridge: res.ridge } : undefined;
  const pm = (v: number | null | undefined, d: number) =>
    v === undefined || v === null ? '' : ` ± ${fmt(v, d)}`;
  const table = formatTable(
    ['beta_K_min', 'points', 'R2', 'T_peak_data_C', 'T_peak_model_C', 'file'],
    res.rates.map((r) => [
      fmt(r.beta_K_min, 3),
      r.points,
      fmt(r.r2, 5),
      fmt(r.T_peak_data_K - 273.15, 2),
      fmt(r.T_peak_model_K - 273.15, 2),
      r.file ?? '',
    ]),
  );
  return [
    table,
    '',
    `JMA fit (${res.objective}, ${res.search.method}, seed ${res.search.seed ?? '—'}, ${res.search.evaluations} evaluations, ${fmt(res.time_ms, 1)} ms)`,
    `  Ea  = ${fmt(res.Ea_kJ_mol, 3)}${pm(u?.Ea_se_kJ_mol, 3)} kJ/mol`,
    `  lgA = ${fmt(res.lgA_s, 4)}${pm(u?.lgA_se, 4)}  (A in s⁻¹)`,
    `  n   = ${fmt(res.n, 4)}${res.n_fixed ? ' (fixed)' : pm(u?.n_se, 4)}`,
    `  loss = ${res.loss.toExponential(4)}${res.on_bound.length ? `   ON BOUND: ${res.on_bound.join(', ')}` : ''}`,
    u ? `  (± = standard errors, ${u.method})` : '  (uncertainty not available)',
    `  quality: ${res.quality}`,
    ...formatWarnings(res.warnings, '    '),
    ...(boot
      ? [
          `  bootstrap (${boot.samples} ${boot.scheme} replicates), 95 % intervals: Ea [${fmt(boot.Ea_kJ_mol.p025, 3)}, ${fmt(boot.Ea_kJ_mol.p975, 3)}] kJ/mol, lgA [${fmt(boot.lgA_s.p025, 4)}, ${fmt(boot.lgA_s.p975, 4)}]${boot.n ? `, n [${fmt(boot.n.p025, 4)}, ${fmt(boot.n.p975, 4)}]` : ''}`,
          `  corr(Ea, lgA) = ${fmt(boot.corr_Ea_lgA, 5)}; ridge lgA = ${fmt(boot.ridge.slope_per_kJ_mol, 6)}·Ea ${boot.ridge.intercept < 0 ? '−' : '+'} ${fmt(Math.abs(boot.ridge.intercept), 4)}${boot.ridge.T_iso_K ? ` (isokinetic T ${fmt(boot.ridge.T_iso_K - 273.15, 1)} °C)` : ''}`,
        ]
      : []),
  ].join('\n');
}
