/**
 * Noise augmentation: every epoch the training curves get fresh composite noise, drawn with the dataset's own noise
 * parameters around the dataset's own exact curves (`jmaCleanCurves` at the labels → `peakNormalize` →
 * `addCompositeNoise`, the generator's pipeline in src/synth). Same labels, same distribution, new noise: the network
 * cannot memorise the noise of a fixed sample, which is what limited a non-regularised network (train lgA R² 0.998
 * vs validation 0.978 after 60 epochs on paper-s1).
 */
import { jmaCleanCurves } from '../synth/synthesize.ts';
import { peakNormalize } from '../synth/peak-normalize.ts';
import { addCompositeNoise, assertNoiseParams, type NoiseParams } from '../synth/noise.ts';
import { Xoshiro128 } from '../core/xoshiro128.ts';
import type { CurveSet } from './dataset.ts';
import type { Normalization } from './normalization.ts';

/** Stream id of the augmentation noise (distinct from the generator's streams 0–2). */
const STREAM_AUGMENT = 11;

export class NoiseAugmenter {
  readonly clean: Float32Array;
  private readonly set: CurveSet;
  private readonly noise: NoiseParams;
  private readonly seed: number;

  /** @param grid_K grid temperatures of the dataset, K; `set.n` must hold each sample's JMA exponent. */
  constructor(
    set: CurveSet,
    grid_K: ArrayLike<number>,
    rates_K_min: number[],
    noise: NoiseParams,
    seed: number,
  ) {
    assertNoiseParams(noise);
    if (!set.n) throw new RangeError('noise augmentation needs the JMA exponent n of every sample');
    this.set = set;
    this.noise = noise;
    this.seed = seed;
    const cl = set.channels * set.length;
    this.clean = new Float32Array(set.count * cl);
    for (let i = 0; i < set.count; i++) {
      const c = jmaCleanCurves(
        { Ea_kJ_mol: set.targets[2 * i], lgA_s: set.targets[2 * i + 1], n: set.n[i] },
        rates_K_min,
        grid_K,
      );
      c.dadT_per_K.forEach((d, r) => this.clean.set(peakNormalize(d), i * cl + r * set.length));
    }
  }

  /** Fresh noisy curves for `epoch`, z-scored with `norm`, written into `x` ([N·C·L], the training input). */
  redraw(epoch: number, norm: Normalization, x: Float32Array): void {
    const { channels: C, length: L, count } = this.set;
    const rng = new Xoshiro128(this.seed, epoch, STREAM_AUGMENT);
    const tmp = new Float64Array(L);
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < C; c++) {
        const base = (i * C + c) * L;
        addCompositeNoise(this.clean.subarray(base, base + L), this.noise, rng, tmp);
        const m = norm.curves.mean[c];
        const inv = 1 / norm.curves.std[c];
        for (let p = 0; p < L; p++) x[base + p] = (tmp[p] - m) * inv;
      }
    }
  }
}
