import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import type { GlobalOptimizer } from '../../src/analysis/fit/parts.ts';
import { maxOf } from '../../src/core/statistics.ts';
import { jmaCurves, relErr } from '../analysis/fit-helpers.ts';

const truth = { Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 };

test('a JMA fit result predicts dα/dT on any grid and rate, equal to the exact JMA curve at its parameters', () => {
  const r = fitJma(jmaCurves(truth), { seed: 3 });
  const T = Array.from({ length: 400 }, (_, i) => 450 + i * 0.75);
  for (const beta of [10, 20, 60]) {
    const got = r.predict(beta, T);
    const atFit = jmaExactCurve({ Ea_kJ_mol: r.Ea_kJ_mol, lgA_s: r.lgA_s, n: r.n }, beta, T[0], T).dadT_per_K;
    const atTruth = jmaExactCurve(truth, beta, T[0], T).dadT_per_K;
    const peak = maxOf(atTruth);
    let dFit = 0;
    let dTruth = 0;
    for (let i = 0; i < T.length; i++) {
      dFit = Math.max(dFit, Math.abs(got[i] - atFit[i]));
      dTruth = Math.max(dTruth, Math.abs(got[i] - atTruth[i]));
    }
    assert.ok(peak > 1e-3, `the grid holds the ${beta} K/min peak`);
    assert.ok(dFit < 1e-6 * peak, `${beta} K/min: predict vs exact curve at the fitted parameters ${dFit}`);
    assert.ok(dTruth < 0.01 * peak, `${beta} K/min: predict vs the truth ${dTruth / peak}`);
  }
  // the numbers only in JSON and in structured clones (worker threads)
  assert.ok(!JSON.stringify(r).includes('predict'));
  assert.equal(typeof structuredClone(r).Ea_kJ_mol, 'number');
});

test('the global optimizer is a replaceable part: a seeds-only search plus the default polish reaches the truth', () => {
  let calls = 0;
  const seedsOnly: GlobalOptimizer = (f, lower, _upper, opts) => {
    calls++;
    let best = Float64Array.from(lower);
    let fb = f(best);
    for (const s of opts.initial ?? []) {
      const x = Float64Array.from(s);
      const v = f(x);
      if (v < fb) [best, fb] = [x, v];
    }
    return {
      x: Array.from(best),
      f: fb,
      generations: 0,
      evaluations: (opts.initial?.length ?? 0) + 1,
      stop: 'maxGenerations',
    };
  };
  const r = fitJma(jmaCurves(truth), { globalOptimizer: seedsOnly });
  assert.equal(calls, 1);
  assert.equal(r.search.generations, 0);
  assert.ok(relErr(r.Ea_kJ_mol, truth.Ea_kJ_mol) < 0.005, `Ea ${r.Ea_kJ_mol}`);
  assert.ok(relErr(r.n, truth.n) < 0.01, `n ${r.n}`);
});
