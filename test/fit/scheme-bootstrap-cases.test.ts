import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScheme } from '../../src/fit/scheme.ts';
import { fitScheme } from '../../src/fit/multistep-fit.ts';
import { bootstrapScheme } from '../../src/fit/scheme-bootstrap.ts';
import type { MultistepRun } from '../../src/fit/multistep-problem.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { createRng } from '../../src/core/random.ts';
import { sampleStandardDeviation } from '../../src/core/statistics.ts';

/**
 * Case-resampling bootstrap of a scheme fit, against the answer it estimates: the spread of the fitted Ea over
 * independent noise draws of the same experiment (computed here by refitting, not by the bootstrap code). The set:
 * two independent first-order steps (80 kJ/mol, A = 1e10 min⁻¹; 150 kJ/mol, lgA 13.7), equal shares, seven rates
 * 1–20 K/min, exact dα/dT (E₂ integral) plus 1 % white noise of each run's peak.
 */
const RATES = [1, 2, 4, 7, 10, 15, 20];
const T0 = 300;
const STEPS = [
  { E: 80, lgA: 10 - Math.log10(60), w: 0.5 },
  { E: 150, lgA: 13.7, w: 0.5 },
];

function noisyTwoStep(seed: number, rates = RATES): MultistepRun[] {
  const rng = createRng(seed);
  return rates.map((beta) => {
    const b = beta / 60;
    const T = Array.from({ length: 100 }, (_, i) => 330 + (270 * i) / 99);
    const y = T.map((x) =>
      STEPS.reduce((s, st) => {
        const k = 10 ** st.lgA * Math.exp(-(st.E * 1000) / (R_J_PER_MOL_K * x));
        return s + (st.w * k * Math.exp(-(10 ** st.lgA / b) * temperatureIntegralBetween_K(st.E, T0, x))) / b;
      }, 0),
    );
    let max = 0;
    for (const v of y) max = Math.max(max, v);
    return { beta_K_min: beta, T_K: T, y: y.map((v) => v + 0.01 * max * rng.normal()), T0_K: T0 };
  });
}

const scheme = parseScheme('parallel:2:F1');
const opts = { observable: 'conversion-rate' as const, seed: 1 };
const byEa = (steps: { Ea_kJ_mol: number }[]) => steps.map((s) => s.Ea_kJ_mol).sort((a, b) => a - b);

test('case bootstrap of a noisy two-step set: SE within 2× of the spread over independent noise draws, steps not swapped', () => {
  const runs = noisyTwoStep(11);
  const fit = fitScheme(scheme, runs, opts);
  const boot = bootstrapScheme(scheme, runs, fit, {
    ...opts,
    replicates: 20,
    bootstrapSeed: 3,
    kind: 'cases',
  });
  assert.equal(boot.kind, 'cases');
  assert.equal(boot.distinct_runs, 7);
  assert.ok(!boot.warnings.some((w) => w.code === 'multistep.bootstrap-few-runs'));
  // Monte Carlo reference: 10 independent noise draws, each fitted.
  const draws = [21, 22, 23, 24, 25, 26, 27, 28, 29, 30].map((sd) =>
    byEa(fitScheme(scheme, noisyTwoStep(sd), opts).steps),
  );
  const order = fit.steps.map((s, j) => j).sort((a, b) => fit.steps[a].Ea_kJ_mol - fit.steps[b].Ea_kJ_mol);
  order.forEach((j, rank) => {
    const s = boot.steps[j];
    const mc = sampleStandardDeviation(draws.map((d) => d[rank]));
    const ratio = s.Ea_se_bootstrap_kJ_mol / mc;
    assert.ok(
      ratio > 0.5 && ratio < 2,
      `step ${j + 1}: bootstrap SE ${s.Ea_se_bootstrap_kJ_mol} vs Monte Carlo ${mc}`,
    );
    // Label switching is undone: every replicate of the 80 kJ/mol step stays near 80, of the 150 one near 150.
    for (const e of s.Ea_kJ_mol)
      assert.ok(Math.abs(e - STEPS[rank].E) < 3, `step ${j + 1} replicate Ea ${e}`);
    assert.ok(s.Ea_p025_kJ_mol < fit.steps[j].Ea_kJ_mol && fit.steps[j].Ea_kJ_mol < s.Ea_p975_kJ_mol);
    assert.ok(s.lgA_p025 < s.lgA_p975);
  });
  // Seeded.
  const again = bootstrapScheme(scheme, runs, fit, {
    ...opts,
    replicates: 2,
    bootstrapSeed: 3,
    kind: 'cases',
  });
  assert.deepEqual(again.steps[0].Ea_kJ_mol, boot.steps[0].Ea_kJ_mol.slice(0, 2));
});

test('case bootstrap over fewer than 3 distinct runs warns; over one rate it makes no replicate', () => {
  const two = noisyTwoStep(5, [2, 10]);
  const fit2 = fitScheme(scheme, two, opts);
  const b2 = bootstrapScheme(scheme, two, fit2, { ...opts, replicates: 2, kind: 'cases' });
  assert.ok(b2.warnings.some((w) => w.code === 'multistep.bootstrap-few-runs'));
  assert.equal(b2.steps[0].Ea_kJ_mol.length, 2);
  const one = noisyTwoStep(5, [10, 10, 10]);
  const fit1 = fitScheme(parseScheme('A->B:F1'), one, opts);
  const b1 = bootstrapScheme(parseScheme('A->B:F1'), one, fit1, { ...opts, replicates: 5, kind: 'cases' });
  assert.ok(b1.warnings.some((w) => w.code === 'multistep.bootstrap-few-runs'));
  assert.equal(b1.replicates, 0);
  assert.ok(Number.isNaN(b1.steps[0].Ea_se_bootstrap_kJ_mol));
});
