import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kissinger, kissingerFromCurves } from '../../src/analysis/kissinger.ts';
import { nthOrder, jma } from '../../src/kinetics/models/index.ts';
import { parseCsvRun } from '../../src/io/csv.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { InputError } from '../../src/core/input-error.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { simulatedCurves } from '../helpers/curves.ts';

// Zhou et al. 2026, Table 1: peak temperatures (K) at 10/30/60 K/min. The paper prints 71.02/89.52/111.56/93.92 kJ/mol,
// which do not follow from these Tp (science.md §2); the values below are what Kissinger's equation gives.
const ZHOU_TABLE1: [string, number[], number, number][] = [
  ['NCM811', [547, 617, 684], 30.73, 0.9934],
  ['NCM622', [587, 644, 707], 40.96, 0.9808],
  ['NCM523', [613, 683, 712], 52.35, 0.9739],
  ['NCM111', [606, 671, 726], 43.8, 0.998],
];

test('Zhou Table 1 peak temperatures → Kissinger Ea 30.73/40.96/52.35/43.80 kJ/mol (±0.01), R² (±1e-4)', () => {
  for (const [name, tp, Ea, r2] of ZHOU_TABLE1) {
    const res = kissinger([10, 30, 60].map((b, i) => ({ beta_K_min: b, T_peak_K: tp[i] })));
    assert.ok(Math.abs(res.Ea_kJ_mol - Ea) <= 0.01, `${name}: Ea ${res.Ea_kJ_mol}`);
    assert.ok(Math.abs(res.r2 - r2) <= 1e-4, `${name}: R² ${res.r2}`);
  }
});

test('Kissinger is unit-safe: β in K/min at the edge gives A in s⁻¹ (lgA shifts by log10 60 if β were left in K/min)', () => {
  const pts = [10, 30, 60].map((b, i) => ({ beta_K_min: b, T_peak_K: [547, 617, 684][i] }));
  const res = kissinger(pts);
  // Direct evaluation of lgA = [b + ln(Ea/R)]/ln10 with β in K/s, independent of the implementation's algebra.
  const x = pts.map((p) => 1 / p.T_peak_K);
  const y = pts.map((p) => Math.log(p.beta_K_min / 60 / p.T_peak_K ** 2));
  const mx = x.reduce((a, b) => a + b) / 3;
  const my = y.reduce((a, b) => a + b) / 3;
  const s =
    x.reduce((acc, xi, i) => acc + (xi - mx) * (y[i] - my), 0) /
    x.reduce((acc, xi) => acc + (xi - mx) ** 2, 0);
  const b0 = my - s * mx;
  assert.ok(Math.abs(res.lgA_s - (b0 + Math.log(-s)) / Math.LN10) < 1e-9);
});

test('first order Ea = 150 kJ/mol, A = 1e12 s⁻¹, β = 5/10/20/40 K/min simulated: Kissinger 150.0 ± 0.3, lgA 12 ± 0.03', () => {
  const curves = simulatedCurves({
    model: nthOrder(1),
    params: { Ea_kJ_mol: 150, lgA_s: 12 },
    rates_K_min: [5, 10, 20, 40],
    T_start_K: 300,
    T_end_K: 900,
  });
  const res = kissingerFromCurves(curves);
  assert.ok(Math.abs(res.Ea_kJ_mol - 150) <= 0.3, `Ea ${res.Ea_kJ_mol}`);
  assert.ok(Math.abs(res.lgA_s - 12) <= 0.03, `lgA ${res.lgA_s}`);
  assert.ok(res.r2 > 0.99999);
  assert.deepEqual(res.warnings, []);
});

test('pICNIK constant-E data (first order, 75 kJ/mol, ln(A/min⁻¹) = 12): Kissinger within 0.5 kJ/mol, lgA within 0.02', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-constant-E');
  const curves = ['2.5', '5', '10', '15', '20'].map((b) => {
    const f = join(dir, `E_cnt_${b}.csv`);
    return runToConversionCurve(parseCsvRun(readFileSync(f, 'utf8'), f));
  });
  const res = kissingerFromCurves(curves);
  assert.ok(Math.abs(res.Ea_kJ_mol - 75) <= 0.5, `Ea ${res.Ea_kJ_mol}`);
  const lgA = (12 - Math.log(60)) / Math.LN10; // A in min⁻¹ → s⁻¹
  assert.ok(Math.abs(res.lgA_s - lgA) <= 0.02, `lgA ${res.lgA_s} vs ${lgA}`);
});

test('Kissinger rejects a single heating rate and duplicate rates with a clear error', () => {
  assert.throws(
    () => kissinger([{ beta_K_min: 10, T_peak_K: 600, file: 'a.csv' }]),
    (e: unknown) => {
      return (
        e instanceof InputError &&
        /two or more different heating rates/.test(e.message) &&
        /a\.csv/.test(e.message)
      );
    },
  );
  assert.throws(
    () =>
      kissinger([
        { beta_K_min: 10, T_peak_K: 600, file: 'a.csv' },
        { beta_K_min: 10, T_peak_K: 602, file: 'b.csv' },
      ]),
    /same heating rate 10 K\/min \(a\.csv and b\.csv\)/,
  );
});

test('Kissinger warns when peak temperatures look like °C', () => {
  const res = kissinger([10, 30, 60].map((b, i) => ({ beta_K_min: b, T_peak_K: [147, 167, 184][i] })));
  assert.ok(res.warnings.some((w) => /°C/.test(w)));
});

test('a peak on the window edge is reported as a warning', () => {
  const curves = simulatedCurves({
    model: jma(3),
    params: { Ea_kJ_mol: 150, lgA_s: 11.5 },
    rates_K_min: [10, 30, 60],
    T_start_K: 303.15,
    T_end_K: 590, // cuts the 30 and 60 K/min peaks
  });
  const res = kissingerFromCurves(curves);
  assert.ok(
    res.warnings.some((w) => /window edge/.test(w)),
    res.warnings.join('\n'),
  );
});
