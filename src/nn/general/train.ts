/**
 * Training of the general model (issue 19): z-scored features (per channel × level), aux and the 4 targets with
 * training statistics, mini-batch Adam on the MSE in z-space with a seeded batch order, cosine annealing per epoch
 * (src/nn/schedule.ts), validation every epoch, the lowest-validation-loss weights kept. Same engine as the paper
 * model (src/nn/engine.ts); the loop is separate because the inputs, the number of outputs and the metrics differ
 * (src/nn/train.ts is written for the 2-output fixed-rate datasets).
 */
import { createNet, loadEngine, setThreads, useThreadsFor, type NativeNet } from '../engine.ts';
import { learningRate } from '../schedule.ts';
import { mulberry32, permutation } from '../../core/random.ts';
import { GENERAL_OUTPUTS, type GeneralSet } from './dataset.ts';
import type { NetSpec } from '../spec.ts';
import { forwardBatch, type InferenceNet } from '../model.ts';
import type { GeneralRecipe } from './network.ts';

/** Per-feature z-score statistics (std floored at 1e-6; features that never vary stay 0 after scaling). */
export interface GeneralNormalization {
  xMean: number[];
  xStd: number[];
  auxMean: number[];
  auxStd: number[];
  yMean: number[];
  yStd: number[];
}

function stats(
  a: Float32Array,
  count: number,
  width: number,
  rows?: ArrayLike<number>,
): { mean: number[]; std: number[] } {
  const mean = new Array<number>(width).fill(0);
  const sq = new Array<number>(width).fill(0);
  const n = rows ? rows.length : count;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    for (let j = 0; j < width; j++) {
      const v = a[i * width + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  }
  const std = mean.map((s, j) => {
    const m = s / n;
    return Math.max(1e-6, Math.sqrt(Math.max(0, sq[j] / n - m * m)));
  });
  return { mean: mean.map((s) => s / n), std };
}

export function computeGeneralNormalization(set: GeneralSet): GeneralNormalization {
  const cl = set.channels * set.length;
  const x = stats(set.x, set.count, cl);
  const a = stats(set.aux, set.count, set.auxSize);
  const y = stats(set.y, set.count, GENERAL_OUTPUTS);
  return { xMean: x.mean, xStd: x.std, auxMean: a.mean, auxStd: a.std, yMean: y.mean, yStd: y.std };
}

function zscore(a: Float32Array, width: number, mean: number[], std: number[]): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const j = i % width;
    out[i] = (a[i] - mean[j]) / std[j];
  }
  return out;
}

export function normalizeGeneralInputs(
  x: Float32Array,
  aux: Float32Array,
  norm: GeneralNormalization,
): { x: Float32Array; aux: Float32Array } {
  return {
    x: zscore(x, norm.xMean.length, norm.xMean, norm.xStd),
    aux: zscore(aux, norm.auxMean.length, norm.auxMean, norm.auxStd),
  };
}

/** Eval-mode predictions [N × 4] in physical units. */
export function predictGeneral(
  net: InferenceNet,
  x: Float32Array,
  aux: Float32Array,
  count: number,
  norm: GeneralNormalization,
  chunk = 1024,
): Float64Array {
  const z = normalizeGeneralInputs(x, aux, norm);
  const cl = norm.xMean.length;
  const A = norm.auxMean.length;
  const out = new Float64Array(count * GENERAL_OUTPUTS);
  for (let s = 0; s < count; s += chunk) {
    const b = Math.min(chunk, count - s);
    const o = forwardBatch(net, z.x.subarray(s * cl, (s + b) * cl), z.aux.subarray(s * A, (s + b) * A), b);
    for (let i = 0; i < b * GENERAL_OUTPUTS; i++) {
      const j = i % GENERAL_OUTPUTS;
      out[s * GENERAL_OUTPUTS + i] = o[i] * norm.yStd[j] + norm.yMean[j];
    }
  }
  return out;
}

/** RMSE per target over `rows` (all when omitted); family as the share misclassified at the 0.5 threshold. */
export function generalErrors(
  pred: Float64Array,
  y: Float32Array,
  rows?: ArrayLike<number>,
): { count: number; rmse_Ea_kJ_mol: number; rmse_lgA: number; rmse_n: number; family_error: number } {
  const n = rows ? rows.length : y.length / GENERAL_OUTPUTS;
  let e = 0;
  let l = 0;
  let m = 0;
  let f = 0;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r] : r;
    const o = i * GENERAL_OUTPUTS;
    e += (pred[o] - y[o]) ** 2;
    l += (pred[o + 1] - y[o + 1]) ** 2;
    m += (pred[o + 2] - y[o + 2]) ** 2;
    if (pred[o + 3] > 0.5 !== y[o + 3] > 0.5) f++;
  }
  return {
    count: n,
    rmse_Ea_kJ_mol: Math.sqrt(e / n),
    rmse_lgA: Math.sqrt(l / n),
    rmse_n: Math.sqrt(m / n),
    family_error: f / n,
  };
}

