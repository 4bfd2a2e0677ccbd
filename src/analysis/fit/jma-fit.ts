import { fmtRate } from '../../core/format.ts';
import { R_J_PER_MOL_K } from '../../kinetics/constants.ts';
import { type JmaBounds, DEFAULT_JMA_BOUNDS, validateJmaBounds } from './bounds.ts';
import { type DeOptions } from './differential-evolution.ts';
import { DIFFERENTIAL_EVOLUTION, withPredict, type GlobalOptimizer, type PredictSignal } from './parts.ts';
import { jmaRateInto, makeGridCurve } from './jma-model.ts';
import { levenbergMarquardt } from './levenberg-marquardt.ts';
import { nelderMead } from './nelder-mead.ts';
import { type CompositeWeights, type Normalize, type ObjectiveName, JmaProblem } from './objectives.ts';
import { parabolicPeak } from '../peaks.ts';
import { jacobianCovariance, sandwichCovariance } from './uncertainty.ts';
import { type FitCurve, checkFitCurves } from './validate-curves.ts';
import { pushAll } from '../../core/arrays.ts';

/**
 * Multi-rate JMA fit (Zhou 2026 §3.2, science.md §3): find (Ea, lgA, n) — or (Ea, lgA) with n fixed — such that
 * the exact JMA dα/dT (jma-model.ts, the closed form of `jmaExactCurve`) matches every heating rate at once.
 * Global search: seeded differential evolution (differential-evolution.ts); local polish: Levenberg–Marquardt on
 * the weighted residuals (`mse`) or Nelder–Mead (`composite`). Uncertainty: linearized covariance from the
 * residual Jacobian at the optimum, sandwich (heteroscedasticity-robust) form (for `composite`, the Jacobian of the
 * `mse` residuals there — an approximation).
 */
export interface JmaFitOptions {
  /** Fix the Avrami exponent (the paper fixes n = 3 for the KCE analysis); omit to fit n. */
  n?: number;
  bounds?: JmaBounds;
  objective?: ObjectiveName;
  weights?: Partial<CompositeWeights>;
  normalize?: Normalize;
  /** DE seed (default 0). Same seed and input ⇒ identical result. */
  seed?: number;
  /** Start of the ramp where α = 0, K (default: each curve's first temperature, before any window cut). */
  T0_K?: number;
  /** Fit only data inside [lo, hi] K. */
  window_K?: [number, number];
  /**
   * Seed the initial DE population from the data's peak temperatures (default true): the Kissinger estimate and
   * points on the peak-consistent Ea–lgA line across the Ea bounds. `false` = plain Latin hypercube.
   */
  kissingerSeed?: boolean;
  de?: DeOptions;
  /**
   * The global search (src/analysis/fit/parts.ts); default differential evolution. It receives the DE options above, the
   * seeds and the memetic local-search hook, and must return the best point found.
   */
  globalOptimizer?: GlobalOptimizer;
  /** Run the local polish after DE (default true). */
  polish?: boolean;
}

export interface RateFitReport {
  beta_K_min: number;
  file?: string;
  points: number;
  r2: number;
  /** Root-mean-square residual in the data's units. */
  rmse: number;
  T_peak_data_K: number;
  T_peak_model_K: number;
  /** Model scale factor applied (1 for `none`; 1/max for `peak`; the fitted factor for `scale`). */
  scale: number;
  /** Data − model at each fitted point. */
  residuals: number[];
  model: number[];
  T_K: number[];
}

