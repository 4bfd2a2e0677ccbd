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
