/**
 * The training loop (Zhou 2026 §2.3): z-scored inputs and targets from the training split, MSE, mini-batches in a
 * seeded order, learning rate per epoch from the schedule, validation each epoch, the best epoch's weights kept
 * (lowest validation loss), a resumable checkpoint after every epoch, all files written atomically. One epoch is
 * src/nn/train-epoch.ts; the crash-safe commit of each epoch, the resume guard and the `complete.json` marker of a
 * finished model are src/nn/checkpoint.ts.
 */
import { InputError } from '../core/input-error.ts';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNet, loadEngine, setThreads } from './engine.ts';
import { splitIndices, subset, type CurveSet, type DatasetInfo } from './dataset.ts';
import { computeNormalization, normalizeInputs, normalizeTargets } from './normalization.ts';
import { evalMetrics, validRows } from './evaluate.ts';
import { datasetSummary, MODEL_FORMAT, predictNormalized, type ModelManifest } from './model.ts';
import { historySvg, type HistoryEntry } from './history-svg.ts';
import { writeJsWeightsFromNet } from './js-weights.ts';
import { inNewDirOrNothing, writeFileAtomic } from '../core/atomic-write.ts';
import { readJsonFile } from '../core/json.ts';
import { HistorySchema } from './schemas.ts';
import { runEpoch } from './train-epoch.ts';
import {
  clearComplete,
  commitEpoch,
  markComplete,
  sha256,
  readResumeState,
  removeLeftovers,
  trainFingerprint,
  type TrainState,
} from './checkpoint.ts';
import type { Preset } from './presets.ts';
import { NoiseAugmenter } from './augment.ts';
import { gridTemperatures_K } from '../synth/grid.ts';
import type { NoiseParams } from '../synth/noise.ts';

export interface TrainOptions {
  /** Network and recipe (the recipe already carries any command-line overrides). */
  preset: Preset;
  data: { set: CurveSet; info: DatasetInfo };
  outDir: string;
  seed: number;
  threads: number;
  resume?: boolean;
  /**
   * Time budget in minutes (counted over resumes): stop after the epoch that would overrun it, and run the schedule
   * on the larger of the epoch fraction and the elapsed-time fraction, so the cosine anneals to ~0 by the deadline
   * even when fewer epochs than planned fit (a time-limited run is then not bit-reproducible: the epoch lengths set lr).
   */
  maxMinutes?: number;
  /** Stop after this many epochs in total (the schedule still spans `epochs`; continue later with `resume`). */
  stopAfter?: number;
  /** Training samples evaluated in eval mode each epoch for the train R² (default 2000). */
  trainEvalSamples?: number;
  onBatch?: (epoch: number, done: number, total: number, loss: number) => void;
  onEpoch?: (entry: HistoryEntry) => void;
}

/** True when `stopAfter` ended the run before the planned epochs (a run meant to be resumed). */
function stoppedEarly(opts: TrainOptions, state: TrainState): boolean {
  return (
    opts.stopAfter !== undefined &&
    state.epochsDone >= opts.stopAfter &&
    state.epochsDone < opts.preset.train.epochs
  );
}

/**
 * Train into `opts.outDir`. A run that fails (disk full, bad data) in a directory it created itself removes it again,
 * so no partial model directory is left behind (issue 22); an existing directory (`--resume`) keeps its checkpoint.
 */
export function trainModel(opts: TrainOptions): { manifest: ModelManifest; history: HistoryEntry[] } {
  return inNewDirOrNothing(opts.outDir, () => trainInto(opts));
}

