import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sgg } from 'ml-savitzky-golay-generalized';
import { savitzkyGolay } from '../../src/analysis/savitzky-golay.ts';
import { savitzkyGolayWeights } from '../../src/analysis/savitzky-golay-weights.ts';
import { mulberry32 } from '../../src/core/random.ts';

test('Savitzky–Golay: the classic 5-point quadratic weights (Savitzky & Golay 1964, Table I)', () => {
  // Smoothing: (−3, 12, 17, 12, −3)/35; first derivative: (−2, −1, 0, 1, 2)/10.
  const s = savitzkyGolayWeights(5, 2, 0)[2];
  [-3, 12, 17, 12, -3].forEach((v, j) => assert.ok(Math.abs(s[j] - v / 35) < 1e-14, `smooth ${j}`));
  const d = savitzkyGolayWeights(5, 2, 1)[2];
  [-2, -1, 0, 1, 2].forEach((v, j) => assert.ok(Math.abs(d[j] - v / 10) < 1e-14, `derivative ${j}`));
});

test('Savitzky–Golay: exact on polynomials up to its order, edges included', () => {
  const x = Array.from({ length: 40 }, (_, i) => 300 + 0.5 * i);
  const y = x.map((t) => 2 - 0.3 * (t - 310) + 0.01 * (t - 310) ** 2 - 1e-4 * (t - 310) ** 3);
  const dy = savitzkyGolay(y, x, 1, { window: 11, order: 3 });
  x.forEach((t, i) => {
    const exact = -0.3 + 0.02 * (t - 310) - 3e-4 * (t - 310) ** 2;
    assert.ok(Math.abs(dy[i] - exact) < 1e-9, `x ${t}: ${dy[i]} vs ${exact}`);
  });
});

test('Savitzky–Golay: equal to ml-savitzky-golay-generalized on noisy, slightly non-uniform data', () => {
  const rng = mulberry32(11);
  const rnd = () => rng.uniform();
  for (const [window, order] of [
    [5, 2],
    [7, 3],
    [11, 3],
    [15, 4],
    [21, 2],
    [31, 5],
  ]) {
    const n = 120;
    const x = Array.from({ length: n }, (_, i) => 350 + 0.5 * i + 0.05 * (rnd() - 0.5));
    const y = x.map((t) => 1 / (1 + Math.exp(-(t - 380) / 4)) + 0.01 * (rnd() - 0.5));
    for (const derivative of [0, 1, 2] as const) {
      const ours = savitzkyGolay(y, x, derivative, { window, order });
      const ref = sgg(y, x, { windowSize: window, derivative, polynomial: order });
      const scale = Math.max(...ref.map(Math.abs));
      const worst = Math.max(...ours.map((v, i) => Math.abs(v - ref[i])));
      assert.ok(
        worst <= 1e-9 * scale,
        `window ${window} order ${order} d${derivative}: ${worst} vs ${scale}`,
      );
    }
  }
});
