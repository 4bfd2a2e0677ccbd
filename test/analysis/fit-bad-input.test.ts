import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { parseJmaBounds } from '../../src/analysis/fit/bounds.ts';
import { InputError } from '../../src/core/input-error.ts';
import { jmaCurves, relErr, PAPER_GRID_K } from './fit-helpers.ts';

const TRUTH = { Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 };

test('bounds that exclude the truth: optimum reported on the bound, with a warning', () => {
  const r = fitJma(jmaCurves(TRUTH), { bounds: { Ea_kJ_mol: [50, 140], lgA_s: [0, 25], n: [0.3, 4] } });
  assert.ok(r.onBound.includes('Ea_kJ_mol:upper'), `onBound ${r.onBound.join(', ')}`);
  assert.ok(
    r.warnings.some((w) => /Ea_kJ_mol = .* upper bound/.test(w)),
    r.warnings.join('\n'),
  );
});

test('NaN in the data: InputError naming the file and the point', () => {
  const curves = jmaCurves(TRUTH).map((c) => ({ ...c, file: `run${c.beta_K_min}.csv` }));
  curves[1].dadT_per_K = curves[1].dadT_per_K.slice();
  curves[1].dadT_per_K[17] = NaN;
  assert.throws(
    () => fitJma(curves),
    (e: unknown) => e instanceof InputError && /^run30\.csv: .*non-finite value at point 18/.test(e.message),
  );
});

test('curve with no peak in the window: InputError', () => {
  // 10 K/min peaks near 590 K; a window ending at 560 K leaves a rising edge only.
  assert.throws(
    () => fitJma(jmaCurves(TRUTH), { window_K: [400, 560] }),
    (e: unknown) => e instanceof InputError && /no peak in the window 400–560 K/.test(e.message),
  );
  // Reaction beyond the grid: only the rising edge at the hot end.
  assert.throws(
    () => fitJma(jmaCurves({ Ea_kJ_mol: 200, lgA_s: 7, n: 1 })),
    (e: unknown) =>
      e instanceof InputError && /no peak — the maximum of dα\/dT is at the last point/.test(e.message),
  );
  // No signal at all.
  assert.throws(
    () => fitJma(jmaCurves(TRUTH).map((c) => ({ ...c, dadT_per_K: c.dadT_per_K.map(() => 0) }))),
    (e: unknown) => e instanceof InputError && /no positive dα\/dT/.test(e.message),
  );
});

test('rates with very different point counts: warning, and each rate still weighs equally', () => {
  const fine = Array.from({ length: 1500 }, (_, i) => 303.15 + (i * 770) / 1499);
  const curves = [
    ...jmaCurves(TRUTH, { rates: [10, 30], T_K: fine }),
    ...jmaCurves(TRUTH, { rates: [60], T_K: PAPER_GRID_K.filter((_, i) => i % 4 === 0) }),
  ];
  const r = fitJma(curves);
  assert.ok(
    r.warnings.some((w) => /very different point counts/.test(w)),
    r.warnings.join('\n'),
  );
  assert.ok(relErr(r.Ea_kJ_mol, 150) < 1e-4 && relErr(r.n, 3) < 1e-4);
});

test('other bad input: no curves, length mismatch, decreasing T, bad heating rate', () => {
  assert.throws(() => fitJma([]), /no curves/);
  const c = jmaCurves(TRUTH)[0];
  assert.throws(() => fitJma([{ ...c, dadT_per_K: c.dadT_per_K.slice(1) }]), /200 temperatures but 199/);
  const Tbad = c.T_K.slice();
  [Tbad[50], Tbad[51]] = [Tbad[51], Tbad[50]];
  assert.throws(() => fitJma([{ ...c, T_K: Tbad }]), /temperatures must increase, but point 52/);
  assert.throws(() => fitJma([{ ...c, beta_K_min: 0 }]), /heating rate must be a positive number/);
});

test('a single heating rate: warning about Ea–lgA compensation, and a large reported uncertainty with noise', () => {
  const r = fitJma(jmaCurves(TRUTH, { rates: [10], noise: 0.01, seed: 1 }));
  assert.ok(
    r.warnings.some((w) => /only 1 distinct heating rate/.test(w)),
    r.warnings.join('\n'),
  );
  const three = fitJma(jmaCurves(TRUTH, { noise: 0.01, seed: 1 }));
  assert.ok(
    r.uncertainty!.Ea_kJ_mol > 10 * three.uncertainty!.Ea_kJ_mol,
    `${r.uncertainty!.Ea_kJ_mol} vs ${three.uncertainty!.Ea_kJ_mol}`,
  );
});

test('--bounds parsing: presets, partial specs, errors', () => {
  assert.deepEqual(parseJmaBounds('paper'), { Ea_kJ_mol: [120, 280], lgA_s: [6, 17], n: [0.3, 1.2] });
  assert.deepEqual(parseJmaBounds('NCM811').Ea_kJ_mol, [100, 280]);
  assert.deepEqual(parseJmaBounds('Ea:100:200,n:1:3'), { Ea_kJ_mol: [100, 200], lgA_s: [0, 25], n: [1, 3] });
  assert.throws(() => parseJmaBounds('Ea:200:100'), /upper bound must exceed/);
  assert.throws(() => parseJmaBounds('foo'), /cannot read "foo"/);
  assert.throws(() => parseJmaBounds('Ea:-5:100'), /Ea must be > 0/);
});
