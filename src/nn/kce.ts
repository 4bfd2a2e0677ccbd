/**
 * Kinetic compensation effect (KCE) reconstruction (Zhou 2026 §3.5): predict (Ea, lgA) on clean, valid synthetic
 * samples lying exactly on a material's line lgA = a·Ea + b, refit a line to the predictions and compare slopes.
 * The paper reports a slope deviation < 0.5 % (NCM811: 0.0652 predicted vs 0.0656).
 */
import { jmaCleanCurves } from '../synth/synthesize.ts';
import { peakNormalize } from '../synth/peak-normalize.ts';
import { sampleFlags, isValidFlags } from '../synth/validity.ts';
import { kceLineLgA, type MaterialSpec } from '../synth/materials.ts';
import { linearFit } from '../core/statistics.ts';
import type { CurveSet } from './dataset.ts';
import { pushAll } from '../core/arrays.ts';

export interface KceReconstruction {
  material: string;
  samples: number;
  slope_true_per_kJ_mol: number;
  slope_pred_per_kJ_mol: number;
  intercept_true_lgA_s: number;
  intercept_pred_lgA_s: number;
  /** |a_pred − a_true| / a_true, percent. */
  slope_deviation_pct: number;
  r2_line: number;
}

/** Clean samples at `count` Ea values evenly spread over the material's window, valid ones only. */
export function kceSamples(
  material: MaterialSpec,
  rates_K_min: number[],
  grid_K: ArrayLike<number>,
  count = 60,
  n = 3,
): CurveSet {
  const P = grid_K.length;
  const R = rates_K_min.length;
  const curves: number[] = [];
  const aux: number[] = [];
  const targets: number[] = [];
  const [lo, hi] = material.Ea_window_kJ_mol;
  for (let k = 0; k < count; k++) {
    const Ea = lo + ((hi - lo) * k) / (count - 1);
    const lgA = kceLineLgA(material, Ea);
    const clean = jmaCleanCurves({ Ea_kJ_mol: Ea, lgA_s: lgA, n }, rates_K_min, grid_K);
    const flags = sampleFlags(
      clean.dadT_per_K,
      clean.alpha.map((a) => a[P - 1]),
    );
    if (!isValidFlags(flags)) continue;
    for (const c of clean.dadT_per_K) pushAll(curves, peakNormalize(c));
    pushAll(aux, rates_K_min);
    targets.push(Ea, lgA);
  }
  return {
    count: targets.length / 2,
    channels: R,
    length: P,
    auxSize: R,
    curves: Float32Array.from(curves),
    aux: Float32Array.from(aux),
    targets: Float32Array.from(targets),
  };
}

/** Refit the KCE line to predictions [N × 2] and compare with the material's line. */
export function kceReconstruction(
  material: MaterialSpec,
  pred: ArrayLike<number>,
  count: number,
): KceReconstruction {
  const Ea: number[] = [];
  const lgA: number[] = [];
  for (let i = 0; i < count; i++) {
    Ea.push(pred[2 * i]);
    lgA.push(pred[2 * i + 1]);
  }
  const fit = linearFit(Ea, lgA);
  const a = material.kceSlope_per_kJ_mol;
  return {
    material: material.name,
    samples: count,
    slope_true_per_kJ_mol: a,
    slope_pred_per_kJ_mol: fit.slope,
    intercept_true_lgA_s: material.kceIntercept_lgA_s,
    intercept_pred_lgA_s: fit.intercept,
    slope_deviation_pct: (100 * Math.abs(fit.slope - a)) / Math.abs(a),
    r2_line: fit.r2,
  };
}
