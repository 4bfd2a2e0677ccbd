/**
 * Gauss–Legendre quadrature nodes and weights on [−1, 1] (Golub–Welsch not needed: Newton iteration on Pₙ,
 * Numerical Recipes §4.6 "gauleg"). Cached per order.
 */
const cache = new Map<number, { x: Float64Array; w: Float64Array }>();

export function gaussLegendre(order: number): { x: Float64Array; w: Float64Array } {
  const hit = cache.get(order);
  if (hit) return hit;
  const x = new Float64Array(order);
  const w = new Float64Array(order);
  const m = Math.floor((order + 1) / 2);
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (order + 0.5));
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < order; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      pp = (order * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) < 1e-15) break;
    }
    x[i] = -z;
    x[order - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * pp * pp);
    w[order - 1 - i] = w[i];
  }
  const rule = { x, w };
  cache.set(order, rule);
  return rule;
}

/** ∫_a^b fn(x) dx by Gauss–Legendre of the given order (default 32). */
export function integrateGaussLegendre(fn: (x: number) => number, a: number, b: number, order = 32): number {
  const { x, w } = gaussLegendre(order);
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < order; i++) sum += w[i] * fn(mid + half * x[i]);
  return sum * half;
}
