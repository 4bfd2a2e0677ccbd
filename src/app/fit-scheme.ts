import { InputError } from '../core/input-error.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { packageVersion } from '../core/version.ts';
import { qualityOf } from '../core/warnings.ts';
import type { Run } from '../io/run.ts';
import { runToConversionCurve } from '../analysis/conversion-curve.ts';
import { parseScheme } from '../fit/scheme.ts';
import { fitScheme, type MultistepFitResult } from '../fit/multistep-fit.ts';
import { chooseScheme, type Candidate } from '../fit/model-choice.ts';
import type { MultistepRun, Observable } from '../fit/multistep-problem.ts';
import { bootstrapScheme, type SchemeBootstrap } from '../fit/scheme-bootstrap.ts';
import { checkWork } from '../core/work-limits.ts';
import { toSavedModel, type SavedSchemeModel, type SavedUncertainty } from '../fit/saved-model.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { readRuns, type RunsInput } from './run-sources.ts';
import { fromUserValues } from './user-values.ts';
import { deconvolveCurve } from '../analysis/deconvolution/deconvolve-curve.ts';
import { peakKinetics } from '../analysis/deconvolution/peak-kinetics.ts';
import { linearBaseline } from '../analysis/dsc-baseline.ts';
import { initialGuessFromDeconvolution, type DeconvolutionStepGuess } from '../fit/deconvolution-guess.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { CHECK_ALPHAS } from './kissinger.ts';
import { minOf, maxOf } from '../core/statistics.ts';
import { writeSchemeFitReport } from '../report/scheme-fit-report.ts';

/**
 * `ckin fit --scheme "A->B:Fn; B->C:Fn"` / `--steps auto`: a multi-step reaction scheme fitted globally to all
 * heating rates (src/fit/multistep-fit.ts), on the DTG dα/dT of TGA runs or on the DSC heat flow
 * (`signal: 'heatflow'`, or runs that have only a heat flow), with model choice among candidates.
 */
export interface FitSchemeOptions extends RunsInput, UseCaseCallbacks {
  /** The scheme (steps `X->Y:Model;…` or `consecutive:3`, `parallel:2`, `competitive:2`). */
  scheme?: string;
  /** `auto`: fit the candidate schemes and choose by AICc; a number: the same, up to that many steps. */
  steps?: 'auto' | number;
  /** Per-run linear baseline fitted with the heat flow (default none). */
  baseline?: 'none' | 'linear';
  /** Seed of the differential evolution (integer, default 0). */
  seed?: number;
  /** Temperature where the ramp (and the reaction) starts, K (default: each run's first point in the window). */
  T0_K?: number;
  /** Ea search bounds of every step, kJ/mol (default 20–400). */
  Ea_bounds_kJ_mol?: [number, number];
  /** Write the fitted model here (atomically), the file `simulateScheme` reads. */
  save?: string;
  /** Thin each run to at most this many points for the fit (default 300). */
  maxPointsPerRun?: number;
  /** Wild-bootstrap refits of the fitted scheme (src/fit/scheme-bootstrap.ts; 0/undefined: none). */
  bootstrap?: number;
  /** `wild` (default): residual signs flipped; `cases`: the heating-rate runs resampled with replacement. */
  bootstrapKind?: 'wild' | 'cases';
  /**
   * With `scheme`: also start the fit from a kinetic deconvolution of the runs into as many Fraser–Suzuki peaks as
   * the scheme has steps (per-peak Kissinger and Friedman values, src/fit/deconvolution-guess.ts); the start the
   * answer came from is `search.start_source`. Default false (it costs one deconvolution per run).
   */
  deconvolutionStart?: boolean;
}

/** The JSON of `ckin fit --scheme`; `bootstrap` only from `fitMultistep` (null without `--bootstrap`). */
export type FitSchemeJson = ReturnType<typeof fitSchemeJson> & { bootstrap?: SchemeBootstrap | null };

function thin<T>(a: T[], keep: number[]): T[] {
  return keep.map((i) => a[i]);
}

