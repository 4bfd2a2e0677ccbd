import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { CnnModel, readModelManifest, resolveModelDir } from '../nn/model.ts';
import { prepareRunSample, sampleCurves, type RateCurve } from '../nn/preprocess.ts';
import { refineFromCnn } from '../nn/compare.ts';
import { CnnEnsemble, SHIPPED_ENSEMBLE, ensembleSampleJson } from '../nn/uncertainty/ensemble.ts';
import { readCurveDataset, splitIndices, subset, type CurveSet, type SplitName } from '../nn/dataset.ts';
import { readWideCsv } from '../nn/wide-csv.ts';
import { evalMetrics, validRows } from '../nn/evaluate.ts';
import { setThreads } from '../nn/engine.ts';
import { gridTemperatures_K } from '../synth/grid.ts';
import { runToConversionCurve } from '../analysis/conversion-curve.ts';
import type { BaselineKind } from '../analysis/dsc-baseline.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { loadCurves, readRunSources, smoothingJson, stageWindows, type RunsInput } from './run-sources.ts';
import { analyzeRuns } from '../analysis/analyze.ts';
import { checkCnnDomain, MIN_RESIMULATION_R2 } from '../nn/domain-of-validity.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { fmt } from '../core/format.ts';
import { GeneralModel, SHIPPED_GENERAL_MODEL } from '../nn/general/model.ts';
import { predictWithGeneral, type GeneralPredictOptions } from './predict-general.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import { rateMismatches } from '../nn/domain-of-validity.ts';

/**
 * `ckin predict`: the CNN's Ea and lgA (n = 3) from one multi-rate run (one source per heating rate), or in batch
 * over a dataset directory (`data`) or a wide CSV (`csv`).
 */
export interface PredictOptions extends RunsInput, UseCaseCallbacks {
  /** Model directory or shipped name (best, paper); default best. */
  model?: string;
  /** Refine the CNN estimate by a local JMA fit (Levenberg–Marquardt, n = 3) on the same curves. */
  refine?: boolean;
  /** Add the calibrated 90 % interval of a deep ensemble: true = the shipped one, or an ensemble directory. */
  uncertainty?: boolean | string;
  /** Batch mode: every sample of a dataset directory (see `split`). */
  data?: string;
  /** Batch mode: a wide CSV (beta{r}_K_min, dtg_r{r}_p{p} columns). */
  csv?: string;
  /** Split of `data`: train, val, test or all (default). */
  split?: SplitName;
  /** Batch mode: write the predictions as CSV here. */
  out?: string;
  /** libtorch threads (default 1 for one run, all cores in batch mode). */
  threads?: number;
  /**
   * Predict even when the input is outside the model's domain in a way that makes the number meaningless (heating
   * rates more than 10 % from the training rates, a curve without a reaction); the result is marked unreliable.
   * Without it such input is refused (InputError).
   */
  force?: boolean;
  /** Load a model directory whose training did not finish (no complete.json); results are marked unreliable. */
  allowIncomplete?: boolean;
}

const SPLITS = ['train', 'val', 'test', 'all'];

export type PredictResult = PredictSampleResult | PredictBatchResult | PredictGeneralResult;
export type PredictSampleResult = ReturnType<typeof predictSample> & { model_used: string };
export type PredictGeneralResult = ReturnType<typeof predictWithGeneral>;
export type PredictBatchResult = ReturnType<typeof predictBatch>;

export function predict(opts: PredictOptions): PredictResult {
  const tStart = performance.now();
  const batchMode = !!(opts.data || opts.csv);
  if (opts.threads !== undefined) checkWork('threads', opts.threads);
  if (batchMode && opts.runs.length) throw new InputError('give run files or --data/--csv, not both');
  if (!batchMode && opts.runs.length === 0)
    throw new InputError('give one run file per heating rate, or --data DIR / --csv FILE');
  // One run is a tiny forward pass: one thread has the lowest latency and no OpenMP spin-waiting on a busy machine.
  setThreads(opts.threads ?? (batchMode ? availableParallelism() : 1));
  if (!batchMode) {
    // A named paper-domain model is checked before the runs are read: a wrong --model is the first thing to say.
    if (opts.model !== undefined && !cliModels(opts).isGeneral(opts.model))
      readModelManifest(resolveModelDir(opts.model));
    const loaded = loadCurves(opts);
    return predictChosenModel(loaded.curves, loaded.warnings, opts, cliModels(opts), (model, dir) =>
      predictSample(model, dir, opts, tStart, loaded),
    );
  }
  if (opts.model !== undefined && cliModels(opts).isGeneral(opts.model))
    throw new InputError(
      "--data/--csv hold curves on the paper model's fixed 3-rate temperature grid, which the general model does not " +
        "read (it takes each run's own α and dα/dT): predict the runs as files, use a screening job, or evaluate " +
        'a general dataset with scripts/cnn-general-eval.ts (docs/cnn.md)',
    );
  const modelDir = resolveModelDir(opts.model);
  const model = CnnModel.load(modelDir, 'model.pt', { allowIncomplete: opts.allowIncomplete });
  return predictBatch(model, modelDir, opts);
}

