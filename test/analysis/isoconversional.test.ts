import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { friedman, kas, fwo, vyazovkin, defaultAlphaGrid } from '../../src/analysis/isoconversional/index.ts';
import { nthOrder, jma } from '../../src/kinetics/models/index.ts';
import { parseCsvRun } from '../../src/io/csv.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { simulatedCurves } from '../helpers/curves.ts';

const firstOrder = simulatedCurves({
  model: nthOrder(1),
  params: { Ea_kJ_mol: 150, lgA_s: 12 },
  rates_K_min: [5, 10, 20, 40],
  T_start_K: 300,
  T_end_K: 900,
});

test('first order 150 kJ/mol at α = 0.5: KAS 149.7 ± 0.2, FWO 151.2 ± 0.3 (their approximation errors), Friedman and Vyazovkin exact', () => {
  const at = (r: { rows: { alpha: number; Ea_kJ_mol: number }[] }) => r.rows[0].Ea_kJ_mol;
  const a = [0.5];
  assert.ok(Math.abs(at(kas(firstOrder, a)) - 149.7) <= 0.2, `KAS ${at(kas(firstOrder, a))}`);
  assert.ok(Math.abs(at(fwo(firstOrder, a)) - 151.2) <= 0.3, `FWO ${at(fwo(firstOrder, a))}`);
  assert.ok(Math.abs(at(friedman(firstOrder, a)) - 150) <= 0.1);
  assert.ok(Math.abs(at(vyazovkin(firstOrder, a)) - 150) <= 0.1);
});

test('JMA Ea = 120 kJ/mol, A = e³⁵ s⁻¹, n = 2, β = 0.5–50 K/min: Friedman recovers 120 ± 0.5 over α = 0.1…0.9', () => {
  const curves = simulatedCurves({
    model: jma(2),
    params: { Ea_kJ_mol: 120, lgA_s: 35 / Math.LN10 },
    rates_K_min: [0.5, 2, 10, 50],
    T_start_K: 250,
    T_end_K: 700,
    step_K: 0.25,
  });
  const res = friedman(curves, defaultAlphaGrid(0.1, 0.1, 0.9));
  for (const r of res.rows) assert.ok(Math.abs(r.Ea_kJ_mol - 120) <= 0.5, `α=${r.alpha}: ${r.Ea_kJ_mol}`);
  // Confidence limits bracket the estimate.
  for (const r of res.rows)
    assert.ok(r.Ea_ci95_low_kJ_mol <= r.Ea_kJ_mol && r.Ea_kJ_mol <= r.Ea_ci95_high_kJ_mol);
});

test('Friedman lg[A·f(α)] = lgA + lg f(α) with A in s⁻¹ (JMA n = 2, lnA = 35) within 0.1, with 95 % limits around it', () => {
  const curves = simulatedCurves({
    model: jma(2),
    params: { Ea_kJ_mol: 120, lgA_s: 35 / Math.LN10 },
    rates_K_min: [0.5, 2, 10, 50],
    T_start_K: 250,
    T_end_K: 700,
    step_K: 0.25,
  });
  const res = friedman(curves, defaultAlphaGrid(0.1, 0.1, 0.9));
  // f(α) of JMA (Avrami–Erofeev): n(1−α)[−ln(1−α)]^((n−1)/n); a per-minute A would be off by lg 60 = 1.78.
  const f = (a: number) => 2 * (1 - a) * Math.sqrt(-Math.log(1 - a));
  for (const r of res.rows) {
    const expected = 35 / Math.LN10 + Math.log10(f(r.alpha));
    assert.ok(Math.abs(r.lgAf_s! - expected) <= 0.1, `α=${r.alpha}: lgAf ${r.lgAf_s} vs ${expected}`);
    assert.ok(r.lgAf_ci95_low_s! <= r.lgAf_s! && r.lgAf_s! <= r.lgAf_ci95_high_s!);
  }
  assert.equal(kas(curves, [0.5]).rows[0].lgAf_s, undefined, 'KAS has no lg[A·f(α)]');
});

test('pICNIK constant E = 75 kJ/mol (real files, mass → α, Savitzky–Golay dα/dT)', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-constant-E');
  const curves = ['2.5', '5', '10', '15', '20'].map((b) => {
    const f = join(dir, `E_cnt_${b}.csv`);
    return runToConversionCurve(parseCsvRun(readFileSync(f, 'utf8'), f));
  });
  const grid = defaultAlphaGrid(0.1, 0.1, 0.9);
  // Friedman and Vyazovkin: within 1 % of 75 over α = 0.1…0.9.
  for (const method of [friedman, vyazovkin]) {
    for (const r of method(curves, grid).rows) {
      assert.ok(Math.abs(r.Ea_kJ_mol / 75 - 1) <= 0.01, `${method.name} α=${r.alpha}: ${r.Ea_kJ_mol}`);
    }
  }
  // Known approximation errors at Ea/RT ≈ 15 (below Doyle's 20–60 range): KAS underestimates by ≈ 0.5–1 %,
  // FWO overestimates by ≈ 6–10 %. A bound tight enough to catch a unit slip, loose enough for the approximation.
  for (const r of kas(curves, grid).rows)
    assert.ok(r.Ea_kJ_mol < 75 && r.Ea_kJ_mol > 75 * 0.985, `KAS ${r.Ea_kJ_mol}`);
  for (const r of fwo(curves, grid).rows)
    assert.ok(r.Ea_kJ_mol > 75 * 1.04 && r.Ea_kJ_mol < 75 * 1.12, `FWO ${r.Ea_kJ_mol}`);
});

test('isoconversional methods reject one heating rate and duplicate rates', () => {
  assert.throws(() => friedman([firstOrder[0]]), /two or more different heating rates/);
  assert.throws(() => vyazovkin([firstOrder[0], { ...firstOrder[0] }]), /same heating rate/);
});

test('a conversion never reached is a clear error naming the file', () => {
  const partial = simulatedCurves({
    model: nthOrder(1),
    params: { Ea_kJ_mol: 150, lgA_s: 12 },
    rates_K_min: [5, 10],
    T_start_K: 300,
    T_end_K: 560,
  }).map((c, i) => ({ ...c, file: `run${i}.csv` }));
  assert.throws(() => kas(partial, [0.9]), /never reaches α = 0.9/);
});

test('Vyazovkin reports no value (and a warning) when Φ has no minimum inside its search range', () => {
  // Swap the heating rates: peaks now move down with β, which no activated step can do.
  const swapped = firstOrder.map((c, i) => ({
    ...c,
    beta_K_min: firstOrder[firstOrder.length - 1 - i].beta_K_min,
  }));
  const res = vyazovkin(swapped, [0.5]);
  assert.ok(Number.isNaN(res.rows[0].Ea_kJ_mol));
  assert.match(res.warnings[0], /no minimum between 1 and 2000 kJ\/mol/);
});