function thinIndex(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let q = 0; q < max; q++) out.push(Math.round((q * (n - 1)) / (max - 1)));
  return out;
}

/** Heat flow of a DSC run over the window, strictly increasing in T. */
function heatFlowRun(run: Run, opts: FitSchemeOptions): MultistepRun {
  const file = run.file;
  const hf = run.heatFlow_W_g;
  if (!hf) throw new InputError('no heat-flow column (W/g) for --signal heatflow', { file });
  const beta = run.heatingRate_K_min;
  if (beta === undefined || !(beta > 0))
    throw new InputError('heating rate unknown: give it with --rates (K/min) or in the file name', { file });
  const [lo, hi] = opts.window_K ?? [-Infinity, Infinity];
  const T: number[] = [];
  const y: number[] = [];
  run.temperature_K.forEach((t, i) => {
    if (!(t >= lo && t <= hi) || !Number.isFinite(hf[i])) return;
    if (T.length && t <= T[T.length - 1]) return; // keep the heating segment strictly increasing
    T.push(t);
    y.push(hf[i]);
  });
  if (T.length < 8) throw new InputError(`only ${T.length} usable points in the window (need ≥ 8)`, { file });
  return { beta_K_min: beta, T_K: T, y, file };
}

/** The runs of a scheme fit and what their signal is. */
export function schemeRuns(opts: FitSchemeOptions): { runs: MultistepRun[]; observable: Observable } {
  const raw = readRuns(opts);
  const heat =
    opts.signal === 'heatflow' ||
    (opts.signal === undefined && raw.every((r) => r.heatFlow_W_g && !r.mass_mg && !r.mass_pct && !r.alpha));
  const max = opts.maxPointsPerRun ?? 300;
  const runs: MultistepRun[] = raw.map((r) => {
    if (heat) {
      const h = heatFlowRun(r, opts);
      const keep = thinIndex(h.T_K.length, max);
      return { ...h, T_K: thin(h.T_K, keep), y: thin(h.y, keep), T0_K: opts.T0_K };
    }
    const c = runToConversionCurve(r, { window_K: opts.window_K, smoothing: opts.smoothing });
    const keep = thinIndex(c.T_K.length, max);
    return {
      beta_K_min: c.beta_K_min,
      T_K: thin(c.T_K, keep),
      y: thin(c.dadT_per_K, keep),
      file: c.file,
      T0_K: opts.T0_K,
    };
  });
  for (const r of runs)
    if (opts.T0_K !== undefined && !(opts.T0_K <= r.T_K[0]))
      throw new InputError(`--t0 must lie at or below the first temperature of every run`, { file: r.file });
  return { runs, observable: heat ? 'heatflow' : 'conversion-rate' };
}