/** Where a prediction gets its models: the CLI loads them from disk, the server keeps them loaded. */
export interface ModelSource {
  /** The paper-domain model by name or directory (default `best`). */
  paper: (name?: string) => { model: CnnModel; dir: string };
  /** The general model by name or directory (default `general`); absent when this caller offers none. */
  general?: (name?: string) => { model: GeneralModel; dir: string };
  /** Whether `name` names a general model. */
  isGeneral: (name: string) => boolean;
}

/** The shipped models and model directories, as `ckin predict --model` reads them. */
function cliModels(opts: { allowIncomplete?: boolean }): ModelSource {
  return {
    paper: (name) => {
      const dir = resolveModelDir(name);
      return { model: CnnModel.load(dir, 'model.pt', { allowIncomplete: opts.allowIncomplete }), dir };
    },
    general: (name) => {
      const dir = name === undefined || name === 'general' ? SHIPPED_GENERAL_MODEL : name;
      return { model: GeneralModel.load(dir, { allowIncomplete: opts.allowIncomplete }), dir };
    },
    isGeneral: (name) => name === 'general' || GeneralModel.isGeneralDir(name),
  };
}

/** What the model choice reads of a paper-model answer. */
interface PaperAnswer {
  quality: ReturnType<typeof qualityOf>;
  warnings: ResultWarning[];
  domain: { worst_r2: number };
}

/**
 * The model choice of `ckin predict FILES…`, `POST /api/predict` and the screening jobs (one function for all three).
 * `model` names the model: a general one (`general` or a general model directory) → the general model; any other
 * name → that paper-domain model. Without `model`: the paper-domain model (`best`) for runs at its training rates
 * (10/30/60 K/min ± 10 %) whose curves its n = 3 answer reproduces; the general model otherwise (other rates,
 * another number of runs, or a paper-model answer the re-simulation rejects), with a `cnn.model-switched` note
 * saying why. A caller without a general model (`source.general` absent) keeps the paper model's answer.
 * `predictPaper` is the caller's paper-model prediction (the CLI adds ensembles and refinement, the server Kissinger).
 */
export function predictChosenModel<P extends PaperAnswer>(
  curves: ConversionCurve[],
  readWarnings: ResultWarning[],
  opts: { model?: string } & GeneralPredictOptions,
  source: ModelSource,
  predictPaper: (model: CnnModel, dir: string) => P,
): (P & { model_used: string }) | PredictGeneralResult {
  const general = (why?: string) => {
    const g = source.general!(opts.model);
    const res = predictWithGeneral(g.model, g.dir, curves, readWarnings, opts);
    if (why) res.warnings.unshift(warning('cnn.model-switched', 'info', `general model used: ${why}`));
    return res;
  };
  if (opts.model !== undefined) {
    if (source.general && source.isGeneral(opts.model)) return general();
    const { model, dir } = source.paper(opts.model);
    return { ...predictPaper(model, dir), model_used: model.manifest.preset };
  }
  const best = source.paper();
  if (!source.general) return { ...predictPaper(best.model, best.dir), model_used: 'best' };
  const rates = curves.map((c) => c.beta_K_min).sort((a, b) => a - b);
  const trained = best.model.manifest.input.rates_K_min;
  let why: string;
  if (rates.length === trained.length && rateMismatches(rates, trained).length === 0) {
    const r = predictPaper(best.model, best.dir);
    if (r.quality !== 'unreliable' || !r.warnings.some((w) => w.code === 'cnn.resimulation-mismatch'))
      return { ...r, model_used: 'best' };
    why = `the paper-domain model's answer (n = 3) does not reproduce the curves (worst R² ${fmt(r.domain.worst_r2, 3)})`;
  } else {
    why = `the heating rates ${rates.map((b) => fmt(b, 3)).join('/')} K/min are not the paper model's ${trained.join('/')} K/min`;
  }
  return general(why);
}

