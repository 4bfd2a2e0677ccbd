/**
 * Shapley values of a model prediction (SHAP, Lundberg & Lee 2017) with an interventional background set:
 * the value of a coalition S of features is v(S) = mean_b f(x_S, b_{¬S}) over background rows b, so
 * v(∅) = E[f] over the background and v(all) = f(x); efficiency: Σ_j φ_j = f(x) − E[f].
 *  - `exactShapley`: enumeration of all 2^d coalitions, φ_j = Σ_{S∌j} |S|!(d−|S|−1)!/d! · (v(S∪j) − v(S)); d ≤ 12
 *    by default (4096 coalitions).
 *  - `kernelShap`: Kernel SHAP — weighted least squares on sampled coalitions with the Shapley kernel
 *    π(S) = (d−1) / (C(d,|S|)·|S|·(d−|S|)) and the efficiency constraint imposed exactly; complete coalition sizes
 *    are enumerated while the budget allows (as the reference `shap` implementation does), the remaining sizes are
 *    sampled in complementary pairs, stratified by size.
 */
import type { Rng } from '../core/random.ts';
import { maxOf } from '../core/statistics.ts';

export interface ShapModel {
  readonly d: number;
  predict(x: ArrayLike<number>): number;
  /** Optional fast exact v(S) for all 2^d masks (e.g. the RBF SVR); must equal the generic definition. */
  coalitionValues?(x: ArrayLike<number>, background: ArrayLike<number>[]): Float64Array;
  /** Optional fast v(S) for single masks (same definition), used by Kernel SHAP. */
  coalitionValueFn?(x: ArrayLike<number>, background: ArrayLike<number>[]): (mask: number) => number;
}

export const MAX_EXACT_FEATURES = 12;

/** v(S) for all 2^d masks by direct model evaluation (bit j of the mask = feature j taken from x). */
export function coalitionValuesGeneric(
  model: ShapModel,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
): Float64Array {
  const d = model.d,
    M = 1 << d;
  const v = new Float64Array(M);
  const z = new Float64Array(d);
  for (let mask = 0; mask < M; mask++) {
    let s = 0;
    for (const b of background) {
      for (let j = 0; j < d; j++) z[j] = mask & (1 << j) ? x[j] : b[j];
      s += model.predict(z);
    }
    v[mask] = s / background.length;
  }
  return v;
}

/** Exact Shapley values from the values of all 2^d coalitions. */
export function shapleyFromCoalitionValues(v: Float64Array, d: number): Float64Array {
  const M = 1 << d;
  if (v.length !== M) throw new RangeError(`need 2^${d} coalition values, got ${v.length}`);
  // w[s] = s!(d−s−1)!/d!, computed as 1 / (d · C(d−1, s)).
  const w = new Float64Array(d);
  for (let s = 0; s < d; s++) {
    let c = 1;
    for (let k = 1; k <= s; k++) c = (c * (d - 1 - s + k)) / k;
    w[s] = 1 / (d * c);
  }
  const pop = new Uint8Array(M);
  for (let m = 1; m < M; m++) pop[m] = pop[m >> 1] + (m & 1);
  const phi = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const bit = 1 << j;
    let s = 0;
    for (let m = 0; m < M; m++) if (!(m & bit)) s += w[pop[m]] * (v[m | bit] - v[m]);
    phi[j] = s;
  }
  return phi;
}

export interface ShapExplanation {
  phi: Float64Array;
  /** E[f] over the background (= v(∅)). */
  base: number;
  /** f(x) (= v(all)). */
  fx: number;
}

