import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  exactShapley,
  kernelShap,
  coalitionValuesGeneric,
  shapleyFromCoalitionValues,
  type ShapModel,
} from '../../src/dsc/shapley.ts';
import { createRng } from '../../src/core/random.ts';
import { fitSvr } from '../../src/dsc/svr.ts';

const model = (d: number, f: (x: ArrayLike<number>) => number): ShapModel => ({ d, predict: f });

test('linear model: exact Shapley equals β_j (x_j − mean background_j)', () => {
  const beta = [2, -1, 0.5, 3, 0];
  const m = model(5, (x) => 7 + beta.reduce((s, b, j) => s + b * x[j], 0));
  const bg = [
    [0, 1, 2, 3, 4],
    [1, 1, 0, -1, 2],
    [2, 0, 1, 1, 0],
  ];
  const x = [1.5, -2, 4, 0.25, 9];
  const { phi, base, fx } = exactShapley(m, x, bg);
  beta.forEach((b, j) => {
    const meanB = bg.reduce((s, r) => s + r[j], 0) / bg.length;
    assert.ok(Math.abs(phi[j] - b * (x[j] - meanB)) < 1e-12, `feature ${j}: ${phi[j]}`);
  });
  assert.ok(Math.abs(fx - m.predict(x)) < 1e-12);
  assert.ok(Math.abs(base - bg.reduce((s, r) => s + m.predict(r), 0) / 3) < 1e-12);
});

test('pure interaction x0·x1 with a zero background splits the product equally (symmetry)', () => {
  const m = model(3, (x) => x[0] * x[1]);
  const { phi } = exactShapley(m, [3, 4, 10], [[0, 0, 0]]);
  assert.ok(Math.abs(phi[0] - 6) < 1e-12 && Math.abs(phi[1] - 6) < 1e-12 && Math.abs(phi[2]) < 1e-12);
});

test('glove game (known Shapley values 1/6, 1/6, 2/3) from coalition values', () => {
  // players 0,1 hold left gloves, player 2 a right glove; v = 1 if a pair can be formed
  const v = new Float64Array(8);
  for (let m = 0; m < 8; m++) v[m] = m & 4 && m & 3 ? 1 : 0;
  const phi = shapleyFromCoalitionValues(v, 3);
  assert.ok(
    Math.abs(phi[0] - 1 / 6) < 1e-15 && Math.abs(phi[1] - 1 / 6) < 1e-15 && Math.abs(phi[2] - 2 / 3) < 1e-15,
  );
});

const nonlinear12 = model(12, (x) => {
  let s = Math.sin(x[0]) * x[1] + Math.exp(0.3 * x[2] * x[3]) - x[4] * x[5] * x[6];
  for (let j = 7; j < 12; j++) s += (j - 6) * x[j] * x[j] * 0.1 + Math.tanh(x[j] * x[0]);
  return s;
});

test('efficiency: Σφ = f(x) − E[f] to 1e-9 with exact enumeration over 12 features', () => {
  const rng = createRng(3);
  const bg = Array.from({ length: 4 }, () => Array.from({ length: 12 }, () => rng.normal()));
  for (let k = 0; k < 3; k++) {
    const x = Array.from({ length: 12 }, () => 2 * rng.normal());
    const { phi } = exactShapley(nonlinear12, x, bg);
    const sum = phi.reduce((a, b) => a + b, 0);
    const expected = nonlinear12.predict(x) - bg.reduce((s, b) => s + nonlinear12.predict(b), 0) / bg.length;
    assert.ok(Math.abs(sum - expected) < 1e-9, `sum ${sum} vs ${expected}`);
  }
});

test('exact enumeration refuses more than 12 features (Kernel SHAP is for those)', () => {
  const m = model(13, () => 0);
  assert.throws(() => exactShapley(m, new Array(13).fill(0), [new Array(13).fill(0)]), /Kernel SHAP/);
});

test('Kernel SHAP with 500 of the 1022 coalitions is within 2 % of exact on a 10-feature SVR', async () => {
  // a fitted RBF SVR with higher-order interactions: the production case of Kernel SHAP
  const rng = createRng(21);
  const X = Array.from({ length: 300 }, () => Float64Array.from({ length: 10 }, () => rng.normal()));
  const y = Float64Array.from(
    X,
    (x) =>
      3 * Math.sin(x[0]) +
      x[1] * x[2] +
      Math.exp(0.3 * (x[3] + x[4] + x[5])) +
      0.5 * x[6] * x[7] * x[8] +
      0.2 * x[9] +
      0.1 * rng.normal(),
  );
  const svr = await fitSvr(X, y, { C: 10, gamma: 0.1, epsilon: 0.05 });
  const generic: ShapModel = { d: 10, predict: (x) => svr.predict(x) }; // plain evaluation, no fast path
  const bg = X.slice(0, 10);
  let worst = 0;
  for (let k = 0; k < 10; k++) {
    const x = X[100 + k];
    const exact = exactShapley(svr, x, bg).phi;
    const approx = kernelShap(generic, x, bg, { nSamples: 500, rng: createRng(100 + k) }).phi;
    const scale = Math.max(...exact.map(Math.abs));
    for (let j = 0; j < 10; j++) worst = Math.max(worst, Math.abs(approx[j] - exact[j]) / scale);
    const sumA = approx.reduce((a, b) => a + b, 0),
      sumE = exact.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sumA - sumE) < 1e-9, 'efficiency holds exactly for Kernel SHAP too');
    // the SVR's fast single-mask path gives the same Kernel SHAP values
    const fastPath = kernelShap(svr, x, bg, { nSamples: 500, rng: createRng(100 + k) }).phi;
    for (let j = 0; j < 10; j++) assert.ok(Math.abs(fastPath[j] - approx[j]) < 1e-8);
  }
  assert.ok(worst < 0.02, `worst error ${(100 * worst).toFixed(2)} % of max |φ|`);
  assert.ok(worst > 0, 'the test must exercise sampling (not a full enumeration)');
});

test('Kernel SHAP equals exact when the budget covers every coalition', () => {
  const m = model(6, (x) => Math.exp(0.3 * (x[0] + x[1] + x[2])) * x[3] - x[4] * x[5] * x[0]);
  const rng = createRng(4);
  const bg = Array.from({ length: 5 }, () => Array.from({ length: 6 }, () => rng.normal()));
  const x = [1, -0.5, 2, 0.3, -1, 0.7];
  const e = exactShapley(m, x, bg).phi;
  const k = kernelShap(m, x, bg, { nSamples: 62, rng: createRng(1) }).phi;
  for (let j = 0; j < 6; j++) assert.ok(Math.abs(e[j] - k[j]) < 1e-9, `feature ${j}`);
});

test('generic coalition values: v(∅) = E[f] over the background and v(all) = f(x)', () => {
  const bg = [
    [1, 2],
    [3, 5],
  ];
  const m = model(2, (x) => x[0] * x[0] + 3 * x[1]);
  const v = coalitionValuesGeneric(m, [2, 7], bg);
  assert.equal(v[0], (1 + 6 + 9 + 15) / 2);
  assert.equal(v[3], 4 + 21);
  assert.equal(v[1], (4 + 6 + 4 + 15) / 2);
});