function predictSample(
  model: CnnModel,
  modelDir: string,
  opts: PredictOptions,
  tStart: number,
  loaded?: ReturnType<typeof loadCurves>,
) {
  const { rates_K_min, grid_C } = model.manifest.input;
  const tLoad = performance.now();
  const { curves, warnings: read } = loaded ?? loadCurves(opts);
  const prepared = prepareRunSample(curves, rates_K_min, grid_C);
  const tCnn = performance.now();
  const [Ea, lgA] = model.predict(prepared.set);
  const tCnnEnd = performance.now();
  const domain = domainOf(model, prepared, { Ea_kJ_mol: Ea, lgA_s: lgA }, opts.force);
  const warnings = [...read, ...incompleteWarning(model), ...domain.warnings];
  let uncertainty: ({ ensemble: string } & ReturnType<typeof ensembleSampleJson>) | undefined;
  if (opts.uncertainty) {
    const dir = typeof opts.uncertainty === 'string' ? opts.uncertainty : SHIPPED_ENSEMBLE;
    const ens = CnnEnsemble.load(dir);
    uncertainty = { ensemble: dir, ...ensembleSampleJson(ens, ens.predict(prepared.set)) };
    const u = uncertainty.Ea_kJ_mol;
    if (!(Ea >= u.p05 && Ea <= u.p95)) {
      warnings.push(
        warning(
          'cnn.methods-disagree',
          'caution',
          `the CNN's Ea ${fmt(Ea, 1)} kJ/mol lies outside the ensemble's 90 % interval [${fmt(u.p05, 1)}, ${fmt(u.p95, 1)}]`,
        ),
      );
    }
  }
  let refined: ReturnType<typeof refineFromCnn> | undefined;
  if (opts.refine) {
    refined = refineOrFallBack(prepared.curves, { Ea_kJ_mol: Ea, lgA_s: lgA }, prepared.grid_K[0], warnings);
  }
  const tEnd = performance.now();
  return {
    model: modelDir,
    preset: model.manifest.preset,
    files: opts.runs.map((s) => ('path' in s ? s.path : s.name)),
    beta_K_min: prepared.curves.map((c) => c.beta_K_min),
    n: 3,
    cnn: { Ea_kJ_mol: Ea, lgA_s: lgA },
    quality: qualityOf(warnings),
    domain: { resimulation_r2: domain.resimulation_r2, worst_r2: domain.worst_r2 },
    uncertainty,
    refined: refined && {
      Ea_kJ_mol: refined.Ea_kJ_mol,
      lgA_s: refined.lgA_s,
      Ea_se_kJ_mol: refined.uncertainty?.Ea_kJ_mol ?? null,
      lgA_se: refined.uncertainty?.lgA_s ?? null,
      relative_sse: refined.relativeSse,
      rates: refined.rates.map((r) => ({ beta_K_min: r.beta_K_min, r2: r.r2 })),
      method: refined.search.method,
      warnings: refined.warnings,
    },
    time_ms: {
      startup_and_model_load: tLoad - tStart,
      import_and_preprocess: tCnn - tLoad,
      cnn: tCnnEnd - tCnn,
      refine: opts.refine ? tEnd - tCnnEnd : undefined,
      import_to_prediction: tCnnEnd - tLoad,
    },
    smoothing: smoothingJson(curves, opts.smoothing),
    warnings,
  };
}

/** `cnn.model-incomplete` when the model was loaded with `allowIncomplete` from an unfinished training. */
function incompleteWarning(model: CnnModel): ResultWarning[] {
  return model.incomplete
    ? [
        warning(
          'cnn.model-incomplete',
          'unreliable',
          `the model is not finished (${model.incomplete}; ${model.manifest.epochsRun} of ${model.manifest.epochsPlanned} epochs)`,
        ),
      ]
    : [];
}

/** Shipped models and models trained by `ckin train` have the JMA exponent of the paper's data fixed: n = 3. */
const MODEL_N = 3;