export interface GeneralHistoryEntry {
  epoch: number;
  lr: number;
  train_loss: number;
  val_loss: number;
  val_rmse_Ea_kJ_mol: number;
  val_rmse_lgA: number;
  val_rmse_n: number;
  seconds: number;
}

export interface GeneralTrainResult {
  net: NativeNet;
  norm: GeneralNormalization;
  history: GeneralHistoryEntry[];
  bestEpoch: number;
  /** libtorch archive of the best weights. */
  best: Buffer;
  wallTime_s: number;
  parameterCount: number;
}

/**
 * Train on `train`, select on `val`. `maxMinutes` stops after the epoch that passes the budget, and the cosine
 * runs over the larger of the epoch and the elapsed-time fraction (as in src/nn/train.ts).
 */
export function trainGeneral(opts: {
  train: GeneralSet;
  val: GeneralSet;
  net: NetSpec;
  recipe: GeneralRecipe;
  seed: number;
  threads: number;
  maxMinutes?: number;
  onEpoch?: (h: GeneralHistoryEntry) => void;
}): GeneralTrainResult {
  const { train, val, recipe, seed } = opts;
  const engine = loadEngine();
  setThreads(opts.threads);
  const norm = computeGeneralNormalization(train);
  const tr = normalizeGeneralInputs(train.x, train.aux, norm);
  const ytr = zscore(train.y, GENERAL_OUTPUTS, norm.yMean, norm.yStd);
  const { net, resolved } = createNet(opts.net, seed);
  net.setOptimizer({ type: 'adam', lr: recipe.lr, weightDecay: recipe.weightDecay });
  const cl = train.channels * train.length;
  const A = train.auxSize;
  const O = GENERAL_OUTPUTS;
  const xb = new Float32Array(recipe.batch * cl);
  const ab = new Float32Array(recipe.batch * A);
  const yb = new Float32Array(recipe.batch * O);
  const history: GeneralHistoryEntry[] = [];
  let best: Buffer = net.saveState(false);
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let wall = 0;
  for (let epoch = 0; epoch < recipe.epochs; epoch++) {
    const t0 = performance.now();
    const progress = opts.maxMinutes
      ? Math.max(epoch, (recipe.epochs * wall) / (opts.maxMinutes * 60))
      : epoch;
    const lr = learningRate('cosine', recipe.lr, progress, recipe.epochs, 0);
    engine.manualSeed(seed * 1000 + epoch);
    const order = permutation(train.count, mulberry32((seed * 0x9e3779b1 + epoch * 0x85ebca6b) >>> 0));
    let lossSum = 0;
    let seen = 0;
    for (let s = 0; s + 2 <= train.count; s += recipe.batch) {
      const b = Math.min(recipe.batch, train.count - s);
      for (let j = 0; j < b; j++) {
        const i = order[s + j];
        xb.set(tr.x.subarray(i * cl, (i + 1) * cl), j * cl);
        ab.set(tr.aux.subarray(i * A, (i + 1) * A), j * A);
        yb.set(ytr.subarray(i * O, (i + 1) * O), j * O);
      }
      useThreadsFor(b, true);
      lossSum +=
        net.trainStep(xb.subarray(0, b * cl), ab.subarray(0, b * A), yb.subarray(0, b * O), b, lr) * b;
      seen += b;
    }
    const pv = predictGeneral(net, val.x, val.aux, val.count, norm);
    let vl = 0;
    for (let i = 0; i < pv.length; i++) {
      const j = i % O;
      vl += ((pv[i] - val.y[i]) / norm.yStd[j]) ** 2;
    }
    vl /= pv.length;
    const err = generalErrors(pv, val.y);
    const seconds = (performance.now() - t0) / 1000;
    wall += seconds;
    if (vl < bestLoss) {
      bestLoss = vl;
      bestEpoch = epoch + 1;
      best = net.saveState(false);
    }
    const h: GeneralHistoryEntry = {
      epoch: epoch + 1,
      lr,
      train_loss: lossSum / seen,
      val_loss: vl,
      val_rmse_Ea_kJ_mol: err.rmse_Ea_kJ_mol,
      val_rmse_lgA: err.rmse_lgA,
      val_rmse_n: err.rmse_n,
      seconds: Math.round(seconds * 100) / 100,
    };
    history.push(h);
    opts.onEpoch?.(h);
    if (opts.maxMinutes !== undefined && wall > opts.maxMinutes * 60) break;
  }
  net.loadState(best);
  return { net, norm, history, bestEpoch, best, wallTime_s: wall, parameterCount: resolved.parameterCount };
}
