/** Regression metrics: R² = 1 − SSE/SST, RMSE = sqrt(SSE/n), MAE = Σ|e|/n (same units as the target). */
export interface RegressionMetrics {
  r2: number;
  rmse: number;
  mae: number;
  n: number;
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i] / n;
  let sse = 0,
    sst = 0,
    sae = 0;
  for (let i = 0; i < n; i++) {
    const e = yTrue[i] - yPred[i];
    sse += e * e;
    sae += Math.abs(e);
    sst += (yTrue[i] - mean) ** 2;
  }
  return { r2: 1 - sse / sst, rmse: Math.sqrt(sse / n), mae: sae / n, n };
}
