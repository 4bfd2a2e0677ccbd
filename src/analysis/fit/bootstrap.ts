import { R_J_PER_MOL_K } from '../../kinetics/constants.ts';
import { type JmaFitOptions, type JmaFitResult, refineJmaFit } from './jma-fit.ts';
import { invertSpd } from './linear-solve.ts';
import { JmaProblem } from './objectives.ts';
import { optimizerRng } from '../../core/random.ts';
import { InputError } from '../../core/input-error.ts';
import { type FitCurve, checkFitCurves } from './validate-curves.ts';
import { pearson, quantileSorted } from '../../core/statistics.ts';

/**
 * Bootstrap intervals of a multi-rate JMA fit (Efron & Tibshirani 1993, ch. 9 "regression models": resampling
 * residuals around the fitted curve) and the (Ea, lgA) compensation ridge.
 *
 * Each replicate builds synthetic data y* = model + r* on every rate's fitted points (the fit's own window and
 * scale), where r* are that rate's residuals, resampled, and refits with `refineJmaFit` from the fit's optimum
 * (Levenberg–Marquardt, same options: n fixed or free, bounds, objective, normalization, T0, window). Two
 * resampling schemes, both within each rate (rates never exchange residuals):
 *  - `wild` (default; Wu 1986, Ann. Stat. 14, 1261; Liu 1988): r*_i = r_i·v_i with v_i = ±1 (Rademacher). Each
 *    residual stays at its own temperature, so heteroscedastic noise — multiplicative DTG noise, large at the peak
 *    and nil in the flat tails — keeps its shape. This is the right scheme for DTG data.
 *  - `residual` (the textbook scheme): r*_i drawn with replacement from the rate's centred residuals — assumes the
 *    same noise level at every temperature; with multiplicative noise it smears peak noise into the tails and its
 *    intervals undercover (measured in test/analysis/fit-bootstrap.test.ts).
 * Leverage correction (default on): residuals of a fitted curve are smaller than the errors, most of all at the
 * points that steer the fit (for a JMA peak: the few dozen points of each peak carry all the information). Each
 * residual is divided by √(1 − h_ii), h_ii the leverage of point i in the weighted least-squares fit
 * (hat matrix H = J(JᵀJ)⁻¹Jᵀ of the weighted residual Jacobian at the optimum): the HC2 transform that Davidson &
 * Flachaire (2008, J. Econometrics 146, 162) recommend for the wild bootstrap.
 * Intervals: 95 % percentile intervals of the replicate estimates. Correlation: Pearson r of the replicate
 * (Ea, lgA) pairs.
 *
 * The compensation ridge: the line lgA = a·Ea + b along which the replicate cloud stretches. Ea and lgA have
 * different units, so the ordinary principal axis would depend on the unit choice; we use the standardized
 * (reduced) major axis, a = sign(r)·s_lgA/s_Ea, b = mean(lgA) − a·mean(Ea) (Warton et al. 2006, Biol. Rev. 81,
 * 259), which is unit-free and is the principal axis of the standardized cloud. Its Ea range is the 95 % Ea
 * interval. The slope defines an isokinetic temperature, lgA = Ea/(R·T_iso·ln10) + const ⇒
 * T_iso = 1000/(a·R·ln10) (a per kJ/mol): the temperature at which every point of the ridge gives the same rate
 * constant (the compensation effect, science.md).
 */
export type BootstrapScheme = 'wild' | 'residual';

export interface BootstrapOptions {
  /** Number of replicates B (default 200). */
  samples?: number;
  /** Seed of the resampling (default 1). Same seed and fit ⇒ identical result. */
  seed?: number;
  scheme?: BootstrapScheme;
  /** Divide residuals by √(1 − leverage) (default true; see the file comment). */
  leverageCorrection?: boolean;
  /** Called after each replicate (progress bars). */
  onProgress?: (done: number, total: number) => void;
}

export interface PercentileInterval {
  p025: number;
  p975: number;
}

export interface CompensationRidge {
  /** a in lgA = a·Ea + b, per kJ/mol. */
  slope_per_kJ_mol: number;
  /** b in lgA = a·Ea + b. */
  intercept: number;
  /** The 95 % Ea interval, over which the segment is drawn, kJ/mol. */
  Ea_range_kJ_mol: [number, number];
  /** Isokinetic temperature of the ridge, 1000/(a·R·ln10), K (null when a ≤ 0). */
  T_iso_K: number | null;
  method: string;
}

