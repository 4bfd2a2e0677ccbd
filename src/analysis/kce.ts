import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { linearFit } from '../core/statistics.ts';
import { JmaProblem } from './fit/objectives.ts';
import { levenbergMarquardt } from './fit/levenberg-marquardt.ts';
import { peakConsistentLgA } from './fit/jma-fit.ts';
import { checkFitCurves, type FitCurve } from './fit/validate-curves.ts';
import type { Normalize } from './fit/objectives.ts';

/**
 * Kinetic compensation effect (KCE; Zhou 2026 §3.3, science.md §4): lgA = a·Ea + b with Ea in kJ/mol and
 * A in s⁻¹. On such a line every (Ea, lgA) pair has the same rate constant at the isokinetic temperature
 * T_iso = 1/(R·ln10·a) (a in mol/J): ln k = ln10·(a·Ea + b) − Ea/(R·T) does not depend on Ea when T = T_iso.
 */
export interface KceLine {
  /** a, per kJ/mol. */
  slope_per_kJ_mol: number;
  /** b (lgA at Ea = 0). */
  intercept: number;
}

export interface KceLineFit extends KceLine {
  r2: number;
  slopeSE: number;
  interceptSE: number;
  points: number;
  /** Isokinetic temperature implied by the slope, K. */
  T_iso_K: number;
}

/** Ea (kJ/mol) on the line at a given lgA: Ea = (lgA − b)/a (Zhou Table 2). */
export function eaAtLgA(line: KceLine, lgA_s: number): number {
  return (lgA_s - line.intercept) / line.slope_per_kJ_mol;
}

/** lgA on the line at a given Ea (kJ/mol). */
export function lgAAtEa(line: KceLine, Ea_kJ_mol: number): number {
  return line.slope_per_kJ_mol * Ea_kJ_mol + line.intercept;
}

/** Isokinetic temperature T_iso = 1/(R·ln10·a), K (a converted to mol/J). */
export function isokineticTemperature_K(line: KceLine): number {
  return 1 / (R_J_PER_MOL_K * Math.LN10 * (line.slope_per_kJ_mol / 1000));
}

/** Least-squares KCE line lgA = a·Ea + b through (Ea, lgA) pairs, e.g. from many fits. */
export function fitKceLine(points: { Ea_kJ_mol: number; lgA_s: number }[]): KceLineFit {
  if (points.length < 2) throw new RangeError('KCE line: need at least two (Ea, lgA) points');
  const f = linearFit(
    points.map((p) => p.Ea_kJ_mol),
    points.map((p) => p.lgA_s),
  );
  const line = { slope_per_kJ_mol: f.slope, intercept: f.intercept };
  return {
    ...line,
    r2: f.r2,
    slopeSE: f.slopeSE,
    interceptSE: f.interceptSE,
    points: f.n,
    T_iso_K: isokineticTemperature_K(line),
  };
}

/** A KCE table like Zhou Table 2: Ea at each fixed lgA. */
export function kceTable(line: KceLine, lgAs: readonly number[]): { lgA_s: number; Ea_kJ_mol: number }[] {
  return lgAs.map((lgA_s) => ({ lgA_s, Ea_kJ_mol: eaAtLgA(line, lgA_s) }));
}

export interface KceScanPoint {
  Ea_kJ_mol: number;
  /** Best lgA at this Ea (n fixed), by least squares over all rates. */
  lgA_s: number;
  /** The `mse` objective there (Σ_c SSE_c/Σy_c²). */
  loss: number;
  /** R² per rate, in input order. */
  r2: number[];
}

export interface KceScanResult {
  n: number;
  points: KceScanPoint[];
  line: KceLineFit;
  /** The scan point with the lowest loss. */
  best: KceScanPoint;
  warnings: string[];
}

/**
 * KCE scan (Zhou §3.3): with n fixed, for each Ea on a grid find the lgA that best fits all heating rates at
 * once (1-parameter Levenberg–Marquardt started on the peak-consistent lgA), then fit lgA = a·Ea + b through
 * the (Ea, lgA*) pairs. The paper's NCM811 scan: n = 3, Ea 100–280 kJ/mol.
 */
export function kceScan(
  curves: FitCurve[],
  opts: {
    n?: number;
    Ea_kJ_mol?: [number, number];
    steps?: number;
    normalize?: Normalize;
    window_K?: [number, number];
  } = {},
): KceScanResult {
  const n = opts.n ?? 3;
  const [lo, hi] = opts.Ea_kJ_mol ?? [100, 280];
  const steps = opts.steps ?? 37;
  if (!(hi > lo && lo > 0)) throw new RangeError(`KCE scan: Ea range must be 0 < lo < hi, got ${lo}–${hi}`);
  if (!(steps >= 2)) throw new RangeError('KCE scan: need at least 2 Ea steps');
  const { curves: checked, warnings } = checkFitCurves(curves, opts.window_K);
  const problem = new JmaProblem(
    checked.map((c, i) => ({ ...c, T0_K: Math.min(curves[i].T_K[0], c.T_K[0]) })),
    { normalize: opts.normalize, nFixed: n },
  );
  const peaks = problem.curves.map((c) => ({ beta_K_min: c.grid.beta_K_min, Tpeak_K: c.Tpeak_K }));
  const points: KceScanPoint[] = [];
  for (let k = 0; k < steps; k++) {
    const Ea = lo + ((hi - lo) * k) / (steps - 1);
    const start = peakConsistentLgA(Ea, peaks);
    const lm = levenbergMarquardt((t) => problem.residuals([Ea, t[0]]), [start], {
      lower: [start - 5],
      upper: [start + 5],
      typical: [10],
    });
    problem.evaluate([Ea, lm.theta[0]]);
    const r2 = problem.curves.map((c, i) => {
      let sse = 0;
      for (let j = 0; j < c.y.length; j++) sse += (c.y[j] - problem.model[i][j]) ** 2;
      return 1 - sse / c.sst;
    });
    points.push({ Ea_kJ_mol: Ea, lgA_s: lm.theta[0], loss: lm.cost, r2 });
  }
  const best = points.reduce((a, b) => (b.loss < a.loss ? b : a));
  return { n, points, line: fitKceLine(points), best, warnings };
}
