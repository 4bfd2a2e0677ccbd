/**
 * A small histogram-based regression random forest with impurity (gain) feature importance, seeded.
 *
 * Written here on purpose: `ml-random-forest` is correct but too slow for null importance (3 targets × 100
 * shuffles × a forest each; see shared/design/libraries.md), and no other maintained JS forest exposes feature
 * importance. Like LightGBM's `rf` mode, features are pre-binned once into ≤ `maxBins` quantile bins; each tree is
 * grown on a bootstrap sample, each split searches `mtry` random features over the bin boundaries, maximising the
 * reduction of the sum of squared errors ΔSSE = S_L²/n_L + S_R²/n_R − S²/n.
 * Importance of a feature = Σ ΔSSE over all its splits, averaged over trees (mean decrease in impurity, the
 * "gain" importance of LightGBM used by Sun 2025 for null importance).
 */
import { createRng, type Rng } from '../core/random.ts';

export interface ForestOptions {
  nTrees?: number;
  maxDepth?: number;
  minSamplesLeaf?: number;
  /** Features tried per split; default max(1, round(d/3)). */
  mtry?: number;
  maxBins?: number;
  seed?: number;
}

/** Features binned once, reusable across many forests on the same X (e.g. null-importance shuffles of y). */
export interface BinnedFeatures {
  n: number;
  d: number;
  /** bins[j][i] = bin index of sample i for feature j. */
  bins: Uint8Array[];
  /** upper[j][b] = largest raw value in bin b of feature j (split "x ≤ upper[b]" goes left). */
  upper: Float64Array[];
}

export function binFeatures(X: Float64Array[], maxBins = 32): BinnedFeatures {
  const n = X.length,
    d = n ? X[0].length : 0;
  const bins: Uint8Array[] = [];
  const upper: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const vals = Float64Array.from(X, (r) => r[j]).sort();
    const uniq: number[] = [];
    for (const v of vals) if (uniq.length === 0 || v !== uniq[uniq.length - 1]) uniq.push(v);
    let edges: number[];
    if (uniq.length <= maxBins) edges = uniq;
    else {
      const e = new Set<number>();
      for (let b = 1; b <= maxBins; b++) e.add(vals[Math.min(n - 1, Math.ceil((b * n) / maxBins) - 1)]);
      edges = [...e].sort((a, b) => a - b);
      edges[edges.length - 1] = uniq[uniq.length - 1];
    }
    const up = Float64Array.from(edges);
    const col = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = X[i][j];
      let lo = 0,
        hi = up.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= up[mid]) hi = mid;
        else lo = mid + 1;
      }
      col[i] = lo;
    }
    bins.push(col);
    upper.push(up);
  }
  return { n, d, bins, upper };
}

/** Flat tree: node k is a leaf when feature[k] < 0. */
interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface Forest {
  trees: Tree[];
  /** Mean decrease in impurity per feature (ΔSSE summed per tree, averaged over trees). */
  importance: Float64Array;
  predict(x: ArrayLike<number>): number;
}

/** Fit a forest on pre-binned features and targets y. */
export function fitForest(data: BinnedFeatures, y: ArrayLike<number>, opts: ForestOptions = {}): Forest {
  const nTrees = opts.nTrees ?? 100;
  const maxDepth = opts.maxDepth ?? 8;
  const minLeaf = opts.minSamplesLeaf ?? 5;
  const mtry = Math.min(data.d, opts.mtry ?? Math.max(1, Math.round(data.d / 3)));
  const rng = createRng(opts.seed ?? 1);
  const importance = new Float64Array(data.d);
  const trees: Tree[] = [];
  const yy = Float64Array.from(y);
  for (let t = 0; t < nTrees; t++) trees.push(growTree(data, yy, maxDepth, minLeaf, mtry, rng, importance));
  for (let j = 0; j < data.d; j++) importance[j] /= nTrees;
  const predictTree = (tree: Tree, x: ArrayLike<number>): number => {
    let k = 0;
    while (tree.feature[k] >= 0) k = x[tree.feature[k]] <= tree.threshold[k] ? tree.left[k] : tree.right[k];
    return tree.value[k];
  };
  return {
    trees,
    importance,
    predict: (x) => trees.reduce((s, tr) => s + predictTree(tr, x), 0) / trees.length,
  };
}

function growTree(
  data: BinnedFeatures,
  y: Float64Array,
  maxDepth: number,
  minLeaf: number,
  mtry: number,
  rng: Rng,
  importance: Float64Array,
): Tree {
  const { n, d, bins, upper } = data;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = rng.int(n);
  const cap = 2 * n + 1;
  const feature = new Int32Array(cap).fill(-1),
    threshold = new Float64Array(cap),
    left = new Int32Array(cap),
    right = new Int32Array(cap),
    value = new Float64Array(cap);
  let nodes = 0;
  const hs = new Float64Array(256),
    hc = new Int32Array(256);
  const feats = new Int32Array(d);
  const tmp = new Int32Array(n);
  // stack of [node, start, end, depth]
  const stack: number[][] = [[nodes++, 0, n, 0]];
  while (stack.length) {
    const [node, start, end, depth] = stack.pop()!;
    const m = end - start;
    let S = 0;
    for (let p = start; p < end; p++) S += y[idx[p]];
    value[node] = S / m;
    if (depth >= maxDepth || m < 2 * minLeaf) continue;
    for (let j = 0; j < d; j++) feats[j] = j;
    let bestGain = 1e-12 * Math.max(1, (S * S) / m),
      bestF = -1,
      bestB = -1;
    const base = (S * S) / m;
    for (let k = 0; k < mtry; k++) {
      const r = k + rng.int(d - k);
      const f = feats[r];
      feats[r] = feats[k];
      feats[k] = f;
      const col = bins[f],
        nb = upper[f].length;
      hs.fill(0, 0, nb);
      hc.fill(0, 0, nb);
      for (let p = start; p < end; p++) {
        const b = col[idx[p]];
        hs[b] += y[idx[p]];
        hc[b]++;
      }
      let sl = 0,
        cl = 0;
      for (let b = 0; b < nb - 1; b++) {
        sl += hs[b];
        cl += hc[b];
        const cr = m - cl;
        if (cl < minLeaf) continue;
        if (cr < minLeaf) break;
        const sr = S - sl;
        const gain = (sl * sl) / cl + (sr * sr) / cr - base;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) continue;
    importance[bestF] += bestGain;
    const col = bins[bestF];
    let a = start,
      z = 0;
    for (let p = start; p < end; p++) {
      const i = idx[p];
      if (col[i] <= bestB) idx[a++] = i;
      else tmp[z++] = i;
    }
    for (let q = 0; q < z; q++) idx[a + q] = tmp[q];
    feature[node] = bestF;
    threshold[node] = upper[bestF][bestB];
    const l = nodes++,
      rr = nodes++;
    left[node] = l;
    right[node] = rr;
    stack.push([l, start, a, depth + 1], [rr, a, end, depth + 1]);
  }
  return {
    feature: feature.slice(0, nodes),
    threshold: threshold.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    value: value.slice(0, nodes),
  };
}
