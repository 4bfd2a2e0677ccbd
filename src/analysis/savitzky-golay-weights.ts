/**
 * Savitzky–Golay convolution weights: for a window of 2m + 1 points at unit spacing, a polynomial of order `order`
 * fitted by least squares, and its `derivative`-th derivative evaluated at each offset t = −m … m of the window.
 * Row t + m, column j + m is the weight of the point at offset j (Savitzky & Golay 1964; Gorry 1990 gives the same
 * weights through Gram polynomials). Solved once per (window, order, derivative) and cached.
 *
 * Written here instead of calling `ml-savitzky-golay-generalized` every time: that library recomputes these weights
 * (tens of thousands of recursive Gram-polynomial calls) on every call, which was half the cost of turning a run
 * into dα/dT on the single-run prediction path. The library stays the reference in the tests.
 */
const cache = new Map<string, Float64Array[]>();

export function savitzkyGolayWeights(window: number, order: number, derivative: number): Float64Array[] {
  const key = `${window}/${order}/${derivative}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = (window - 1) / 2;
  const K = order + 1;
  // Offsets scaled to u = j/m ∈ [−1, 1] keep the normal equations well conditioned; d/dj = (1/m)·d/du.
  const V = Array.from({ length: window }, (_, r) => Array.from({ length: K }, (_, k) => ((r - m) / m) ** k));
  // G = (VᵀV)⁻¹Vᵀ by Gauss–Jordan elimination on [VᵀV | Vᵀ] with partial pivoting.
  const A = Array.from({ length: K }, (_, a) => [
    ...Array.from({ length: K }, (_, b) => V.reduce((s, row) => s + row[a] * row[b], 0)),
    ...V.map((row) => row[a]),
  ]);
  for (let c = 0; c < K; c++) {
    let p = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    const piv = A[c][c];
    for (let j = 0; j < A[c].length; j++) A[c][j] /= piv;
    for (let r = 0; r < K; r++) {
      if (r === c || A[r][c] === 0) continue;
      const f = A[r][c];
      for (let j = 0; j < A[r].length; j++) A[r][j] -= f * A[c][j];
    }
  }
  const G = A.map((row) => row.slice(K)); // K × window: coefficient k of the fit = Σ_j G[k][j]·y_j
  const scale = m ** -derivative;
  const weights = Array.from({ length: window }, (_, row) => {
    const u = (row - m) / m;
    const w = new Float64Array(window);
    for (let k = derivative; k < K; k++) {
      // d^s/du^s u^k = k!/(k−s)! · u^(k−s)
      let f = 1;
      for (let q = 0; q < derivative; q++) f *= k - q;
      const d = f * u ** (k - derivative) * scale;
      for (let j = 0; j < window; j++) w[j] += d * G[k][j];
    }
    return w;
  });
  cache.set(key, weights);
  return weights;
}