export interface JmaBootstrapResult {
  samples: number;
  scheme: BootstrapScheme;
  leverageCorrection: boolean;
  seed: number;
  Ea_kJ_mol: PercentileInterval;
  lgA_s: PercentileInterval;
  /** Present only when n was fitted. */
  n?: PercentileInterval;
  corr_Ea_lgA: number;
  ridge: CompensationRidge;
  /** Replicates whose refit failed (thrown or non-finite) and were dropped. */
  failed: number;
  /** The replicate estimates, for plots: [Ea, lgA, n]. */
  replicates: [number, number, number][];
  time_ms: number;
}

function interval95(values: number[]): PercentileInterval {
  const s = Float64Array.from(values).sort();
  return { p025: quantileSorted(s, 0.025), p975: quantileSorted(s, 0.975) };
}

/** Means, sample standard deviations and the Pearson correlation of two samples. */
function moments(x: number[], y: number[]) {
  const m = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / m;
  const my = y.reduce((a, b) => a + b, 0) / m;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return { mx, my, sx: Math.sqrt(sxx / (m - 1)), sy: Math.sqrt(syy / (m - 1)), r: pearson(x, y) };
}

/** The standardized-major-axis ridge of an (Ea, lgA) cloud (see the file comment). */
export function compensationRidge(Ea: number[], lgA: number[]): CompensationRidge {
  const { mx, my, sx, sy, r } = moments(Ea, lgA);
  const a = sx > 0 ? (r >= 0 ? 1 : -1) * (sy / sx) : 0;
  const ea = interval95(Ea);
  return {
    slope_per_kJ_mol: a,
    intercept: my - a * mx,
    Ea_range_kJ_mol: [ea.p025, ea.p975],
    T_iso_K: a > 0 ? 1000 / (a * R_J_PER_MOL_K * Math.LN10) : null,
    method: 'standardized major axis of the bootstrap (Ea, lgA) cloud; Ea range = 95 % interval',
  };
}

/**
 * Bootstrap a finished fit. `curves` and `opts` must be those the fit was made from (`fit` from `fitJma` or
 * `refineJmaFit`); opts.seed/de/kissingerSeed/polish are ignored (replicates are refitted locally).
 */
export function bootstrapJmaFit(
  curves: FitCurve[],
  fit: JmaFitResult,
  opts: JmaFitOptions = {},
  bopts: BootstrapOptions = {},
): JmaBootstrapResult {
  const t0 = performance.now();
  const B = bopts.samples ?? 200;
  if (!(Number.isInteger(B) && B >= 10))
    throw new RangeError(`bootstrap: samples must be an integer ≥ 10, got ${B}`);
  const seed = bopts.seed ?? 1;
  const scheme = bopts.scheme ?? 'wild';
  if (curves.length !== fit.rates.length)
    throw new RangeError(`bootstrap: ${curves.length} curves but the fit has ${fit.rates.length} rates`);
  const win = opts.window_K;
  // Index of each fitted point in its original curve (the fit keeps the points inside the window, in order).
  const fittedIndex = curves.map((c, k) => {
    const idx: number[] = [];
    for (let i = 0; i < c.T_K.length; i++) {
      const T = c.T_K[i];
      if (!win || (T >= win[0] && T <= win[1])) idx.push(i);
    }
    if (idx.length !== fit.rates[k].points)
      throw new RangeError(
        `bootstrap: curve ${k + 1} does not match the fit (${idx.length} vs ${fit.rates[k].points} points)`,
      );
    return idx;
  });
  const leverageCorrection = bopts.leverageCorrection ?? true;
  const h = leverageCorrection ? leverages(curves, fit, opts) : null;
  const adjusted = fit.rates.map((r, k) =>
    r.residuals.map((v, i) => (h ? v / Math.sqrt(Math.max(1 - h[k][i], 0.01)) : v)),
  );
  const centred = adjusted.map((res) => {
    const mean = res.reduce((a, b) => a + b, 0) / res.length;
    return res.map((v) => v - mean);
  });
  const { seed: _s, de: _d, kissingerSeed: _k, polish: _p, ...refineOpts } = opts;
  const start = { Ea_kJ_mol: fit.Ea_kJ_mol, lgA_s: fit.lgA_s, n: fit.n };
  const rng = optimizerRng(seed);
  const reps: [number, number, number][] = [];
  let failed = 0;
  for (let b = 0; b < B; b++) {
    const boot: FitCurve[] = curves.map((c, k) => {
      const y = Array.from(c.dadT_per_K);
      const { model } = fit.rates[k];
      const residuals = adjusted[k];
      const idx = fittedIndex[k];
      const pool = centred[k];
      for (let j = 0; j < idx.length; j++) {
        const r =
          scheme === 'wild'
            ? rng.uniform() < 0.5
              ? -residuals[j]
              : residuals[j]
            : pool[rng.int(pool.length)];
        y[idx[j]] = model[j] + r;
      }
      return { beta_K_min: c.beta_K_min, T_K: c.T_K, dadT_per_K: y, file: c.file };
    });
    try {
      const r = refineJmaFit(boot, start, refineOpts);
      if ([r.Ea_kJ_mol, r.lgA_s, r.n].every(Number.isFinite)) reps.push([r.Ea_kJ_mol, r.lgA_s, r.n]);
      else failed++;
    } catch {
      // A replicate can lose its peak inside the window (very noisy data): drop it and count it.
      failed++;
    }
    bopts.onProgress?.(b + 1, B);
  }
  if (reps.length < Math.max(10, B / 2))
    // The data, not the code: refits that lose their peak mean the fit is too fragile to bootstrap (issue 22: the
    // route fuzzer's conforming bodies found this as an HTTP 500).
    throw new InputError(
      `bootstrap: only ${reps.length} of ${B} replicates could be refitted: the fit is too fragile on these data ` +
        'for a bootstrap (check the fit window, the start values and the noise; more replicates do not help)',
    );
  const Ea = reps.map((r) => r[0]);
  const lgA = reps.map((r) => r[1]);
  return {
    samples: reps.length,
    scheme,
    leverageCorrection,
    seed,
    Ea_kJ_mol: interval95(Ea),
    lgA_s: interval95(lgA),
    ...(fit.nFixed ? {} : { n: interval95(reps.map((r) => r[2])) }),
    corr_Ea_lgA: moments(Ea, lgA).r,
    ridge: compensationRidge(Ea, lgA),
    failed,
    replicates: reps,
    time_ms: performance.now() - t0,
  };
}

