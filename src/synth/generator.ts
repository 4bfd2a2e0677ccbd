import { Xoshiro128 } from '../core/xoshiro128.ts';
import { STREAM_NOISE, STREAM_PARAMS } from './streams.ts';
import { drawLabels } from './sampling-plan.ts';
import { gridTemperatures_K } from './grid.ts';
import { cleanCurvesWorkspace, jmaCleanCurves } from './synthesize.ts';
import { peakNormalize } from './peak-normalize.ts';
import { addCompositeNoise } from './noise.ts';
import { isValidFlags, sampleFlags } from './validity.ts';
import type { SynthSpec } from './spec.ts';

/** Generated samples [start, end) of a dataset; arrays are laid out like the dataset files. */
export interface GeneratedChunk {
  start: number;
  end: number;
  /** float32 [end−start, R, P]: peak-normalized curves with noise. */
  curves: Float32Array;
  /** float32 [end−start, 3]: Ea_kJ_mol, lgA_s, n. */
  labels: Float32Array;
  /** uint8 [end−start]: validity flags of the stored sample (validity.ts). */
  flags: Uint8Array;
  /** uint8 [end−start]: flags of each sample's first draw (differs from `flags` only under `resample`). */
  firstDrawFlags: Uint8Array;
  /** Total parameter draws (= end − start unless samples were redrawn). */
  draws: number;
}

/**
 * Generate samples [start, end) of the dataset described by `spec` and its plan (material and share per sample).
 * Pure and deterministic: sample i uses only its own streams Xoshiro128(seed, i, PARAMS) for (Ea, lgA, n) and
 * Xoshiro128(seed, i, NOISE) for the noise, so the bytes do not depend on how samples are grouped into chunks or workers.
 */
export function generateChunk(
  spec: SynthSpec,
  material: ArrayLike<number>,
  share: ArrayLike<number>,
  start: number,
  end: number,
): GeneratedChunk {
  const T_K = gridTemperatures_K(spec.grid_C);
  const R = spec.rates_K_min.length;
  const P = T_K.length;
  const count = end - start;
  const curves = new Float32Array(count * R * P);
  const labels = new Float32Array(count * 3);
  const flags = new Uint8Array(count);
  const firstDrawFlags = new Uint8Array(count);
  let draws = 0;
  const ws = cleanCurvesWorkspace(P, R);
  for (let k = 0; k < count; k++) {
    const i = start + k;
    const mat = spec.materials[material[i]];
    const rngParams = new Xoshiro128(spec.seed, i, STREAM_PARAMS);
    let drawn = drawLabels(spec, mat, share[i], rngParams);
    let clean = jmaCleanCurves(drawn, spec.rates_K_min, T_K, ws);
    let f = sampleFlags(clean.dadT_per_K, endValues(clean.alpha), spec.validity);
    draws++;
    firstDrawFlags[k] = f;
    if (spec.policy === 'resample') {
      let attempts = 1;
      while (!isValidFlags(f)) {
        if (attempts >= spec.maxDrawsPerSample) {
          // A RangeError: the CLI reports it as a user error (the spec's windows cannot give valid samples).
          throw new RangeError(
            `sample ${i} (${mat.name}): no valid draw in ${spec.maxDrawsPerSample} attempts; widen the windows or relax validity`,
          );
        }
        drawn = drawLabels(spec, mat, share[i], rngParams);
        clean = jmaCleanCurves(drawn, spec.rates_K_min, T_K, ws);
        f = sampleFlags(clean.dadT_per_K, endValues(clean.alpha), spec.validity);
        attempts++;
        draws++;
      }
    }
    flags[k] = f;
    labels[k * 3] = drawn.Ea_kJ_mol;
    labels[k * 3 + 1] = drawn.lgA_s;
    labels[k * 3 + 2] = drawn.n;
    const rngNoise = new Xoshiro128(spec.seed, i, STREAM_NOISE);
    for (let r = 0; r < R; r++) {
      addCompositeNoise(peakNormalize(clean.dadT_per_K[r]), spec.noise, rngNoise, curves, (k * R + r) * P);
    }
  }
  return { start, end, curves, labels, flags, firstDrawFlags, draws };
}

function endValues(alpha: Float64Array[]): number[] {
  return alpha.map((a) => a[a.length - 1]);
}
