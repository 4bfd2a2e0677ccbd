import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { differentialEvolution } from '../analysis/fit/differential-evolution.ts';
import { levenbergMarquardt } from '../analysis/fit/levenberg-marquardt.ts';
import { invertSpd } from '../analysis/fit/linear-solve.ts';
import { findPeaks, parabolicPeak } from '../analysis/peaks.ts';
import { linearFit, maxOf, minOf } from '../core/statistics.ts';
import { regressionMetrics } from '../core/regression-metrics.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { schemeText, type Scheme } from './scheme.ts';
import type { StepKinetics } from './scheme-kinetics.ts';
import {
  MultistepProblem,
  type MultistepRun,
  type Observable,
  type Evaluation,
} from './multistep-problem.ts';
import { informationCriteria, type InformationCriteria } from './information-criteria.ts';
import type { DeconvolutionStepGuess } from './deconvolution-guess.ts';

/**
 * Global fit of a reaction scheme to all heating rates at once: differential evolution over the kinetic parameters
 * (started from peak positions and a Kissinger estimate), memetic Levenberg–Marquardt polish, the amplitudes
 * (ΔH or mass fractions) and baselines by variable projection (multistep-problem.ts). Standard errors and the
 * correlation matrix of every parameter (kinetic, amplitudes, baselines) from the Jacobian of the weighted
 * residuals at the optimum: Cov = s²·(JᵀJ)⁻¹ with s² = SSE/(N − P).
 */
