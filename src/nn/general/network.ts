/**
 * The general model's network and recipe (data, like src/nn/presets.ts): three Conv1d(k = 3) + BatchNorm + ReLU
 * stages 64/64/96 over the 19 conversion levels (no pooling: 19 positions are few and each α level matters),
 * flatten + aux, dense 256–128–4 (Ea, lgA, n, family). Adam, cosine annealing to 0, MSE on z-scored targets.
 */
import type { NetSpec, LayerSpec } from '../spec.ts';
import type { RepresentationShape } from './representation.ts';
import { GENERAL_OUTPUTS } from './dataset.ts';

export interface GeneralRecipe {
  lr: number;
  weightDecay: number;
  batch: number;
  epochs: number;
}

export const GENERAL_RECIPE: Readonly<GeneralRecipe> = Object.freeze({
  lr: 1e-3,
  weightDecay: 1e-5,
  batch: 128,
  epochs: 60,
});

export function generalNet(shape: RepresentationShape): NetSpec {
  const layers: LayerSpec[] = [];
  for (const out of [64, 64, 96]) {
    layers.push({ type: 'conv1d', out, kernel: 3 }, { type: 'batchnorm1d' }, { type: 'relu' });
  }
  layers.push({ type: 'concat_aux' });
  for (const width of [256, 128]) layers.push({ type: 'linear', out: width }, { type: 'relu' });
  layers.push({ type: 'linear', out: GENERAL_OUTPUTS });
  return {
    input: { channels: shape.channels, length: shape.length },
    aux: shape.aux,
    outputs: GENERAL_OUTPUTS,
    layers,
  };
}
