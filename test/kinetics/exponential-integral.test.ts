/* eslint-disable no-loss-of-precision -- reference digits are kept exactly as mpmath printed them */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expintEn } from '../../src/kinetics/exponential-integral.ts';

// Reference values of E₂(x) computed with mpmath 1.2.1 at 40 significant digits (mpmath.expint(2, x)),
// an implementation independent of ours.
const E2_REFERENCE: [number, number][] = [
  [5, 0.00099646904270883810998],
  [6.5, 0.00018114505852148416445],
  [8, 0.000034137645151112624641],
  [10, 3.8302404656316087616e-6],
  [12.5, 2.5922249207212107119e-7],
  [15, 1.8108136679645741806e-8],
  [20, 9.4048564308581489887e-11],
  [25, 5.1569447661347899385e-13],
  [30, 2.9296693677373697047e-15],
  [40, 1.0126120948496110673e-19],
  [50, 3.7117833188688273668e-24],
  [60, 1.4130536860897960783e-28],
  [75, 3.4798945143816138179e-35],
  [90, 8.9085971009845496209e-42],
  [100, 3.6478214338803782725e-46],
  [120, 6.2857887708187321093e-55],
  [150, 4.7208613324166313901e-68],
  [175, 5.6301481319182750701e-79],
  [200, 6.8513054752104111065e-90],
];

test('E₂(x) matches mpmath to ≤ 1e-10 relative over x = E/RT ∈ [5, 200]', () => {
  for (const [x, ref] of E2_REFERENCE) {
    const rel = Math.abs(expintEn(2, x) / ref - 1);
    assert.ok(rel <= 1e-10, `x=${x}: relative error ${rel}`);
  }
});

test('scaled E₂ equals e^x·E₂(x) and stays finite far beyond underflow', () => {
  for (const [x, ref] of E2_REFERENCE) {
    assert.ok(Math.abs(expintEn(2, x, true) / (ref * Math.exp(x)) - 1) < 1e-10);
  }
  const big = expintEn(2, 5000, true);
  assert.ok(Math.abs(big * 5002 - 1) < 1e-6, 'e^x E₂(x) ≈ 1/(x+2) for large x');
});

test('series branch (x ≤ 1) and other orders match mpmath', () => {
  assert.ok(Math.abs(expintEn(1, 1) / 0.21938393439552027368 - 1) < 1e-13);
  assert.ok(Math.abs(expintEn(2, 0.5) / 0.32664386232455301773 - 1) < 1e-13);
  assert.ok(Math.abs(expintEn(3, 0.1) / 0.41629145790827875724 - 1) < 1e-13);
  assert.ok(Math.abs(expintEn(1, 0.01) / 4.0379295765381138112 - 1) < 1e-13);
});

test('invalid arguments throw', () => {
  assert.throws(() => expintEn(2, -1), RangeError);
  assert.throws(() => expintEn(1.5, 1), RangeError);
});
