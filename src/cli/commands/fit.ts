import type { Command } from 'commander';
import { fit, type FitJson } from '../../app/fit.ts';
import { fitMultistep, writeFitSchemeReport, type FitSchemeJson } from '../../app/fit-scheme.ts';
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
import { printJson, printText, log, formatWarnings } from '../output.ts';
import { pushAll } from '../../core/arrays.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { InputError } from '../../core/input-error.ts';

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
  scheme?: string;
  steps?: string;
  save?: string;
  report?: string;
  eaBounds?: string;
  deconvolutionStart?: boolean;
  bootstrapKind?: string;
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
    .option(
      '--baseline <kind>',
      'DSC baseline: with --stage linear or sigmoidal under each peak (default sigmoidal); with --scheme none or linear, a linear baseline per run fitted with the heat flow (default none)',
    )
    .option(
      '--scheme <scheme>',
      'fit a multi-step reaction scheme to all rates at once: steps "A->B:Fn; B->C:Fn" (models Fn F1 An SB Cn Bna R2 R3 D1–D4) or consecutive:N, parallel:N, competitive:N[:Model]',
    )
    .option(
      '--steps <auto|N>',
      'fit the candidate schemes (1–3 steps; N: at most N steps), rank by AICc/BIC with F-tests, keep the best',
    )
    .option('--save <MODEL.json>', 'with --scheme/--steps: write the fitted model file (docs/fitting.md)')
    .option(
      '--report <FILE.html>',
      'with --scheme/--steps: write an HTML report (per rate: data, model, each step, residuals)',
    )
    .option('--ea-bounds <lo:hi>', 'with --scheme/--steps: Ea search bounds of every step, kJ/mol', '20:400')
    .option(
      '--deconvolution-start',
      'with --scheme: also start from a Fraser–Suzuki deconvolution into one peak per step (per-peak Kissinger/Friedman); the JSON names the start used (search.start_source)',
    )
    .option(
      '--bootstrap-kind <kind>',
      'with --scheme/--steps and --bootstrap: wild (residual signs flipped, default) or cases (heating-rate runs resampled with replacement)',
    );
  addRunInputOptions(cmd)
    .option(
      '--bootstrap <N>',
      'N wild-bootstrap refits over the residuals (e.g. 200): 95 % intervals, Ea–lgA correlation, compensation ridge',
    )
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: FitCliOptions) => {
      if (opts.scheme !== undefined || opts.steps !== undefined) {
        await runSchemeFit(files, opts);
        return;
      }
      if (opts.report !== undefined || opts.save !== undefined)
        throw new InputError(
          `${opts.report !== undefined ? '--report' : '--save'} needs --scheme or --steps`,
        );
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
        baseline: parseChoice('--baseline', opts.baseline ?? 'sigmoidal', ['sigmoidal', 'linear'] as const),
        bootstrap: parseIntegerOption('--bootstrap', opts.bootstrap, 0),
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(res);
      else printText(res, formatFit(res));
    });
}

async function runSchemeFit(files: string[], opts: FitCliOptions): Promise<void> {
  const steps =
    opts.steps === undefined || opts.steps === 'auto'
      ? opts.steps
      : parseIntegerOption('--steps', opts.steps, 1);
  const bounds = parseEaBounds(opts.eaBounds ?? '20:400');
  const bars = await progressBars();
  const res = fitMultistep({
    runs: runSources(files),
    ...parseRunReadOptions(opts, false),
    scheme: opts.scheme,
    steps: steps,
    baseline: parseChoice('--baseline', opts.baseline ?? 'none', ['none', 'linear'] as const),
    seed: parseNumberOption('--seed', opts.seed),
    T0_K: parseCelsiusOption('--t0', opts.t0),
    Ea_bounds_kJ_mol: bounds,
    save: opts.save,
    bootstrap: parseIntegerOption('--bootstrap', opts.bootstrap, 0),
    bootstrapKind: parseChoice('--bootstrap-kind', opts.bootstrapKind ?? 'wild', ['wild', 'cases'] as const),
    deconvolutionStart: opts.deconvolutionStart,
    onProgress: bars.onProgress,
    onLog: (line) => {
      bars.stop();
      log(line);
    },
  });
  bars.stop();
  if (opts.report !== undefined) {
    const r = await writeFitSchemeReport(
      res,
      opts.report,
      ['ckin', 'fit', ...process.argv.slice(3)].join(' '),
    );
    log(`report: ${r.path} (${r.plots} plots)`);
  }
  if (opts.json) printJson(res);
  else printText(res, formatSchemeFit(res));
}

function parseEaBounds(text: string): [number, number] {
  const m = /^\s*([0-9.]+)\s*:\s*([0-9.]+)\s*$/.exec(text);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!(lo > 0 && hi > lo))
    throw new InputError(`--ea-bounds: expected LO:HI in kJ/mol with 0 < LO < HI, got "${text}"`);
  return [lo, hi];
}

