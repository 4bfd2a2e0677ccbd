import type { Command } from 'commander';
import { loadCurves, loadRuns, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import { analyzeRuns } from '../../analysis/analyze.ts';
import { parseStageWindowsC } from '../../analysis/stage-window.ts';
import { withFileNameRate } from '../../io/instruments/rate-from-filename.ts';
import type { ConversionCurve } from '../../analysis/conversion-curve.ts';
import { fitJma, type JmaFitResult } from '../../analysis/fit/jma-fit.ts';
import { bootstrapJmaFit, type JmaBootstrapResult } from '../../analysis/fit/bootstrap.ts';
import { createProgress } from '../progress.ts';
import { parseJmaBounds, JMA_BOUNDS_PRESETS } from '../../analysis/fit/bounds.ts';
import type { Normalize, ObjectiveName } from '../../analysis/fit/objectives.ts';
import { InputError } from '../../core/input-error.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { parseNumberOption } from '../options.ts';
import { printJson, log } from '../output.ts';
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
export function registerFit(program: Command): void {
  program
    .command('fit')
    .description(
      'fit the JMA model to dα/dT of all heating rates at once (differential evolution + local polish)',
    )
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
    .option('--baseline <linear|sigmoidal>', 'DSC baseline under each peak, with --stage', 'sigmoidal')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--window <lo:hi>', RUN_INPUT_OPTION_HELP.window)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option(
      '--bootstrap <N>',
      'N wild-bootstrap refits over the residuals (e.g. 200): 95 % intervals, Ea–lgA correlation, compensation ridge',
    )
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: FitCliOptions) => {
      if ((opts.model ?? 'jma').toLowerCase() !== 'jma') {
        throw new InputError(`--model: only jma can be fitted for now, got "${opts.model}"`);
      }
      const objective = parseChoice('--objective', opts.objective, ['mse', 'composite']) as ObjectiveName;
      const normalize = parseChoice('--normalize', opts.normalize, ['none', 'peak', 'scale']) as Normalize;
      const n = parseNumberOption('--n', opts.n);
      if (n !== undefined && !(n > 0)) throw new InputError(`--n: the Avrami exponent must be > 0, got ${n}`);
      const seed = parseNumberOption('--seed', opts.seed) ?? 0;
      if (!Number.isInteger(seed)) throw new InputError(`--seed: expected an integer, got "${opts.seed}"`);
      const t0C = parseNumberOption('--t0', opts.t0);
      const B = parseNumberOption('--bootstrap', opts.bootstrap);
      if (B !== undefined && !(Number.isInteger(B) && B >= 10 && B <= 100000))
        throw new InputError(
          `--bootstrap: expected a number of replicates from 10 to 100000, got "${opts.bootstrap}"`,
        );
      const bounds = parseJmaBounds(opts.bounds);
      const curves = opts.stage === undefined ? loadCurves(files, opts).curves : stageCurves(files, opts);
      for (const c of curves) for (const w of c.warnings) log(`warning: ${c.file}: ${w}`);
      const fitOpts = {
        n,
        bounds,
        objective,
        normalize,
        seed,
        T0_K: t0C === undefined ? undefined : celsiusToKelvin(t0C),
      };
      const res = fitJma(curves, fitOpts);
      for (const w of res.warnings) log(`warning: ${w}`);
      let boot: JmaBootstrapResult | undefined;
      if (B !== undefined) {
        const bar = createProgress();
        bar.start(B, 'bootstrap');
        boot = bootstrapJmaFit(curves, res, fitOpts, { samples: B, seed, onProgress: (d) => bar.update(d) });
        bar.stop();
        if (boot.failed > 0)
          log(`warning: bootstrap: ${boot.failed} of ${B} replicates could not be refitted`);
      }
      if (opts.json) printJson(fitJson(res, boot));
      else process.stdout.write(formatFit(res, boot) + '\n');
    });
}

/** Conversion curves of one stage from the `ckin analyze` pipeline (stage windows, DSC baselines). */
function stageCurves(files: string[], opts: FitCliOptions): ConversionCurve[] {
  const k = parseNumberOption('--stage', opts.stage);
  if (k === undefined || !Number.isInteger(k) || k < 1)
    throw new InputError(`--stage: expected a stage number ≥ 1, got "${opts.stage}"`);
  const baseline = parseChoice('--baseline', opts.baseline, ['sigmoidal', 'linear']) as
    'sigmoidal' | 'linear';
  const windows = opts.window ? parseStageWindowsC(opts.window) : undefined;
  const runs = loadRuns(files, { ...opts, window: undefined }).map(withFileNameRate);
  const res = analyzeRuns(
    runs.map((run) => ({ file: run.file, run })),
    { windows, baseline },
  );
  for (const w of res.warnings) log(`warning: ${w}`);
  const stage = res.stages.find((s) => s.stage === k);
  if (!stage) throw new InputError(`--stage ${k}: the runs have ${res.stages.length} stage(s)`);
  log(`stage ${k}: mean peak ${(stage.T_peak_mean_K - 273.15).toFixed(1)} °C, ${stage.curves.length} runs`);
  return stage.curves;
}

