import { InputError } from './input-error.ts';

/**
 * Bounds on every parameter that sizes work (memory or CPU time), in one place for the CLI, the library and the
 * API: a conversion grid with 10⁸ points, a 10⁹-replicate bootstrap or a 10¹² -step scan is refused with an
 * `InputError` naming the option (the CLI exits 2, the server answers 422) before any work or allocation starts.
 *
 * `max` bounds the CLI and library use cases (a long but finite run on a workstation); `apiMax`, where given, is the
 * tighter bound of the HTTP API, whose request schemas (src/server) take their `maximum` from this table, so that
 * one request cannot hold a worker for minutes. `min` is the smallest meaningful value.
 */
export interface WorkLimit {
  /** The option as the CLI spells it (used in messages). */
  option: string;
  /** What is counted, plural (used in messages). */
  what: string;
  min: number;
  max: number;
  apiMax?: number;
}

export const WORK_LIMITS = {
  /** Fraser–Suzuki peaks per run of `deconvolve` (`--peaks`, the API's `peaks`). */
  deconvPeaks: { option: '--peaks', what: 'peaks', min: 1, max: 8, apiMax: 6 },
  /** Points of the conversion grid α of `iso` (`--alpha FROM:TO:STEP`, the API's `alpha`). */
  alphaGridPoints: { option: '--alpha', what: 'conversion points', min: 1, max: 10_000, apiMax: 10_000 },
  /** Wild-bootstrap refits of the JMA fit (`fit --bootstrap`, POST /api/fit/bootstrap `samples`). */
  bootstrapReplicates: { option: '--bootstrap', what: 'replicates', min: 10, max: 100_000, apiMax: 1000 },
  /** Wild-bootstrap refits of a scheme fit (`fit --scheme … --bootstrap N`); each is a full fit. */
  schemeBootstrapReplicates: { option: '--bootstrap', what: 'scheme refits', min: 2, max: 2000, apiMax: 50 },
  /** Monte Carlo samples of the safety predictions (`safety --samples`). */
  monteCarloSamples: { option: '--samples', what: 'samples', min: 1, max: 1_000_000, apiMax: 5000 },
  /** Parameter draws of the model-file bands (`safety --model-file --samples`: one scheme integration per draw and prediction). */
  schemeSamples: { option: '--samples', what: 'parameter draws', min: 10, max: 5000, apiMax: 300 },
  /** Conversions of the safety times to α (`safety --alpha`). */
  safetyAlphas: { option: '--alpha', what: 'conversions', min: 1, max: 100, apiMax: 10 },
  /** Rows of a temperature program (`safety --program`). */
  programRows: { option: '--program', what: 'rows', min: 1, max: 1_000_000, apiMax: 10_000 },
  /** Ea steps of the KCE scan (`kce --steps`). */
  kceSteps: { option: '--steps', what: 'Ea steps', min: 2, max: 2000 },
  /** Ea samples per line of the KCE consistency check (`kce --samples`). */
  kceSamples: { option: '--samples', what: 'samples per line', min: 3, max: 10_000 },
  /** Temperature points of one simulated run, (to − from)/step + 1 (`simulate --step`). */
  simulatePoints: {
    option: '--step',
    what: 'temperature points per run',
    min: 2,
    max: 2_000_000,
    apiMax: 100_000,
  },
  /** Heating rates of one simulation (`simulate --rates`). */
  simulateRates: { option: '--rates', what: 'heating rates', min: 1, max: 100, apiMax: 12 },
  /** Data rows of one run file (any reader; the file-size limit bounds it too). */
  runRows: { option: 'rows', what: 'data rows', min: 1, max: 5_000_000 },
  /** Training epochs (`train --epochs`). */
  epochs: { option: '--epochs', what: 'epochs', min: 1, max: 100_000 },
  /** Training batch size (`train --batch`). */
  batch: { option: '--batch', what: 'samples per batch', min: 2, max: 65_536 },
  /** Samples of a synthetic dataset (`synth --n`). */
  synthSamples: { option: '--n', what: 'samples', min: 1, max: 10_000_000 },
  /** Threads of one command (`--threads`, `--workers`). */
  threads: { option: '--threads', what: 'threads', min: 1, max: 256 },
  /** Null-importance shuffles per target (`xai --shuffles`). */
  xaiShuffles: { option: '--shuffles', what: 'shuffles', min: 1, max: 1000, apiMax: 100 },
  /** Trees of the random forest (`xai --trees`). */
  xaiTrees: { option: '--trees', what: 'trees', min: 1, max: 2000, apiMax: 200 },
  /** Records explained with Shapley values (`xai --explain`). */
  xaiExplain: { option: '--explain', what: 'records', min: 1, max: 100_000, apiMax: 600 },
  /** Features explained exactly, 2ⁿ coalitions (`xai --max-exact`). */
  xaiMaxExact: { option: '--max-exact', what: 'features', min: 1, max: 20 },
  /** Coalition samples of Kernel SHAP (`xai --kernel-samples`). */
  xaiKernelSamples: { option: '--kernel-samples', what: 'coalition samples', min: 16, max: 100_000 },
  /** Background records of Kernel SHAP (`xai --background`). */
  xaiBackground: { option: '--background', what: 'background records', min: 1, max: 1000 },
  /** Cross-validation folds (`xai --folds`). */
  xaiFolds: { option: '--folds', what: 'folds', min: 2, max: 50 },
  /** Synthetic demo records (`xai --demo-n`, `db demo --n`). */
  demoRecords: { option: '--demo-n', what: 'records', min: 20, max: 1_000_000, apiMax: 2000 },
  /** Records predicted by one `xai predict` (the rows of its CSV). */
  xaiPredictRecords: { option: 'records', what: 'records', min: 1, max: 1_000_000, apiMax: 10_000 },
  /** Grid intervals per edge of the ternary maps (`xai predict --steps`; (n+1)(n+2)/2 points per map). */
  xaiTernarySteps: { option: '--steps', what: 'intervals per edge', min: 2, max: 400, apiMax: 100 },
  /** Savitzky–Golay window of dα/dT (`--sg-window`). */
  sgWindow: { option: '--sg-window', what: 'points', min: 5, max: 1001 },
} as const satisfies Record<string, WorkLimit>;

