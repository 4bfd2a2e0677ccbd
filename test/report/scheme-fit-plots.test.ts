import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScheme } from '../../src/fit/scheme.ts';
import { fitScheme, type MultistepFitResult } from '../../src/fit/multistep-fit.ts';
import type { MultistepRun } from '../../src/fit/multistep-problem.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { schemeFitRows, schemeFitSpec, schemeStepName } from '../../src/report/scheme-fit-plots.ts';
import { schemeFitReportHtml } from '../../src/report/scheme-fit-report.ts';
import { renderVegaLiteSvg } from '../../src/report/render-svg.ts';

/**
 * The scheme-fit plot (data, model, each step's contribution, residuals) against known answers: runs of independent
 * first-order steps from the exact E₂ solution (not the code under test), α_j = 1 − exp(−(A_j/β)·∫k_j dT). Identity:
 * the step contributions sum to the model (no baseline) to 1e-9 relative; a one-step contribution equals the exact
 * single-step curve w·k(T)·(1 − α)/β evaluated at the fitted Ea, lgA and mass fraction.
 */
const RATES = [5, 10, 20];
const T0 = 300;
const k = (E: number, lgA: number, T: number) => 10 ** lgA * Math.exp(-(E * 1000) / (R_J_PER_MOL_K * T));
/** Exact dα/dT (1/K) of one first-order step of weight w at T, heating rate β (K/min), ramp from T0. */
const exactStep = (E: number, lgA: number, w: number, beta: number, T: number) => {
  const b = beta / 60;
  return (w * k(E, lgA, T) * Math.exp(-(10 ** lgA / b) * temperatureIntegralBetween_K(E, T0, T))) / b;
};
function runs(steps: { E: number; lgA: number; w: number }[], from: number, to: number): MultistepRun[] {
  return RATES.map((beta) => {
    const T = Array.from({ length: 100 }, (_, i) => from + ((to - from) * i) / 99);
    const y = T.map((x) => steps.reduce((s, st) => s + exactStep(st.E, st.lgA, st.w, beta, x), 0));
    return { beta_K_min: beta, T_K: T, y, T0_K: T0 };
  });
}
const maxAbs = (a: number[]) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

const twoStep: MultistepFitResult = fitScheme(
  parseScheme('A->B:F1; C->D:F1'),
  runs(
    [
      { E: 80, lgA: 10 - Math.log10(60), w: 0.5 },
      { E: 120, lgA: 15 - Math.log10(60), w: 0.5 },
    ],
    320,
    620,
  ),
  { observable: 'conversion-rate', seed: 0 },
);

test('two-step scheme: each run carries one contribution per step and they sum to the model within 1e-9 relative', () => {
  assert.equal(twoStep.steps.length, 2);
  for (const r of twoStep.runs) {
    assert.equal(r.steps.length, 2);
    const scale = maxAbs(r.model);
    assert.ok(scale > 0);
    r.model.forEach((m, i) => {
      const sum = r.steps[0][i] + r.steps[1][i];
      assert.ok(
        Math.abs(sum - m) <= 1e-9 * scale,
        `β ${r.beta_K_min}, point ${i}: Σ steps ${sum} vs model ${m}`,
      );
    });
    // both steps show: each contributes a peak of its own (the fit found both)
    for (const c of r.steps) assert.ok(maxAbs(c) > 0.1 * scale);
  }
});

test('the plotted rows are the result: model = Σ step columns, residual = model − data, T in °C; the lines fold model and steps', () => {
  const names = [0, 1].map((j) => schemeStepName(twoStep, j));
  for (let q = 0; q < twoStep.runs.length; q++) {
    const r = twoStep.runs[q];
    const spec = schemeFitSpec(twoStep, q) as unknown as {
      data: { values: Record<string, number>[] };
      vconcat: { layer: { transform?: { fold: string[] }[] }[] }[];
    };
    const rows = spec.data.values;
    assert.deepEqual(rows, schemeFitRows(twoStep, q));
    assert.deepEqual(spec.vconcat[0].layer[1].transform![0].fold, ['model', ...names]);
    assert.equal(rows.length, r.T_K.length);
    const scale = maxAbs(r.model);
    rows.forEach((row, i) => {
      assert.ok(Math.abs(row[names[0]] + row[names[1]] - row.model) <= 1e-9 * scale);
      assert.equal(row[names[0]], r.steps[0][i]);
      assert.ok(Math.abs(row.T_C - (r.T_K[i] - 273.15)) < 1e-12);
      assert.ok(Math.abs(row.residual - (row.model - row.data)) <= 1e-12 * scale);
    });
  }
});