/**
 * The domain-of-validity checks of one prediction (src/nn/domain-of-validity.ts). Input the number cannot mean
 * anything for — rates off the training rates, a curve without a reaction — is refused unless `force`.
 */
function domainOf(
  model: CnnModel,
  prepared: ReturnType<typeof prepareRunSample>,
  predicted: { Ea_kJ_mol: number; lgA_s: number },
  force?: boolean,
) {
  const domain = checkCnnDomain(prepared.curves, predicted, {
    grid_K: prepared.grid_K,
    trainingRates_K_min: model.manifest.input.rates_K_min,
    n: MODEL_N,
    endFraction: prepared.endFraction,
    variationRatio: prepared.variationRatio,
  });
  const refused = domain.warnings.filter(
    (w) => w.code === 'cnn.rates-outside-training' || w.code === 'cnn.no-reaction',
  );
  if (refused.length && !force) {
    throw new InputError(
      refused.map((w) => w.message).join('; ') + ' — refused (--force predicts anyway, marked unreliable)',
    );
  }
  return domain;
}

/**
 * `--refine` that never fails the prediction: when the local fit cannot run on these curves (no peak inside the
 * window, too few points…) the CNN answer stands with a `cnn.refine-failed` caution; a refinement that does not
 * describe the curves (worst per-rate R² < 0.95) gets `cnn.refine-poor-fit`; a good refinement far from the CNN
 * (> 10 kJ/mol) gets `cnn.methods-disagree`. Errors other than input problems (bugs) propagate.
 */
function refineOrFallBack(
  curves: RateCurve[],
  start: { Ea_kJ_mol: number; lgA_s: number },
  T0_K: number,
  warnings: ResultWarning[],
): ReturnType<typeof refineFromCnn> | undefined {
  let r: ReturnType<typeof refineFromCnn>;
  try {
    r = refineFromCnn(curves, start, T0_K);
  } catch (e) {
    if (!(e instanceof InputError || e instanceof RangeError)) throw e;
    warnings.push(
      warning('cnn.refine-failed', 'caution', `refinement not possible, CNN answer kept: ${e.message}`),
    );
    return undefined;
  }
  const worst = r.rates.reduce((a, b) => Math.min(a, b.r2), Infinity);
  if (!(worst >= MIN_RESIMULATION_R2)) {
    warnings.push(
      warning(
        'cnn.refine-poor-fit',
        'unreliable',
        `the refined Ea ${fmt(r.Ea_kJ_mol, 1)} kJ/mol, lgA ${fmt(r.lgA_s, 2)} (n = 3) fits the curves poorly ` +
          `(worst per-rate R² ${fmt(worst, 3)} < ${MIN_RESIMULATION_R2}); its standard errors do not hold`,
      ),
    );
  } else if (Math.abs(r.Ea_kJ_mol - start.Ea_kJ_mol) > 10) {
    warnings.push(
      warning(
        'cnn.methods-disagree',
        'caution',
        `the refined Ea ${fmt(r.Ea_kJ_mol, 1)} kJ/mol is ${fmt(Math.abs(r.Ea_kJ_mol - start.Ea_kJ_mol), 1)} kJ/mol ` +
          `from the CNN's ${fmt(start.Ea_kJ_mol, 1)}; the refined value fits the curves (worst R² ${fmt(worst, 3)})`,
      ),
    );
  }
  return r;
}

