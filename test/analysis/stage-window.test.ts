import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoStageWindows, parseStageWindowsC } from '../../src/analysis/stage-window.ts';
import { InputError } from '../../src/core/input-error.ts';

test('--window parses one or several °C windows into K, sorted', () => {
  assert.deepEqual(parseStageWindowsC('200:400'), [{ lo_K: 473.15, hi_K: 673.15, source: 'option' }]);
  const two = parseStageWindowsC('380:500,200:380');
  assert.deepEqual(
    two.map((w) => [w.lo_K, w.hi_K]),
    [
      [473.15, 653.15],
      [653.15, 773.15],
    ],
  );
  assert.throws(() => parseStageWindowsC('400:200'), InputError);
  assert.throws(() => parseStageWindowsC('200-400'), /expected LO:HI/);
});

test('two peaks → two stages split at the minimum between them; a small bump is ignored', () => {
  const T = Array.from({ length: 601 }, (_, i) => 400 + i * 0.5); // 400–700 K
  const g = (t: number, c: number, w: number, h: number) => h * Math.exp(-(((t - c) / w) ** 2));
  const y = T.map((t) => g(t, 500, 15, 1) + g(t, 600, 20, 0.6) + g(t, 660, 2, 0.03));
  const w = autoStageWindows(T, y, { outer: 'edges' });
  assert.equal(w.length, 2);
  assert.ok(Math.abs(w[0].peak_K! - 500) < 0.5 && Math.abs(w[1].peak_K! - 600) < 1);
  assert.equal(w[0].hi_K, w[1].lo_K);
  assert.ok(w[0].hi_K > 540 && w[0].hi_K < 565, `split at ${w[0].hi_K}`);
  assert.equal(w[0].lo_K, 400);
  assert.equal(w[1].hi_K, 700);
  // DSC limits: where the signal falls to 1 % of the peak height, 500 − 15·√ln 100 ≈ 467.8 K, then half that
  // distance further: 500 − 1.5·15·√ln 100 ≈ 451.7 K
  const d = autoStageWindows(T, y);
  assert.ok(Math.abs(d[0].lo_K - (500 - 1.5 * 15 * Math.sqrt(Math.log(100)))) < 1, `${d[0].lo_K}`);
});

test('a flat or monotone signal has no stage', () => {
  const T = [1, 2, 3, 4, 5, 6, 7];
  assert.deepEqual(autoStageWindows(T, [1, 2, 3, 4, 5, 6, 7]), []);
});