export function fitMultistep(opts: FitSchemeOptions): FitSchemeJson {
  if ((opts.scheme === undefined) === (opts.steps === undefined))
    throw new InputError('give either --scheme or --steps auto');
  if (opts.seed !== undefined && !Number.isInteger(opts.seed))
    throw new InputError(`--seed: expected an integer, got "${opts.seed}"`);
  if (typeof opts.steps === 'number' && !(Number.isInteger(opts.steps) && opts.steps >= 1 && opts.steps <= 4))
    throw new InputError(`--steps: expected auto or a number of steps from 1 to 4, got "${opts.steps}"`);
  const E = opts.Ea_bounds_kJ_mol;
  if (E && !(E[0] > 0 && E[1] > E[0])) throw new InputError('Ea bounds: expected 0 < lo < hi kJ/mol');
  const scheme =
    opts.scheme !== undefined ? fromUserValues('--scheme', () => parseScheme(opts.scheme!)) : undefined;
  const { runs, observable } = schemeRuns(opts);
  const fitOpts = {
    observable,
    baseline: opts.baseline ?? 'none',
    seed: opts.seed ?? 0,
    Ea_kJ_mol: E,
    onProgress: opts.onProgress,
  };
  let res: MultistepFitResult;
  let candidates: Candidate[] = [];
  let guess: DeconvolutionStepGuess[] | undefined;
  const guessWarnings: ResultWarning[] = [];
  if (opts.bootstrapKind !== undefined && !['wild', 'cases'].includes(opts.bootstrapKind))
    throw new InputError(`--bootstrap-kind: expected wild or cases, got "${String(opts.bootstrapKind)}"`);
  if (opts.deconvolutionStart && !scheme)
    throw new InputError('--deconvolution-start needs --scheme (not --steps)');
  if (scheme && opts.deconvolutionStart) {
    const g = deconvolutionGuess(runs, scheme.steps.length);
    if (typeof g === 'string')
      guessWarnings.push(warning('multistep.deconvolution-start-unavailable', 'info', g));
    else guess = g;
  }
  if (scheme) {
    res = fitScheme(scheme, runs, { ...fitOpts, deconvolution: guess });
    if (guessWarnings.length) res = { ...res, warnings: [...res.warnings, ...guessWarnings] };
  } else {
    const choice = chooseScheme(runs, {
      ...fitOpts,
      maxSteps: opts.steps === 'auto' ? undefined : opts.steps,
    });
    res = choice.best;
    candidates = choice.candidates;
  }
  let boot: SchemeBootstrap | undefined;
  if (opts.bootstrap) {
    checkWork('schemeBootstrapReplicates', opts.bootstrap);
    boot = bootstrapScheme(parseScheme(res.scheme), runs, res, {
      ...fitOpts,
      replicates: opts.bootstrap,
      kind: opts.bootstrapKind ?? 'wild',
      // Wild replicates keep the runs, so they can start from the same deconvolution guess (its peak temperatures are
      // per run); resampled runs cannot.
      deconvolution: opts.bootstrapKind === 'cases' ? undefined : guess,
    });
    res = { ...res, warnings: [...res.warnings, ...boot.warnings] };
  }
  for (const w of res.warnings) opts.onLog?.(`warning: ${w.message}`);
  const model = savedModel(res, runs);
  if (opts.save !== undefined) {
    writeFileAtomic(opts.save, JSON.stringify(model, null, 2) + '\n');
    opts.onLog?.(`model written to ${opts.save}`);
  }
  return { ...fitSchemeJson(res, candidates, model, opts.save), bootstrap: boot ?? null };
}

/**
 * Per-peak starts for a scheme of K steps: each run's signal (dα/dT, or the heat flow over the straight line through
 * its ends, sign made positive) split into K Fraser–Suzuki peaks, peak k analysed across the rates by Kissinger and
 * Friedman (as `ckin deconvolve`). A string says why there is no guess.
 */
function deconvolutionGuess(runs: MultistepRun[], K: number): DeconvolutionStepGuess[] | string {
  if (new Set(runs.map((r) => r.beta_K_min)).size < 2)
    return 'no deconvolution start: per-peak kinetics need at least two heating rates';
  try {
    const fits = runs.map((r) => {
      const b = linearBaseline(r.T_K, r.y);
      const y = r.y.map((v, i) => v - b[i]);
      const sign = Math.abs(minOf(y)) > Math.abs(maxOf(y)) ? -1 : 1;
      return deconvolveCurve(
        r.T_K,
        y.map((v) => sign * v),
        { peaks: K },
      );
    });
    const rates = runs.map((r) => r.beta_K_min);
    const files = runs.map((r) => r.file);
    return initialGuessFromDeconvolution(
      Array.from({ length: K }, (_, k) => {
        const peaks = fits.map((d) => d.peaks[k]);
        return {
          kinetics: peakKinetics(peaks, rates, CHECK_ALPHAS, files),
          T_peak_K: peaks.map((p) => p.T_p_K),
          areaFraction: peaks.map((p) => p.areaFraction),
        };
      }),
    );
  } catch (e) {
    if (e instanceof RangeError || e instanceof InputError) return `no deconvolution start: ${e.message}`;
    throw e;
  }
}

