/**
 * Side-by-side of the CNN with the classical routes on the same noisy, peak-normalized test samples:
 * CNN alone, CNN + local refinement (`refineJmaFit`, Levenberg–Marquardt from the CNN's (Ea, lgA), n = 3 fixed),
 * the full DE fit (`fitJma`, n = 3 fixed), and Kissinger from the curves' peak temperatures. Accuracy (RMSE, R²)
 * and time per sample for each.
 */
import { fitJma, peakConsistentLgA, refineJmaFit } from '../analysis/fit/jma-fit.ts';
import { parabolicPeak } from '../analysis/peaks.ts';
import { kissingerFromCurves } from '../analysis/kissinger.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import type { CnnModel, EvalMetrics } from './model.ts';
import { subset, type CurveSet } from './dataset.ts';
import { sampleCurves, type RateCurve } from './preprocess.ts';
import { evalMetrics } from './evaluate.ts';

export interface MethodScore {
  method: string;
  metrics: EvalMetrics;
  ms_per_sample: number;
  failures: number;
}

/**
 * The refinement used by `ckin predict --refine` and the comparison: Levenberg–Marquardt on the peak-normalized
 * curves, n = 3, started from the CNN's Ea with the lgA that puts the model peaks on the measured peaks
 * (`peakConsistentLgA`) — a CNN lgA that is slightly off moves every model peak away from the data, where the local
 * fit can wander off. When that start fails (no peaks, or a poor fit: R² < 0.9 for some rate), the CNN's own (Ea, lgA)
 * is tried as well and the lower loss kept.
 */
export function refineFromCnn(
  curves: RateCurve[],
  start: { Ea_kJ_mol: number; lgA_s: number },
  T0_K: number,
) {
  const opts = { n: 3, normalize: 'peak' as const, T0_K };
  const peaks = curves.map((c) => ({
    beta_K_min: c.beta_K_min,
    Tpeak_K: parabolicPeak(c.T_K, c.dadT_per_K),
  }));
  let best: ReturnType<typeof refineJmaFit> | undefined;
  if (peaks.every((p) => Number.isFinite(p.Tpeak_K))) {
    try {
      const lgA = peakConsistentLgA(start.Ea_kJ_mol, peaks);
      best = refineJmaFit(curves, { Ea_kJ_mol: start.Ea_kJ_mol, lgA_s: lgA }, opts);
    } catch {
      best = undefined;
    }
  }
  if (best && best.rates.every((r) => r.r2 >= 0.9)) return best;
  const direct = refineJmaFit(curves, start, opts);
  return best && best.loss <= direct.loss ? best : direct;
}

function asConversionCurves(curves: RateCurve[]): ConversionCurve[] {
  return curves.map((c) => ({
    beta_K_min: c.beta_K_min,
    T_K: Array.from(c.T_K),
    alpha: [],
    dadT_per_K: Array.from(c.dadT_per_K),
    notes: [],
    warnings: [],
  }));
}

/**
 * Score every method on the samples `rows` of `set` (its curves on `grid_K`). `withDe` false skips the DE fit
 * (≈ 0.1–1 s a sample).
 */
export function compareMethods(
  model: CnnModel,
  set: CurveSet,
  rows: ArrayLike<number>,
  grid_K: ArrayLike<number>,
  withDe = true,
): MethodScore[] {
  const sub = subset(set, rows);
  const n = sub.count;
  const target = sub.targets;
  const T0_K = grid_K[0];
  const scores: MethodScore[] = [];

  // CNN alone: one sample at a time (the latency a user sees for one run), and batched.
  const t = performance.now();
  const cnn = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) cnn.set(model.predict(subset(sub, [i])), 2 * i);
  const cnnMs = (performance.now() - t) / n;
  scores.push({ method: 'cnn', metrics: evalMetrics(cnn, target), ms_per_sample: cnnMs, failures: 0 });

  const run = (
    method: string,
    f: (curves: RateCurve[], i: number) => { Ea_kJ_mol: number; lgA_s: number },
    extraMs = 0,
  ) => {
    const pred = new Float64Array(n * 2).fill(NaN);
    let failures = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      try {
        const r = f(sampleCurves(sub, i, grid_K), i);
        pred[2 * i] = r.Ea_kJ_mol;
        pred[2 * i + 1] = r.lgA_s;
      } catch {
        failures++;
      }
    }
    const ms = (performance.now() - t0) / n + extraMs;
    const ok = Array.from({ length: n }, (_, i) => i).filter(
      (i) => Number.isFinite(pred[2 * i]) && Number.isFinite(pred[2 * i + 1]),
    );
    scores.push({ method, metrics: evalMetrics(pred, target, ok), ms_per_sample: ms, failures });
  };
  run(
    'cnn+refine',
    (c, i) => refineFromCnn(c, { Ea_kJ_mol: cnn[2 * i], lgA_s: cnn[2 * i + 1] }, T0_K),
    cnnMs,
  );
  if (withDe) run('de-fit', (c, i) => fitJma(c, { n: 3, normalize: 'peak', T0_K, seed: i }));
  run('kissinger', (c) => kissingerFromCurves(asConversionCurves(c)));
  return scores;
}
