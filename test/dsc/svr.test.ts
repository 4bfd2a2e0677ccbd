import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitSvr, parseLibsvmModel } from '../../src/dsc/svr.ts';
import { coalitionValuesGeneric } from '../../src/dsc/shapley.ts';
import { regressionMetrics } from '../../src/core/regression-metrics.ts';
import { createRng } from '../../src/core/random.ts';

test('libsvm text model parsing: sparse 1-based indices, coefficients, γ, ρ', () => {
  const text = [
    'svm_type epsilon_svr',
    'kernel_type rbf',
    'gamma 0.5',
    'nr_class 2',
    'total_sv 2',
    'rho -0.25',
    'SV',
    '2 1:1 3:-1 ',
    '-0.5 2:2 ',
    '',
  ].join('\n');
  const m = parseLibsvmModel(text, 3);
  assert.equal(m.nSV, 2);
  assert.deepEqual(Array.from(m.sv), [1, 0, -1, 0, 2, 0]);
  assert.deepEqual(Array.from(m.coef), [2, -0.5]);
  assert.equal(m.gamma, 0.5);
  assert.equal(m.rho, -0.25);
});

function data(n: number, seed: number): { X: Float64Array[]; y: Float64Array } {
  const rng = createRng(seed);
  const X = Array.from({ length: n }, () => Float64Array.from({ length: 4 }, () => rng.uniform() * 4 - 2));
  // known smooth function, in "kelvin-like" units to exercise the target standardisation
  const y = Float64Array.from(
    X,
    (x) => 450 + 20 * Math.sin(x[0]) - 8 * x[1] + 3 * x[2] * x[3] + rng.normal() * 0.5,
  );
  return { X, y };
}

test('ε-SVR (RBF) learns a smooth 4-feature function: test R² > 0.97 and RMSE near the noise', async () => {
  const train = data(300, 1),
    test_ = data(100, 2);
  const model = await fitSvr(train.X, train.y, { C: 100, gamma: 0.1, epsilon: 0.02 });
  const pred = test_.X.map((x) => model.predict(x));
  const m = regressionMetrics({ predicted: pred, observed: test_.y });
  assert.ok(m.r2 > 0.97, `R² ${m.r2}`);
  assert.ok(m.rmse < 3, `RMSE ${m.rmse} K`);
});

test('SVR fast coalition values (RBF product form) equal direct evaluation to 1e-9', async () => {
  const train = data(150, 5);
  const model = await fitSvr(train.X, train.y, { C: 10, gamma: 0.2, epsilon: 0.05 });
  const bg = train.X.slice(0, 5);
  const x = train.X[42];
  const fast = model.coalitionValues(x, bg);
  const slow = coalitionValuesGeneric(model, x, bg);
  for (let m = 0; m < 16; m++)
    assert.ok(Math.abs(fast[m] - slow[m]) < 1e-9, `mask ${m}: ${fast[m]} vs ${slow[m]}`);
});

test('regression metrics on a hand-computed case', () => {
  const m = regressionMetrics({ predicted: [1, 2, 3, 6], observed: [1, 2, 3, 4] });
  assert.equal(m.rmse, 1);
  assert.equal(m.mae, 0.5);
  assert.ok(Math.abs(m.r2 - (1 - 4 / 5)) < 1e-15);
});

test('SVR single-mask coalition values (Kernel SHAP path) equal direct evaluation to 1e-9', async () => {
  const train = data(120, 6);
  const model = await fitSvr(train.X, train.y, { C: 10, gamma: 0.2, epsilon: 0.05 });
  const bg = train.X.slice(0, 4);
  const v = model.coalitionValueFn(train.X[7], bg);
  const slow = coalitionValuesGeneric(model, train.X[7], bg);
  for (let m = 0; m < 16; m++) assert.ok(Math.abs(v(m) - slow[m]) < 1e-9, `mask ${m}`);
});
