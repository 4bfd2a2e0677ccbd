/**
 * Nelder–Mead simplex minimization in a box (Nelder & Mead 1965, Comput. J. 7, 308; standard coefficients
 * reflection 1, expansion 2, contraction ½, shrink ½). Used to polish non-least-squares objectives (the composite
 * objective). Points are clipped to the box. Written here: a 3-parameter simplex is shorter than an adapter.
 */
export interface NelderMeadResult {
  x: number[];
  f: number;
  iterations: number;
  evaluations: number;
}

export function nelderMead(
  f: (x: Float64Array) => number,
  start: number[],
  opts: {
    lower: number[];
    upper: number[];
    step: number[];
    maxIterations?: number;
    fTol?: number;
    xTol?: number;
  },
): NelderMeadResult {
  const d = start.length;
  const { lower, upper } = opts;
  const maxIt = opts.maxIterations ?? 400;
  const fTol = opts.fTol ?? 1e-12;
  const xTol = opts.xTol ?? 1e-9;
  let evaluations = 0;
  const clip = (x: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) x[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
    return x;
  };
  const F = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const simplex: Float64Array[] = [clip(Float64Array.from(start))];
  for (let j = 0; j < d; j++) {
    const v = Float64Array.from(simplex[0]);
    v[j] += v[j] + opts.step[j] > upper[j] ? -opts.step[j] : opts.step[j];
    simplex.push(clip(v));
  }
  const fs = simplex.map(F);
  let iterations = 0;
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const s2 = idx.map((i) => simplex[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i < idx.length; i++) {
      simplex[i] = s2[i];
      fs[i] = f2[i];
    }
  };
  const combine = (c: Float64Array, w: Float64Array, t: number): Float64Array =>
    clip(Float64Array.from(c, (cj, j) => cj + t * (w[j] - cj)));
  while (iterations < maxIt) {
    iterations++;
    order();
    const spreadF = Math.abs(fs[d] - fs[0]);
    let spreadX = 0;
    for (let i = 1; i <= d; i++)
      for (let j = 0; j < d; j++)
        spreadX = Math.max(spreadX, Math.abs(simplex[i][j] - simplex[0][j]) / (Math.abs(opts.step[j]) || 1));
    if (spreadF <= fTol * (Math.abs(fs[0]) + 1e-300) || spreadX <= xTol) break;
    const c = new Float64Array(d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) c[j] += simplex[i][j] / d;
    const xr = combine(c, simplex[d], -1);
    const fr = F(xr);
    if (fr < fs[0]) {
      const xe = combine(c, simplex[d], -2);
      const fe = F(xe);
      if (fe < fr) {
        simplex[d] = xe;
        fs[d] = fe;
      } else {
        simplex[d] = xr;
        fs[d] = fr;
      }
    } else if (fr < fs[d - 1]) {
      simplex[d] = xr;
      fs[d] = fr;
    } else {
      const outside = fr < fs[d];
      const xc = combine(c, outside ? xr : simplex[d], 0.5);
      const fc = F(xc);
      if (fc < (outside ? fr : fs[d])) {
        simplex[d] = xc;
        fs[d] = fc;
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = combine(simplex[0], simplex[i], 0.5);
          fs[i] = F(simplex[i]);
        }
      }
    }
  }
  order();
  return { x: Array.from(simplex[0]), f: fs[0], iterations, evaluations };
}