function trainInto(opts: TrainOptions): { manifest: ModelManifest; history: HistoryEntry[] } {
  const { preset, outDir, seed } = opts;
  const { set, info } = opts.data;
  const recipe = preset.train;
  const engine = loadEngine();
  setThreads(opts.threads);
  mkdirSync(outDir, { recursive: true });

  const trainRows = splitIndices(set, 'train');
  const valRows = splitIndices(set, 'val');
  if (trainRows.length < 2 || valRows.length < 1) {
    throw new InputError(
      `dataset needs training and validation samples (train ${trainRows.length}, val ${valRows.length})`,
    );
  }
  const norm = computeNormalization(set, trainRows);
  const trainSet = subset(set, trainRows);
  const valSet = subset(set, valRows);
  const tr = normalizeInputs(trainSet, norm);
  const ytr = normalizeTargets(trainSet.targets, norm);
  const va = normalizeInputs(valSet, norm);
  const yva = normalizeTargets(valSet.targets, norm);
  const cl = set.channels * set.length;
  const A = set.auxSize;
  const nTrain = trainSet.count;
  const nEvalTrain = Math.min(opts.trainEvalSamples ?? 2000, nTrain);

  let augmenter: NoiseAugmenter | null = null;
  if (recipe.augmentNoise) {
    if (!info.noise)
      throw new InputError('noise augmentation: the dataset manifest has no spec.noise parameters');
    augmenter = new NoiseAugmenter(
      trainSet,
      gridTemperatures_K(info.grid_C),
      info.rates_K_min,
      info.noise as NoiseParams,
      seed,
    );
  }

  const { net, resolved } = createNet(preset.net, seed);
  net.setOptimizer({ type: recipe.optimizer, lr: recipe.lr, weightDecay: recipe.weightDecay });

  const historyPath = join(outDir, 'history.json');
  const fingerprint = trainFingerprint(preset, set, seed, opts.maxMinutes);
  let state: TrainState = {
    epochsDone: 0,
    bestEpoch: -1,
    bestValLoss: Infinity,
    wallTime_s: 0,
    seed,
    preset: preset.name,
    checkpoint: null,
    checkpoint_sha256: null,
    fingerprint,
  };
  let history: HistoryEntry[] = [];
  const resumed = opts.resume ? readResumeState(outDir, fingerprint) : null;
  if (resumed) {
    state = resumed.state;
    if (resumed.checkpoint) net.loadState(resumed.checkpoint);
    history = existsSync(historyPath) ? readJsonFile(historyPath, HistorySchema, 'training history') : [];
    history = history.filter((h) => h.epoch <= state.epochsDone);
  }
  // Until it finishes, the directory is not a loadable model; leftovers of a killed run go.
  clearComplete(outDir);
  removeLeftovers(outDir, state.checkpoint);

  const manifestOf = (metrics: ModelManifest['metrics']): ModelManifest => ({
    format: MODEL_FORMAT,
    formatVersion: 1,
    preset: preset.name,
    description: preset.description,
    net: preset.net,
    parameterCount: resolved.parameterCount,
    train: { ...recipe, seed, threads: opts.threads, timeLimit_min: opts.maxMinutes },
    normalization: norm,
    input: { rates_K_min: info.rates_K_min, grid_C: info.grid_C },
    dataset: datasetSummary(info),
    epochsPlanned: recipe.epochs,
    epochsRun: state.epochsDone,
    bestEpoch: state.bestEpoch,
    wallTime_s: Math.round(state.wallTime_s * 10) / 10,
    libtorchVersion: engine.libtorchVersion,
    createdAt: new Date().toISOString(),
    metrics,
  });

  const ctx = {
    engine,
    net,
    recipe,
    seed,
    norm,
    train: { x: tr.x, aux: tr.aux, y: ytr, count: nTrain, targets: trainSet.targets },
    val: { x: va.x, aux: va.aux, y: yva, count: valSet.count, targets: valSet.targets },
    cl,
    A,
    nEvalTrain,
    augmenter,
    onBatch: opts.onBatch,
  };
  let lastVal: ModelManifest['metrics']['val'];
  for (let epoch = state.epochsDone; epoch < recipe.epochs; epoch++) {
    const progress =
      opts.maxMinutes !== undefined
        ? Math.max(epoch, (recipe.epochs * state.wallTime_s) / (opts.maxMinutes * 60))
        : epoch;
    const { entry, valLoss, val, seconds } = runEpoch(ctx, epoch, progress);
    lastVal = val;
    state.wallTime_s += seconds;
    state.epochsDone = epoch + 1;
    history.push(entry);
    if (valLoss < state.bestValLoss) {
      state.bestValLoss = valLoss;
      state.bestEpoch = epoch + 1;
      // Written before the commit: a kill before the state is committed re-runs this epoch to the same weights.
      writeFileAtomic(join(outDir, 'model.pt'), net.saveState(false));
    }
    commitEpoch(outDir, state, net.saveState(true), () => {
      writeFileAtomic(historyPath, JSON.stringify(history, null, 1) + '\n');
      writeFileAtomic(join(outDir, 'history.svg'), historySvg(history, preset.name));
      writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifestOf({ val }), null, 2) + '\n');
    });
    opts.onEpoch?.(entry);
    if (opts.maxMinutes !== undefined && state.wallTime_s + seconds > opts.maxMinutes * 60) break;
    if (opts.stopAfter !== undefined && state.epochsDone >= opts.stopAfter) break;
  }

  // Final: the best weights, scored on the validation and test splits (all samples and the valid subset).
  if (existsSync(join(outDir, 'model.pt'))) net.loadState(readFileSync(join(outDir, 'model.pt')));
  const metrics: ModelManifest['metrics'] = {};
  const bestVal = predictNormalized(net, valSet, norm);
  metrics.val = evalMetrics(bestVal, valSet.targets) ?? lastVal;
  const testRows = splitIndices(set, 'test');
  if (testRows.length > 0) {
    const testSet = subset(set, testRows);
    const pred = predictNormalized(net, testSet, norm);
    metrics.test = evalMetrics(pred, testSet.targets);
    metrics.test_valid = evalMetrics(pred, testSet.targets, validRows(testSet.flags, testSet.count));
  }
  const manifest = manifestOf(metrics);
  writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Complete only when every planned epoch ran or the time budget ended the run (not after --stop-after).
  const finished =
    state.epochsDone >= recipe.epochs || (opts.maxMinutes !== undefined && !stoppedEarly(opts, state));
  if (finished && existsSync(join(outDir, 'model.pt'))) {
    // net holds model.pt's weights (loaded above): export them for the JavaScript inference path, then mark complete
    writeJsWeightsFromNet(outDir, net, sha256(readFileSync(join(outDir, 'model.pt'))));
    markComplete(outDir, state.epochsDone);
  }
  return { manifest, history };
}