function savedModel(res: MultistepFitResult, runs: MultistepRun[]): SavedSchemeModel {
  // The temperatures where the reaction shows in the data (|signal| ≥ 2 % of each run's peak), not the whole
  // recorded window: the predictions' extrapolation factor is measured against this range.
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of runs) {
    let peak = 0;
    for (const v of r.y) peak = Math.max(peak, Math.abs(v));
    r.T_K.forEach((T, i) => {
      if (Math.abs(r.y[i]) >= 0.02 * peak) {
        lo = Math.min(lo, T);
        hi = Math.max(hi, T);
      }
    });
  }
  if (!Number.isFinite(lo))
    for (const r of runs) {
      lo = Math.min(lo, r.T_K[0]);
      hi = Math.max(hi, r.T_K[r.T_K.length - 1]);
    }
  return toSavedModel(
    parseScheme(res.scheme),
    res.kinetics,
    res.amplitudes,
    res.observable,
    {
      files: runs.map((r) => r.file ?? null),
      beta_K_min: runs.map((r) => r.beta_K_min),
      T_range_K: [lo, hi],
    },
    {
      sse: res.sse,
      n_points: res.n_points,
      n_params: res.n_params,
      aicc: res.aicc,
      bic: res.bic,
      min_r2: res.runs.reduce((m, r) => Math.min(m, r.r2), 1),
    },
    `cathode-kinetics ${packageVersion()}`,
    savedUncertainty(res),
  );
}

/** The kinetic and amplitude parameters' standard errors and correlation (baselines dropped), for the model file. */
function savedUncertainty(res: MultistepFitResult): SavedUncertainty | undefined {
  if (!res.correlation) return undefined;
  const se = new Map<string, number | null>();
  res.steps.forEach((st, j) => {
    const p = `step ${j + 1} `;
    se.set(p + 'Ea_kJ_mol', st.se.Ea_kJ_mol);
    se.set(p + 'lgA_s', st.se.lgA_s);
    for (const [k, v] of Object.entries(st.se.params)) se.set(p + k, v);
    se.set(p + (res.observable === 'heatflow' ? 'dH_J_g' : 'mass_fraction'), st.se.amplitude);
  });
  const keep = res.parameter_names
    .map((n, i) => [n, i] as const)
    .filter(([n]) => typeof se.get(n) === 'number');
  if (keep.length === 0) return undefined;
  return {
    parameter_names: keep.map(([n]) => n),
    se: keep.map(([n]) => se.get(n)!),
    correlation: keep.map(([, a]) => keep.map(([, b]) => res.correlation![a][b])),
  };
}

/** The JSON of a multi-step fit (units in every field name), as `ckin fit --scheme … --json` prints it. */
export function fitSchemeJson(
  res: MultistepFitResult,
  candidates: Candidate[],
  model: SavedSchemeModel,
  savedTo?: string,
) {
  return {
    method: 'multistep-fit',
    scheme: res.scheme,
    observable: res.observable,
    signal_unit: res.observable === 'heatflow' ? 'W/g' : '1/K',
    baseline: res.baseline,
    steps: res.steps,
    runs: res.runs,
    sse: res.sse,
    n_points: res.n_points,
    n_params: res.n_params,
    aic: res.aic,
    aicc: res.aicc,
    bic: res.bic,
    T_ref_K: res.T_ref_K,
    parameter_names: res.parameter_names,
    correlation: res.correlation,
    on_bound: res.on_bound,
    candidates,
    search: res.search,
    time_ms: res.time_ms,
    model,
    model_file: savedTo ?? null,
    quality: qualityOf(res.warnings),
    warnings: res.warnings,
  };
}

/**
 * Write the HTML report of a multi-step fit (`ckin fit --scheme … --report FILE`): the steps table, warnings and per
 * heating rate data, model, each step's contribution and residuals (src/report/scheme-fit-report.ts), atomically.
 */
export async function writeFitSchemeReport(
  res: FitSchemeJson,
  path: string,
  command: string,
): Promise<{ path: string; plots: number }> {
  const { svgCount } = await writeSchemeFitReport(path, res, {
    title: `Multi-step fit: ${res.scheme}`,
    command,
    version: packageVersion(),
  });
  return { path, plots: svgCount };
}