export interface JmaFitResult {
  Ea_kJ_mol: number;
  lgA_s: number;
  n: number;
  nFixed: boolean;
  objective: ObjectiveName;
  normalize: Normalize;
  /** Final value of the objective. */
  loss: number;
  /** The `mse` objective (Σ_c SSE_c/Σy_c²) at the result, whatever the objective. */
  relativeSse: number;
  rates: RateFitReport[];
  /** Standard errors (linearized), null when not identifiable. */
  uncertainty: {
    Ea_kJ_mol: number;
    lgA_s: number;
    n?: number;
    correlation: number[][];
    /** How the standard errors were computed. */
    method: string;
    /** The classical s²·(JᵀJ)⁻¹ standard errors, for comparison (too small when noise is not uniform). */
    classical?: { Ea_kJ_mol: number; lgA_s: number; n?: number };
  } | null;
  /** Parameters lying on a bound, e.g. `Ea_kJ_mol:upper`. */
  onBound: string[];
  bounds: JmaBounds;
  warnings: string[];
  search: {
    method: string;
    seed?: number;
    generations?: number;
    evaluations: number;
    stop?: string;
    polishIterations?: number;
  };
  time_ms: number;
  /**
   * The fitted model's dα/dT (K⁻¹) on any grid: `predict(beta_K_min, T_K)`, α = 0 at the first temperature of the
   * grid (or at `T0_K`). Not enumerable: absent from JSON, present in the process.
   */
  predict: PredictSignal;
}

const TYPICAL = [100, 10, 1];

function prepare(curves: FitCurve[], opts: JmaFitOptions) {
  const bounds = opts.bounds ?? DEFAULT_JMA_BOUNDS;
  validateJmaBounds(bounds);
  if (opts.n !== undefined && !(opts.n > 0 && Number.isFinite(opts.n)))
    throw new RangeError(`fixed n must be > 0, got ${opts.n}`);
  const { curves: checked, warnings } = checkFitCurves(curves, opts.window_K);
  const problem = new JmaProblem(
    checked.map((c, i) => ({
      beta_K_min: c.beta_K_min,
      T_K: c.T_K,
      y: c.y,
      // α = 0 at the start of the recorded ramp unless told otherwise (must not exceed the first fitted point).
      T0_K: Math.min(opts.T0_K ?? curves[i].T_K[0], c.T_K[0]),
      label: c.label,
      file: c.file,
    })),
    { normalize: opts.normalize, nFixed: opts.n, weights: opts.weights },
  );
  const lower = [bounds.Ea_kJ_mol[0], bounds.lgA_s[0], bounds.n[0]].slice(0, problem.dim);
  const upper = [bounds.Ea_kJ_mol[1], bounds.lgA_s[1], bounds.n[1]].slice(0, problem.dim);
  return { problem, bounds, lower, upper, warnings };
}

/**
 * Kissinger estimate from the data's peak temperatures (ln(β/Tp²) = ln(AR/Ea) − Ea/(R·Tp), β in K/s so A is in
 * s⁻¹; Zhou eqs. 2–5). Only a starting point for the search. Null with fewer than two distinct rates or a
 * non-negative slope.
 */
export function kissingerEstimate(
  rates: { beta_K_min: number; Tpeak_K: number }[],
): { Ea_kJ_mol: number; lgA_s: number } | null {
  const pts = rates.filter((r) => Number.isFinite(r.Tpeak_K) && r.Tpeak_K > 0);
  if (new Set(pts.map((p) => p.beta_K_min)).size < 2) return null;
  const x = pts.map((p) => 1 / p.Tpeak_K);
  const y = pts.map((p) => Math.log(p.beta_K_min / 60 / (p.Tpeak_K * p.Tpeak_K)));
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  if (!(slope < 0)) return null;
  const Ea_J = -slope * R_J_PER_MOL_K;
  const b = my - slope * mx;
  return { Ea_kJ_mol: Ea_J / 1000, lgA_s: (b + Math.log(Ea_J / R_J_PER_MOL_K)) / Math.LN10 };
}

/**
 * lgA that puts the first-order/Kissinger peak condition β·Ea/(R·Tp²) = A·exp(−Ea/(R·Tp)) (β in K/s) at the
 * measured peak temperatures for a given Ea, averaged over the rates: a point in the narrow Ea–lgA valley
 * (the compensation line) of the fit. Used to seed the search along the valley.
 */
