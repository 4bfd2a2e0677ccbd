import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenSectionMin, goldenSectionMax } from '../../src/core/golden-section.ts';

// A minimum located from function values alone is resolved only to ≈ √ε·|x| (the function is flat there).
test('golden-section search finds the extremum of unimodal functions', () => {
  assert.ok(Math.abs(goldenSectionMin((x) => (x - 2) ** 2 + 1, -10, 10) - 2) < 1e-7);
  assert.ok(Math.abs(goldenSectionMax((x) => x * Math.exp(-x), 0, 5) - 1) < 1e-7); // max of x·e^(−x) at x = 1
  assert.ok(Math.abs(goldenSectionMin((x) => Math.cosh(x - 1e3), 900, 1100, 1e-6) - 1e3) < 1e-5);
});
