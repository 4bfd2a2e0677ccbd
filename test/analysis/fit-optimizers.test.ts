import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differentialEvolution } from '../../src/analysis/fit/differential-evolution.ts';
import { levenbergMarquardt } from '../../src/analysis/fit/levenberg-marquardt.ts';
import { nelderMead } from '../../src/analysis/fit/nelder-mead.ts';
import { optimizerRng as mulberry32 } from '../../src/core/random.ts';

test('mulberry32: reference outputs for seed 0 are stable and in [0,1)', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const xs = Array.from({ length: 1000 }, () => a.uniform());
  assert.deepEqual(
    xs,
    Array.from({ length: 1000 }, () => b.uniform()),
  );
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.03, `mean ${mean}`);
  assert.notDeepEqual(
    xs.slice(0, 5),
    Array.from({ length: 5 }, () => mulberry32(43).uniform()),
  );
});

test('DE finds the Rosenbrock minimum (1,1) and is reproducible for a seed', () => {
  const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const r1 = differentialEvolution(rosen, [-2, -2], [2, 2], {
    seed: 3,
    maxGenerations: 1000,
    tol: 1e-12,
    xtol: 1e-10,
  });
  const r2 = differentialEvolution(rosen, [-2, -2], [2, 2], {
    seed: 3,
    maxGenerations: 1000,
    tol: 1e-12,
    xtol: 1e-10,
  });
  assert.deepEqual(r1, r2);
  assert.ok(Math.abs(r1.x[0] - 1) < 1e-4 && Math.abs(r1.x[1] - 1) < 1e-4, `got ${r1.x.join(', ')}`);
});

test('DE respects bounds: minimum of (x−5)² in [−1, 2] is on the bound 2', () => {
  const r = differentialEvolution((x) => (x[0] - 5) ** 2, [-1], [2], { seed: 1 });
  assert.ok(r.x[0] <= 2 && r.x[0] > 2 - 1e-6, `x = ${r.x[0]}`);
});

test('Levenberg–Marquardt recovers y = a·exp(−b·t) exactly from noise-free data', () => {
  const t = Array.from({ length: 30 }, (_, i) => i * 0.2);
  const y = t.map((ti) => 3.5 * Math.exp(-0.7 * ti));
  const res = levenbergMarquardt(
    (th) => Float64Array.from(t, (ti, i) => th[0] * Math.exp(-th[1] * ti) - y[i]),
    [1, 2],
    { lower: [0, 0], upper: [10, 10] },
  );
  assert.ok(
    Math.abs(res.theta[0] - 3.5) < 1e-8 && Math.abs(res.theta[1] - 0.7) < 1e-8,
    `got ${res.theta.join(', ')}`,
  );
  assert.ok(res.cost < 1e-18, `cost ${res.cost}`);
});

test('Nelder–Mead minimizes a shifted quadratic', () => {
  const r = nelderMead((x) => (x[0] - 1.5) ** 2 + 10 * (x[1] + 0.5) ** 2, [0, 0], {
    lower: [-5, -5],
    upper: [5, 5],
    step: [1, 1],
    xTol: 1e-10,
    fTol: 1e-20,
  });
  assert.ok(Math.abs(r.x[0] - 1.5) < 1e-6 && Math.abs(r.x[1] + 0.5) < 1e-6, `got ${r.x.join(', ')}`);
});