export function peakConsistentLgA(
  Ea_kJ_mol: number,
  rates: { beta_K_min: number; Tpeak_K: number }[],
): number {
  const Ea = Ea_kJ_mol * 1000;
  let s = 0;
  for (const r of rates) {
    s +=
      (Math.log(((r.beta_K_min / 60) * Ea) / (R_J_PER_MOL_K * r.Tpeak_K ** 2)) +
        Ea / (R_J_PER_MOL_K * r.Tpeak_K)) /
      Math.LN10;
  }
  return s / rates.length;
}

function polish(
  problem: JmaProblem,
  objective: ObjectiveName,
  start: number[],
  lower: number[],
  upper: number[],
): { theta: number[]; loss: number; iterations: number; evaluations: number } {
  if (objective === 'mse') {
    const lm = levenbergMarquardt((t) => problem.residuals(t), start, {
      lower,
      upper,
      typical: TYPICAL.slice(0, start.length),
    });
    return { theta: lm.theta, loss: lm.cost, iterations: lm.iterations, evaluations: lm.evaluations };
  }
  const nm = nelderMead((t) => problem.composite(t), start, {
    lower,
    upper,
    step: [2, 0.2, 0.05].slice(0, start.length),
    xTol: 1e-7,
    fTol: 1e-13,
    maxIterations: 600,
  });
  return { theta: nm.x, loss: nm.f, iterations: nm.iterations, evaluations: nm.evaluations };
}

function assemble(
  problem: JmaProblem,
  theta: number[],
  loss: number,
  objective: ObjectiveName,
  bounds: JmaBounds,
  lower: number[],
  upper: number[],
  warnings: string[],
  search: JmaFitResult['search'],
  t0: number,
): JmaFitResult {
  // Uncertainty from the Jacobian of the weighted residuals at θ (forward differences).
  const r0 = problem.residuals(theta);
  const relativeSse = r0.reduce((s, v) => s + v * v, 0);
  const p = theta.length;
  const m = r0.length;
  const J = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const t = theta.slice();
    let h = 1e-6 * Math.max(Math.abs(theta[j]), TYPICAL[j]);
    if (t[j] + h > upper[j]) h = -h;
    t[j] += h;
    const rj = problem.residuals(t);
    for (let i = 0; i < m; i++) J[i * p + j] = (rj[i] - r0[i]) / h;
  }
  const cov = sandwichCovariance(J, r0, m, p);
  const classical = jacobianCovariance(J, m, p, relativeSse);
  problem.evaluate(theta);
  const rates: RateFitReport[] = problem.curves.map((c, k) => {
    const model = Array.from(problem.model[k]);
    const residuals = Array.from(c.y, (v, i) => v - model[i]);
    const sse = residuals.reduce((s, v) => s + v * v, 0);
    return {
      beta_K_min: c.grid.beta_K_min,
      file: c.file,
      points: c.y.length,
      r2: 1 - sse / c.sst,
      rmse: Math.sqrt(sse / c.y.length),
      T_peak_data_K: c.Tpeak_K,
      T_peak_model_K: parabolicPeak(c.grid.T_K, model),
      scale: problem.scales[k],
      residuals,
      model,
      T_K: Array.from(c.grid.T_K),
    };
  });
  const names = ['Ea_kJ_mol', 'lgA_s', 'n'];
  const onBound: string[] = [];
  const warn = [...warnings];
  for (let j = 0; j < p; j++) {
    const span = upper[j] - lower[j];
    for (const [side, b] of [
      ['lower', lower[j]],
      ['upper', upper[j]],
    ] as const) {
      if (Math.abs(theta[j] - b) <= 1e-6 * Math.max(span, 1e-12)) {
        onBound.push(`${names[j]}:${side}`);
        warn.push(
          `${names[j]} = ${theta[j]} lies on its ${side} bound: the best fit is probably outside the bounds; widen them`,
        );
      }
    }
  }
  for (const r of rates) {
    if (r.model.every((v) => v === 0))
      warn.push(
        `at ${fmtRate(r.beta_K_min)} K/min the fitted model has no signal inside the data's temperature range`,
      );
  }
  if (!cov)
    warn.push('parameter uncertainty not available: the parameters are not identifiable from these data');
  const n = problem.nFixed ?? theta[2];
  const fields: Omit<JmaFitResult, 'predict'> = {
    Ea_kJ_mol: theta[0],
    lgA_s: theta[1],
    n,
    nFixed: problem.nFixed !== undefined,
    objective,
    normalize: problem.normalize,
    loss,
    relativeSse,
    rates,
    uncertainty: cov
      ? {
          Ea_kJ_mol: cov.stderr[0],
          lgA_s: cov.stderr[1],
          ...(p === 3 ? { n: cov.stderr[2] } : {}),
          correlation: cov.correlation,
          method: 'sandwich (HC1) covariance from the residual Jacobian at the optimum',
          ...(classical
            ? {
                classical: {
                  Ea_kJ_mol: classical.stderr[0],
                  lgA_s: classical.stderr[1],
                  ...(p === 3 ? { n: classical.stderr[2] } : {}),
                },
              }
            : {}),
        }
      : null,
    onBound,
    bounds,
    warnings: warn,
    search,
    time_ms: performance.now() - t0,
  };
  return withPredict(fields, jmaPredictor(theta[0], theta[1], n));
}