/** Exact Shapley values by enumeration (uses the model's fast `coalitionValues` when it has one). */
export function exactShapley(
  model: ShapModel,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  maxFeatures = MAX_EXACT_FEATURES,
): ShapExplanation {
  if (model.d > maxFeatures)
    throw new RangeError(
      `exact Shapley enumeration limited to ${maxFeatures} features (got ${model.d}); use Kernel SHAP`,
    );
  const v = model.coalitionValues
    ? model.coalitionValues(x, background)
    : coalitionValuesGeneric(model, x, background);
  return { phi: shapleyFromCoalitionValues(v, model.d), base: v[0], fx: v[(1 << model.d) - 1] };
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function combinations(d: number, s: number, visit: (mask: number) => void): void {
  const rec = (start: number, left: number, mask: number): void => {
    if (left === 0) return visit(mask);
    for (let j = start; j <= d - left; j++) rec(j + 1, left - 1, mask | (1 << j));
  };
  rec(0, s, 0);
}

/** Kernel SHAP with at most `nSamples` coalitions (besides ∅ and the full set). */
export function kernelShap(
  model: ShapModel,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  opts: { nSamples?: number; rng: Rng },
): ShapExplanation {
  const d = model.d;
  if (d > 30) throw new RangeError('kernelShap: at most 30 features (bit masks)');
  const budget = opts.nSamples ?? 2 * d + 2048;
  const fast = model.coalitionValueFn?.(x, background);
  const valueOf =
    fast ??
    ((mask: number): number => {
      const z = new Float64Array(d);
      let s = 0;
      for (const b of background) {
        for (let j = 0; j < d; j++) z[j] = mask & (1 << j) ? x[j] : b[j];
        s += model.predict(z);
      }
      return s / background.length;
    });
  const base = valueOf(0);
  const fx = valueOf((1 << d) - 1);
  // Kernel weight mass per size s (1..d−1), ∝ (d−1)/(s(d−s)); pair sizes s and d−s.
  const nPairs = Math.floor((d - 1) / 2) + ((d - 1) % 2);
  const sizeMass: number[] = [];
  for (let s = 1; s <= nPairs; s++) {
    const m = (d - 1) / (s * (d - s));
    sizeMass.push(s !== d - s ? 2 * m : m);
  }
  const totalMass = sizeMass.reduce((a, b) => a + b, 0);
  const masks: number[] = [],
    weights: number[] = [];
  let left = budget;
  let s = 1;
  for (; s <= nPairs; s++) {
    const paired = s !== d - s;
    const count = binomial(d, s) * (paired ? 2 : 1);
    if (count > left) break;
    const wEach = sizeMass[s - 1] / totalMass / count;
    combinations(d, s, (m) => {
      masks.push(m);
      weights.push(wEach);
      if (paired) {
        masks.push(~m & ((1 << d) - 1));
        weights.push(wEach);
      }
    });
    left -= count;
  }
  if (s <= nPairs && left >= 2) {
    // Stratified sampling of the remaining sizes: the pair budget is split over the sizes in proportion to their
    // kernel mass; within a size, distinct coalitions are drawn without replacement, each with its complement, and
    // share that size's kernel mass equally (lower variance than drawing sizes at random).
    const sizes: number[] = [];
    for (let q = s; q <= nPairs; q++) sizes.push(q);
    const pairsAvailable = (q: number): number => (q === d - q ? binomial(d, q) / 2 : binomial(d, q));
    const remTotal = sizes.reduce((a, q) => a + sizeMass[q - 1], 0);
    const P = Math.floor(left / 2);
    const alloc = sizes.map((q) =>
      Math.min(pairsAvailable(q), Math.max(1, Math.round((P * sizeMass[q - 1]) / remTotal))),
    );
    while (alloc.reduce((a, b) => a + b, 0) > P) alloc[alloc.indexOf(maxOf(alloc))]--;
    const full = (1 << d) - 1;
    sizes.forEach((q, k) => {
      const n = alloc[k];
      if (n <= 0) return;
      const seen = new Set<number>();
      const idx = Array.from({ length: d }, (_, j) => j);
      while (seen.size < n) {
        let mask = 0;
        for (let t = 0; t < q; t++) {
          const r = t + opts.rng.int(d - t);
          [idx[t], idx[r]] = [idx[r], idx[t]];
          mask |= 1 << idx[t];
        }
        const key = q === d - q ? Math.min(mask, ~mask & full) : mask;
        seen.add(key);
      }
      const wEach = sizeMass[q - 1] / totalMass / (2 * n);
      for (const m of seen) {
        masks.push(m, ~m & full);
        weights.push(wEach, wEach);
      }
    });
  }
  // Constrained WLS: φ_last = Δ − Σ_{j<last} φ_j with Δ = fx − base.
  const delta = fx - base;
  const p = d - 1;
  const A = Array.from({ length: p }, () => new Float64Array(p));
  const rhs = new Float64Array(p);
  const zrow = new Float64Array(p);
  for (let k = 0; k < masks.length; k++) {
    const m = masks[k],
      w = weights[k];
    const zl = m & (1 << p) ? 1 : 0;
    const yv = valueOf(m) - base - zl * delta;
    for (let j = 0; j < p; j++) zrow[j] = (m & (1 << j) ? 1 : 0) - zl;
    for (let i = 0; i < p; i++) {
      if (zrow[i] === 0) continue;
      rhs[i] += w * zrow[i] * yv;
      for (let j = 0; j < p; j++) A[i][j] += w * zrow[i] * zrow[j];
    }
  }
  const sol = solveLinear(A, rhs);
  const phi = new Float64Array(d);
  let sum = 0;
  for (let j = 0; j < p; j++) {
    phi[j] = sol[j];
    sum += sol[j];
  }
  phi[p] = delta - sum;
  return { phi, base, fx };
}

/** Gaussian elimination with partial pivoting (small dense systems). */
function solveLinear(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    const d = M[c][c];
    if (Math.abs(d) < 1e-300) throw new RangeError('kernelShap: singular system (too few coalitions)');
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / d;
      if (f !== 0) for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Shapley values: exact when d ≤ maxExact, Kernel SHAP otherwise. */
export function explain(
  model: ShapModel,
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  opts: { rng: Rng; maxExact?: number; nSamples?: number },
): ShapExplanation & { method: 'exact' | 'kernel' } {
  const maxExact = opts.maxExact ?? MAX_EXACT_FEATURES;
  if (model.d <= maxExact) return { ...exactShapley(model, x, background, maxExact), method: 'exact' };
  return {
    ...kernelShap(model, x, background, { nSamples: opts.nSamples, rng: opts.rng }),
    method: 'kernel',
  };
}