export type WorkParameter = keyof typeof WORK_LIMITS;

/** The upper bound of a parameter for the CLI and library (`cli`) or the HTTP API (`api`). */
export function workMax(param: WorkParameter, scope: 'cli' | 'api' = 'cli'): number {
  const l: WorkLimit = WORK_LIMITS[param];
  return scope === 'api' ? (l.apiMax ?? l.max) : l.max;
}

/**
 * Check one work-sizing value against its bound: an integer in [min, max] (`apiMax` with scope `api`). `option`
 * overrides the option name in the message (e.g. the API field). Returns the value.
 */
export function checkWork(
  param: WorkParameter,
  value: number,
  option?: string,
  scope: 'cli' | 'api' = 'cli',
): number {
  const l: WorkLimit = WORK_LIMITS[param];
  const name = option ?? l.option;
  const max = workMax(param, scope);
  if (!Number.isSafeInteger(value) || value < l.min || value > max) {
    const given = Number.isFinite(value) ? formatCount(value) : String(value);
    throw new InputError(
      `${name}: ${given} ${l.what} requested; expected an integer from ${formatCount(l.min)} to ${formatCount(max)}`,
    );
  }
  return value;
}

/**
 * The number of points of the conversion grid FROM, FROM+STEP, …, ≤ TO (as `defaultAlphaGrid` makes it), computed
 * without making it, so that a step of 1e-300 is refused before 10³⁰⁰ numbers are allocated.
 */
export function alphaGridPoints(from: number, to: number, step: number): number {
  return Math.floor((to - from) / step + 1e-9) + 1;
}

/** A count in a message: integers with thin grouping, huge values in exponent form. */
function formatCount(v: number): string {
  return Math.abs(v) < 1e15 && Number.isInteger(v) ? v.toLocaleString('en-US') : v.toExponential(3);
}