/** dα/dT of the JMA model with (Ea, lgA, n) on a grid, α = 0 at `T0_K` (default: the grid's first temperature). */
export function jmaPredictor(Ea_kJ_mol: number, lgA_s: number, n: number, T0_K?: number): PredictSignal {
  return (beta_K_min, T_K) => {
    const grid = makeGridCurve(beta_K_min, T_K, T0_K ?? T_K[0]);
    const out = new Float64Array(grid.T_K.length);
    jmaRateInto(out, grid, Ea_kJ_mol, lgA_s, n);
    return out;
  };
}

/** Global multi-rate JMA fit: differential evolution, then a local polish. */
export function fitJma(curves: FitCurve[], opts: JmaFitOptions = {}): JmaFitResult {
  const t0 = performance.now();
  const { problem, bounds, lower, upper, warnings } = prepare(curves, opts);
  const objective = opts.objective ?? 'mse';
  const f =
    objective === 'mse'
      ? (t: Float64Array) => problem.guidedMse(t)
      : (t: Float64Array) => problem.composite(t);
  const initial: number[][] = [];
  if (opts.kissingerSeed !== false) {
    // Seeds: the Kissinger estimate, and points on the peak-consistent Ea–lgA line across the Ea bounds
    // (the fit's valley), at a few n when n is free.
    const peaks = problem.curves.map((c) => ({ beta_K_min: c.grid.beta_K_min, Tpeak_K: c.Tpeak_K }));
    const k = kissingerEstimate(peaks);
    const nSeeds =
      problem.dim === 2 ? [NaN] : [3, 1, 0.7, 2].map((n) => Math.min(upper[2], Math.max(lower[2], n)));
    const EaSeeds = [0.1, 0.37, 0.63, 0.9].map((q) => lower[0] + q * (upper[0] - lower[0]));
    if (k)
      pushAll(
        initial,
        nSeeds.map((n) => [k.Ea_kJ_mol, k.lgA_s, n].slice(0, problem.dim)),
      );
    for (const Ea of EaSeeds) {
      const lgA = peakConsistentLgA(Ea, peaks);
      pushAll(
        initial,
        nSeeds.slice(0, 2).map((n) => [Ea, lgA, n].slice(0, problem.dim)),
      );
    }
  }
  const seed = opts.seed ?? 0;
  // Memetic stop: every few generations polish the DE best locally; stop when two successive polishes land on
  // the same point (the best has stayed in one basin) — DE only has to find the basin, the polish does the rest.
  let prevLocal: { theta: number[]; loss: number } | null = null;
  let localEvals = 0;
  const localSearch = (best: Float64Array) => {
    const pol = polish(problem, objective, Array.from(best), lower, upper);
    localEvals += pol.evaluations;
    problem.evaluate(pol.theta);
    // Never stop on the no-signal plateau (the polish cannot move there, so two polishes would "agree").
    const same =
      problem.allCurvesHaveSignal() &&
      prevLocal !== null &&
      pol.theta.every((v, j) => Math.abs(v - prevLocal!.theta[j]) <= 1e-7 * TYPICAL[j]) &&
      Math.abs(pol.loss - prevLocal.loss) <= 1e-9 * Math.max(pol.loss, 1e-300) + 1e-300;
    prevLocal = { theta: pol.theta, loss: pol.loss };
    // Hand DE the value of its own (guided) objective.
    return { x: pol.theta, f: f(Float64Array.from(pol.theta)), stop: same };
  };
  const polishOn = opts.polish !== false;
  const search = opts.globalOptimizer ?? DIFFERENTIAL_EVOLUTION;
  const de = search(f, lower, upper, {
    popSize: 6 * problem.dim,
    maxGenerations: 300,
    // No f-spread stop: a population resting on the no-signal plateau has a tiny spread but is not converged.
    tol: 0,
    patience: 30,
    ...(polishOn ? { localEvery: objective === 'mse' ? 3 : 10, localSearch } : {}),
    ...opts.de,
    seed,
    initial: [...(opts.de?.initial ?? []), ...initial],
  });
  // The result is the best, by the true objective, of the DE best, its polish and the last memetic polish (the
  // guided ranking objective of DE need not agree with the true objective near the optimum).
  const trueLoss = (t: number[]) => (objective === 'mse' ? problem.mse(t) : problem.composite(t));
  let theta = de.x;
  let loss = trueLoss(theta);
  let evaluations = de.evaluations + localEvals;
  let polishIterations: number | undefined;
  const candidates: number[][] = [];
  if (prevLocal) candidates.push((prevLocal as { theta: number[] }).theta);
  if (polishOn && de.stop !== 'local') {
    const pol = polish(problem, objective, de.x, lower, upper);
    evaluations += pol.evaluations;
    polishIterations = pol.iterations;
    candidates.push(pol.theta);
  }
  for (const cand of candidates) {
    const l = trueLoss(cand);
    if (l < loss) {
      theta = cand;
      loss = l;
    }
  }
  return assemble(
    problem,
    theta,
    loss,
    objective,
    bounds,
    lower,
    upper,
    warnings,
    {
      method: `differential evolution (best1bin) + ${objective === 'mse' ? 'Levenberg–Marquardt' : 'Nelder–Mead'}`,
      seed,
      generations: de.generations,
      evaluations,
      stop: de.stop,
      polishIterations,
    },
    t0,
  );
}

