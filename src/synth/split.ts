import { Xoshiro128 } from '../core/xoshiro128.ts';
import { shuffleInPlace } from '../core/random.ts';
import { STREAM_PLAN } from './streams.ts';

/** Split codes of DIR/split.u8. */
export const SPLIT_TRAIN = 0;
export const SPLIT_VAL = 1;
export const SPLIT_TEST = 2;

/**
 * Train/validation/test split stratified by a class label (the material): within each class the members are
 * shuffled with a seeded stream, then round(n·train) go to training, round(n·val) to validation and the rest to test.
 *
 * @param classes class index per sample
 * @param fractions train/val/test fractions (sum 1)
 * @param seed dataset seed
 */
export function stratifiedSplit(
  classes: ArrayLike<number>,
  fractions: { train: number; val: number; test: number },
  seed: number,
): Uint8Array {
  const split = new Uint8Array(classes.length);
  const members = new Map<number, number[]>();
  for (let i = 0; i < classes.length; i++) {
    const list = members.get(classes[i]);
    if (list) list.push(i);
    else members.set(classes[i], [i]);
  }
  const rng = new Xoshiro128(seed, 1, STREAM_PLAN);
  for (const cls of [...members.keys()].sort((a, b) => a - b)) {
    const idx = members.get(cls)!;
    shuffleInPlace(idx, rng);
    const nTrain = Math.round(idx.length * fractions.train);
    const nVal = Math.min(idx.length - nTrain, Math.round(idx.length * fractions.val));
    for (let j = 0; j < idx.length; j++)
      split[idx[j]] = j < nTrain ? SPLIT_TRAIN : j < nTrain + nVal ? SPLIT_VAL : SPLIT_TEST;
  }
  return split;
}
