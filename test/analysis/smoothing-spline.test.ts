import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smoothingSpline, gcvSmoothingSpline } from '../../src/analysis/smoothing-spline.ts';
import { mulberry32 } from '../../src/core/random.ts';

/**
 * Independent reference: the penalised least-squares solution by dense linear algebra, g = (I + λ Q R⁻¹ Qᵀ)⁻¹ y
 * (Green & Silverman 1994, eq. 2.6), with the hat matrix's trace from the dense inverse.
 */
function denseSpline(x: number[], y: number[], lambda: number): { g: number[]; trA: number } {
  const n = x.length;
  const m = n - 2;
  const h = x.slice(1).map((v, i) => v - x[i]);
  const Q = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  const R = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j++) {
    Q[j][j] = 1 / h[j];
    Q[j + 1][j] = -1 / h[j] - 1 / h[j + 1];
    Q[j + 2][j] = 1 / h[j + 1];
    R[j][j] = (h[j] + h[j + 1]) / 3;
    if (j + 1 < m) R[j][j + 1] = R[j + 1][j] = h[j + 1] / 6;
  }
  const Rinv = invert(R);
  // K = Q R⁻¹ Qᵀ
  const K = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, k) => {
      let s = 0;
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) s += Q[i][a] * Rinv[a][b] * Q[k][b];
      return s;
    }),
  );
  const M = K.map((row, i) => row.map((v, k) => (i === k ? 1 : 0) + lambda * v));
  const A = invert(M);
  const g = A.map((row) => row.reduce((s, v, k) => s + v * y[k], 0));
  return { g, trA: A.reduce((s, row, i) => s + row[i], 0) };
}

function invert(M: number[][]): number[][] {
  const n = M.length;
  const a = M.map((r, i) => [...r, ...Array.from({ length: n }, (_, k) => (k === i ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let k = 0; k < 2 * n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((r) => r.slice(n));
}

test('smoothing spline: values and the trace of the hat matrix equal a dense solve (uneven spacing)', () => {
  const rng = mulberry32(3);
  const x: number[] = [];
  let t = 0;
  for (let i = 0; i < 25; i++) x.push((t += 0.2 + rng.uniform()));
  const y = x.map((v) => Math.sin(v / 3) + 0.1 * rng.normal());
  for (const lambda of [0.01, 1, 100]) {
    const fit = smoothingSpline(x, y, lambda);
    const ref = denseSpline(x, y, lambda);
    for (let i = 0; i < x.length; i++)
      assert.ok(Math.abs(fit.value[i] - ref.g[i]) < 1e-9, `λ=${lambda} i=${i}`);
    assert.ok(Math.abs(fit.edf - ref.trA) < 1e-8, `edf ${fit.edf} vs ${ref.trA}`);
  }
});

test('smoothing spline: λ = 0 interpolates, a huge λ gives the least-squares line; derivative of a line is its slope', () => {
  const x = [0, 1, 2.5, 3, 4.2, 5, 7];
  const y = x.map((v) => 2 * v - 1 + (v % 2 === 0 ? 0.3 : -0.2));
  const interp = smoothingSpline(x, y, 0);
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(interp.value[i] - y[i]) < 1e-12, `interp ${i}`);
  const line = x.map((v) => 3 * v + 2);
  const fit = smoothingSpline(x, line, 1e6);
  for (let i = 0; i < x.length; i++) {
    assert.ok(Math.abs(fit.value[i] - line[i]) < 1e-9, `line ${i}`);
    assert.ok(Math.abs(fit.derivative[i] - 3) < 1e-9, `slope ${i}`);
  }
  assert.ok(Math.abs(fit.edf - 2) < 1e-4, `edf ${fit.edf}`);
});

test('smoothing spline: the derivative at the knots is exact for a natural cubic through the data', () => {
  // With λ = 0 the spline interpolates; for y = x² on a fine grid the interior derivative is 2x to O(h²).
  const x = Array.from({ length: 201 }, (_, i) => i * 0.01);
  const fit = smoothingSpline(
    x,
    x.map((v) => v * v),
    0,
  );
  for (let i = 20; i < 180; i++) assert.ok(Math.abs(fit.derivative[i] - 2 * x[i]) < 1e-3, `i=${i}`);
});

test('GCV: recovers a smooth curve and its derivative from noise, and estimates the noise level', () => {
  const rng = mulberry32(11);
  const n = 2000;
  const x = Array.from({ length: n }, (_, i) => i * 0.5); // s
  const truth = (t: number) => 1 / (1 + Math.exp(-(t - 500) / 40));
  const dtruth = (t: number) => (truth(t) * (1 - truth(t))) / 40;
  const sigma = 0.003;
  const y = x.map((t) => truth(t) + sigma * rng.normal());
  const fit = gcvSmoothingSpline(x, y);
  let e = 0;
  let ed = 0;
  let dmax = 0;
  for (let i = 0; i < n; i++) {
    e = Math.max(e, Math.abs(fit.value[i] - truth(x[i])));
    ed = Math.max(ed, Math.abs(fit.derivative[i] - dtruth(x[i])));
    dmax = Math.max(dmax, dtruth(x[i]));
  }
  assert.ok(e < sigma, `max value error ${e} vs noise ${sigma}`);
  assert.ok(ed < 0.03 * dmax, `max derivative error ${ed} vs peak ${dmax}`);
  assert.ok(Math.abs(fit.sigma / sigma - 1) < 0.1, `noise estimate ${fit.sigma}`);
  assert.ok(fit.edf > 4 && fit.edf < 100, `edf ${fit.edf}`);
});

test('GCV: scale-free — the same smoothing in other units of x and y', () => {
  const rng = mulberry32(5);
  const x = Array.from({ length: 300 }, (_, i) => i);
  const y = x.map((t) => Math.tanh((t - 150) / 30) + 0.02 * rng.normal());
  const a = gcvSmoothingSpline(x, y);
  const b = gcvSmoothingSpline(
    x.map((t) => t / 60),
    y.map((v) => v * 1000),
  );
  assert.ok(Math.abs(a.edf - b.edf) < 0.01 * a.edf, `${a.edf} vs ${b.edf}`);
  for (let i = 0; i < x.length; i += 37) assert.ok(Math.abs(a.value[i] * 1000 - b.value[i]) < 1e-3, `i=${i}`);
});
