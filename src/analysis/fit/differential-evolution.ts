import { optimizerRng, shuffleInPlace } from '../../core/random.ts';

/**
 * Differential evolution (Storn & Price 1997, J. Global Optim. 11, 341) over a box, minimizing f(x).
 *
 * Written here because npm has no maintained, seedable DE (see shared/design/libraries.md). Variants:
 * `best1bin` (v = x_best + F·(x_r1 − x_r2)) and `rand1bin` (v = x_r0 + F·(x_r1 − x_r2)), binomial crossover with
 * rate CR and one forced coordinate; F is dithered per generation in [F_lo, F_hi) as in scipy's
 * `differential_evolution`. Trials replace their parent immediately when not worse (scipy's `updating='immediate'`).
 * Coordinates leaving the box are put halfway between the base vector and the violated bound.
 * Initial population: Latin hypercube from the seeded PRNG, optionally with caller-supplied points (e.g. an
 * analytic estimate) replacing the first members.
 * Stops when std(f) ≤ atol + tol·|mean(f)| over the population (scipy's criterion; ignored while the whole
 * population sits on a flat plateau of equal values with a spread-out x), when every coordinate's population
 * range is ≤ xtol·(upper − lower), after `maxGenerations`, when the best value has not improved by a relative
 * 1e-9 for `patience` generations, or when the optional `localSearch` hook says so.
 *
 * `localSearch` (memetic DE): every `localEvery` generations the hook receives the current best; it may return a
 * point (which replaces the best member when not worse, else the worst member) and ask to stop — fitJma uses it to polish the best with
 * Levenberg–Marquardt and stop once two successive polishes agree.
 */
export interface DeOptions {
  /** Population size (default max(15, 5·dim)). */
  popSize?: number;
  maxGenerations?: number;
  /** Mutation factor range for dither, default [0.5, 1). */
  F?: [number, number];
  /** Crossover rate, default 0.9 (high CR suits the strongly correlated Ea–lgA valley). */
  CR?: number;
  strategy?: 'best1bin' | 'rand1bin';
  /** Relative population-spread tolerance (default 1e-3). */
  tol?: number;
  atol?: number;
  /** Generations without improvement of the best before stopping (default 30). */
  patience?: number;
  seed?: number;
  /** Points placed into the initial population (clipped to the box). */
  initial?: number[][];
  /** Population x-range tolerance relative to the box (default 1e-9). */
  xtol?: number;
  localEvery?: number;
  localSearch?: (best: Float64Array, bestF: number) => { x?: number[]; f?: number; stop?: boolean };
  /** Called after each generation with (generation, best f). */
  onGeneration?: (generation: number, bestF: number) => void;
}

export interface DeResult {
  x: number[];
  f: number;
  generations: number;
  evaluations: number;
  /** Why the search stopped. */
  stop: 'tolerance' | 'xtol' | 'maxGenerations' | 'stagnation' | 'local';
}

