import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { presetByName, readPresetFile, type Preset } from '../nn/presets.ts';
import { readCurveDataset } from '../nn/dataset.ts';
import { trainModel } from '../nn/train.ts';
import type { HistoryEntry } from '../nn/history-svg.ts';
import { fromUserValues } from './user-values.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

/** `ckin train`: train a CNN preset on a synthetic dataset directory into a model directory. */
export interface TrainOptions extends UseCaseCallbacks {
  /** Dataset directory written by `ckin synth`. */
  data: string;
  /** Model directory to write. */
  out: string;
  /** Preset name (default best), or a preset read from a JSON file (`presetFile`). */
  preset?: string;
  presetFile?: string;
  /** Overrides of the preset's recipe. */
  epochs?: number;
  batch?: number;
  lr?: number;
  weightDecay?: number;
  schedule?: 'cosine' | 'constant';
  /** Re-draw the dataset noise every epoch (default: the preset's). */
  augment?: boolean;
  /** Seed of weights, batch order and dropout (default 1). */
  seed?: number;
  /** libtorch threads (default: all cores). */
  threads?: number;
  /** Continue from out/checkpoint.pt. */
  resume?: boolean;
  /** Time budget, minutes; stop before passing it. */
  maxMinutes?: number;
  /** Stop after epoch n (the schedule still spans `epochs`). */
  stopAfter?: number;
  /** Per-batch progress: epoch (0-based), batches done, batches per epoch, running loss. */
  onBatch?: (epoch: number, done: number, total: number, loss: number) => void;
  /** After each epoch: its history entry (losses, R², RMSE, seconds). */
  onEpoch?: (entry: HistoryEntry) => void;
}

function nonNegative(value: number | undefined, name: string, integer = false): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new InputError(
      `--${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got "${value}"`,
    );
  }
  return value;
}

/** The preset with the option overrides applied (exported for the CLI's start-up line). */
export function trainPreset(opts: TrainOptions): Preset {
  const preset = opts.presetFile
    ? readPresetFile(opts.presetFile)
    : fromUserValues('--preset', () => presetByName(opts.preset ?? 'best'));
  const t = preset.train;
  t.epochs = nonNegative(opts.epochs, 'epochs', true) ?? t.epochs;
  t.batch = nonNegative(opts.batch, 'batch', true) ?? t.batch;
  t.lr = nonNegative(opts.lr, 'lr') ?? t.lr;
  t.weightDecay = nonNegative(opts.weightDecay, 'wd') ?? t.weightDecay;
  if (opts.schedule !== undefined) {
    if (opts.schedule !== 'cosine' && opts.schedule !== 'constant') {
      throw new InputError(`--schedule must be cosine or constant, got "${String(opts.schedule)}"`);
    }
    t.schedule = opts.schedule;
  }
  if (opts.augment !== undefined) t.augmentNoise = opts.augment;
  checkWork('epochs', t.epochs);
  checkWork('batch', t.batch);
  return preset;
}

/** Train; returns the model manifest (what `ckin train --json` prints). */
export function train(opts: TrainOptions) {
  const preset = trainPreset(opts);
  const t = preset.train;
  const seed = nonNegative(opts.seed ?? 1, 'seed', true)!;
  const threads =
    opts.threads === undefined || opts.threads === 0
      ? availableParallelism()
      : checkWork('threads', opts.threads);
  const data = readCurveDataset(resolve(opts.data));
  opts.onLog?.(
    `train: preset ${preset.name}, ${data.set.count} samples from ${opts.data}, ${t.epochs} epochs, batch ${t.batch}, ` +
      `lr ${t.lr}, wd ${t.weightDecay}, ${t.schedule}, seed ${seed}, ${threads} thread(s) → ${opts.out}`,
  );
  const { manifest } = trainModel({
    preset,
    data,
    outDir: resolve(opts.out),
    seed,
    threads,
    resume: opts.resume,
    maxMinutes: nonNegative(opts.maxMinutes, 'max-minutes'),
    stopAfter: nonNegative(opts.stopAfter, 'stop-after', true),
    onBatch: opts.onBatch,
    onEpoch: opts.onEpoch,
  });
  return { ...manifest, warnings: [] as string[] };
}
