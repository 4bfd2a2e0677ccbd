/**
 * `npm run bench:xai [-- --n 500 --d 20 --trees 100 --repeats 3]`
 * Speed of the histogram regression forest written for null importance (src/dsc/random-forest.ts) against its peer
 * `ml-random-forest` (RandomForestRegression, CART trees) in one invocation: same data (n × d, y driven by 3 of
 * the features), 100 trees, depth 8, bootstrap. The peer samples features per tree (maxFeatures = 1.0: all),
 * ours per split; ours is timed with mtry = d (all features at every split, the most work) and the default d/3.
 * Also prints whether both rank the three true drivers first. The load average is printed: the machine is shared.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { RandomForestRegression } from 'ml-random-forest';
import { binFeatures, fitForest } from '../src/dsc/random-forest.ts';
import { createRng } from '../src/core/random.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    d: { type: 'string', default: '20' },
    trees: { type: 'string', default: '100' },
    repeats: { type: 'string', default: '3' },
  },
});
const n = Number(values.n),
  d = Number(values.d),
  nTrees = Number(values.trees),
  repeats = Number(values.repeats);
const rng = createRng(42);
const X = Array.from({ length: n }, () => Float64Array.from({ length: d }, () => rng.uniform()));
const y = Float64Array.from(
  X,
  (x) => 5 * x[0] - 3 * x[1] * x[1] + 2 * Math.sin(6 * x[2]) + 0.3 * rng.normal(),
);
const median = (a: number[]): number => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const top3 = (imp: ArrayLike<number>): number[] =>
  Array.from(imp, (v, j) => [v, j])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3)
    .map((p) => p[1])
    .sort();

function timeOurs(mtry: number): { s: number; top: number[] } {
  const times: number[] = [];
  let top: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const f = fitForest(binFeatures(X), y, { nTrees, maxDepth: 8, mtry, seed: r + 1 });
    times.push((performance.now() - t0) / 1000);
    top = top3(f.importance);
  }
  return { s: median(times), top };
}

console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; n=${n} d=${d} trees=${nTrees}, depth 8`,
);
const all = timeOurs(d);
const third = timeOurs(Math.max(1, Math.round(d / 3)));
const t0 = performance.now();
const peer = new RandomForestRegression({
  nEstimators: nTrees,
  maxFeatures: 1.0,
  replacement: true,
  useSampleBagging: true,
  noOOB: true,
  seed: 1,
  treeOptions: { maxDepth: 8 },
});
peer.train(
  X.map((r) => Array.from(r)),
  Array.from(y),
);
// featureImportance() exists at run time (ml-random-forest 2.1.0) but is missing from its type declarations
const peerImp = (peer as unknown as { featureImportance(): number[] }).featureImportance();
const peerS = (performance.now() - t0) / 1000;
console.log(
  `ml-random-forest (peer)        ${peerS.toFixed(3)} s   top-3 features ${peerImp ? top3(peerImp).join(',') : 'n/a'}`,
);
console.log(
  `ours, mtry = d                 ${all.s.toFixed(3)} s   top-3 features ${all.top.join(',')}   ${(peerS / all.s).toFixed(1)}× faster`,
);
console.log(
  `ours, mtry = d/3 (default)     ${third.s.toFixed(3)} s   top-3 features ${third.top.join(',')}   ${(peerS / third.s).toFixed(1)}× faster`,
);
console.log(
  `null importance needs 3 targets × (1 + 100) forests: peer ≈ ${((303 * peerS) / 60).toFixed(1)} min, ours ≈ ${((303 * third.s) / 60).toFixed(1)} min`,
);