export function differentialEvolution(
  f: (x: Float64Array) => number,
  lower: number[],
  upper: number[],
  opts: DeOptions = {},
): DeResult {
  const dim = lower.length;
  if (dim === 0 || upper.length !== dim)
    throw new RangeError('differentialEvolution: bounds must be non-empty and of equal length');
  for (let j = 0; j < dim; j++) {
    if (!(Number.isFinite(lower[j]) && Number.isFinite(upper[j]) && upper[j] >= lower[j])) {
      throw new RangeError(
        `differentialEvolution: bad bounds for coordinate ${j}: [${lower[j]}, ${upper[j]}]`,
      );
    }
  }
  const NP = Math.max(opts.popSize ?? Math.max(15, 5 * dim), 5);
  const maxGen = opts.maxGenerations ?? 300;
  const [Flo, Fhi] = opts.F ?? [0.5, 1];
  const CR = opts.CR ?? 0.9;
  const tol = opts.tol ?? 1e-3;
  const atol = opts.atol ?? 0;
  const patience = opts.patience ?? 30;
  const xtol = opts.xtol ?? 1e-9;
  const localEvery = opts.localEvery ?? 0;
  const best1 = (opts.strategy ?? 'best1bin') === 'best1bin';
  const rng = optimizerRng(opts.seed ?? 0);

  const pop: Float64Array[] = [];
  const fit = new Float64Array(NP);
  // Latin hypercube: for each coordinate, one sample per stratum, strata shuffled independently.
  for (let i = 0; i < NP; i++) pop.push(new Float64Array(dim));
  for (let j = 0; j < dim; j++) {
    const perm = Array.from({ length: NP }, (_, i) => i);
    shuffleInPlace(perm, rng);
    for (let i = 0; i < NP; i++)
      pop[i][j] = lower[j] + ((perm[i] + rng.uniform()) / NP) * (upper[j] - lower[j]);
  }
  (opts.initial ?? []).slice(0, NP).forEach((p, i) => {
    for (let j = 0; j < dim; j++) pop[i][j] = Math.min(upper[j], Math.max(lower[j], p[j]));
  });
  let evaluations = 0;
  const evalF = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let bestIdx = 0;
  for (let i = 0; i < NP; i++) {
    fit[i] = evalF(pop[i]);
    if (fit[i] < fit[bestIdx]) bestIdx = i;
  }

  const trial = new Float64Array(dim);
  let generation = 0;
  let stop: DeResult['stop'] = 'maxGenerations';
  let lastBest = fit[bestIdx];
  let sinceImprovement = 0;
  while (generation < maxGen) {
    generation++;
    const F = Flo + rng.uniform() * (Fhi - Flo);
    for (let i = 0; i < NP; i++) {
      let r0: number, r1: number, r2: number;
      do r0 = rng.int(NP);
      while (r0 === i);
      do r1 = rng.int(NP);
      while (r1 === i || r1 === r0);
      do r2 = rng.int(NP);
      while (r2 === i || r2 === r0 || r2 === r1);
      const base = best1 ? pop[bestIdx] : pop[r0];
      const a = pop[r1];
      const b = pop[r2];
      const parent = pop[i];
      const forced = rng.int(dim);
      for (let j = 0; j < dim; j++) {
        if (j === forced || rng.uniform() < CR) {
          let v = base[j] + F * (a[j] - b[j]);
          if (v < lower[j]) v = (base[j] + lower[j]) / 2;
          else if (v > upper[j]) v = (base[j] + upper[j]) / 2;
          trial[j] = v;
        } else trial[j] = parent[j];
      }
      const ft = evalF(trial);
      if (ft <= fit[i]) {
        parent.set(trial);
        fit[i] = ft;
        if (ft < fit[bestIdx]) bestIdx = i;
      }
    }
    opts.onGeneration?.(generation, fit[bestIdx]);
    if (opts.localSearch && localEvery > 0 && generation % localEvery === 0) {
      const res = opts.localSearch(pop[bestIdx].slice(), fit[bestIdx]);
      if (res.x && res.f !== undefined) {
        // An improved point replaces the best; otherwise it replaces the worst member (it may still lead there).
        let slot = bestIdx;
        if (!(res.f <= fit[bestIdx])) {
          slot = 0;
          for (let i = 1; i < NP; i++) if (fit[i] > fit[slot]) slot = i;
        }
        for (let j = 0; j < dim; j++) pop[slot][j] = Math.min(upper[j], Math.max(lower[j], res.x[j]));
        fit[slot] = res.f;
        if (fit[slot] <= fit[bestIdx]) bestIdx = slot;
      }
      if (res.stop) {
        stop = 'local';
        break;
      }
    }
    // Convergence: population range of x.
    let xConverged = true;
    for (let j = 0; j < dim && xConverged; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < NP; i++) {
        lo = Math.min(lo, pop[i][j]);
        hi = Math.max(hi, pop[i][j]);
      }
      if (hi - lo > xtol * (upper[j] - lower[j])) xConverged = false;
    }
    if (xConverged) {
      stop = 'xtol';
      break;
    }
    // Convergence: population spread of f.
    let mean = 0;
    let finite = true;
    for (let i = 0; i < NP; i++) {
      if (!Number.isFinite(fit[i])) finite = false;
      mean += fit[i];
    }
    if (finite) {
      mean /= NP;
      let varSum = 0;
      for (let i = 0; i < NP; i++) varSum += (fit[i] - mean) ** 2;
      const sd = Math.sqrt(varSum / NP);
      if (sd <= atol + tol * Math.abs(mean) && (sd > 0 || atol > 0)) {
        stop = 'tolerance';
        break;
      }
    }
    if (fit[bestIdx] < lastBest - 1e-9 * Math.abs(lastBest)) {
      lastBest = fit[bestIdx];
      sinceImprovement = 0;
    } else if (++sinceImprovement >= patience) {
      stop = 'stagnation';
      break;
    }
  }
  return { x: Array.from(pop[bestIdx]), f: fit[bestIdx], generations: generation, evaluations, stop };
}
