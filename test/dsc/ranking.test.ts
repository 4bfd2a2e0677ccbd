import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankFeatures, featureDynamics } from '../../src/dsc/ranking.ts';
import { ncmGrid, ternaryXY } from '../../src/dsc/ternary.ts';

test('ranking: sorted by mean |SHAP|, sign from the value–SHAP rank correlation', () => {
  const X = [
    [1, 5],
    [2, 4],
    [3, 3],
    [4, 2],
  ];
  const phi = [
    [-3, 0.1],
    [-1, 0.2],
    [1, 0.3],
    [3, 0.4],
  ];
  const r = rankFeatures(['up', 'down'], X, phi);
  assert.deepEqual(
    r.map((x) => x.feature),
    ['up', 'down'],
  );
  assert.equal(r[0].mean_abs_shap, 2);
  assert.equal(r[0].sign, 1);
  assert.equal(r[1].sign, -1);
});

test('feature dynamics: red fades towards power, green grows, grey otherwise', () => {
  const mk = (pairs: [string, number][]) =>
    pairs.map(([feature, m]) => ({ feature, mean_abs_shap: m, sign: 1 as const, rho_value_shap: 1 }));
  const d = featureDynamics({
    onset: mk([
      ['ni', 6],
      ['e', 1],
      ['x', 3],
    ]),
    peak: mk([
      ['ni', 5],
      ['e', 2],
      ['x', 3],
    ]),
    power: mk([
      ['ni', 1],
      ['e', 6],
      ['x', 3],
    ]),
  });
  const cls = Object.fromEntries(d.map((x) => [x.feature, x.class]));
  assert.deepEqual(cls, { ni: 'red', e: 'green', x: 'grey' });
  assert.equal(d.find((x) => x.feature === 'ni')!.proportion.onset, 0.6);
});

test('ternary grid: vertices at Co (0,0), Mn (1,0), Ni (½, √3/2); (n+1)(n+2)/2 points', () => {
  assert.deepEqual(ternaryXY(0, 1, 0), { x: 0, y: 0 });
  assert.deepEqual(ternaryXY(0, 0, 1), { x: 1, y: 0 });
  const ni = ternaryXY(1, 0, 0);
  assert.ok(Math.abs(ni.x - 0.5) < 1e-15 && Math.abs(ni.y - Math.sqrt(3) / 2) < 1e-15);
  const g = ncmGrid(10);
  assert.equal(g.length, 66);
  for (const p of g) assert.ok(Math.abs(p.ni + p.co + p.mn - 1) < 1e-12);
});
