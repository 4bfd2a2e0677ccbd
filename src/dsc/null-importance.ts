import { quantile } from 'simple-statistics';
import { binFeatures, fitForest, type ForestOptions } from './random-forest.ts';
import { createRng, shuffleInPlace } from '../core/random.ts';

export interface NullImportanceFeature {
  feature: string;
  actual: number;
  null_q25: number;
  null_median: number;
  /** The `shuffles` null importances themselves (the distribution drawn in the report's Fig. 1d/e histograms). */
  null_values: number[];
  kept: boolean;
  /** Kept because the user asked (`--keep`), whatever the screen said. */
  forced?: boolean;
}

export interface NullImportanceResult {
  features: NullImportanceFeature[];
  kept: string[];
  shuffles: number;
  quantile: number;
}

/**
 * Null-importance feature screening (Altmann et al., Bioinformatics 26 (2010) 1340; Sun 2025): gain importance
 * of each feature in a random forest fitted on the real target, against its distribution over `shuffles` forests
 * fitted on randomly permuted targets. A feature is kept only when its actual importance is > 0 AND above the `q`
 * quantile (default 0.25) of its null importances — with "≥" a feature never used by any tree (0 against a null of 0)
 * would pass. Features in `keep` are kept regardless (flagged `forced`). Seeded; `onProgress(done)` after each
 * shuffle.
 */
export function nullImportance(
  names: string[],
  X: Float64Array[],
  y: ArrayLike<number>,
  opts: {
    shuffles?: number;
    q?: number;
    seed?: number;
    forest?: ForestOptions;
    onProgress?: (done: number) => void;
    keep?: ReadonlySet<string>;
  } = {},
): NullImportanceResult {
  const shuffles = opts.shuffles ?? 100;
  const q = opts.q ?? 0.25;
  const seed = opts.seed ?? 1;
  const binned = binFeatures(X, opts.forest?.maxBins ?? 32);
  const actual = fitForest(binned, y, { ...opts.forest, seed }).importance;
  const nulls: number[][] = names.map(() => []);
  const rng = createRng(seed ^ 0x5bd1e995);
  const ys = Float64Array.from(y);
  for (let s = 0; s < shuffles; s++) {
    shuffleInPlace(ys, rng);
    const imp = fitForest(binned, ys, { ...opts.forest, seed: seed + 1000 + s }).importance;
    for (let j = 0; j < names.length; j++) nulls[j].push(imp[j]);
    opts.onProgress?.(s + 1);
  }
  const features = names.map((feature, j) => {
    const null_q25 = shuffles ? quantile(nulls[j], q) : 0;
    const passes = actual[j] > 0 && actual[j] > null_q25;
    const forced = !passes && !!opts.keep?.has(feature);
    return {
      feature,
      actual: actual[j],
      null_q25,
      null_median: shuffles ? quantile(nulls[j], 0.5) : 0,
      null_values: nulls[j],
      kept: passes || forced,
      ...(forced ? { forced } : {}),
    };
  });
  return { features, kept: features.filter((f) => f.kept).map((f) => f.feature), shuffles, quantile: q };
}