/** " ± SE" with d decimals, or nothing when there is no standard error. */
function pm(v: number | null | undefined, d: number): string {
  return v === undefined || v === null ? '' : ` ± ${fmt(v, d)}`;
}

/** The human-readable report of a multi-step fit. */
export function formatSchemeFit(res: FitSchemeJson): string {
  const heat = res.observable === 'heatflow';
  const steps = formatTable(
    ['step', 'model', 'Ea_kJ_mol', 'lgA_s', 'params', heat ? 'dH_J_g' : 'mass_fraction'],
    res.steps.map((s, j) => [
      `${j + 1}: ${s.from}->${s.to}`,
      s.model,
      `${fmt(s.Ea_kJ_mol, 2)}${pm(s.se.Ea_kJ_mol, 2)}`,
      `${fmt(s.lgA_s, 3)}${pm(s.se.lgA_s, 3)}`,
      Object.entries(s.params)
        .map(([k, v]) => `${k}=${fmt(v, 3)}${pm(s.se.params[k], 3)}`)
        .join(' '),
      `${fmt((heat ? s.dH_J_g : s.mass_fraction) ?? NaN, heat ? 1 : 4)}${pm(s.se.amplitude, heat ? 1 : 4)}`,
    ]),
  );
  const runs = formatTable(
    ['beta_K_min', 'points', 'R2', 'T_peak_data_C', 'T_peak_model_C', 'file'],
    res.runs.map((r) => [
      fmt(r.beta_K_min, 3),
      r.points,
      fmt(r.r2, 4),
      fmt(r.peak_T_data_K - 273.15, 1),
      fmt(r.peak_T_model_K - 273.15, 1),
      r.file ?? '',
    ]),
  );
  const lines = [
    `scheme ${res.scheme} fitted to ${heat ? 'the DSC heat flow (W/g)' : 'dα/dT (TGA)'}${res.baseline === 'linear' ? ' with a linear baseline per run' : ''}`,
    steps,
    '',
    runs,
    '',
    `SSE ${res.sse.toExponential(4)} (weighted by 1/peak height), N ${res.n_points}, P ${res.n_params}, AICc ${fmt(res.aicc, 1)}, BIC ${fmt(res.bic, 1)}`,
    `${res.search.method}, start ${res.search.start_source}, seed ${res.search.seed}, ${res.search.evaluations} evaluations, ${fmt(res.time_ms / 1000, 2)} s`,
  ];
  if (res.on_bound.length) lines.push(`ON BOUND: ${res.on_bound.join(', ')}`);
  if (res.candidates.length) {
    lines.push(
      '',
      'candidates (ranked by AICc; F-test: the chosen scheme against each simpler one, 95 %):',
      formatTable(
        ['scheme', 'P', 'SSE', 'AICc', 'dAICc', 'BIC', 'weight', 'min_R2', 'F-test'],
        res.candidates.map((c) => [
          c.scheme,
          c.n_params,
          c.sse.toExponential(3),
          fmt(c.aicc, 1),
          fmt(c.delta_aicc, 1),
          fmt(c.bic, 1),
          fmt(c.akaike_weight, 3),
          fmt(c.min_r2, 4),
          c.f_test
            ? `F=${fmt(c.f_test.F, 1)} ${c.f_test.significant ? '>' : '≤'} ${fmt(c.f_test.F_critical, 2)}`
            : '',
        ]),
      ),
    );
  }
  if (res.bootstrap) {
    const b = res.bootstrap;
    lines.push(
      '',
      `bootstrap: ${b.replicates} ${b.method} refits, seed ${b.seed} — SE of the Jacobian vs the bootstrap:`,
      formatTable(
        [
          'step',
          'Ea_SE_jacobian',
          'Ea_SE_bootstrap',
          'Ea_95%_kJ_mol',
          'lgA_SE_jacobian',
          'lgA_SE_bootstrap',
          'lgA_95%',
        ],
        b.steps.map((s) => [
          String(s.step),
          s.Ea_se_jacobian_kJ_mol === null ? '—' : fmt(s.Ea_se_jacobian_kJ_mol, 3),
          fmt(s.Ea_se_bootstrap_kJ_mol, 3),
          `[${fmt(s.Ea_p025_kJ_mol, 2)}, ${fmt(s.Ea_p975_kJ_mol, 2)}]`,
          s.lgA_se_jacobian === null ? '—' : fmt(s.lgA_se_jacobian, 4),
          fmt(s.lgA_se_bootstrap, 4),
          `[${fmt(s.lgA_p025, 3)}, ${fmt(s.lgA_p975, 3)}]`,
        ]),
      ),
    );
    pushAll(lines, formatWarnings(b.warnings, '  '));
  }
  if (res.model_file) lines.push('', `model file: ${res.model_file}`);
  return lines.join('\n');
}

export function formatFit(res: FitJson): string {
  const u = res.uncertainty;
  const boot = res.bootstrap && res.ridge ? { ...res.bootstrap, ridge: res.ridge } : undefined;
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