function predictBatch(model: CnnModel, modelDir: string, opts: PredictOptions) {
  let set: CurveSet;
  let source: string;
  if (opts.data) {
    const split = opts.split ?? 'all';
    if (!SPLITS.includes(split)) throw new InputError(`--split must be train, val, test or all`);
    const { set: full } = readCurveDataset(resolve(opts.data));
    set = subset(full, splitIndices(full, split));
    source = `${opts.data} (${split})`;
  } else {
    const { input } = model.manifest;
    set = readWideCsv(opts.csv!, input.rates_K_min.length, input.grid_C.points);
    source = opts.csv!;
  }
  const t0 = performance.now();
  const pred = model.predict(set);
  const cnnMs = (performance.now() - t0) / set.count;
  const grid_K = gridTemperatures_K(model.manifest.input.grid_C);
  // The domain-of-validity check of every prediction (≈ 0.1 ms a sample): quality and worst re-simulation R².
  const t2 = performance.now();
  const quality: ReturnType<typeof qualityOf>[] = [];
  const worstR2 = new Float64Array(set.count);
  const codeCounts: Record<string, number> = {};
  for (let i = 0; i < set.count; i++) {
    const d = checkCnnDomain(
      sampleCurves(set, i, grid_K),
      { Ea_kJ_mol: pred[2 * i], lgA_s: pred[2 * i + 1] },
      { grid_K, trainingRates_K_min: model.manifest.input.rates_K_min, n: MODEL_N },
    );
    quality.push(qualityOf(d.warnings));
    worstR2[i] = d.worst_r2;
    for (const c of new Set(d.warnings.map((w) => w.code))) codeCounts[c] = (codeCounts[c] ?? 0) + 1;
  }
  const checkMs = (performance.now() - t2) / set.count;
  const qualityCounts = { ok: 0, caution: 0, unreliable: 0 };
  for (const q of quality) qualityCounts[q]++;
  let refined: Float64Array | undefined;
  let refineMs: number | undefined;
  if (opts.refine) {
    refined = new Float64Array(set.count * 2).fill(NaN);
    const t1 = performance.now();
    for (let i = 0; i < set.count; i++) {
      try {
        const r = refineFromCnn(
          sampleCurves(set, i, grid_K),
          { Ea_kJ_mol: pred[2 * i], lgA_s: pred[2 * i + 1] },
          grid_K[0],
        );
        refined[2 * i] = r.Ea_kJ_mol;
        refined[2 * i + 1] = r.lgA_s;
      } catch {
        // left NaN: reported as an empty cell
      }
      if (i % 50 === 0) opts.onProgress?.(i + 1, set.count, 'refine');
    }
    refineMs = (performance.now() - t1) / set.count;
  }
  const hasLabels = Number.isFinite(set.targets[0]);
  const trusted = Array.from({ length: set.count }, (_, i) => i).filter((i) => quality[i] !== 'unreliable');
  const score = (p: Float64Array) => ({
    all: evalMetrics(p, set.targets),
    valid: evalMetrics(p, set.targets, validRows(set.flags, set.count)),
    not_unreliable: evalMetrics(p, set.targets, trusted),
  });
  if (opts.out) {
    const head = ['sample', 'Ea_kJ_mol_cnn', 'lgA_s_cnn', 'quality', 'worst_r2'];
    if (refined) head.push('Ea_kJ_mol_refined', 'lgA_s_refined');
    if (hasLabels) head.push('Ea_kJ_mol_true', 'lgA_s_true');
    const lines = [head.join(',')];
    for (let i = 0; i < set.count; i++) {
      const cells: (number | string)[] = [i, pred[2 * i], pred[2 * i + 1], quality[i], worstR2[i]];
      if (refined) cells.push(refined[2 * i], refined[2 * i + 1]);
      if (hasLabels) cells.push(set.targets[2 * i], set.targets[2 * i + 1]);
      lines.push(
        cells.map((v) => (typeof v === 'string' ? v : Number.isFinite(v) ? String(v) : '')).join(','),
      );
    }
    writeFileAtomic(opts.out, lines.join('\n') + '\n');
    opts.onLog?.(`predict: ${set.count} predictions → ${opts.out}`);
  }
  return {
    model: modelDir,
    preset: model.manifest.preset,
    source,
    samples: set.count,
    cnn_ms_per_sample: cnnMs,
    check_ms_per_sample: checkMs,
    refine_ms_per_sample: refineMs,
    quality_counts: qualityCounts,
    warning_counts: codeCounts,
    cnn: hasLabels ? score(pred) : undefined,
    refined: hasLabels && refined ? score(refined) : undefined,
    out: opts.out,
    predictions: opts.out
      ? undefined
      : Array.from({ length: set.count }, (_, i) => ({
          Ea_kJ_mol: pred[2 * i],
          lgA_s: pred[2 * i + 1],
          quality: quality[i],
          worst_r2: worstR2[i],
          ...(refined ? { Ea_kJ_mol_refined: refined[2 * i], lgA_s_refined: refined[2 * i + 1] } : {}),
        })),
    warnings: incompleteWarning(model),
  };
}

