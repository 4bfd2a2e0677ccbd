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
  /**
   * Per curve: dα/dT at the last measured point inside the grid over the curve's maximum there (a run that stops
   * while still reacting; the grid curve is 0 beyond the measured range, which hides it).
   */
  endFraction: number[];
  /**
   * Per curve: ∫|dα/dT| dT / |∫dα/dT dT| over the measured range — 1 for a conversion that only grows, ≫ 1 when
   * the signal is noise around no net change (no reaction; src/nn/domain-of-validity.ts).
   */
  variationRatio: number[];
}

/**
 * Turn one multi-rate run (one curve per heating rate) into a one-sample CurveSet for a model trained at
 * `rates_K_min` on `grid_C`. Curves are ordered by heating rate; the measured rates are the auxiliary input.
 * Whether the rates and curves are inside the model's domain is checked on the result (src/nn/domain-of-validity.ts).
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
  const endFraction: number[] = [];
  const variationRatio: number[] = [];
  const prepared: PreparedSample['curves'] = [];
  sorted.forEach((c, r) => {
    endFraction.push(measuredEndFraction(c, grid_K[P - 1]));
    variationRatio.push(totalVariationRatio(c));
    const resampled = resampleToGrid(c.T_K, c.dadT_per_K, grid_K);
    const norm = peakNormalize(resampled);
    if (norm.every((v) => v === 0)) {
      throw new InputError(
        'no reaction: no positive dα/dT signal on the model’s temperature grid (the run cannot give kinetics, even with --force)',
        { file: c.file },
      );
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
  return { set, grid_K, curves: prepared, endFraction, variationRatio };
}

/** dα/dT at the last measured point at or below `Tmax_K`, over the maximum up to there (0 when there is no signal). */
function measuredEndFraction(c: RateCurve, Tmax_K: number): number {
  let max = 0;
  let last = -1;
  for (let i = 0; i < c.T_K.length && c.T_K[i] <= Tmax_K; i++) {
    const v = c.dadT_per_K[i];
    if (!Number.isFinite(v)) continue;
    max = Math.max(max, v);
    last = i;
  }
  return last >= 0 && max > 0 ? Math.max(0, c.dadT_per_K[last]) / max : 0;
}

/** ∫|dα/dT| dT / |∫dα/dT dT| by the trapezoidal rule over the measured points (∞ when the net change is 0). */
function totalVariationRatio(c: RateCurve): number {
  let abs = 0;
  let net = 0;
  for (let i = 1; i < c.T_K.length; i++) {
    const dT = c.T_K[i] - c.T_K[i - 1];
    const a = c.dadT_per_K[i - 1];
    const b = c.dadT_per_K[i];
    if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(dT))) continue;
    net += 0.5 * (a + b) * dT;
    // |·| of a linear piece that may cross zero: exact area of |y| on the segment.
    abs +=
      a * b >= 0 ? 0.5 * Math.abs(a + b) * dT : (0.5 * (a * a + b * b) * dT) / (Math.abs(a) + Math.abs(b));
  }
  return net !== 0 ? abs / Math.abs(net) : Infinity;
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