test('one-step scheme: the step contribution equals the exact first-order curve at the fitted parameters', () => {
  const truth = { E: 150, lgA: 11.5, w: 1 };
  const fit = fitScheme(parseScheme('A->B:F1'), runs([truth], 450, 650), {
    observable: 'conversion-rate',
    seed: 0,
  });
  const s = fit.steps[0];
  assert.ok(Math.abs(s.Ea_kJ_mol - truth.E) < 0.5, `Ea ${s.Ea_kJ_mol}`);
  for (const r of fit.runs) {
    const scale = maxAbs(r.data);
    r.T_K.forEach((T, i) => {
      const exact = exactStep(s.Ea_kJ_mol, s.lgA_s, s.mass_fraction!, r.beta_K_min, T);
      assert.ok(
        Math.abs(r.steps[0][i] - exact) <= 1e-4 * scale,
        `β ${r.beta_K_min}, T ${T}: contribution ${r.steps[0][i]} vs exact ${exact}`,
      );
      assert.ok(Math.abs(r.steps[0][i] - r.model[i]) <= 1e-12 * scale);
    });
  }
});

test('the scheme-fit report: one plot per rate (SVG), a data table per plot naming each step, the steps table', async () => {
  const svgs = [];
  for (let q = 0; q < twoStep.runs.length; q++) svgs.push(await renderVegaLiteSvg(schemeFitSpec(twoStep, q)));
  for (const svg of svgs) {
    assert.match(svg, /^<svg/);
    // the legend names the model and every step (the lines are drawn, not only the points)
    for (const name of ['model', 'step 1 A→B (F1)', 'step 2 C→D (F1)'])
      assert.ok(svg.includes(`>${name}</text>`), `legend entry ${name}`);
  }
  const html = schemeFitReportHtml({ ...twoStep, quality: 'ok' }, svgs, {
    title: 'scheme fit',
    command: 'ckin fit --scheme',
    version: 'test',
  });
  assert.equal(html.match(/<figure class="plot"/g)?.length, RATES.length);
  assert.equal(html.match(/<details><summary>Data table/g)?.length, RATES.length);
  assert.ok(html.includes('step 1 A→B (F1)') && html.includes('step 2 C→D (F1)'));
  assert.match(html, /mass-loss fraction/);
});

test('DSC heat flow with a linear baseline: ΔH·r contribution, baseline series, Σ steps + baseline = model', () => {
  // Exact first-order heat flow (W/g) ΔH·r with r = dα/dt = β·dα/dT, on a sloped baseline
  const dH = 300;
  const truth = { E: 140, lgA: 11, w: 1 };
  const base = (T: number, from: number, to: number) => 0.02 + 0.01 * ((T - (from + to) / 2) / 100);
  const runsHf: MultistepRun[] = runs([truth], 420, 640).map((r) => ({
    ...r,
    y: r.y.map((d, i) => dH * d * (r.beta_K_min / 60) + base(r.T_K[i], 420, 640)),
  }));
  const fit = fitScheme(parseScheme('A->B:F1'), runsHf, {
    observable: 'heatflow',
    baseline: 'linear',
    seed: 0,
  });
  assert.ok(Math.abs(fit.steps[0].dH_J_g! / dH - 1) < 0.01, `ΔH ${fit.steps[0].dH_J_g}`);
  for (let q = 0; q < fit.runs.length; q++) {
    const r = fit.runs[q];
    const rows = schemeFitRows(fit, q);
    const scale = maxAbs(r.model);
    rows.forEach((row, i) => {
      assert.ok(Math.abs(row['step 1 A→B (F1)'] + row.baseline - row.model) <= 1e-9 * scale);
      assert.ok(Math.abs(row.baseline - base(r.T_K[i], 420, 640)) < 1e-3 * scale, `baseline at ${r.T_K[i]}`);
      const exact =
        dH *
        exactStep(fit.steps[0].Ea_kJ_mol, fit.steps[0].lgA_s, 1, r.beta_K_min, r.T_K[i]) *
        (r.beta_K_min / 60);
      assert.ok(Math.abs(row['step 1 A→B (F1)'] - (fit.steps[0].dH_J_g! / dH) * exact) <= 1e-4 * scale);
    });
    const spec = schemeFitSpec(fit, q) as unknown as {
      vconcat: { layer: { transform?: { fold: string[] }[] }[] }[];
    };
    assert.deepEqual(spec.vconcat[0].layer[1].transform![0].fold, ['model', 'step 1 A→B (F1)', 'baseline']);
  }
});
