/**
 * One training epoch (Zhou 2026 §2.3): the learning rate from the schedule, the dropout seed and the batch order
 * derived from (seed, epoch) — so an epoch is reproducible on its own, also after a resume —, fresh noise when the
 * recipe augments, mini-batch Adam steps on the MSE in z-space, then the validation loss and R²/RMSE and the train R²
 * on a fixed subset. Pure with respect to files: the caller commits the result (src/nn/checkpoint.ts).
 */
import { useThreadsFor, type NativeNet } from './engine.ts';
import { denormalizeTargets, type Normalization } from './normalization.ts';
import { learningRate } from './schedule.ts';
import { mulberry32, permutation } from '../core/random.ts';
import { evalMetrics } from './evaluate.ts';
import { forwardInChunks, type EvalMetrics } from './model.ts';
import type { HistoryEntry } from './history-svg.ts';
import type { NoiseAugmenter } from './augment.ts';
import type { Preset } from './presets.ts';

/** Everything an epoch needs that does not change between epochs. */
export interface EpochContext {
  engine: { manualSeed(seed: number): void };
  net: NativeNet;
  recipe: Preset['train'];
  seed: number;
  norm: Normalization;
  /** z-scored training inputs and targets. */
  train: { x: Float32Array; aux: Float32Array; y: Float32Array; count: number; targets: Float32Array };
  /** z-scored validation inputs and targets, and the physical targets. */
  val: { x: Float32Array; aux: Float32Array; y: Float32Array; count: number; targets: Float32Array };
  /** Floats per sample (channels × length) and auxiliary inputs per sample. */
  cl: number;
  A: number;
  /** Training samples scored each epoch for the train R². */
  nEvalTrain: number;
  augmenter: NoiseAugmenter | null;
  onBatch?: (epoch: number, done: number, total: number, loss: number) => void;
}

export interface EpochResult {
  entry: HistoryEntry;
  valLoss: number;
  val: EvalMetrics;
  seconds: number;
}

/** Mean squared error in z-space over [N × 2] (the training loss, for validation). */
function zMse(pred: Float32Array, y: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i] - y[i]) ** 2;
  return s / y.length;
}

/**
 * Train epoch `epoch` (0-based). `progress` is the schedule position (the epoch, or the elapsed-time fraction of a
 * time budget in epochs).
 */
export function runEpoch(ctx: EpochContext, epoch: number, progress: number): EpochResult {
  const { net, recipe, seed, norm, train, val, cl, A } = ctx;
  const t0 = performance.now();
  const lr = learningRate(recipe.schedule, recipe.lr, progress, recipe.epochs, recipe.lrMin);
  ctx.engine.manualSeed(seed * 1000 + epoch); // dropout masks: reproducible per epoch, also across --resume
  const nTrain = train.count;
  const order = permutation(nTrain, mulberry32((seed * 0x9e3779b1 + epoch * 0x85ebca6b) >>> 0));
  const batches = Math.floor(nTrain / recipe.batch) + (nTrain % recipe.batch >= 2 ? 1 : 0);
  ctx.augmenter?.redraw(epoch, norm, train.x);
  const xb = new Float32Array(recipe.batch * cl);
  const ab = new Float32Array(recipe.batch * A);
  const yb = new Float32Array(recipe.batch * 2);
  let lossSum = 0;
  let seen = 0;
  for (let k = 0; k < batches; k++) {
    const s = k * recipe.batch;
    const b = Math.min(recipe.batch, nTrain - s);
    for (let j = 0; j < b; j++) {
      const i = order[s + j];
      xb.set(train.x.subarray(i * cl, (i + 1) * cl), j * cl);
      if (A) ab.set(train.aux.subarray(i * A, (i + 1) * A), j * A);
      yb[2 * j] = train.y[2 * i];
      yb[2 * j + 1] = train.y[2 * i + 1];
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
    ctx.onBatch?.(epoch, k + 1, batches, lossSum / seen);
  }
  const predVal = forwardInChunks(net, val.x, val.aux, val.count, cl, A);
  const valLoss = zMse(predVal, val.y);
  const valMetrics = evalMetrics(denormalizeTargets(predVal, norm), val.targets);
  const predTr = forwardInChunks(net, train.x, train.aux, ctx.nEvalTrain, cl, A);
  const trm = evalMetrics(denormalizeTargets(predTr, norm), train.targets.subarray(0, ctx.nEvalTrain * 2));
  const seconds = (performance.now() - t0) / 1000;
  const entry: HistoryEntry = {
    epoch: epoch + 1,
    lr,
    train_loss: lossSum / seen,
    val_loss: valLoss,
    train_r2_Ea: trm.r2_Ea,
    train_r2_lgA: trm.r2_lgA,
    val_r2_Ea: valMetrics.r2_Ea,
    val_r2_lgA: valMetrics.r2_lgA,
    val_rmse_Ea_kJ_mol: valMetrics.rmse_Ea_kJ_mol,
    val_rmse_lgA: valMetrics.rmse_lgA,
    seconds: Math.round(seconds * 100) / 100,
  };
  return { entry, valLoss, val: valMetrics, seconds };
}
