import { sampleRankCorrelation } from 'simple-statistics';

/** Spearman rank-correlation matrix of the columns of X (mid-ranks for ties; simple-statistics). */
export function spearmanMatrix(X: Float64Array[], nFeatures: number): number[][] {
  const cols = Array.from({ length: nFeatures }, (_, j) => X.map((r) => r[j]));
  const rho = Array.from({ length: nFeatures }, () => new Array<number>(nFeatures).fill(0));
  for (let i = 0; i < nFeatures; i++) {
    rho[i][i] = 1;
    for (let j = i + 1; j < nFeatures; j++) rho[i][j] = rho[j][i] = sampleRankCorrelation(cols[i], cols[j]);
  }
  return rho;
}

export interface RedundancyRemoval {
  kept: string[];
  removed: { feature: string; partner: string; rho: number; rule: string }[];
  threshold: number;
}

/**
 * Remove one feature of every pair with |ρ| > threshold (Sun 2025: 0.8), greedily from the most correlated pair.
 * Which one goes (documented rule "keep the simpler / more fundamental feature"):
 *   1. the one with the higher fundamentality rank (derived descriptors go before measured contents/conditions);
 *   2. on a tie, the one with the larger mean |ρ| to all other remaining features (more redundant);
 *   3. on a tie, the one later in the feature list.
 * A feature in `keep` (`--keep FEATURE`) is never removed: its partner goes (rule "partner of a kept feature"), and a
 * pair of two kept features stays.
 */
export function removeRedundant(
  names: string[],
  rho: number[][],
  rank: (name: string) => number,
  threshold = 0.8,
  keep: ReadonlySet<string> = new Set(),
): RedundancyRemoval {
  const alive = new Set(names.map((_, i) => i));
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      if (Math.abs(rho[i][j]) > threshold) pairs.push([i, j, rho[i][j]]);
  pairs.sort((a, b) => Math.abs(b[2]) - Math.abs(a[2]));
  const removed: RedundancyRemoval['removed'] = [];
  const meanAbs = (i: number): number => {
    let s = 0,
      n = 0;
    for (const k of alive)
      if (k !== i) {
        s += Math.abs(rho[i][k]);
        n++;
      }
    return n ? s / n : 0;
  };
  for (const [i, j, r] of pairs) {
    if (!alive.has(i) || !alive.has(j)) continue;
    let drop: number, rule: string;
    const ki = keep.has(names[i]),
      kj = keep.has(names[j]);
    if (ki && kj) continue;
    if (ki || kj) {
      drop = ki ? j : i;
      rule = 'partner of a kept feature (--keep)';
    } else if (rank(names[i]) !== rank(names[j])) {
      drop = rank(names[i]) > rank(names[j]) ? i : j;
      rule = 'less fundamental (higher rank)';
    } else if (Math.abs(meanAbs(i) - meanAbs(j)) > 1e-12) {
      drop = meanAbs(i) > meanAbs(j) ? i : j;
      rule = 'more redundant (larger mean |rho|)';
    } else {
      drop = j;
      rule = 'tie: later in list';
    }
    alive.delete(drop);
    removed.push({ feature: names[drop], partner: names[drop === i ? j : i], rho: r, rule });
  }
  return { kept: names.filter((_, i) => alive.has(i)), removed, threshold };
}
