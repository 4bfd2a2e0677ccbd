import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  jma,
  nthOrder,
  contractingGeometry,
  diffusion3DJander,
  sestakBerggren,
} from '../../src/kinetics/models/index.ts';
import type { ReactionModel } from '../../src/kinetics/models/reaction-model.ts';
import { exactConversionCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { solveConversionOde } from '../../src/kinetics/nonisothermal-ode.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { parseCsvRun } from '../../src/io/csv.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { kissingerFromCurves } from '../../src/analysis/kissinger.ts';
import { friedman, kas, fwo, vyazovkin } from '../../src/analysis/isoconversional/index.ts';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { simulatedCurves } from '../helpers/curves.ts';

/** Property runs are counted and printed as one summary line at the end (issue 9). */
let propertyRuns = 0;
const RUNS = Number(process.env.CKIN_PROPERTY_RUNS ?? 40);
const check = (p: fc.IProperty<unknown[]>, runs = RUNS) => {
  fc.assert(p, { numRuns: runs, seed: 20261122 });
  propertyRuns += runs;
};

/**
 * Models whose rate is finite at α = 0 and continuous at completion (the trapezoid check of ∫dα/dT needs that;
 * zero order stops abruptly, so orders start at 0.5 here and at 0 in the monotonicity property).
 */
const regularModelArb: fc.Arbitrary<ReactionModel> = fc.oneof(
  fc.double({ min: 1, max: 4, noNaN: true }).map((n) => jma(n)),
  fc.double({ min: 0.5, max: 2.5, noNaN: true }).map((n) => nthOrder(n)),
  fc.constantFrom(contractingGeometry(2), contractingGeometry(3)),
);
/** Every closed-form model, including those whose rate is infinite at α = 0 (JMA n < 1, diffusion). */
const modelArb: fc.Arbitrary<ReactionModel> = fc.oneof(
  regularModelArb,
  fc.double({ min: 0, max: 0.5, noNaN: true }).map((n) => nthOrder(n)),
  fc.double({ min: 0.3, max: 1, noNaN: true }).map((n) => jma(n)),
  fc.constantFrom(diffusion3DJander()),
);
/**
 * Arrhenius draws whose reaction falls well inside the 300–1100 K window at 1–100 K/min: a reaction temperature
 * T* ∈ [450, 800] K and x = Ea/(R·T*) ∈ [20, 40] (so Ea ≈ 75–270 kJ/mol), far enough above the 300 K start that
 * p(T0) is negligible (the integral methods assume ∫ from 0 K).
 */
const kineticsArb = fc
  .record({
    Tstar: fc.double({ min: 450, max: 800, noNaN: true }),
    x: fc.double({ min: 20, max: 40, noNaN: true }),
    beta_K_min: fc.double({ min: 1, max: 100, noNaN: true }),
  })
  .map((d) => ({ ...d, Ea_kJ_mol: (d.x * 8.314462618 * d.Tstar) / 1000 }));
const lgAFor = (Ea: number, x: number, beta: number) => {
  // Choose A so that the reaction happens near T* = Ea/(R·x): k(T*)·T*/ (β·x) ≈ 1.
  const T = (Ea * 1000) / (8.314462618 * x);
  return Math.log10(((beta / 60) * x) / T) + x / Math.LN10;
};

test('property: 0 ≤ α ≤ 1 and α monotone for every closed-form model and draw', () => {
  check(
    fc.property(modelArb, kineticsArb, (model, k) => {
      const lgA = lgAFor(k.Ea_kJ_mol, k.x, k.beta_K_min);
      const T = Array.from({ length: 801 }, (_, i) => 300 + i);
      const c = exactConversionCurve(model, { Ea_kJ_mol: k.Ea_kJ_mol, lgA_s: lgA }, k.beta_K_min, 300, T);
      for (let i = 0; i < T.length; i++) {
        if (!(c.alpha[i] >= 0 && c.alpha[i] <= 1)) return false;
        if (i > 0 && c.alpha[i] < c.alpha[i - 1]) return false;
      }
      return true;
    }),
  );
});

test('property: ∫dα/dT dT equals the conversion reached (models with a finite rate at α = 0)', () => {
  check(
    fc.property(regularModelArb, kineticsArb, (model, k) => {
      const lgA = lgAFor(k.Ea_kJ_mol, k.x, k.beta_K_min);
      const T = Array.from({ length: 1601 }, (_, i) => 300 + i * 0.5);
      const c = exactConversionCurve(model, { Ea_kJ_mol: k.Ea_kJ_mol, lgA_s: lgA }, k.beta_K_min, 300, T);
      let integral = 0;
      for (let i = 0; i < T.length; i++) {
        if (!(c.alpha[i] >= 0 && c.alpha[i] <= 1)) return false;
        if (i > 0 && c.alpha[i] < c.alpha[i - 1]) return false;
        if (i > 0) integral += 0.25 * (c.dadT_per_K[i] + c.dadT_per_K[i - 1]);
      }
      const reached = c.alpha[T.length - 1];
      // Trapezoid error on a 0.5 K grid (a narrow JMA n = 4 peak at 1 K/min is ~10 K wide): 0.5 %.
      return Math.abs(integral - reached) <= 0.005 * Math.max(reached, 1e-3) + 1e-4;
    }),
  );
});

test('property: the ODE path keeps 0 ≤ α ≤ 1 and monotone for Šesták–Berggren draws', () => {
  check(
    fc.property(
      fc.double({ min: 0, max: 0.8, noNaN: true }),
      fc.double({ min: 0.5, max: 2.5, noNaN: true }),
      kineticsArb,
      (m, n, k) => {
        const lgA = lgAFor(k.Ea_kJ_mol, k.x, k.beta_K_min);
        const T = Array.from({ length: 401 }, (_, i) => 300 + i * 2);
        const c = solveConversionOde(
          sestakBerggren(m, n, 0),
          { Ea_kJ_mol: k.Ea_kJ_mol, lgA_s: lgA },
          k.beta_K_min,
          300,
          T,
        );
        for (let i = 0; i < T.length; i++) {
          if (!(c.alpha[i] >= 0 && c.alpha[i] <= 1)) return false;
          if (i > 0 && c.alpha[i] < c.alpha[i - 1] - 1e-12) return false;
        }
        return true;
      },
    ),
    Math.max(10, RUNS / 2),
  );
});

test('property: results are invariant to unit choices at the edges (°C vs K, K/min vs K/s, mg vs %)', () => {
  check(
    fc.property(
      fc.double({ min: 500, max: 750, noNaN: true }),
      fc.double({ min: 24, max: 34, noNaN: true }),
      fc.double({ min: 5, max: 50, noNaN: true }),
      (Tstar, x, m0) => {
        const Ea = (x * 8.314462618 * Tstar) / 1000;
        const lgA = lgAFor(Ea, x, 10);
        const runs = simulateRuns({
          model: jma(2),
          params: { Ea_kJ_mol: Ea, lgA_s: lgA },
          rates_K_min: [5, 10, 20],
          T_start_K: 300,
          T_end_K: 1200,
          step_K: 1,
          massLoss_pct: 30,
        });
        const asC = runs.map((r) =>
          runToConversionCurve(parseCsvRun(simulatedRunToCsv(r), `c${r.beta_K_min}.csv`)),
        );
        // The same mass signal written in °C, minutes and % …
        const asPct = runs.map((r) => {
          const lines = ['t (min),T (°C),m (%)'];
          for (let i = 0; i < r.temperature_K.length; i++) {
            lines.push(`${r.time_s[i] / 60},${r.temperature_K[i] - 273.15},${r.mass_pct[i]}`);
          }
          return runToConversionCurve(parseCsvRun(lines.join('\n'), `p${r.beta_K_min}.csv`));
        });
        // … and in K, seconds and mg (mass = m0·mass_pct/100).
        const asK = runs.map((r) => {
          const lines = ['t (s),T (K),m (mg)'];
          for (let i = 0; i < r.temperature_K.length; i++) {
            lines.push(`${r.time_s[i]},${r.temperature_K[i]},${(m0 * r.mass_pct[i]) / 100}`);
          }
          return runToConversionCurve(parseCsvRun(lines.join('\n'), `k${r.beta_K_min}.csv`));
        });
        const a = kissingerFromCurves(asPct);
        const b = kissingerFromCurves(asK);
        const sameKissinger =
          Math.abs(a.Ea_kJ_mol - b.Ea_kJ_mol) < 1e-6 * a.Ea_kJ_mol && Math.abs(a.lgA_s - b.lgA_s) < 1e-6;
        const fa = friedman(asPct, [0.5]).rows[0].Ea_kJ_mol;
        const fb = friedman(asK, [0.5]).rows[0].Ea_kJ_mol;
        // The exact α column (simulate's own CSV) and α from mass agree to the Savitzky–Golay derivative's accuracy.
        const c = kissingerFromCurves(asC);
        return (
          sameKissinger &&
          Math.abs(fa - fb) < 1e-6 * fa &&
          Math.abs(c.Ea_kJ_mol - a.Ea_kJ_mol) < 0.005 * a.Ea_kJ_mol
        );
      },
    ),
    Math.max(5, RUNS / 4),
  );
});

test('property: Kissinger and the isoconversional methods recover random first-order and JMA cases within their known error', () => {
  check(
    fc.property(
      fc.constantFrom(1, 2, 3),
      fc.double({ min: 450, max: 800, noNaN: true }),
      fc.double({ min: 24, max: 36, noNaN: true }),
      (n, Tstar, x) => {
        const Ea = (x * 8.314462618 * Tstar) / 1000;
        const curves = simulatedCurves({
          model: jma(n),
          params: { Ea_kJ_mol: Ea, lgA_s: lgAFor(Ea, x, 10) },
          rates_K_min: [2, 5, 10, 20],
          T_start_K: 300,
          T_end_K: 1400,
          step_K: 0.5,
        });
        const rel = (v: number) => Math.abs(v / Ea - 1);
        const kis = kissingerFromCurves(curves).Ea_kJ_mol;
        // Kissinger is exact for first order (up to the peak location) and within ~1.5 % for JMA at these x.
        if (rel(kis) > (n === 1 ? 0.005 : 0.015)) return false;
        const alphas = [0.2, 0.5, 0.8];
        for (const r of friedman(curves, alphas).rows) if (rel(r.Ea_kJ_mol) > 0.005) return false;
        for (const r of vyazovkin(curves, alphas).rows) if (rel(r.Ea_kJ_mol) > 0.005) return false;
        // Known approximation errors at Ea/RT ≈ 24–36: KAS (Murray–White) ≤ 2 %, FWO (Doyle) ≤ 4 % (≈ 3 % at x ≈ 26).
        for (const r of kas(curves, alphas).rows) if (rel(r.Ea_kJ_mol) > 0.02) return false;
        for (const r of fwo(curves, alphas).rows) if (rel(r.Ea_kJ_mol) > 0.04) return false;
        return true;
      },
    ),
    Math.max(10, RUNS / 2),
  );
});

test('property: the DE fit never reports a result outside its bounds', () => {
  const curves = simulatedCurves({
    model: jma(3),
    params: { Ea_kJ_mol: 150, lgA_s: 11.5 },
    rates_K_min: [10, 30, 60],
    T_start_K: 303.15,
    T_end_K: 1073.15,
    step_K: 3.87,
  });
  check(
    fc.property(
      fc.double({ min: 60, max: 300, noNaN: true }),
      fc.double({ min: 5, max: 80, noNaN: true }),
      fc.double({ min: 2, max: 20, noNaN: true }),
      fc.double({ min: 0.5, max: 5, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      (EaLo, EaW, lgALo, lgAW, seed) => {
        const bounds = {
          Ea_kJ_mol: [EaLo, EaLo + EaW] as [number, number],
          lgA_s: [lgALo, lgALo + lgAW] as [number, number],
          n: [0.5, 4] as [number, number],
        };
        const r = fitJma(curves, { bounds, seed, n: 3 });
        return (
          r.Ea_kJ_mol >= bounds.Ea_kJ_mol[0] &&
          r.Ea_kJ_mol <= bounds.Ea_kJ_mol[1] &&
          r.lgA_s >= bounds.lgA_s[0] &&
          r.lgA_s <= bounds.lgA_s[1]
        );
      },
    ),
    Math.max(10, RUNS / 2),
  );
});

test('property runs summary', () => {
  process.stdout.write(`property runs: ${propertyRuns} executed, 0 failed\n`);
  assert.ok(propertyRuns > 0);
});
