import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binFeatures, fitForest } from '../../src/dsc/random-forest.ts';
import { nullImportance } from '../../src/dsc/null-importance.ts';
import { createRng } from '../../src/core/random.ts';

function make(n: number, seed: number): { X: Float64Array[]; y: Float64Array } {
  const rng = createRng(seed);
  const X = Array.from({ length: n }, () => Float64Array.from({ length: 6 }, () => rng.uniform()));
  // y depends on features 0 (strongly) and 1 (weakly); 2..5 are noise
  const y = Float64Array.from(X, (x) => 10 * x[0] + 3 * (x[1] > 0.5 ? 1 : 0) + 0.3 * rng.normal());
  return { X, y };
}

test('binning: values map to the bin whose upper edge bounds them; ≤ maxBins bins', () => {
  const X = [0.1, 0.5, 0.5, 0.9, 2].map((v) => Float64Array.of(v));
  const b = binFeatures(X, 32);
  assert.deepEqual(Array.from(b.upper[0]), [0.1, 0.5, 0.9, 2]);
  assert.deepEqual(Array.from(b.bins[0]), [0, 1, 1, 2, 3]);
  const many = Array.from({ length: 1000 }, (_, i) => Float64Array.of(i));
  assert.ok(binFeatures(many, 16).upper[0].length <= 16);
});

test('forest predicts a step + linear function and ranks the true drivers first', () => {
  const { X, y } = make(500, 1);
  const f = fitForest(binFeatures(X), y, { nTrees: 50, seed: 2 });
  const t = make(200, 9);
  let sse = 0;
  t.X.forEach((x, i) => (sse += (f.predict(x) - t.y[i]) ** 2));
  assert.ok(Math.sqrt(sse / 200) < 1.0, `RMSE ${Math.sqrt(sse / 200)}`);
  const order = Array.from(f.importance.keys()).sort((a, b) => f.importance[b] - f.importance[a]);
  assert.deepEqual(order.slice(0, 2), [0, 1]);
});

test('forest is reproducible with a seed', () => {
  const { X, y } = make(200, 3);
  const a = fitForest(binFeatures(X), y, { nTrees: 10, seed: 7 }).importance;
  const b = fitForest(binFeatures(X), y, { nTrees: 10, seed: 7 }).importance;
  assert.deepEqual(Array.from(a), Array.from(b));
});

test('null importance keeps the true drivers and drops pure-noise features', () => {
  const { X, y } = make(400, 4);
  const r = nullImportance(['a', 'b', 'n1', 'n2', 'n3', 'n4'], X, y, {
    shuffles: 30,
    seed: 1,
    forest: { nTrees: 30 },
  });
  assert.ok(r.kept.includes('a') && r.kept.includes('b'));
  const noiseKept = r.kept.filter((f) => f.startsWith('n')).length;
  assert.ok(noiseKept <= 1, `noise kept: ${r.kept.join(',')}`);
});

test('null importance: a feature no tree uses (importance 0 against a null of 0) is dropped unless kept', () => {
  const { X, y } = make(300, 1);
  // a constant column can never be split on: actual = 0 and every null importance = 0
  const Xc = X.map((r) => Float64Array.from({ length: 7 }, (_, j) => (j < 6 ? r[j] : 5)));
  const names = ['a', 'b', 'n1', 'n2', 'n3', 'n4', 'const'];
  const r = nullImportance(names, Xc, y, {
    shuffles: 10,
    seed: 1,
    forest: { nTrees: 20 },
  });
  const c = r.features.find((f) => f.feature === 'const')!;
  assert.equal(c.actual, 0);
  assert.equal(c.null_q25, 0);
  assert.equal(c.kept, false);
  const k = nullImportance(names, Xc, y, {
    shuffles: 10,
    seed: 1,
    forest: { nTrees: 20 },
    keep: new Set(['const']),
  });
  assert.ok(k.kept.includes('const'));
  assert.equal(k.features.find((f) => f.feature === 'const')!.forced, true);
});
