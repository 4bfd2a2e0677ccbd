import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regressionMetrics } from '../../src/core/regression-metrics.ts';
import { learningRate } from '../../src/nn/schedule.ts';
import { mulberry32, permutation } from '../../src/core/random.ts';

test('regression metrics on a worked example', () => {
  // y = 1,2,3,4; ŷ = 1,2,3,5: SS_res = 1, SS_tot = 5 → R² = 0.8; RMSE = √(1/4) = 0.5; MAE = 0.25.
  const m = regressionMetrics({ predicted: [1, 2, 3, 5], observed: [1, 2, 3, 4] });
  assert.ok(Math.abs(m.r2 - 0.8) < 1e-12);
  assert.ok(Math.abs(m.rmse - 0.5) < 1e-12);
  assert.ok(Math.abs(m.mae - 0.25) < 1e-12);
  // Column 1 of a [N × 2] layout, rows 0 and 2 only: targets 10, 30; predictions 12, 30.
  const c = regressionMetrics({
    predicted: [0, 12, 0, 0, 0, 30],
    observed: [0, 10, 0, 20, 0, 30],
    stride: 2,
    column: 1,
    rows: [0, 2],
  });
  assert.equal(c.count, 2);
  assert.ok(Math.abs(c.rmse - Math.sqrt(2)) < 1e-12);
  assert.ok(Math.abs(c.r2 - (1 - 4 / 200)) < 1e-12);
});

test('cosine schedule matches PyTorch CosineAnnealingLR values', () => {
  assert.equal(learningRate('cosine', 1e-3, 0, 10), 1e-3);
  assert.ok(Math.abs(learningRate('cosine', 1e-3, 5, 10) - 5e-4) < 1e-15);
  assert.ok(Math.abs(learningRate('cosine', 1e-3, 10, 10)) < 1e-15);
  // epoch 2 of T_max 8: (1 + cos(π/4))/2 = 0.853553…
  assert.ok(Math.abs(learningRate('cosine', 1, 2, 8) - 0.8535533905932737) < 1e-12);
  assert.equal(learningRate('constant', 3e-4, 7, 10), 3e-4);
});

test('seeded permutation is a reproducible permutation', () => {
  const a = permutation(100, mulberry32(5));
  const b = permutation(100, mulberry32(5));
  assert.deepEqual(a, b);
  assert.deepEqual(
    [...a].sort((x, y) => x - y),
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.notDeepEqual(a, permutation(100, mulberry32(6)));
});
