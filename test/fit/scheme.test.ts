import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScheme, schemeText, initialConcentrations } from '../../src/fit/scheme.ts';

test('schemes parse from steps and shorthands and print back canonically', () => {
  assert.equal(schemeText(parseScheme('A->B:Fn; B->C:An')), 'A->B:Fn; B->C:An');
  assert.equal(schemeText(parseScheme(' A -> B ; B->C:f1 ')), 'A->B:Fn; B->C:F1');
  assert.equal(schemeText(parseScheme('consecutive:3')), 'A->B:Fn; B->C:Fn; C->D:Fn');
  assert.equal(schemeText(parseScheme('parallel:2:F1')), 'A->B:F1; C->D:F1');
  assert.equal(schemeText(parseScheme('competitive:2')), 'A->B:Fn; A->C:Fn');
  assert.deepEqual(Array.from(initialConcentrations(parseScheme('parallel:2'))), [1, 0, 1, 0]);
  assert.deepEqual(Array.from(initialConcentrations(parseScheme('consecutive:2'))), [1, 0, 0]);
});

test('bad schemes are refused with the reason', () => {
  assert.throws(() => parseScheme(''), /empty scheme/);
  assert.throws(() => parseScheme('A->B:Xx'), /unknown model "Xx"/);
  assert.throws(() => parseScheme('A-B'), /expected X->Y/);
  assert.throws(() => parseScheme('A->B; B->A'), /cycle/);
  assert.throws(() => parseScheme('A->A'), /itself/);
  assert.throws(() => parseScheme('A->B; A->B'), /twice/);
  assert.throws(() => parseScheme('consecutive:9'), /1 to 6 steps/);
});
