/**
 * A trained model directory: manifest.json (how it was built and trained, normalization, metrics) + model.pt (the
 * best weights: libtorch archive of parameters and BatchNorm statistics). Training also keeps checkpoint.pt (last
 * epoch, with optimizer state, for --resume), train-state.json, history.json and history.svg there.
 */
import { registryLookup } from '../core/registry.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/input-error.ts';
import { checkJson, readJsonUnknown } from '../core/json.ts';
import { ModelManifestSchema } from './schemas.ts';
import { incompleteReason, sha256 } from './checkpoint.ts';
import { createNet, useThreadsFor, type NativeNet } from './engine.ts';
import { resolveNetSpec, type NetSpec } from './spec.ts';
import { JS_FORWARD_MAX_BATCH, JsNet } from './js-net.ts';
import { readJsWeights } from './js-weights.ts';
import type { TrainRecipe } from './presets.ts';
import { denormalizeTargets, normalizeInputs, type Normalization } from './normalization.ts';
import type { CurveSet, DatasetInfo } from './dataset.ts';

export const MODEL_FORMAT = 'cathode-kinetics-cnn';

/** Metrics of (Ea, lgA) predictions on one set of samples. */
export interface EvalMetrics {
  count: number;
  r2_Ea: number;
  r2_lgA: number;
  rmse_Ea_kJ_mol: number;
  rmse_lgA: number;
  mae_Ea_kJ_mol: number;
  mae_lgA: number;
}

export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  formatVersion: 1;
  preset: string;
  description: string;
  net: NetSpec;
  parameterCount: number;
  /** The recipe as run; `timeLimit_min` when the schedule followed a time budget (`--max-minutes`). */
  train: TrainRecipe & { seed: number; threads: number; timeLimit_min?: number };
  normalization: Normalization;
  /** What the network expects: peak-normalized DTG curves on this grid at these heating rates. */
  input: { rates_K_min: number[]; grid_C: { start: number; end: number; points: number } };
  dataset: {
    dir: string;
    seed?: number;
    count: number;
    splitCounts?: Record<string, number>;
    noise?: unknown;
  };
  epochsPlanned: number;
  epochsRun: number;
  bestEpoch: number;
  wallTime_s: number;
  libtorchVersion: string;
  createdAt: string;
  metrics: { val?: EvalMetrics; test?: EvalMetrics; test_valid?: EvalMetrics };
}

/** The shipped default model (the `best` preset) and the paper preset, inside the package. */
export const SHIPPED_MODELS: Record<string, string> = {
  best: fileURLToPath(new URL('../../models/best', import.meta.url)),
  paper: fileURLToPath(new URL('../../models/paper', import.meta.url)),
};
export const DEFAULT_MODEL = SHIPPED_MODELS.best;

/** `--model` value → directory: a shipped name (best, paper) or a path. */
export function resolveModelDir(model?: string): string {
  if (!model) return DEFAULT_MODEL;
  return registryLookup(SHIPPED_MODELS, model) ?? model;
}

export function readModelManifest(dir: string): ModelManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new InputError('not a model directory (no manifest.json)', { file: dir });
  const m = readJsonUnknown(path) as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof m !== 'object' || m === null || m.format !== MODEL_FORMAT)
    throw new InputError(`not a ${MODEL_FORMAT} manifest`, { file: path });
  if (m.formatVersion !== 1) {
    // A model written by another version of this package: its layer spec or weights layout may differ.
    throw new InputError(
      `model format version ${String(m.formatVersion)} is not supported by this version of cathode-kinetics ` +
        '(expected 1): retrain it with `ckin train` or use the matching package version',
      { file: path },
    );
  }
  const manifest = checkJson(ModelManifestSchema, m, 'model manifest', path);
  // A network that does not fit together is the file's fault, not an internal error: say so before the engine sees it.
  try {
    resolveNetSpec(manifest.net);
  } catch (err) {
    throw new InputError(`model manifest: invalid network: ${(err as Error).message}`, { file: path });
  }
  return manifest;
}

/** What predictions need of a network: the eval-mode forward pass (the addon's `Net` or `HybridNet`). */
export interface InferenceNet {
  forward(x: Float32Array, aux: Float32Array | null, batch: number): Float32Array;
}

/**
 * Forward passes of small batches in JavaScript (src/nn/js-net.ts, no libtorch load: a single-run `ckin predict`
 * starts in a fraction of the time), larger ones on libtorch, loaded on first need from the same model.pt.
 */
export class HybridNet implements InferenceNet {
  private native: NativeNet | null = null;
  private readonly js: JsNet;
  private readonly makeNative: () => NativeNet;

  constructor(js: JsNet, makeNative: () => NativeNet) {
    this.js = js;
    this.makeNative = makeNative;
  }

  forward(x: Float32Array, aux: Float32Array | null, batch: number): Float32Array {
    if (batch <= JS_FORWARD_MAX_BATCH) return this.js.forward(x, aux, batch);
    this.native ??= this.makeNative();
    useThreadsFor(batch);
    return this.native.forward(x, aux, batch);
  }
}

