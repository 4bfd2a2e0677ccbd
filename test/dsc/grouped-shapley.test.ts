import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainGrouped, meanAbsWithError, owenFromCoalitionValues } from '../../src/dsc/grouped-shapley.ts';
import { coalitionValuesGeneric, shapleyFromCoalitionValues, type ShapModel } from '../../src/dsc/shapley.ts';
import { compositionGroups } from '../../src/dsc/features.ts';

const game = (d: number, v: (mask: number) => number): Float64Array =>
  Float64Array.from({ length: 1 << d }, (_, m) => v(m));
const close = (a: ArrayLike<number>, b: number[], tol = 1e-12): void =>
  b.forEach((x, i) => assert.ok(Math.abs(a[i] - x) <= tol, `[${i}] ${a[i]} vs ${x}`));

test('Owen value of the unanimity game u_{0,1,2} with unions {0,1},{2}: 1/4, 1/4, 1/2 (Shapley: 1/3 each)', () => {
  const v = game(3, (m) => (m === 7 ? 1 : 0));
  const o = owenFromCoalitionValues(v, 3, [[0, 1], [2]]);
  close(o.phi, [0.25, 0.25, 0.5]);
  close(o.group, [0.5, 0.5]);
  close(shapleyFromCoalitionValues(v, 3), [1 / 3, 1 / 3, 1 / 3]);
});

test('Owen value of the glove game with the two left gloves in one union: 1/4, 1/4, 1/2', () => {
  // players 0, 1 hold left gloves, 2 a right glove; v = 1 when a pair can be formed. Quotient: {L, R} split 1/2–1/2.
  const v = game(3, (m) => (m & 4 && m & 3 ? 1 : 0));
  close(owenFromCoalitionValues(v, 3, [[0, 1], [2]]).phi, [0.25, 0.25, 0.5]);
  // with singleton unions the Owen value is the Shapley value (1/6, 1/6, 2/3)
  close(owenFromCoalitionValues(v, 3, [[0], [1], [2]]).phi, [1 / 6, 1 / 6, 2 / 3]);
});

test('additive model: a group gets the sum of its members’ effects β_j (x_j − mean_b b_j); efficiency holds', () => {
  const beta = [2, -1, 0.5, 3];
  const m: ShapModel = { d: 4, predict: (x) => 1 + beta.reduce((s, b, j) => s + b * x[j], 0) };
  const bg = [
    [0, 1, 2, 3],
    [1, 1, 0, -1],
    [2, 0, 1, 1],
    [4, -2, 0, 0],
  ];
  const x = [1.5, -2, 4, 0.25];
  const withCv = {
    ...m,
    coalitionValues: (xx: ArrayLike<number>, b: ArrayLike<number>[]) => coalitionValuesGeneric(m, xx, b),
  };
  const e = explainGrouped(withCv, x, bg, [[0, 2], [1], [3]], 2);
  const eff = beta.map((b, j) => b * (x[j] - bg.reduce((s, r) => s + r[j], 0) / bg.length));
  close(e.phi, eff);
  close(e.group, [eff[0] + eff[2], eff[1], eff[3]]);
  close(e.shapley, eff);
  assert.ok(Math.abs(e.group.reduce((a, b) => a + b, 0) - (e.fx - e.base)) < 1e-12);
  assert.deepEqual(e.batchSizes, [2, 2]);
});

test('sampling error: zero when every background batch is the same, positive otherwise', () => {
  const full = [
    [1, -2],
    [3, 0.5],
  ];
  const same = meanAbsWithError(
    full,
    [
      [
        [1, -2],
        [1, -2],
      ],
      [
        [3, 0.5],
        [3, 0.5],
      ],
    ],
    [5, 5],
  );
  close(same.mean_abs, [2, 1.25]);
  close(same.se, [0, 0]);
  const diff = meanAbsWithError(
    full,
    [
      [
        [0, -2],
        [2, -2],
      ],
      [
        [3, 0],
        [3, 1],
      ],
    ],
    [5, 5],
  );
  // feature 0: leave-one-out means |2|·½ + 3·½ = 2.5 and |0|·½ + 3·½ = 1.5 → jackknife se = √(½ · 2 · 0.5²) = 0.5
  close(diff.se, [0.5, 0.25]);
});

test('groups: the composition block (contents and descriptors) is one player, conditions are their own', () => {
  assert.deepEqual(
    compositionGroups(['ni_content', 'cutoff_voltage_V', 'radius_tm_std_A', 'scan_rate_K_min']),
    [
      { name: 'composition', features: ['ni_content', 'radius_tm_std_A'] },
      { name: 'cutoff_voltage_V', features: ['cutoff_voltage_V'] },
      { name: 'scan_rate_K_min', features: ['scan_rate_K_min'] },
    ],
  );
  assert.throws(() => owenFromCoalitionValues(new Float64Array(8), 3, [[0, 1]]), /partition/);
});
