/**
 * Real runs → network input, exactly as the synthetic dataset is built (src/synth): each dα/dT curve resampled
 * onto the model's temperature grid by linear interpolation (`resampleToGrid`; 0 outside the measured range, as the
 * synthetic curves are 0 before the reaction), then peak-normalized (`peakNormalize`, peak height 1).
 */
import { gridTemperatures_K, resampleToGrid, type TemperatureGrid } from '../synth/grid.ts';
import { peakNormalize } from '../synth/peak-normalize.ts';
import { InputError } from '../core/input-error.ts';
import type { CurveSet } from './dataset.ts';

/** One curve per heating rate: the fields of a `ConversionCurve` the network needs. */
export interface RateCurve {
  beta_K_min: number;
  T_K: ArrayLike<number>;
  dadT_per_K: ArrayLike<number>;
  file?: string;
}

export interface PreparedSample {
  set: CurveSet;
  /** Grid temperatures, K. */
  grid_K: Float64Array;
  /** The curves in heating-rate order, resampled and peak-normalized (what the network sees). */
  curves: { beta_K_min: number; T_K: number[]; dadT_per_K: number[]; file?: string }[];
  warnings: string[];
}

/**
 * Turn one multi-rate run (one curve per heating rate) into a one-sample CurveSet for a model trained at
 * `rates_K_min` on `grid_C`. Curves are ordered by heating rate; the measured rates are the auxiliary input.
 * Warns when a rate differs from the training rates by more than 10 % (the network has not seen other rates).
 */
export function prepareRunSample(
  curves: RateCurve[],
  rates_K_min: number[],
  grid_C: TemperatureGrid,
): PreparedSample {
  if (curves.length !== rates_K_min.length) {
    throw new InputError(
      `the model takes ${rates_K_min.length} runs (heating rates ${rates_K_min.join(', ')} K/min), got ${curves.length}`,
    );
  }
  const sorted = [...curves].sort((a, b) => a.beta_K_min - b.beta_K_min);
  const grid_K = gridTemperatures_K(grid_C);
  const P = grid_K.length;
  const R = sorted.length;
  const x = new Float32Array(R * P);
  const aux = new Float32Array(R);
  const warnings: string[] = [];
  const prepared: PreparedSample['curves'] = [];
  sorted.forEach((c, r) => {
    const expected = rates_K_min[r];
    if (Math.abs(c.beta_K_min - expected) > 0.1 * expected) {
      warnings.push(
        `${c.file ?? `run ${r + 1}`}: heating rate ${c.beta_K_min} K/min, but the model was trained at ${expected} K/min`,
      );
    }
    const resampled = resampleToGrid(c.T_K, c.dadT_per_K, grid_K);
    const norm = peakNormalize(resampled);
    if (norm.every((v) => v === 0)) {
      throw new InputError('no positive dα/dT signal on the model’s temperature grid', { file: c.file });
    }
    x.set(norm, r * P);
    aux[r] = c.beta_K_min;
    prepared.push({
      beta_K_min: c.beta_K_min,
      T_K: Array.from(grid_K),
      dadT_per_K: Array.from(norm),
      file: c.file,
    });
  });
  const set: CurveSet = {
    count: 1,
    channels: R,
    length: P,
    auxSize: R,
    curves: x,
    aux,
    targets: new Float32Array([NaN, NaN]),
  };
  return { set, grid_K, curves: prepared, warnings };
}

/** The curves of sample `i` of a set as fit input (grid temperatures, normalized curves). */
export function sampleCurves(set: CurveSet, i: number, grid_K: ArrayLike<number>): RateCurve[] {
  const P = set.length;
  const out: RateCurve[] = [];
  for (let r = 0; r < set.channels; r++) {
    const base = (i * set.channels + r) * P;
    out.push({
      beta_K_min: set.aux[i * set.auxSize + r],
      T_K: Array.from(grid_K),
      dadT_per_K: Array.from(set.curves.subarray(base, base + P)),
    });
  }
  return out;
}