function parseChoice(name: string, value: string | undefined, choices: string[]): string {
  const v = (value ?? choices[0]).toLowerCase();
  if (!choices.includes(v))
    throw new InputError(`${name}: expected one of ${choices.join(', ')}, got "${value}"`);
  return v;
}

/** The JSON shape of a fit (units in every field name). */
export function fitJson(res: JmaFitResult, boot?: JmaBootstrapResult) {
  return {
    method: 'jma-fit',
    model: 'jma',
    Ea_kJ_mol: res.Ea_kJ_mol,
    lgA_s: res.lgA_s,
    n: res.n,
    n_fixed: res.nFixed,
    objective: res.objective,
    normalize: res.normalize,
    loss: res.loss,
    relative_sse: res.relativeSse,
    uncertainty: res.uncertainty
      ? {
          Ea_se_kJ_mol: res.uncertainty.Ea_kJ_mol,
          lgA_se: res.uncertainty.lgA_s,
          n_se: res.uncertainty.n ?? null,
          correlation: res.uncertainty.correlation,
          method: res.uncertainty.method,
        }
      : null,
    ...(boot ? bootstrapJson(boot) : {}),
    on_bound: res.onBound,
    bounds: res.bounds,
    rates: res.rates.map((r) => ({
      beta_K_min: r.beta_K_min,
      file: r.file,
      points: r.points,
      r2: r.r2,
      rmse_per_K: r.rmse,
      T_peak_data_K: r.T_peak_data_K,
      T_peak_model_K: r.T_peak_model_K,
      scale: r.scale,
      T_K: r.T_K,
      model_per_K: r.model,
      residuals_per_K: r.residuals,
    })),
    search: res.search,
    time_ms: res.time_ms,
    warnings: res.warnings,
  };
}

/** The `bootstrap` and `ridge` fields of the fit JSON (`ckin fit --bootstrap N`, the page's KCE map). */
export function bootstrapJson(boot: JmaBootstrapResult) {
  return {
    bootstrap: {
      samples: boot.samples,
      failed: boot.failed,
      scheme: boot.scheme,
      leverage_correction: boot.leverageCorrection,
      seed: boot.seed,
      Ea_kJ_mol: boot.Ea_kJ_mol,
      lgA_s: boot.lgA_s,
      n: boot.n ?? null,
      corr_Ea_lgA: boot.corr_Ea_lgA,
    },
    ridge: boot.ridge,
  };
}

export function formatFit(res: JmaFitResult, boot?: JmaBootstrapResult): string {
  const u = res.uncertainty;
  const pm = (v: number | undefined, d: number) => (v === undefined ? '' : ` ± ${fmt(v, d)}`);
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
    `  Ea  = ${fmt(res.Ea_kJ_mol, 3)}${pm(u?.Ea_kJ_mol, 3)} kJ/mol`,
    `  lgA = ${fmt(res.lgA_s, 4)}${pm(u?.lgA_s, 4)}  (A in s⁻¹)`,
    `  n   = ${fmt(res.n, 4)}${res.nFixed ? ' (fixed)' : pm(u?.n, 4)}`,
    `  loss = ${res.loss.toExponential(4)}${res.onBound.length ? `   ON BOUND: ${res.onBound.join(', ')}` : ''}`,
    u ? `  (± = standard errors, ${u.method})` : '  (uncertainty not available)',
    ...(boot
      ? [
          `  bootstrap (${boot.samples} ${boot.scheme} replicates), 95 % intervals: Ea [${fmt(boot.Ea_kJ_mol.p025, 3)}, ${fmt(boot.Ea_kJ_mol.p975, 3)}] kJ/mol, lgA [${fmt(boot.lgA_s.p025, 4)}, ${fmt(boot.lgA_s.p975, 4)}]${boot.n ? `, n [${fmt(boot.n.p025, 4)}, ${fmt(boot.n.p975, 4)}]` : ''}`,
          `  corr(Ea, lgA) = ${fmt(boot.corr_Ea_lgA, 5)}; ridge lgA = ${fmt(boot.ridge.slope_per_kJ_mol, 6)}·Ea ${boot.ridge.intercept < 0 ? '−' : '+'} ${fmt(Math.abs(boot.ridge.intercept), 4)}${boot.ridge.T_iso_K ? ` (isokinetic T ${fmt(boot.ridge.T_iso_K - 273.15, 1)} °C)` : ''}`,
        ]
      : []),
  ].join('\n');
}
