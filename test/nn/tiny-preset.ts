import type { Preset } from '../../src/nn/presets.ts';

/** A tiny network for fast tests (≈ 3.5k parameters): trains in well under a second per epoch. */
export function tinyPreset(epochs = 8): Preset {
  return {
    name: 'tiny',
    description: 'test network',
    net: {
      input: { channels: 3, length: 200 },
      aux: 3,
      outputs: 2,
      layers: [
        { type: 'conv1d', out: 8, kernel: 7 },
        { type: 'batchnorm1d' },
        { type: 'relu' },
        { type: 'maxpool1d', kernel: 4 },
        { type: 'conv1d', out: 16, kernel: 5 },
        { type: 'batchnorm1d' },
        { type: 'relu' },
        { type: 'maxpool1d', kernel: 4 },
        { type: 'dropout', p: 0.1 },
        { type: 'concat_aux' },
        { type: 'linear', out: 32 },
        { type: 'relu' },
        { type: 'linear', out: 2 },
      ],
    },
    train: { optimizer: 'adam', lr: 3e-3, weightDecay: 0, batch: 32, epochs, schedule: 'cosine', lrMin: 0 },
  };
}
