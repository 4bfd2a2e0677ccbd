import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScheme } from '../../src/fit/scheme.ts';
import { MultistepProblem, type MultistepRun } from '../../src/fit/multistep-problem.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { createRng } from '../../src/core/random.ts';

/**
 * Per-point weight factors of a scheme fit (MultistepRun.pointWeights): weighted residual wᵢ·(modelᵢ − yᵢ) with the
 * run's 1/peak-height weight. Known answers: factors 1 change nothing, factors c scale the SSE by c², and factors 0
 * outside a window give the same SSE and amplitudes as the runs cut to that window (same T0, peak inside).
 */
function noisyRuns(): MultistepRun[] {
  const rng = createRng(4);
  return [5, 10, 20].map((beta) => {
    const b = beta / 60;
    const T = Array.from({ length: 80 }, (_, i) => 480 + (160 * i) / 79);
    const k = (x: number) => 1e12 * Math.exp(-150000 / (R_J_PER_MOL_K * x));
    const y = T.map((x) => (k(x) * Math.exp(-(1e12 / b) * temperatureIntegralBetween_K(150, 400, x))) / b);
    return { beta_K_min: beta, T_K: T, y: y.map((v) => v * (1 + 0.02 * rng.normal())), T0_K: 400 };
  });
}

test('pointWeights: 1 changes nothing, c scales the SSE by c², 0 outside a window equals cutting the runs', () => {
  const scheme = parseScheme('A->B:F1');
  const runs = noisyRuns();
  const opts = { observable: 'conversion-rate' as const };
  const theta = new MultistepProblem(scheme, runs, opts).thetaOf([
    { Ea_kJ_mol: 148, lgA_s: 11.8, params: [] },
  ]);
  const plain = new MultistepProblem(scheme, runs, opts).evaluate(theta, 1e-9);
  const ones = new MultistepProblem(
    scheme,
    runs.map((r) => ({ ...r, pointWeights: r.T_K.map(() => 1) })),
    opts,
  ).evaluate(theta, 1e-9);
  assert.equal(ones.sse, plain.sse);
  const threes = new MultistepProblem(
    scheme,
    runs.map((r) => ({ ...r, pointWeights: r.T_K.map(() => 3) })),
    opts,
  ).evaluate(theta, 1e-9);
  assert.ok(Math.abs(threes.sse / plain.sse - 9) < 1e-9, `${threes.sse / plain.sse}`);
  // The window: ±25 K around each run's maximum (the maximum, hence the run weight, is kept).
  const win = runs.map((r) => {
    let im = 0;
    r.y.forEach((v, i) => (v > r.y[im] ? (im = i) : 0));
    return r.T_K.map((T) => Math.abs(T - r.T_K[im]) <= 25);
  });
  const zeroed = new MultistepProblem(
    scheme,
    runs.map((r, k) => ({ ...r, pointWeights: win[k].map((inside) => (inside ? 1 : 0)) })),
    opts,
  ).evaluate(theta, 1e-9);
  const cut = new MultistepProblem(
    scheme,
    runs.map((r, k) => ({
      ...r,
      T_K: r.T_K.filter((_, i) => win[k][i]),
      y: r.y.filter((_, i) => win[k][i]),
    })),
    opts,
  ).evaluate(theta, 1e-9);
  assert.ok(cut.sse > 0 && cut.sse < 0.9 * plain.sse);
  assert.ok(Math.abs(zeroed.sse / cut.sse - 1) < 1e-6, `zeroed ${zeroed.sse} vs cut ${cut.sse}`);
  assert.ok(Math.abs(zeroed.amplitudes[0] / cut.amplitudes[0] - 1) < 1e-6);
  assert.ok(
    Math.abs(zeroed.amplitudes[0] / plain.amplitudes[0] - 1) > 1e-6,
    'the window changes the amplitude',
  );
});
