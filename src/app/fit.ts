import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import { fitJma, refineJmaFit, type JmaFitOptions, type JmaFitResult } from '../analysis/fit/jma-fit.ts';
import { bootstrapJmaFit, type JmaBootstrapResult } from '../analysis/fit/bootstrap.ts';
import type { JmaBounds } from '../analysis/fit/bounds.ts';
import type { Normalize, ObjectiveName } from '../analysis/fit/objectives.ts';
import type { BaselineKind } from '../analysis/dsc-baseline.ts';
import { analyzeRuns } from '../analysis/analyze.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { pushAll } from '../core/arrays.ts';
import {
  checkSourceRates,
  curvesDataWarnings,
  loadCurves,
  readRunSources,
  smoothingJson,
  stageWindows,
  type RunsInput,
} from './run-sources.ts';
import { qualityOf, type ResultWarning } from '../core/warnings.ts';
import { fitChecks } from '../trust/fits.ts';
import { enthalpyChecks } from '../trust/enthalpy.ts';
import { dedupeWarnings, fromMessages } from '../trust/legacy.ts';
import { friedmanCrossCheck } from './kissinger.ts';

/** Which curves a fit works on: the runs over `window_K`, or stage `stage` of the analysis pipeline. */
export interface FitCurvesOptions extends RunsInput, UseCaseCallbacks {
  /** Fit stage k (≥ 1) as found by `ckin analyze` (DSC heat flow with a baseline, stage windows `stageWindows_K`). */
  stage?: number;
  /** DSC baseline under each peak, with `stage` (default sigmoidal). */
  baseline?: BaselineKind;
  /** With `stage`: refuse a stage with fewer curves than this (default 1). */
  minStageCurves?: number;
}

/** `ckin fit`: global multi-rate JMA fit (differential evolution + local polish), optionally bootstrapped. */
export interface FitOptions extends FitCurvesOptions {
  /** Reaction model; only jma can be fitted for now. */
  model?: 'jma';
  /** Fix the Avrami exponent n (> 0); omit to fit it. */
  n?: number;
  /** Box bounds (default: the wide defaults of src/analysis/fit/bounds.ts). */
  bounds?: JmaBounds;
  objective?: ObjectiveName;
  normalize?: Normalize;
  /** Seed of the differential evolution (integer, default 0); also the bootstrap seed. */
  seed?: number;
  /** Temperature where α = 0, K (default: each run's first point in the window). */
  T0_K?: number;
  /** Number of wild-bootstrap refits over the residuals (10…100000): 95 % intervals and the compensation ridge. */
  bootstrap?: number;
}

export type FitJson = ReturnType<typeof fitJson>;

/** The conversion curves a fit works on (see `FitCurvesOptions`). */
export function fitCurves(opts: FitCurvesOptions): ConversionCurve[] {
  return fitCurvesChecked(opts).curves;
}

/**
 * The conversion curves a fit works on, with the input checks that kissinger and iso carry: the heating-rate checks
 * (declared rate against T(t) and file names), the signal checks and every reader and curve warning per file.
 */
export function fitCurvesChecked(opts: FitCurvesOptions): {
  curves: ConversionCurve[];
  warnings: ResultWarning[];
} {
  if (opts.stage === undefined) {
    const { curves, warnings } = loadCurves(opts);
    return { curves, warnings };
  }
  const k = opts.stage;
  if (!Number.isInteger(k) || k < 1) throw new InputError(`--stage: expected a stage number ≥ 1, got "${k}"`);
  const { inputs, warnings: checks } = checkSourceRates(readRunSources({ ...opts, window_K: undefined }));
  const unreadable = inputs.find((i) => !i.run);
  if (unreadable) throw new InputError(unreadable.error!);
  const res = analyzeRuns(inputs, {
    windows: stageWindows(opts),
    baseline: opts.baseline ?? 'sigmoidal',
    smoothing: opts.smoothing,
  });
  for (const w of res.warnings) opts.onLog?.(`warning: ${w}`);
  const stage = res.stages.find((s) => s.stage === k);
  if (!stage) throw new InputError(`--stage ${k}: the runs have ${res.stages.length} stage(s)`);
  if (stage.curves.length < (opts.minStageCurves ?? 1))
    throw new InputError(
      `stage ${k} has ${stage.curves.length} curve(s); ${opts.minStageCurves} heating rates or more are needed`,
    );
  opts.onLog?.(
    `stage ${k}: mean peak ${(stage.T_peak_mean_K - 273.15).toFixed(1)} °C, ${stage.curves.length} runs`,
  );
  const files = new Set(stage.curves.map((c) => c.file));
  const warnings = checks.filter((w) => w.file === undefined || files.has(w.file));
  for (const r of res.runs)
    if (files.has(r.file)) pushAll(warnings, fromMessages(r.warnings, { file: r.file }));
  pushAll(warnings, fromMessages(stage.warnings, { stage: k }));
  pushAll(warnings, stage.dataWarnings);
  pushAll(warnings, enthalpyChecks(stage.peaks, k));
  return { curves: stage.curves, warnings };
}

