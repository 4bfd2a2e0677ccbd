import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spearmanMatrix, removeRedundant } from '../../src/dsc/spearman-selection.ts';

test('Spearman ρ: monotone → ±1; a hand-computed case with ties (mid-ranks)', () => {
  const X = [1, 2, 3, 4, 5].map((v) => Float64Array.of(v, v ** 3, -Math.exp(v), [2, 1, 4, 3, 5][v - 1]));
  const rho = spearmanMatrix(X, 4);
  assert.ok(Math.abs(rho[0][1] - 1) < 1e-12);
  assert.ok(Math.abs(rho[0][2] + 1) < 1e-12);
  // ranks 1..5 vs 2,1,4,3,5: Σd² = 4 → ρ = 1 − 6·4/(5·24) = 0.8
  assert.ok(Math.abs(rho[0][3] - 0.8) < 1e-12);
  // ties: x = [1,2,2,3], y = [1,2,3,4] → mid-ranks [1,2.5,2.5,4]; Pearson of ranks = 0.9486832980505138
  const T = [1, 2, 2, 3].map((v, i) => Float64Array.of(v, i + 1));
  assert.ok(Math.abs(spearmanMatrix(T, 2)[0][1] - 3 / Math.sqrt(10)) < 1e-12);
});

test('redundancy removal keeps the more fundamental feature (Ni content over mean TM radius, as in Sun 2025)', () => {
  const names = ['ni_content', 'radius_tm_mean_A', 'cutoff_voltage_V'];
  const rho = [
    [1, -0.98, 0.1],
    [-0.98, 1, 0.05],
    [0.1, 0.05, 1],
  ];
  const rank = (n: string): number => (n === 'radius_tm_mean_A' ? 1 : 0);
  const r = removeRedundant(names, rho, rank, 0.8);
  assert.deepEqual(r.kept, ['ni_content', 'cutoff_voltage_V']);
  assert.equal(r.removed[0].feature, 'radius_tm_mean_A');
  assert.equal(r.removed[0].partner, 'ni_content');
});

test('equal rank: the feature more correlated with the rest goes; |ρ| exactly 0.8 is kept', () => {
  const names = ['a', 'b', 'c'];
  const rho = [
    [1, 0.9, 0.1],
    [0.9, 1, 0.8],
    [0.1, 0.8, 1],
  ];
  const r = removeRedundant(names, rho, () => 0, 0.8);
  assert.deepEqual(r.kept, ['a', 'c']);
  assert.equal(r.removed.length, 1);
  assert.match(r.removed[0].rule, /more redundant/);
});

test('--keep: Ni vs Co at ρ = −0.82 with the tie-break dropping Ni — kept Ni makes Co go; two kept features both stay', () => {
  const names = ['ni_content', 'co_content', 'cutoff_voltage_V'];
  const rho = [
    [1, -0.82, 0.5],
    [-0.82, 1, 0.1],
    [0.5, 0.1, 1],
  ];
  // same rank: Ni is the more redundant (mean |ρ| 0.66 vs 0.46) and goes without --keep
  assert.deepEqual(removeRedundant(names, rho, () => 0, 0.8).kept, ['co_content', 'cutoff_voltage_V']);
  const k = removeRedundant(names, rho, () => 0, 0.8, new Set(['ni_content']));
  assert.deepEqual(k.kept, ['ni_content', 'cutoff_voltage_V']);
  assert.match(k.removed[0].rule, /partner of a kept feature/);
  assert.deepEqual(
    removeRedundant(names, rho, () => 0, 0.8, new Set(['ni_content', 'co_content'])).kept,
    names,
  );
  // --spearman 0.85: the pair is below the threshold
  assert.deepEqual(removeRedundant(names, rho, () => 0, 0.85).kept, names);
});

test('pipeline with --target all skips a target with too few records (listed with the reason) instead of failing', async () => {
  const { generateDemoRecords } = await import('../../src/dsc/demo-generator.ts');
  const { runPipeline } = await import('../../src/dsc/pipeline.ts');
  const recs = generateDemoRecords(80, 3).map((r, i) => (i < 70 ? { ...r, max_power_W_g: null } : r));
  const small = {
    shuffles: 2,
    forestTrees: 10,
    grid: { C: [10], gamma: [0.05], epsilon: [0.1] },
    folds: 2,
    maxExplain: 5,
    backgroundSize: 3,
    ternarySteps: 4,
  };
  const r = await runPipeline(recs, { ...small, skipSparseTargets: true });
  assert.deepEqual(
    r.targets.map((t) => t.target),
    ['onset', 'peak'],
  );
  assert.equal(r.skipped_targets[0].target, 'power');
  assert.match(r.skipped_targets[0].reason, /only 10 records with max_power_W_g > 0/);
  await assert.rejects(runPipeline(recs, { ...small, targets: ['power'] }), /target power: only 10 records/);
});