/**
 * Local fit only, from a given start (e.g. a CNN prediction — "hybrid refinement"): Levenberg–Marquardt (`mse`)
 * or Nelder–Mead (`composite`). With n fixed in `opts.n`, `start.n` is ignored.
 */
export function refineJmaFit(
  curves: FitCurve[],
  start: { Ea_kJ_mol: number; lgA_s: number; n?: number },
  opts: Omit<JmaFitOptions, 'seed' | 'de' | 'kissingerSeed' | 'polish'> = {},
): JmaFitResult {
  const t0 = performance.now();
  const { problem, bounds, lower, upper, warnings } = prepare(curves, opts);
  const objective = opts.objective ?? 'mse';
  const s = [start.Ea_kJ_mol, start.lgA_s, start.n ?? 2].slice(0, problem.dim);
  if (s.some((v) => !Number.isFinite(v)))
    throw new RangeError(`refineJmaFit: start must be finite numbers, got ${s.join(', ')}`);
  const clamped = s.map((v, j) => Math.min(upper[j], Math.max(lower[j], v)));
  const pol = polish(problem, objective, clamped, lower, upper);
  return assemble(
    problem,
    pol.theta,
    pol.loss,
    objective,
    bounds,
    lower,
    upper,
    warnings,
    {
      method: objective === 'mse' ? 'Levenberg–Marquardt' : 'Nelder–Mead',
      evaluations: pol.evaluations,
      polishIterations: pol.iterations,
    },
    t0,
  );
}
