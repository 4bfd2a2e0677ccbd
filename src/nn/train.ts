/**
 * The training loop (Zhou 2026 §2.3): z-scored inputs and targets from the training split, MSE, mini-batches in a
 * seeded order, learning rate per epoch from the schedule, validation each epoch, the best epoch's weights kept
 * (lowest validation loss), a resumable checkpoint after every epoch, all files written atomically.
 */
import { InputError } from '../core/input-error.ts';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNet, loadEngine, setThreads, useThreadsFor } from './engine.ts';
import { splitIndices, subset, type CurveSet, type DatasetInfo } from './dataset.ts';
import {
  computeNormalization,
  denormalizeTargets,
  normalizeInputs,
  normalizeTargets,
} from './normalization.ts';
import { learningRate } from './schedule.ts';
import { mulberry32, permutation } from '../core/random.ts';
import { evalMetrics, validRows } from './evaluate.ts';
import {
  datasetSummary,
  forwardInChunks,
  MODEL_FORMAT,
  predictNormalized,
  type ModelManifest,
} from './model.ts';
import { historySvg, type HistoryEntry } from './history-svg.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { readJsonFile } from '../core/json.ts';
import { HistorySchema, TrainStateSchema } from './schemas.ts';
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

interface TrainState {
  epochsDone: number;
  bestEpoch: number;
  bestValLoss: number;
  wallTime_s: number;
  seed: number;
  preset: string;
}

/** Mean squared error in z-space over [N × 2] (the training loss, for validation). */
function zMse(pred: Float32Array, y: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i] - y[i]) ** 2;
  return s / y.length;
}

export function trainModel(opts: TrainOptions): { manifest: ModelManifest; history: HistoryEntry[] } {
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

  const statePath = join(outDir, 'train-state.json');
  const checkpointPath = join(outDir, 'checkpoint.pt');
  const historyPath = join(outDir, 'history.json');
  let state: TrainState = {
    epochsDone: 0,
    bestEpoch: -1,
    bestValLoss: Infinity,
    wallTime_s: 0,
    seed,
    preset: preset.name,
  };
  let history: HistoryEntry[] = [];
  if (opts.resume && existsSync(statePath) && existsSync(checkpointPath)) {
    state = readJsonFile(statePath, TrainStateSchema, 'train state');
    if (state.preset !== preset.name || state.seed !== seed) {
      throw new InputError(`--resume: ${outDir} was trained with preset ${state.preset}, seed ${state.seed}`);
    }
    net.loadState(readFileSync(checkpointPath));
    history = existsSync(historyPath) ? readJsonFile(historyPath, HistorySchema, 'training history') : [];
    history = history.filter((h) => h.epoch <= state.epochsDone);
    state.bestValLoss = state.bestValLoss ?? Infinity;
  }

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

  const xb = new Float32Array(recipe.batch * cl);
  const ab = new Float32Array(recipe.batch * A);
  const yb = new Float32Array(recipe.batch * 2);
  let lastVal: ModelManifest['metrics']['val'];
  for (let epoch = state.epochsDone; epoch < recipe.epochs; epoch++) {
    const t0 = performance.now();
    const progress =
      opts.maxMinutes !== undefined
        ? Math.max(epoch, (recipe.epochs * state.wallTime_s) / (opts.maxMinutes * 60))
        : epoch;
    const lr = learningRate(recipe.schedule, recipe.lr, progress, recipe.epochs, recipe.lrMin);
    engine.manualSeed(seed * 1000 + epoch); // dropout masks: reproducible per epoch, also across --resume
    const order = permutation(nTrain, mulberry32((seed * 0x9e3779b1 + epoch * 0x85ebca6b) >>> 0));
    const batches = Math.floor(nTrain / recipe.batch) + (nTrain % recipe.batch >= 2 ? 1 : 0);
    augmenter?.redraw(epoch, norm, tr.x);
    let lossSum = 0;
    let seen = 0;
    for (let k = 0; k < batches; k++) {
      const s = k * recipe.batch;
      const b = Math.min(recipe.batch, nTrain - s);
      for (let j = 0; j < b; j++) {
        const i = order[s + j];
        xb.set(tr.x.subarray(i * cl, (i + 1) * cl), j * cl);
        if (A) ab.set(tr.aux.subarray(i * A, (i + 1) * A), j * A);
        yb[2 * j] = ytr[2 * i];
        yb[2 * j + 1] = ytr[2 * i + 1];
      }
      useThreadsFor(b, true);
      const loss = net.trainStep(
        xb.subarray(0, b * cl),
        A ? ab.subarray(0, b * A) : null,
        yb.subarray(0, b * 2),
        b,
        lr,
      );
      lossSum += loss * b;
      seen += b;
      opts.onBatch?.(epoch, k + 1, batches, lossSum / seen);
    }
    const predVal = forwardInChunks(net, va.x, va.aux, valSet.count, cl, A);
    const valLoss = zMse(predVal, yva);
    const val = evalMetrics(denormalizeTargets(predVal, norm), valSet.targets);
    lastVal = val;
    const predTr = forwardInChunks(net, tr.x, tr.aux, nEvalTrain, cl, A);
    const trm = evalMetrics(denormalizeTargets(predTr, norm), trainSet.targets.subarray(0, nEvalTrain * 2));
    const seconds = (performance.now() - t0) / 1000;
    state.wallTime_s += seconds;
    state.epochsDone = epoch + 1;
    const entry: HistoryEntry = {
      epoch: epoch + 1,
      lr,
      train_loss: lossSum / seen,
      val_loss: valLoss,
      train_r2_Ea: trm.r2_Ea,
      train_r2_lgA: trm.r2_lgA,
      val_r2_Ea: val.r2_Ea,
      val_r2_lgA: val.r2_lgA,
      val_rmse_Ea_kJ_mol: val.rmse_Ea_kJ_mol,
      val_rmse_lgA: val.rmse_lgA,
      seconds: Math.round(seconds * 100) / 100,
    };
    history.push(entry);
    if (valLoss < state.bestValLoss) {
      state.bestValLoss = valLoss;
      state.bestEpoch = epoch + 1;
      writeFileAtomic(join(outDir, 'model.pt'), net.saveState(false));
    }
    writeFileAtomic(checkpointPath, net.saveState(true));
    writeFileAtomic(historyPath, JSON.stringify(history, null, 1) + '\n');
    writeFileAtomic(join(outDir, 'history.svg'), historySvg(history, preset.name));
    writeFileAtomic(statePath, JSON.stringify(state, null, 2) + '\n');
    writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifestOf({ val }), null, 2) + '\n');
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
  return { manifest, history };
}