/**
 * Leverages h_ii of every fitted point (per rate, in fit order) of the weighted least-squares JMA fit at its
 * optimum: rows of the weighted residual Jacobian J (central differences, the same problem set-up as
 * `jma-fit.ts` prepare: window, T0, normalization, n fixed or free), h_ii = J_i (JᵀJ)⁻¹ J_iᵀ. All zeros when JᵀJ
 * is singular (no correction).
 */
export function leverages(curves: FitCurve[], fit: JmaFitResult, opts: JmaFitOptions = {}): number[][] {
  const { curves: checked } = checkFitCurves(curves, opts.window_K);
  const problem = new JmaProblem(
    checked.map((c, i) => ({
      beta_K_min: c.beta_K_min,
      T_K: c.T_K,
      y: c.y,
      T0_K: Math.min(opts.T0_K ?? curves[i].T_K[0], c.T_K[0]),
      label: c.label,
      file: c.file,
    })),
    { normalize: opts.normalize, nFixed: fit.nFixed ? fit.n : undefined },
  );
  const theta = [fit.Ea_kJ_mol, fit.lgA_s, fit.n].slice(0, problem.dim);
  const p = theta.length;
  const m = problem.totalPoints;
  const typical = [100, 10, 1];
  const J = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const step = 1e-5 * Math.max(Math.abs(theta[j]), typical[j]);
    const plus = theta.slice();
    const minus = theta.slice();
    plus[j] += step;
    minus[j] -= step;
    const rp = problem.residuals(plus);
    const rm = problem.residuals(minus);
    for (let i = 0; i < m; i++) J[i * p + j] = (rp[i] - rm[i]) / (2 * step);
  }
  const JtJ = new Float64Array(p * p);
  for (let i = 0; i < m; i++)
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) JtJ[a * p + b] += J[i * p + a] * J[i * p + b];
  const inv = invertSpd(JtJ, p);
  const out: number[][] = [];
  let row = 0;
  for (const c of problem.curves) {
    const hk: number[] = [];
    for (let i = 0; i < c.y.length; i++, row++) {
      let v = 0;
      if (inv)
        for (let a = 0; a < p; a++)
          for (let b = 0; b < p; b++) v += J[row * p + a] * inv[a * p + b] * J[row * p + b];
      hk.push(v);
    }
    out.push(hk);
  }
  return out;
}
