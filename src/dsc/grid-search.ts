import { fitSvr, type SvrParams } from './svr.ts';
import { permutation, type Rng } from '../core/random.ts';

export interface SvrGrid {
  C: number[];
  gamma: number[];
  epsilon: number[];
}

/** Default grid, in standardised units (features and target z-scored inside fitSvr). */
export const DEFAULT_GRID: SvrGrid = {
  C: [1, 10, 100],
  gamma: [0.002, 0.01, 0.05, 0.2],
  epsilon: [0.05, 0.15],
};

/** Random train/test split of indices 0..n-1 (test fraction `testFraction`). */
export function trainTestSplit(
  n: number,
  testFraction: number,
  rng: Rng,
): { train: number[]; test: number[] } {
  const p = Array.from(permutation(n, rng));
  const nTest = Math.round(n * testFraction);
  return { test: p.slice(0, nTest).sort((a, b) => a - b), train: p.slice(nTest).sort((a, b) => a - b) };
}

/** k folds of 0..n-1 (random assignment, sizes differ by ≤ 1). */
export function kFolds(n: number, k: number, rng: Rng): number[][] {
  const p = permutation(n, rng);
  const folds: number[][] = Array.from({ length: k }, () => []);
  p.forEach((i, r) => folds[r % k].push(i));
  return folds;
}

export interface GridSearchResult {
  best: SvrParams;
  /** Cross-validated mean squared error of every grid point. */
  scores: { params: SvrParams; cv_mse: number }[];
}

/** Exhaustive grid search of (C, γ, ε) by k-fold cross-validated MSE. `onProgress(done, total)` per grid point. */
export async function gridSearchSvr(
  X: Float64Array[],
  y: Float64Array,
  grid: SvrGrid,
  folds: number[][],
  onProgress?: (done: number, total: number) => void,
): Promise<GridSearchResult> {
  const points: SvrParams[] = [];
  for (const C of grid.C)
    for (const gamma of grid.gamma) for (const epsilon of grid.epsilon) points.push({ C, gamma, epsilon });
  const scores: GridSearchResult['scores'] = [];
  for (const params of points) {
    let sse = 0,
      n = 0;
    for (let f = 0; f < folds.length; f++) {
      const testSet = new Set(folds[f]);
      const trainIdx = y.map((_, i) => i).filter((i) => !testSet.has(i));
      const model = await fitSvr(
        Array.from(trainIdx, (i) => X[i]),
        Array.from(trainIdx, (i) => y[i]),
        params,
      );
      for (const i of folds[f]) {
        sse += (model.predict(X[i]) - y[i]) ** 2;
        n++;
      }
    }
    scores.push({ params, cv_mse: sse / n });
    onProgress?.(scores.length, points.length);
  }
  const best = scores.reduce((a, b) => (b.cv_mse < a.cv_mse ? b : a)).params;
  return { best, scores };
}