function checkFitOptions(opts: FitOptions): void {
  if ((opts.model ?? 'jma') !== 'jma')
    throw new InputError(`--model: only jma can be fitted for now, got "${String(opts.model)}"`);
  if (opts.n !== undefined && !(opts.n > 0))
    throw new InputError(`--n: the Avrami exponent must be > 0, got ${opts.n}`);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed))
    throw new InputError(`--seed: expected an integer, got "${opts.seed}"`);
  if (opts.bootstrap !== undefined) checkWork('bootstrapReplicates', opts.bootstrap);
}

export function fit(opts: FitOptions) {
  checkFitOptions(opts);
  const { curves, warnings: read } = fitCurvesChecked(opts);
  for (const w of read) if (w.severity !== 'info') opts.onLog?.(`${w.severity}: ${w.message} [${w.code}]`);
  const seed = opts.seed ?? 0;
  const fitOpts: JmaFitOptions = {
    n: opts.n,
    bounds: opts.bounds,
    objective: opts.objective ?? 'mse',
    normalize: opts.normalize ?? 'none',
    seed,
    T0_K: opts.T0_K,
  };
  const res = fitJma(curves, fitOpts);
  const trust = dedupeWarnings([
    ...fromMessages(res.warnings),
    ...fitChecks(res, {
      iso: curves.length >= 3 ? friedmanCrossCheck(curves) : undefined,
      stage: opts.stage,
    }),
  ]);
  let boot: JmaBootstrapResult | undefined;
  if (opts.bootstrap !== undefined) {
    const B = opts.bootstrap;
    boot = bootstrapJmaFit(curves, res, fitOpts, {
      samples: B,
      seed,
      onProgress: (d) => opts.onProgress?.(d, B, 'bootstrap'),
    });
    if (boot.failed > 0)
      opts.onLog?.(`warning: bootstrap: ${boot.failed} of ${B} replicates could not be refitted`);
  }
  return {
    ...fitJson(res, boot, dedupeWarnings([...read, ...curvesDataWarnings(curves), ...trust])),
    smoothing: smoothingJson(curves, opts.smoothing),
  };
}

/** Bootstrap of a fit given by its optimum (the page's KCE map): refined locally first, then B wild refits. */
export interface FitBootstrapOptions extends FitCurvesOptions {
  start: { Ea_kJ_mol: number; lgA_s: number; n?: number };
  /** Fix n (> 0); omit to fit it. */
  n?: number;
  /** Replicates (default 200) and seed (default 1). */
  samples?: number;
  seed?: number;
}

export function fitBootstrap(opts: FitBootstrapOptions) {
  const B = checkWork('bootstrapReplicates', opts.samples ?? 200, 'samples');
  const curves = fitCurves(opts);
  const fitOpts = { n: opts.n };
  const start = opts.start;
  if (![start.Ea_kJ_mol, start.lgA_s, start.n ?? 1].every(Number.isFinite))
    throw new InputError('start: Ea_kJ_mol, lgA_s (and n) must be finite numbers');
  const res = refineJmaFit(curves, start, fitOpts);
  const boot = bootstrapJmaFit(curves, res, fitOpts, {
    samples: B,
    seed: opts.seed ?? 1,
    onProgress: (d) => opts.onProgress?.(d, B, 'bootstrap'),
  });
  return {
    stage: opts.stage ?? null,
    Ea_kJ_mol: res.Ea_kJ_mol,
    lgA_s: res.lgA_s,
    n: res.n,
    ...bootstrapJson(boot),
    time_ms: boot.time_ms,
    warnings: res.warnings,
  };
}

/** The JSON shape of a fit (units in every field name). */
export function fitJson(res: JmaFitResult, boot?: JmaBootstrapResult, warnings?: ResultWarning[]) {
  const ws = warnings ?? dedupeWarnings([...fromMessages(res.warnings), ...fitChecks(res)]);
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
    quality: qualityOf(ws),
    warnings: ws,
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
