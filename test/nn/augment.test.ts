import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoiseAugmenter } from '../../src/nn/augment.ts';
import { PAPER_NOISE, CLEAN_NOISE } from '../../src/synth/noise.ts';
import type { CurveSet } from '../../src/nn/dataset.ts';
import type { Normalization } from '../../src/nn/normalization.ts';
import { GRID_K, RATES, exactCurves } from './fixtures.ts';

const set: CurveSet = {
  count: 2,
  channels: 3,
  length: 200,
  auxSize: 3,
  curves: new Float32Array(1200),
  aux: Float32Array.from([...RATES, ...RATES]),
  targets: Float32Array.from([150, 0.0655 * 150 - 3.25, 200, 0.0635 * 200 - 3.78]),
  n: Float32Array.from([3, 3]),
};
const identity: Normalization = {
  curves: { mean: [0, 0, 0], std: [1, 1, 1] },
  aux: { mean: [0, 0, 0], std: [1, 1, 1] },
  targets: { mean: [0, 0], std: [1, 1] },
};

test('augmentation: exact curves at the labels, fresh paper noise each epoch, reproducible', () => {
  const clean = new NoiseAugmenter(set, GRID_K, RATES, { ...CLEAN_NOISE }, 1);
  const x = new Float32Array(1200);
  clean.redraw(0, identity, x);
  const expected = [
    ...exactCurves(set.targets[0], set.targets[1]),
    ...exactCurves(set.targets[2], set.targets[3]),
  ];
  for (let i = 0; i < 1200; i++) assert.ok(Math.abs(x[i] - expected[i]) < 1e-6, `point ${i}`);

  const noisy = new NoiseAugmenter(set, GRID_K, RATES, { ...PAPER_NOISE }, 1);
  const a = new Float32Array(1200);
  const b = new Float32Array(1200);
  const a2 = new Float32Array(1200);
  noisy.redraw(0, identity, a);
  noisy.redraw(1, identity, b);
  noisy.redraw(0, identity, a2);
  assert.deepEqual(a, a2);
  assert.notDeepEqual(a, b);
  // Residual around the exact curve: baseline offsets and ramps (σ 0.02) dominate; rms well inside 0.005…0.1.
  let s = 0;
  for (let i = 0; i < 1200; i++) s += (a[i] - expected[i]) ** 2;
  const rms = Math.sqrt(s / 1200);
  assert.ok(rms > 0.005 && rms < 0.1, `rms ${rms}`);
});