/**
 * The network of a model directory for predictions: a `HybridNet` (batch 1 in JavaScript) when `dir/model.js-weights`
 * was exported from exactly this weights file, else the libtorch network. InputError when the weights do not load
 * into the spec's network (the user's model directory, not a bug).
 */
export function loadInferenceNet(dir: string, spec: NetSpec, file: string): InferenceNet {
  const bytes = readFileSync(file);
  const makeNative = () => {
    const { net } = createNet(spec);
    try {
      net.loadState(bytes);
    } catch (err) {
      throw new InputError(
        `model weights do not load into the manifest's network: ${(err as Error).message}`,
        {
          file,
        },
      );
    }
    return net;
  };
  // The JavaScript weights count only when they were exported from exactly this model.pt.
  const tensors = readJsWeights(dir, sha256(bytes));
  if (tensors) {
    let js: JsNet | null = null;
    try {
      js = new JsNet(resolveNetSpec(spec), tensors);
    } catch {
      js = null; // tensors that do not fit the spec: libtorch decides whether the model loads at all
    }
    if (js) return new HybridNet(js, makeNative);
  }
  return makeNative();
}

/** A loaded model: predicts (Ea_kJ_mol, lgA_s) from raw (peak-normalized) curves and heating rates. */
export class CnnModel {
  readonly manifest: ModelManifest;
  readonly net: InferenceNet;
  /** Why the directory is not a finished model (src/nn/checkpoint.ts), or null when it is. */
  readonly incomplete: string | null;

  constructor(manifest: ModelManifest, net: InferenceNet, incomplete: string | null = null) {
    this.manifest = manifest;
    this.net = net;
    this.incomplete = incomplete;
  }

  /**
   * Load manifest.json + model.pt (or another weights file in the directory). A directory whose training did not
   * finish (no complete.json, or files that do not match it) is refused unless `allowIncomplete`; then
   * `incomplete` says why.
   */
  static load(dir: string, weights = 'model.pt', opts: { allowIncomplete?: boolean } = {}): CnnModel {
    const manifest = readModelManifest(dir);
    const incomplete = incompleteReason(dir, weights);
    if (incomplete && !opts.allowIncomplete) {
      throw new InputError(
        `not a finished model: ${incomplete} — resume the training (ckin train --resume) or pass --allow-incomplete`,
        { file: dir },
      );
    }
    const file = join(dir, weights);
    if (!existsSync(file)) throw new InputError(`model weights ${weights} missing`, { file: dir });
    return new CnnModel(manifest, loadInferenceNet(dir, manifest.net, file), incomplete);
  }

  /**
   * Predict on a set of samples (their curves and aux in physical form, as in the dataset). Eval mode, in chunks.
   * @returns row-major [N × 2] (Ea_kJ_mol, lgA_s)
   */
  predict(set: CurveSet, chunk = 1024): Float64Array {
    return predictNormalized(this.net, set, this.manifest.normalization, chunk);
  }
}

/**
 * One eval-mode forward pass of `batch` samples on the thread count `useThreadsFor` picks — for a libtorch network;
 * a `HybridNet` sets threads itself, only when it hands the batch to libtorch.
 */
export function forwardBatch(
  net: InferenceNet,
  x: Float32Array,
  aux: Float32Array | null,
  batch: number,
): Float32Array {
  if (!(net instanceof HybridNet)) useThreadsFor(batch);
  return net.forward(x, aux, batch);
}

/**
 * Eval-mode forward of the first `n` samples of already z-scored inputs (x [N·cl], aux [N·a]) in chunks of `chunk`,
 * each on the thread count `useThreadsFor` picks; returns the z-scored outputs [n × 2].
 */
export function forwardInChunks(
  net: InferenceNet,
  x: Float32Array,
  aux: Float32Array,
  n: number,
  cl: number,
  a: number,
  chunk = 1024,
): Float32Array {
  const out = new Float32Array(n * 2);
  for (let s = 0; s < n; s += chunk) {
    const b = Math.min(chunk, n - s);
    out.set(
      forwardBatch(net, x.subarray(s * cl, (s + b) * cl), a ? aux.subarray(s * a, (s + b) * a) : null, b),
      s * 2,
    );
  }
  return out;
}

/** Eval-mode predictions of a network on a set, normalizing inputs and de-normalizing outputs. */
export function predictNormalized(
  net: InferenceNet,
  set: CurveSet,
  norm: Normalization,
  chunk = 1024,
): Float64Array {
  const { x, aux } = normalizeInputs(set, norm);
  const out = forwardInChunks(net, x, aux, set.count, set.channels * set.length, set.auxSize, chunk);
  return denormalizeTargets(out, norm);
}

/** Manifest fields describing the dataset a model was trained on. */
export function datasetSummary(info: DatasetInfo): ModelManifest['dataset'] {
  return {
    dir: info.dir,
    seed: info.seed,
    count: info.count,
    splitCounts: info.splitCounts,
    noise: info.noise,
  };
}
