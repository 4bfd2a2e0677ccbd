/**
 * Grouped Shapley values: the Owen value (G. Owen, "Values of games with a priori unions", in Mathematical Economics
 * and Game Theory, Springer 1977, 76–88; for SHAP: Lundberg's PartitionExplainer) for a partition of the features
 * into groups — here the composition block (contents and the composition-weighted descriptors, which sum-to-one
 * and correlation tie together) against each condition on its own.
 *
 * Between groups, each group is one player: the group totals Φ_k are the Shapley values of the quotient game
 * (v on unions of whole groups). Within group k, member j gets
 *   φ_j = Σ_{T ⊆ groups∖k} w_G(|T|) Σ_{S ⊆ k∖j} w_{m_k}(|S|) [v(∪T ∪ S ∪ j) − v(∪T ∪ S)],
 *   w_n(s) = s! (n − s − 1)! / n!,
 * so Σ_{j∈k} φ_j = Φ_k (efficiency within the group) and Σ_k Φ_k = f(x) − E[f]. A group of one feature gets the
 * Shapley value of that feature in the quotient game.
 *
 * Sampling error: v(S) is a mean over background rows, so the background is split into batches, the Owen values
 * are computed per batch (they are linear in v, so the batch-size-weighted mean of the batch values is the
 * full-background value), and the delete-one-batch jackknife gives the standard error of every mean |φ|.
 */
import { shapleyFromCoalitionValues, type ShapModel } from './shapley.ts';

/** w_n(s) = s!(n−s−1)!/n! for s = 0..n−1. */
function shapleyWeights(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let c = 1; // C(n−1, s)
    for (let k = 1; k <= s; k++) c = (c * (n - 1 - s + k)) / k;
    w[s] = 1 / (n * c);
  }
  return w;
}

const popcount = (m: number): number => {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
};

/**
 * Owen values from coalition values `v` (all 2^d masks; bit j = feature j present) for the partition `groups`
 * (feature indices; every feature in exactly one group). Returns per-feature values and group totals.
 */
export function owenFromCoalitionValues(
  v: Float64Array,
  d: number,
  groups: number[][],
): { phi: Float64Array; group: Float64Array } {
  if (v.length !== 1 << d) throw new RangeError(`need 2^${d} coalition values, got ${v.length}`);
  const seen = new Set<number>();
  for (const g of groups)
    for (const j of g) {
      if (j < 0 || j >= d || seen.has(j)) throw new RangeError(`groups must partition 0..${d - 1}`);
      seen.add(j);
    }
  if (seen.size !== d) throw new RangeError(`groups must partition 0..${d - 1}`);
  const G = groups.length;
  const groupMask = groups.map((g) => g.reduce((m, j) => m | (1 << j), 0));
  const wG = shapleyWeights(G);
  const phi = new Float64Array(d);
  const group = new Float64Array(G);
  for (let k = 0; k < G; k++) {
    const others = groupMask.filter((_, i) => i !== k);
    const members = groups[k];
    const m = members.length;
    const wm = shapleyWeights(m);
    for (let t = 0; t < 1 << (G - 1); t++) {
      let base = 0;
      for (let i = 0; i < G - 1; i++) if (t & (1 << i)) base |= others[i];
      const wt = wG[popcount(t)];
      for (let a = 0; a < m; a++) {
        const bit = 1 << members[a];
        // subsets S of the other members
        for (let s = 0; s < 1 << m; s++) {
          if (s & (1 << a)) continue;
          let S = 0;
          for (let b = 0; b < m; b++) if (s & (1 << b)) S |= 1 << members[b];
          const mask = base | S;
          phi[members[a]] += wt * wm[popcount(s)] * (v[mask | bit] - v[mask]);
        }
      }
    }
    for (const j of members) group[k] += phi[j];
  }
  return { phi, group };
}

export interface GroupedExplanation {
  /** Plain (ungrouped) Shapley value of each feature, from the same coalition values. */
  shapley: Float64Array;
  batchShapley: Float64Array[];
  /** Owen value of each feature. */
  phi: Float64Array;
  /** Group totals (Shapley values of the groups as players). */
  group: Float64Array;
  /** Per background batch (for the jackknife), and the batch sizes. */
  batchPhi: Float64Array[];
  batchGroup: Float64Array[];
  batchSizes: number[];
  base: number;
  fx: number;
}

/**
 * Owen values of `model` at `x` with the interventional background split into `nBatches` batches (exact
 * coalition values; d ≤ 20 by memory). Uses the model's fast `coalitionValues` when it has one.
 */
export function explainGrouped(
  model: ShapModel & { coalitionValues(x: ArrayLike<number>, bg: ArrayLike<number>[]): Float64Array },
  x: ArrayLike<number>,
  background: ArrayLike<number>[],
  groups: number[][],
  nBatches = 5,
): GroupedExplanation {
  const d = model.d;
  const B = background.length;
  const K = Math.max(1, Math.min(nBatches, B));
  const shapley = new Float64Array(d);
  const batchShapley: Float64Array[] = [];
  const batchPhi: Float64Array[] = [],
    batchGroup: Float64Array[] = [],
    batchSizes: number[] = [];
  const phi = new Float64Array(d),
    group = new Float64Array(groups.length);
  let base = 0,
    fx = 0;
  for (let b = 0; b < K; b++) {
    const rows = background.filter((_, i) => i % K === b);
    const v = model.coalitionValues(x, rows);
    const o = owenFromCoalitionValues(v, d, groups);
    const sh = shapleyFromCoalitionValues(v, d);
    const w = rows.length / B;
    for (let j = 0; j < d; j++) shapley[j] += w * sh[j];
    batchShapley.push(sh);
    for (let j = 0; j < d; j++) phi[j] += w * o.phi[j];
    for (let k = 0; k < groups.length; k++) group[k] += w * o.group[k];
    base += w * v[0];
    fx += w * v[(1 << d) - 1];
    batchPhi.push(o.phi);
    batchGroup.push(o.group);
    batchSizes.push(rows.length);
  }
  return { shapley, batchShapley, phi, group, batchPhi, batchGroup, batchSizes, base, fx };
}

/**
 * Mean |value| over explained records of each column, with its delete-one-batch jackknife standard error.
 * `full[i]` are the full-background values of record i, `batches[i][b]` the values from batch b alone and `sizes`
 * the batch sizes (the leave-one-out value is the size-weighted mean of the other batches).
 */
export function meanAbsWithError(
  full: ArrayLike<number>[],
  batches: ArrayLike<number>[][],
  sizes: number[],
): { mean_abs: number[]; se: number[] } {
  const n = full.length;
  const p = n ? full[0].length : 0;
  const K = sizes.length;
  const B = sizes.reduce((a, b) => a + b, 0);
  const mean_abs = new Array<number>(p).fill(0);
  for (const r of full) for (let j = 0; j < p; j++) mean_abs[j] += Math.abs(r[j]) / n;
  const se = new Array<number>(p).fill(0);
  if (K < 2) return { mean_abs, se: se.fill(NaN) };
  const loo: number[][] = Array.from({ length: K }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++)
    for (let b = 0; b < K; b++)
      for (let j = 0; j < p; j++) {
        const without = (B * full[i][j] - sizes[b] * batches[i][b][j]) / (B - sizes[b]);
        loo[b][j] += Math.abs(without) / n;
      }
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let b = 0; b < K; b++) m += loo[b][j] / K;
    let s = 0;
    for (let b = 0; b < K; b++) s += (loo[b][j] - m) ** 2;
    se[j] = Math.sqrt(((K - 1) / K) * s);
  }
  return { mean_abs, se };
}