/** Prediction of one sample with models already loaded (the server keeps its models loaded). */
export interface PredictLoadedOptions extends RunsInput {
  /** The model's name (as `PredictOptions.model`); default: the automatic choice of `predictChosenModel`. */
  model?: string;
  /** The caller's loaded models. */
  models: ModelSource;
  /** DSC heat-flow runs: the stage of the analysis whose baseline-corrected curves the network sees (default 1). */
  stage?: number;
  baseline?: BaselineKind;
  /** As `PredictOptions.force`. */
  force?: boolean;
}

/**
 * The dα/dT curves the network sees. TGA/α/DTG runs: exactly as `ckin predict` builds them (the runs over the
 * window). DSC heat-flow runs, which that path cannot convert: the baseline-corrected curves of the analysed stage
 * (as `ckin analyze`). Kissinger of the same stage comes along for comparison.
 */
function predictionCurves(opts: PredictLoadedOptions): {
  curves: ConversionCurve[];
  source: string;
  kissinger: { Ea_kJ_mol: number; lgA_s: number } | null;
} {
  const inputs = readRunSources(opts);
  const bad = inputs.filter((i) => !i.run);
  if (bad.length > 0)
    throw new InputError(
      bad.map((b) => (b.error!.startsWith(b.file) ? b.error! : `${b.file}: ${b.error}`)).join('; '),
    );
  const runs = inputs.map((i) => i.run!);
  // the conversion-curve path first (analyzeRuns may add notes to the runs it is given)
  const isDsc = runs.some((r) => r.heatFlow_W_g && !r.mass_mg && !r.mass_pct && !r.alpha && !r.dadT_per_K);
  const direct = isDsc
    ? undefined
    : runs.map((r) => runToConversionCurve(r, { window_K: opts.window_K, smoothing: opts.smoothing }));
  const res = analyzeRuns(inputs, {
    windows: stageWindows(opts),
    baseline: opts.baseline ?? 'sigmoidal',
    smoothing: opts.smoothing,
  });
  const k = opts.stage ?? 1;
  const stage = res.stages.find((s) => s.stage === k);
  const kissinger = stage?.kissinger
    ? { Ea_kJ_mol: stage.kissinger.Ea_kJ_mol, lgA_s: stage.kissinger.lgA_s }
    : null;
  if (direct) return { curves: direct, source: 'runs over the window (as ckin predict)', kissinger };
  if (!stage)
    throw new InputError(`stage ${k} does not exist: the analysis found ${res.stages.length} stage(s)`);
  if (stage.curves.length < 3)
    throw new InputError(
      `stage ${k} has ${stage.curves.length} curve(s); three heating rates or more are needed`,
    );
  return { curves: stage.curves, source: `stage ${k} of the analysis (DSC, baseline-corrected)`, kissinger };
}

/**
 * CNN prediction for one sample with the model of `predictChosenModel` (the JSON of `ckin predict --json`, plus
 * Kissinger of the same runs, where the curves came from and the paper model's test metrics).
 */
export function predictLoaded(opts: PredictLoadedOptions) {
  const { curves, source, kissinger } = predictionCurves(opts);
  const files = opts.runs.map((s) => ('path' in s ? s.path : s.name));
  const res = predictChosenModel(curves, [], opts, opts.models, (model, dir) =>
    paperLoaded(model, dir, curves, files, opts.force),
  );
  return { ...res, curves_from: source, kissinger };
}

/** The paper-domain model's answer for `predictLoaded`. */
function paperLoaded(model: CnnModel, dir: string, curves: RateCurve[], files: string[], force?: boolean) {
  const { rates_K_min, grid_C } = model.manifest.input;
  const prepared = prepareRunSample(curves, rates_K_min, grid_C);
  const t0 = performance.now();
  const [Ea, lgA] = model.predict(prepared.set);
  const cnnMs = performance.now() - t0;
  const domain = domainOf(model, prepared, { Ea_kJ_mol: Ea, lgA_s: lgA }, force);
  return {
    model: dir,
    preset: model.manifest.preset,
    model_version: `${model.manifest.preset} ${model.manifest.createdAt}`,
    files,
    beta_K_min: prepared.curves.map((c) => c.beta_K_min),
    n: 3,
    cnn: { Ea_kJ_mol: Ea, lgA_s: lgA },
    quality: qualityOf(domain.warnings),
    domain: { resimulation_r2: domain.resimulation_r2, worst_r2: domain.worst_r2 },
    test_metrics: model.manifest.metrics.test ?? null,
    cnn_ms: cnnMs,
    warnings: domain.warnings,
  };
}