export interface MultistepFitOptions {
  observable: Observable;
  baseline?: 'none' | 'linear';
  seed?: number;
  /** Ea bounds of every step, kJ/mol (default 20–400). */
  Ea_kJ_mol?: [number, number];
  /** DE generations (default 150). */
  maxGenerations?: number;
  /**
   * `auto` (default): differential evolution only when the Levenberg–Marquardt polishes of the two best data-based
   * starts end at different costs (two different starts reaching the same minimum is taken as the global one);
   * `global`: always run differential evolution after the polished starts.
   */
  search?: 'auto' | 'global';
  /**
   * Extra starts (warm starts, e.g. from a fitted scheme nested in this one): per step its kinetics, or null to take
   * the step from the first data-based start. Clipped to the search box; ranked with the data-based starts.
   */
  starts?: (StepKinetics | null)[][];
  /**
   * Per-peak kinetics of a kinetic deconvolution (src/fit/deconvolution-guess.ts), peaks in rising temperature: two
   * further starts, step k from peak k (the others from the first data-based start) — one with the peak's Kissinger
   * Ea and lgA, one with its mean Friedman Ea and lg k placed at its peak in the median-rate run.
   */
  deconvolution?: readonly DeconvolutionStepGuess[];
  /** Integrator relative tolerance during the search (default 1e-4; the final polish and the reported numbers use 1/100 of it). */
  rtol?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface FittedStep {
  from: string;
  to: string;
  model: string;
  Ea_kJ_mol: number;
  lgA_s: number;
  params: Record<string, number>;
  /** ΔH of the step (heat flow fits), J/g, as the signal is signed. */
  dH_J_g?: number;
  /** Mass-loss fraction of the step (conversion-rate fits). */
  mass_fraction?: number;
  /** Standard errors of Ea, lgA, params and the amplitude (null when not available). */
  se: {
    Ea_kJ_mol: number | null;
    lgA_s: number | null;
    params: Record<string, number | null>;
    amplitude: number | null;
  };
}

export interface FittedRun {
  beta_K_min: number;
  file?: string;
  points: number;
  r2: number;
  peak_T_data_K: number;
  peak_T_model_K: number;
  T_K: number[];
  data: number[];
  model: number[];
  /** Each step's contribution, [step][point]. */
  steps: number[][];
  residuals: number[];
  baseline?: { b0: number; b1_per_100K: number };
}

export interface MultistepFitResult extends InformationCriteria {
  scheme: string;
  observable: Observable;
  baseline: 'none' | 'linear';
  steps: FittedStep[];
  runs: FittedRun[];
  /** Weighted SSE (each run weighted by 1/peak height). */
  sse: number;
  /** Points and parameters (kinetic + amplitudes + baselines). */
  n_points: number;
  n_params: number;
  T_ref_K: number;
  /** Parameter names in the order of `correlation`. */
  parameter_names: string[];
  correlation: number[][] | null;
  on_bound: string[];
  search: {
    method: string;
    seed: number;
    generations: number;
    evaluations: number;
    stop: string;
    /**
     * Where the answer started: the source of the polished start it came from (`peaks+Kissinger`, …,
     * `deconvolution (Kissinger)`, `deconvolution (Friedman)`, `warm start`), or `differential evolution` when the
     * search went on from the polished starts.
     */
    start_source: string;
    /** Every start with its source and weighted SSE before polishing, best first. */
    starts: { source: string; sse: number }[];
  };
  time_ms: number;
  warnings: ResultWarning[];
  /** Kinetic parameters in the scheme's step order (for simulateScheme / the saved model). */
  kinetics: StepKinetics[];
  amplitudes: number[];
}

interface Box {
  lower: number[];
  upper: number[];
  typical: number[];
}

function bounds(p: MultistepProblem, Ea: [number, number]): Box {
  let Tmin = Infinity;
  let Tmax = -Infinity;
  for (const r of p.runs) {
    Tmin = Math.min(Tmin, r.T_K[0]);
    Tmax = Math.max(Tmax, r.T_K[r.T_K.length - 1]);
  }
  const betas = p.runs.map((r) => r.beta_K_min / 60);
  const bLo = minOf(betas);
  const bHi = maxOf(betas);
  // lg k(T_ref) of a step whose first-order peak lies anywhere in the data, for any Ea in the box, ± 1.5.
  let lo = Infinity;
  let hi = -Infinity;
  for (const E of Ea)
    for (const Tp of [Tmin, Tmax])
      for (const b of [bLo, bHi]) {
        const v = lgkRefForPeak(E, Tp, b, p.T_ref_K);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  const lower: number[] = [];
  const upper: number[] = [];
  const typical: number[] = [];
  for (const st of p.scheme.steps) {
    lower.push(Ea[0], lo - 1.5);
    upper.push(Ea[1], hi + 1.5);
    typical.push(100, 1);
    for (const q of st.model.params) {
      lower.push(q.lower);
      upper.push(q.upper);
      typical.push(1);
    }
  }
  return { lower, upper, typical };
}

/** lg k(T_ref) of a first-order step with its DTG peak at Tp (K) at heating rate b (K/s): k(Tp) = Ea·b/(R·Tp²). */
function lgkRefForPeak(Ea_kJ_mol: number, Tp: number, b: number, Tref: number): number {
  const E = Ea_kJ_mol * 1000;
  return (
    Math.log10((E * b) / (R_J_PER_MOL_K * Tp * Tp)) + (E / (R_J_PER_MOL_K * Math.LN10)) * (1 / Tp - 1 / Tref)
  );
}

/** Kissinger Ea (kJ/mol) from the main peak of each run; undefined when it is not a sensible number. */
function kissingerEa(p: MultistepProblem): number | undefined {
  if (p.runs.length < 2) return undefined;
  const x: number[] = [];
  const y: number[] = [];
  for (const r of p.runs) {
    const Tp = parabolicPeak(
      r.T_K,
      r.y.map((v) => p.sign * v),
    );
    if (!Number.isFinite(Tp)) return undefined;
    x.push(1 / Tp);
    y.push(Math.log(r.beta_K_min / (Tp * Tp)));
  }
  const E = (-linearFit(x, y).slope * R_J_PER_MOL_K) / 1000;
  return Number.isFinite(E) && E > 20 ? E : undefined;
}

/**
 * Start points from the data (peak information): the prominent peaks of the median-rate run, filled up with
 * quantiles of its signal area, assigned to the steps in scheme order (consecutive steps come in temperature order);
 * Ea from Kissinger on the main peaks, and 0.6× and 1.4× of it.
 */
function seeds(p: MultistepProblem, box: Box): number[][] {
  const k = p.scheme.steps.length;
  const sorted = [...p.runs].sort((a, b) => a.beta_K_min - b.beta_K_min);
  const run = sorted[Math.floor(sorted.length / 2)];
  const y = run.y.map((v) => Math.max(0, p.sign * v));
  const peaks = findPeaks(run.T_K, y, { minRelativeProminence: 0.05 }).sort((a, b) => b.height - a.height);
  const positions = peaks.slice(0, k).map((q) => q.x);
  // Quantiles of the area for the rest.
  let total = 0;
  const cum = y.map((v) => (total += v));
  for (let i = 0; positions.length < k; i++) {
    const target = ((i + 0.5) / (k - peaks.length > 0 ? k - Math.min(peaks.length, k) : 1)) * total;
    const j = cum.findIndex((c) => c >= target);
    positions.push(run.T_K[Math.max(0, j)]);
  }
  positions.sort((a, b) => a - b);
  const E0 = Math.min(Math.max(kissingerEa(p) ?? 150, box.lower[0] + 1), box.upper[0] - 1);
  const out: number[][] = [];
  const b = run.beta_K_min / 60;
  for (const f of [1, 0.6, 1.4]) {
    const th: number[] = [];
    p.scheme.steps.forEach((st, j) => {
      const E = Math.min(Math.max(E0 * f, box.lower[0]), box.upper[0]);
      th.push(E, lgkRefForPeak(E, positions[j], b, p.T_ref_K));
      for (const q of st.model.params) th.push(q.start);
    });
    out.push(th);
  }
  // The same with the positions reversed (for schemes whose later steps sit lower).
  if (k > 1) {
    const rev = out[0].slice();
    const th: number[] = [];
    p.scheme.steps.forEach((st, j) => {
      th.push(E0, lgkRefForPeak(E0, positions[k - 1 - j], b, p.T_ref_K));
      for (const q of st.model.params) th.push(q.start);
    });
    out.push(th.length === rev.length ? th : rev);
  }
  return out;
}

/** A warm start in θ: the given steps' kinetics, the others from `fill`, clipped to the box. */
function warmStart(p: MultistepProblem, box: Box, steps: (StepKinetics | null)[], fill: number[]): number[] {
  const th = fill.slice();
  p.scheme.steps.forEach((st, j) => {
    const w = steps[j];
    if (!w || w.params.length !== st.model.params.length) return;
    const o = p.offsets[j];
    const [E, lgk, ...q] = p.thetaOf([w]);
    th[o] = E;
    th[o + 1] = lgk;
    q.forEach((v, i) => (th[o + 2 + i] = v));
  });
  return th.map((v, i) => Math.min(box.upper[i], Math.max(box.lower[i], v)));
}

function polish(p: MultistepProblem, box: Box, start: number[], rtol?: number, maxIterations = 60) {
  const res = levenbergMarquardt((t) => p.evaluate(t, rtol).residuals, start, {
    lower: box.lower,
    upper: box.upper,
    typical: box.typical,
    maxIterations,
    relStep: 1e-6,
  });
  return res;
}

/** Fit `scheme` to `runs` (all heating rates at once). Pure: no I/O. */
export function fitScheme(
  scheme: Scheme,
  runs: MultistepRun[],
  opts: MultistepFitOptions,
): MultistepFitResult {
  const t0 = performance.now();
  const p = new MultistepProblem(scheme, runs, {
    observable: opts.observable,
    baseline: opts.baseline,
    rtol: opts.rtol,
  });
  const box = bounds(p, opts.Ea_kJ_mol ?? [20, 400]);
  const seed = opts.seed ?? 0;
  const start: { s: number[]; source: string }[] = seeds(p, box).map((s, i) => ({
    s,
    source: SEED_SOURCES[Math.min(i, SEED_SOURCES.length - 1)],
  }));
  for (const w of opts.starts ?? [])
    start.push({ s: warmStart(p, box, w, start[0].s), source: 'warm start' });
  if (opts.deconvolution)
    for (const d of deconvolutionStarts(p, box, opts.deconvolution, start[0].s)) start.push(d);
  let evaluations = 0;
  const f = (x: ArrayLike<number>): number => {
    evaluations++;
    return p.evaluate(x).sse;
  };
  // Multistart polish of the two best seeds first: with peak information it is often already the optimum.
  const scored = start.map((x) => ({ ...x, f: f(x.s) })).sort((a, b) => a.f - b.f);
  const ranked = scored.map((x) => x.s);
  const polished = scored.slice(0, 2).map((x) => {
    const r = polish(p, box, x.s, undefined, 10);
    evaluations += r.evaluations;
    return { ...r, source: x.source };
  });
  // Two different starts polished to the same cost (relative 1e-3 after 10 iterations: ΔAICc < 0.5 on 400 points)
  // are taken as the global minimum, and the better one is polished on; otherwise, or when asked to, differential
  // evolution searches on.
  const costs = polished.map((r) => r.cost).sort((a, b) => a - b);
  const agree =
    (opts.search ?? 'auto') === 'auto' &&
    costs.length === 2 &&
    Number.isFinite(costs[1]) &&
    costs[1] - costs[0] <= 1e-3 * costs[0] &&
    // …unless a step is unused there (amplitude held at 0): a degenerate minimum both starts may share.
    polished.every((r) => {
      evaluations++;
      return p.evaluate(r.theta).amplitudes.every((a) => a !== 0);
    });
  let bestStart = polished[0];
  for (const r of polished) if (r.cost < bestStart.cost) bestStart = r;
  const startSource = agree ? bestStart.source : 'differential evolution';
  if (agree) {
    bestStart = { ...polish(p, box, bestStart.theta, undefined, 15), source: bestStart.source };
    evaluations += bestStart.evaluations;
  }
  let prev: { theta: number[]; cost: number } | null = null;
  const maxGen = opts.maxGenerations ?? 150;
  const de = agree
    ? { x: bestStart.theta, generations: 0, stop: 'starts agree' }
    : differentialEvolution(f, box.lower, box.upper, {
        popSize: Math.max(20, 4 * p.dim),
        maxGenerations: maxGen,
        tol: 1e-6,
        patience: 25,
        seed,
        initial: [...polished.map((r) => r.theta), ...ranked],
        localEvery: 4,
        localSearch: (best) => {
          const r = polish(p, box, Array.from(best), undefined, 20);
          evaluations += r.evaluations;
          const same =
            prev !== null && Math.abs(r.cost - prev.cost) <= 1e-8 * Math.max(r.cost, 1e-300) + 1e-300;
          prev = { theta: r.theta, cost: r.cost };
          return { x: r.theta, f: r.cost, stop: same };
        },
        onGeneration: (g) => opts.onProgress?.(g, maxGen, 'fit'),
      });
  // Final polish at 1/10 of the search tolerance (a few iterations from the optimum: the valley is flat, and the
  // cost changes by < 1e-6 relative after them), reported at 1/100 of it.
  const rtolSearch = opts.rtol ?? 1e-4;
  let theta = de.x;
  const fin = polish(p, box, theta, rtolSearch / 10, 5);
  evaluations += fin.evaluations;
  const finEval = p.evaluate(fin.theta, rtolSearch / 100);
  const deEval = p.evaluate(theta, rtolSearch / 100);
  evaluations += 2;
  let ev: Evaluation = deEval;
  if (finEval.sse <= deEval.sse) {
    theta = fin.theta;
    ev = finEval;
  }
  return assemble(p, box, theta, ev, {
    method: agree
      ? 'Levenberg–Marquardt from data-based starts (two agreed), variable projection'
      : 'differential evolution (best1bin) + Levenberg–Marquardt, variable projection',
    seed,
    generations: de.generations,
    evaluations,
    stop: de.stop,
    start_source: startSource,
    starts: scored.map((x) => ({ source: x.source, sse: x.f })),
    t0,
    rtol: rtolSearch / 100,
  });
}

/** Sources of the data-based starts of `seeds`, in its order. */
const SEED_SOURCES = [
  'peaks+Kissinger',
  'peaks, 0.6×Kissinger Ea',
  'peaks, 1.4×Kissinger Ea',
  'peaks reversed',
];

/**
 * Starts from a kinetic deconvolution: step j from peak j (rising temperature; steps beyond the peaks keep `fill`),
 * one with each peak's Kissinger Ea and lgA (first-order reading, Kissinger 1957), one with its mean Friedman Ea and
 * lg k(T_ref) of a first-order peak at its maximum in the median-rate run (k(Tp) = Ea·β/(R·Tp²)). Clipped to the box.
 */
function deconvolutionStarts(
  p: MultistepProblem,
  box: Box,
  guess: readonly DeconvolutionStepGuess[],
  fill: number[],
): { s: number[]; source: string }[] {
  const order = p.runs.map((r, i) => i).sort((a, b) => p.runs[a].beta_K_min - p.runs[b].beta_K_min);
  const mid = order[Math.floor(order.length / 2)];
  const b = p.runs[mid].beta_K_min / 60;
  const peaks = [...guess].sort((x, y) => (x.T_peak_K[mid] ?? NaN) - (y.T_peak_K[mid] ?? NaN));
  const make = (kind: 'Kissinger' | 'Friedman') => {
    const th = fill.slice();
    let used = 0;
    p.scheme.steps.forEach((_, j) => {
      const g = peaks[j];
      if (!g) return;
      const o = p.offsets[j];
      const E = kind === 'Kissinger' ? g.Ea_kJ_mol : g.Ea_friedman_kJ_mol;
      const Tp = g.T_peak_K[mid];
      if (!(E > 0) || (kind === 'Kissinger' ? !Number.isFinite(g.lgA_s) : !(Tp > 0))) return;
      const lgk =
        kind === 'Kissinger'
          ? p.thetaOf([{ Ea_kJ_mol: E, lgA_s: g.lgA_s, params: [] }])[1]
          : lgkRefForPeak(E, Tp, b, p.T_ref_K);
      th[o] = E;
      th[o + 1] = lgk;
      used++;
    });
    if (used === 0) return null;
    return {
      s: th.map((v, i) => Math.min(box.upper[i], Math.max(box.lower[i], v))),
      source: `deconvolution (${kind})`,
    };
  };
  return [make('Kissinger'), make('Friedman')].filter((x) => x !== null);
}

function assemble(
  p: MultistepProblem,
  box: Box,
  theta: number[],
  ev: Evaluation,
  s: MultistepFitResult['search'] & {
    t0: number;
    rtol: number;
  },
): MultistepFitResult {
  const warnings: ResultWarning[] = [];
  const kin = p.stepKinetics(theta);
  const m = p.scheme.steps.length;
  const heat = p.observable === 'heatflow';
  // Uncertainty from the Jacobian in reported coordinates (Ea, lgA, params…, amplitudes, baselines).
  const unc = covariance(p, kin, ev, s.rtol);
  const names = unc.names;
  const seOf = (name: string): number | null => {
    const i = names.indexOf(name);
    return i >= 0 && unc.se ? unc.se[i] : null;
  };
  const onBound: string[] = [];
  p.scheme.steps.forEach((st, j) => {
    const o = p.offsets[j];
    const label = (q: string) => `step ${j + 1} ${q}`;
    const at = (i: number) => {
      const w = box.upper[i] - box.lower[i];
      return theta[i] <= box.lower[i] + 1e-6 * w || theta[i] >= box.upper[i] - 1e-6 * w;
    };
    if (at(o)) onBound.push(label('Ea_kJ_mol'));
    if (at(o + 1)) onBound.push(label('lgA_s'));
    st.model.params.forEach((q, i) => {
      if (at(o + 2 + i)) onBound.push(label(q.name));
    });
  });
  if (onBound.length)
    warnings.push(
      warning(
        'multistep.parameter-on-bound',
        'caution',
        `parameters on a bound of the search box: ${onBound.join(', ')}; the optimum may lie outside it`,
      ),
    );
  ev.amplitudes.forEach((a, j) => {
    if (a === 0)
      warnings.push(
        warning(
          'multistep.step-unused',
          'caution',
          `step ${j + 1} (${p.scheme.species[p.scheme.steps[j].from]}->${p.scheme.species[p.scheme.steps[j].to]}) contributes nothing (its amplitude was held at 0 to keep the sign of the signal): the scheme has more steps than the data support`,
        ),
      );
  });
  const steps: FittedStep[] = p.scheme.steps.map((st, j) => {
    const params: Record<string, number> = {};
    const pse: Record<string, number | null> = {};
    st.model.params.forEach((q, i) => {
      params[q.name] = kin[j].params[i];
      pse[q.name] = seOf(`step ${j + 1} ${q.name}`);
    });
    const out: FittedStep = {
      from: p.scheme.species[st.from],
      to: p.scheme.species[st.to],
      model: st.model.name,
      Ea_kJ_mol: kin[j].Ea_kJ_mol,
      lgA_s: kin[j].lgA_s,
      params,
      se: {
        Ea_kJ_mol: seOf(`step ${j + 1} Ea_kJ_mol`),
        lgA_s: seOf(`step ${j + 1} lgA_s`),
        params: pse,
        amplitude: seOf(`step ${j + 1} ${heat ? 'dH_J_g' : 'mass_fraction'}`),
      },
    };
    if (heat) out.dH_J_g = ev.amplitudes[j];
    else out.mass_fraction = ev.amplitudes[j];
    return out;
  });
  const fine = fineModelPeaks(p, kin, ev, s.rtol);
  const runs: FittedRun[] = p.runs.map((r, k) => {
    const a = p.rowStart[k];
    const nrow = r.T_K.length;
    const model = Array.from(ev.model.subarray(a, a + nrow));
    const contrib: number[][] = [];
    for (let j = 0; j < m; j++) {
      const c: number[] = [];
      for (let i = 0; i < nrow; i++) c.push(ev.contributions[(a + i) * m + j]);
      contrib.push(c);
    }
    const r2 = regressionMetrics({ predicted: model, observed: r.y }).r2;
    const out: FittedRun = {
      beta_K_min: r.beta_K_min,
      file: r.file,
      points: nrow,
      r2,
      peak_T_data_K: parabolicPeak(
        r.T_K,
        r.y.map((v) => p.sign * v),
      ),
      peak_T_model_K: fine[k],
      T_K: r.T_K,
      data: r.y,
      model,
      steps: contrib,
      residuals: model.map((v, i) => v - r.y[i]),
    };
    if (ev.baselines.length) out.baseline = { b0: ev.baselines[k][0], b1_per_100K: ev.baselines[k][1] };
    return out;
  });
  const P = p.dim + p.linearCount;
  const ic = informationCriteria(ev.sse, p.N, P);
  if (unc.maxCorrelation !== null && unc.maxCorrelation > 0.99)
    warnings.push(
      warning(
        'multistep.parameters-correlated',
        'info',
        `some parameters are strongly correlated (|r| up to ${unc.maxCorrelation.toFixed(4)}): their standard errors understate how poorly each is determined alone`,
      ),
    );
  if (!unc.se)
    warnings.push(
      warning(
        'multistep.uncertainty-unavailable',
        'caution',
        'standard errors could not be computed (singular Jacobian: some parameters are not determined by the data)',
      ),
    );
  const worst = runs.reduce((w, r) => Math.min(w, r.r2), 1);
  if (!(worst >= 0.95))
    warnings.push(
      warning(
        'multistep.poor-fit',
        worst >= 0.8 ? 'caution' : 'unreliable',
        `the scheme fits some rates poorly (lowest R² ${worst.toFixed(3)}): try another scheme or --steps auto`,
      ),
    );
  return {
    scheme: schemeText(p.scheme),
    observable: p.observable,
    baseline: p.baseline,
    steps,
    runs,
    sse: ev.sse,
    n_points: p.N,
    n_params: P,
    ...ic,
    T_ref_K: p.T_ref_K,
    parameter_names: names,
    correlation: unc.correlation,
    on_bound: onBound,
    search: {
      method: s.method,
      seed: s.seed,
      generations: s.generations,
      evaluations: s.evaluations,
      stop: s.stop,
      start_source: s.start_source,
      starts: s.starts,
    },
    time_ms: performance.now() - s.t0,
    warnings,
    kinetics: kin,
    amplitudes: ev.amplitudes,
  };
}

/** Main-peak temperature of the model per run, on a grid 8× finer than the data, refined by a parabola. */
function fineModelPeaks(p: MultistepProblem, kin: StepKinetics[], ev: Evaluation, rtol: number): number[] {
  const fineRuns: MultistepRun[] = p.runs.map((r) => {
    const n = r.T_K.length;
    const T: number[] = [];
    for (let i = 0; i + 1 < n; i++)
      for (let q = 0; q < 8; q++) T.push(r.T_K[i] + ((r.T_K[i + 1] - r.T_K[i]) * q) / 8);
    T.push(r.T_K[n - 1]);
    return { ...r, T_K: T, y: T.map(() => 0), T0_K: r.T0_K ?? r.T_K[0] };
  });
  const fp = new MultistepProblem(p.scheme, fineRuns, { observable: p.observable, baseline: 'none' });
  const G = fp.basis(kin, rtol);
  const m = p.scheme.steps.length;
  return fineRuns.map((r, k) => {
    if (!G) return NaN;
    const y = r.T_K.map((T, i) => {
      let v = 0;
      for (let j = 0; j < m; j++) v += ev.amplitudes[j] * G[(fp.rowStart[k] + i) * m + j];
      if (ev.baselines.length) {
        const run = p.runs[k];
        const mid = (run.T_K[0] + run.T_K[run.T_K.length - 1]) / 2;
        v += ev.baselines[k][0] + ev.baselines[k][1] * ((T - mid) / 100);
      }
      return p.sign * v;
    });
    return parabolicPeak(r.T_K, y);
  });
}

/**
 * Covariance of all parameters in reported coordinates from a forward-difference Jacobian (kinetic parameters) and
 * the exact columns of the linear parameters, inverted after scaling to a unit diagonal.
 */
function covariance(p: MultistepProblem, kin: StepKinetics[], ev: Evaluation, rtol: number) {
  const m = p.scheme.steps.length;
  const heat = p.observable === 'heatflow';
  const names: string[] = [];
  const cols: Float64Array[] = [];
  const base = p.basis(kin, rtol);
  const residualsFor = (k2: StepKinetics[]): Float64Array | null => {
    const G = p.basis(k2, rtol);
    if (!G) return null;
    const out = new Float64Array(p.N);
    for (let i = 0; i < p.N; i++) {
      let v = 0;
      for (let j = 0; j < m; j++) v += ev.amplitudes[j] * G[i * m + j];
      out[i] = v;
    }
    return out;
  };
  const ref = residualsFor(kin);
  const rowWeight = new Float64Array(p.N);
  p.runs.forEach((r, k) => {
    for (let i = 0; i < r.T_K.length; i++)
      rowWeight[p.rowStart[k] + i] = p.weights[k] * (r.pointWeights?.[i] ?? 1);
  });
  const fail = { names, se: null, correlation: null, maxCorrelation: null };
  if (!ref || !base) return fail;
  const clone = () => kin.map((s) => ({ ...s, params: s.params.slice() }));
  kin.forEach((s, j) => {
    const st = p.scheme.steps[j];
    const vars: {
      name: string;
      get: (x: StepKinetics) => number;
      set: (x: StepKinetics, v: number) => void;
    }[] = [
      { name: 'Ea_kJ_mol', get: (x) => x.Ea_kJ_mol, set: (x, v) => (x.Ea_kJ_mol = v) },
      { name: 'lgA_s', get: (x) => x.lgA_s, set: (x, v) => (x.lgA_s = v) },
      ...st.model.params.map((q, i) => ({
        name: q.name,
        get: (x: StepKinetics) => x.params[i],
        set: (x: StepKinetics, v: number) => (x.params[i] = v),
      })),
    ];
    for (const v of vars) {
      const k2 = clone();
      const h = 1e-6 * Math.max(Math.abs(v.get(s)), 1);
      v.set(k2[j], v.get(s) + h);
      const r2 = residualsFor(k2);
      if (!r2) return;
      names.push(`step ${j + 1} ${v.name}`);
      cols.push(Float64Array.from(r2, (val, i) => (rowWeight[i] * (val - ref[i])) / h));
    }
  });
  if (names.length !== p.dim) return fail;
  for (let j = 0; j < m; j++) {
    if (ev.amplitudes[j] === 0) continue; // held at its bound: not a free parameter
    names.push(`step ${j + 1} ${heat ? 'dH_J_g' : 'mass_fraction'}`);
    cols.push(Float64Array.from({ length: p.N }, (_, i) => rowWeight[i] * base[i * m + j]));
  }
  if (p.baseline === 'linear')
    p.runs.forEach((r, k) => {
      const c0 = new Float64Array(p.N);
      const c1 = new Float64Array(p.N);
      const mid = (r.T_K[0] + r.T_K[r.T_K.length - 1]) / 2;
      for (let i = 0; i < r.T_K.length; i++) {
        c0[p.rowStart[k] + i] = rowWeight[p.rowStart[k] + i];
        c1[p.rowStart[k] + i] = (rowWeight[p.rowStart[k] + i] * (r.T_K[i] - mid)) / 100;
      }
      names.push(`run ${k + 1} baseline b0`, `run ${k + 1} baseline b1`);
      cols.push(c0, c1);
    });
  const q = cols.length;
  const dof = p.N - q;
  if (dof <= 0) return { ...fail, names };
  const JtJ = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      const ca = cols[a];
      const cb = cols[b];
      for (let i = 0; i < p.N; i++) sum += ca[i] * cb[i];
      JtJ[a * q + b] = JtJ[b * q + a] = sum;
    }
  const d = Float64Array.from({ length: q }, (_, a) =>
    JtJ[a * q + a] > 0 ? 1 / Math.sqrt(JtJ[a * q + a]) : 0,
  );
  if (d.some((v) => v === 0)) return { ...fail, names };
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) JtJ[a * q + b] *= d[a] * d[b];
  const inv = invertSpd(JtJ, q);
  if (!inv) return { ...fail, names };
  const s2 = ev.sse / dof;
  const se: number[] = [];
  for (let a = 0; a < q; a++) se.push(Math.sqrt(s2 * inv[a * q + a]) * d[a]);
  const correlation: number[][] = [];
  let maxCorrelation = 0;
  for (let a = 0; a < q; a++) {
    const row: number[] = [];
    for (let b = 0; b < q; b++) {
      const c = inv[a * q + b] / Math.sqrt(inv[a * q + a] * inv[b * q + b]);
      row.push(c);
      if (a !== b) maxCorrelation = Math.max(maxCorrelation, Math.abs(c));
    }
    correlation.push(row);
  }
  if (!se.every(Number.isFinite)) return { ...fail, names };
  return { names, se, correlation, maxCorrelation };
}
