/**
 * Learning rate of epoch `epoch` (0-based). `cosine` is PyTorch's CosineAnnealingLR stepped once per epoch:
 * lr_e = lr_min + (lr − lr_min)·(1 + cos(π·e/T_max))/2, with T_max = the planned number of epochs.
 */
export function learningRate(
  schedule: 'cosine' | 'constant',
  lr: number,
  epoch: number,
  tMax: number,
  lrMin = 0,
): number {
  if (schedule === 'constant') return lr;
  return lrMin + ((lr - lrMin) * (1 + Math.cos((Math.PI * Math.min(epoch, tMax)) / tMax))) / 2;
}

/** Seeded batch shuffling uses the package's mulberry32: the same seed gives the same epochs on every machine. */
export { mulberry32 } from '../core/mulberry32.ts';

/** Fisher–Yates shuffle of 0…n−1 with the given generator. */
export function permutation(n: number, random: () => number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
