import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Xoshiro128 } from '../../src/core/xoshiro128.ts';
import { inputNoiseLevel } from '../../src/nn/general/input-noise.ts';
import { calibrateMondrian, conformalQuantile, mondrianHalfWidths } from '../../src/nn/general/conformal.ts';

/** A Gaussian dα/dT peak (height 1 + offset) on a 0.5 K grid, with white noise of σ·height. */
function peak(sigma: number, rng: Xoshiro128) {
  const y: number[] = [];
  for (let T = 400; T <= 800; T += 0.5) y.push(Math.exp(-(((T - 600) / 20) ** 2)) + sigma * rng.normal());
  return { dadT_per_K: y };
}

test('input noise level: white noise of σ = 1 % of the peak reads 0.01 (±10 %); a clean peak ≈ 0', () => {
  const rng = new Xoshiro128(3);
  for (const s of [0.005, 0.01, 0.02]) {
    const est = inputNoiseLevel([peak(s, rng), peak(s, rng), peak(s, rng)]);
    // the peak height is 1 + noise at the maximum: allow for that in the 10 %
    assert.ok(Math.abs(est / s - 1) < 0.1, `σ ${s}: estimate ${est}`);
  }
  assert.ok(inputNoiseLevel([peak(0, rng)]) < 1e-4);
  assert.ok(Number.isNaN(inputNoiseLevel([{ dadT_per_K: [0, 0, 0, 0] }])));
});

/**
 * Known answer: Ea residuals uniform in ±(k + 1) for noise level k (5 well separated levels). The 90 % quantile of
 * |r| is 0.9·(k + 1), so each noise bin's half-width is that, and its coverage on fresh draws is 90 %; a constant
 * width (one quantile over all) over-covers the quiet inputs and under-covers the noisy ones.
 */
test('Mondrian conformal: per-bin half-widths 0.9·scale, 90 % coverage per bin on fresh draws', () => {
  const rng = new Xoshiro128(7);
  const draw = (m: number) => {
    const pred = new Float64Array(4 * m);
    const y = new Float64Array(4 * m);
    const noise = new Float64Array(m);
    const k = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      k[i] = i % 5;
      noise[i] = (k[i] + 1) * 1e-3 * (1 + 0.01 * rng.uniform());
      const s = k[i] + 1;
      y.set([150, 12, 2.5, 0], 4 * i); // JMA n 2.5 (one n bin)
      pred.set([150 + s * (2 * rng.uniform() - 1), 12 + 0.1 * s * (2 * rng.uniform() - 1), 2.5, 0], 4 * i);
    }
    return { pred, y, noise, k };
  };
  const cal = draw(10000);
  const c = calibrateMondrian(cal.pred, cal.y, cal.noise, 0.9, 1);
  assert.equal(c.calibration.count, 10000);
  for (let b = 0; b < 5; b++) {
    const h = mondrianHalfWidths(c, (b + 1) * 1e-3 * 1.005, 'jma', 2.5, 150);
    assert.equal(h.bin, `${b}|jma|2|E1`);
    assert.ok(Math.abs(h.Ea_kJ_mol / (0.9 * (b + 1)) - 1) < 0.03, `bin ${b}: ±${h.Ea_kJ_mol}`);
    assert.ok(Math.abs(h.lgA_s / (0.09 * (b + 1)) - 1) < 0.03, `bin ${b}: lgA ±${h.lgA_s}`);
  }
  const fresh = draw(10000);
  const hit = [0, 0, 0, 0, 0];
  for (let i = 0; i < 10000; i++) {
    const h = mondrianHalfWidths(c, fresh.noise[i], 'jma', 2.5, 150);
    if (Math.abs(fresh.pred[4 * i] - fresh.y[4 * i]) <= h.Ea_kJ_mol) hit[fresh.k[i]]++;
  }
  for (const n of hit) assert.ok(Math.abs(n / 2000 - 0.9) < 0.02, `coverage ${n / 2000}`);
  // the `all` bin is the plain split-conformal quantile
  const abs = Array.from({ length: 10000 }, (_, i) => Math.abs(cal.pred[4 * i] - cal.y[4 * i]));
  assert.equal(c.bins.all.Ea_kJ_mol, conformalQuantile(abs, 0.9));
  // a cell without calibration samples (nth order here) falls back to its noise bin
  assert.equal(mondrianHalfWidths(c, 3e-3, 'nth-order', 1, 150).bin, '2');
});
