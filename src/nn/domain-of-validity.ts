/**
 * The CNN's domain of validity: checks run on every prediction so that a number the network cannot support never
 * comes out as an ordinary result (issue 16, "CNN"; science.md §5–6).
 *
 * - **Re-simulation** (`cnn.resimulation-mismatch`): the curves are simulated again at the predicted (Ea, lgA) with
 *   the model's exponent (n = 3 for the shipped models) at the input's own heating rates, on the model's grid, and
 *   peak-normalized like the input (`jmaCleanCurves` → `peakNormalize`, exactly the generator's path). Each input
 *   curve y is compared with ŷ = a·s + b + c·t (s the simulated curve, t the grid position 0…1: the height and a
 *   linear baseline fitted by least squares, since measured — and the paper's noisy — curves carry a baseline offset
 *   and ramp, and their peak normalization divides by a noisy maximum); the worst per-rate coefficient of
 *   determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² below 0.95 makes the prediction
 *   unreliable: the data are then not curves the predicted triplet produces (another n, a multi-step process, a
 *   rate mismatch, or simply a wrong answer). Cost ≈ 0.1 ms (one closed-form evaluation per rate).
 * - **No reaction** (`cnn.no-reaction`): a curve whose peak is not above its own point-to-point noise
 *   (signal-to-noise ratio below `MIN_PEAK_SNR`), or, for a measured run, whose conversion goes up and down with no
 *   net change (∫|dα/dT| dT / |∫dα/dT dT| above `MAX_VARIATION_RATIO`; 1.00–1.01 for real single-step runs, ≥ 100
 *   for a flat, noisy mass signal) has no reaction to learn from; peak normalization would blow noise up to a "peak"
 *   of height 1.
 * - **Peak outside the window** (`cnn.peak-outside-window`): the dα/dT maximum on the model's grid lies within
 *   `DEFAULT_VALIDITY.edgeMargin_points` of an edge, where the training set had no valid samples — caution; on the
 *   edge itself (the peak is outside the window: a truncated rise that many triplets reproduce, so the
 *   re-simulation cannot tell a wrong answer) — unreliable.
 * - **Unfinished run** (`cnn.run-unfinished`): the measured curve ends (or the grid ends) while dα/dT is still above
 *   `UNFINISHED_FRACTION` of its peak: the network sees a truncated peak.
 * - **Heating rates** (`cnn.rates-outside-training`): an input rate more than 10 % from the rate the model was
 *   trained at. The use case refuses such input unless forced; forced, the prediction is unreliable (the shipped
 *   models ignore their rate inputs: their training always used 10/30/60 K/min).
 *
 * All functions are pure (no I/O); warnings are `ResultWarning`s (src/core/warnings.ts).
 */
import { jmaCleanCurves } from '../synth/synthesize.ts';
import { peakNormalize, argMax } from '../synth/peak-normalize.ts';
import { DEFAULT_VALIDITY } from '../synth/validity.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { fmt } from '../core/format.ts';
import { solveSpd } from '../analysis/fit/linear-solve.ts';

/** Worst per-rate re-simulation R² below which a prediction is unreliable (issue 16: catches 41/42 errors > 10 kJ/mol). */
export const MIN_RESIMULATION_R2 = 0.95;
/** Peak height over robust point-to-point noise below which a curve is taken to show no reaction. */
export const MIN_PEAK_SNR = 8;
/** ∫|dα/dT| dT over |∫dα/dT dT| of a measured run above which it shows no net reaction (noise only). */
export const MAX_VARIATION_RATIO = 3;
/** dα/dT at the end of the measured range above this fraction of the peak: the run stops before the reaction ends. */
export const UNFINISHED_FRACTION = 0.1;
/** Largest relative difference between an input rate and the model's training rate (10 %). */
export const MAX_RATE_DEVIATION = 0.1;

/** One curve as the network sees it: peak-normalized dα/dT on the model's grid, in heating-rate order. */
export interface GridCurve {
  beta_K_min: number;
  dadT_per_K: ArrayLike<number>;
  file?: string;
}

/** Per-rate R² of the re-simulated curves against the input, and the worst of them. */
export interface ResimulationFit {
  r2: number[];
  worstR2: number;
}

/** R² = 1 − SSE/SST of a model curve against data (−∞ … 1; NaN when the data are constant). */
export function coefficientOfDetermination(data: ArrayLike<number>, model: ArrayLike<number>): number {
  const n = data.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += data[i];
  mean /= n;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    sse += (data[i] - model[i]) ** 2;
    sst += (data[i] - mean) ** 2;
  }
  return sst > 0 ? 1 - sse / sst : NaN;
}

/**
 * R² of `data` against `a·model + b + c·t` (t = i/(N−1)) with (a, b, c) fitted by least squares: how well the model
 * curve explains the data up to its height and a linear baseline. A fitted height a ≤ 0 (the model peak does not
 * explain the data at all) gives −∞; NaN when the data are constant; a degenerate design falls back to the plain R².
 */
export function baselineAdjustedR2(data: ArrayLike<number>, model: ArrayLike<number>): number {
  const n = data.length;
  const A = new Float64Array(9);
  const rhs = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const t = n > 1 ? i / (n - 1) : 0;
    const x = [model[i], 1, t];
    for (let j = 0; j < 3; j++) {
      rhs[j] += x[j] * data[i];
      for (let k = 0; k < 3; k++) A[3 * j + k] += x[j] * x[k];
    }
  }
  const coef = solveSpd(A, rhs, 3);
  if (!coef) return coefficientOfDetermination(data, model); // degenerate design (e.g. a flat model curve)
  if (!(coef[0] > 0)) return -Infinity;
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) fitted[i] = coef[0] * model[i] + coef[1] + coef[2] * (n > 1 ? i / (n - 1) : 0);
  return coefficientOfDetermination(data, fitted);
}

/**
 * Re-simulate the curves at the predicted triplet and compare with the input (both peak-normalized, on `grid_K`).
 * A triplet that gives no signal on the grid (nothing reacts, or all before the first point) scores R² = −∞.
 *
 * @param grid_K the model's grid temperatures, K (α = 0 at the first one, as in the training data)
 * @param n the model's JMA exponent (3 for the shipped models)
 */
export function resimulationFit(
  curves: readonly GridCurve[],
  predicted: { Ea_kJ_mol: number; lgA_s: number },
  grid_K: ArrayLike<number>,
  n = 3,
): ResimulationFit {
  let sim: Float64Array[] | undefined;
  if (Number.isFinite(predicted.Ea_kJ_mol) && predicted.Ea_kJ_mol > 0 && Number.isFinite(predicted.lgA_s)) {
    sim = jmaCleanCurves(
      { Ea_kJ_mol: predicted.Ea_kJ_mol, lgA_s: predicted.lgA_s, n },
      curves.map((c) => c.beta_K_min),
      grid_K,
    ).dadT_per_K;
  }
  const r2 = curves.map((c, r) => {
    const s = sim?.[r];
    if (!s || !s.some((v) => v > 0)) return -Infinity;
    const r2 = baselineAdjustedR2(c.dadT_per_K, peakNormalize(s));
    return Number.isNaN(r2) ? -Infinity : r2;
  });
  return { r2, worstR2: r2.reduce((a, b) => Math.min(a, b), Infinity) };
}

/**
 * Peak signal-to-noise ratio of a curve: peak height over the robust noise level σ = 1.4826 · median|Δy| / √2
 * (point-to-point differences of the grid curve, so a smooth peak contributes little). Infinite for a noise-free
 * curve.
 */
export function peakSnr(curve: ArrayLike<number>): number {
  const n = curve.length;
  if (n < 3) return 0;
  const d = new Float64Array(n - 1);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, curve[i]);
    if (i > 0) d[i - 1] = Math.abs(curve[i] - curve[i - 1]);
  }
  d.sort();
  const med = d.length % 2 ? d[(d.length - 1) / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
  const sigma = (1.4826 * med) / Math.SQRT2;
  if (!(peak > 0)) return 0;
  return sigma > 0 ? peak / sigma : Infinity;
}

/** Curves that show no reaction (peak SNR below `MIN_PEAK_SNR`), with their SNR. */
export function curvesWithoutReaction(curves: readonly GridCurve[]): { index: number; snr: number }[] {
  const out: { index: number; snr: number }[] = [];
  curves.forEach((c, index) => {
    const snr = peakSnr(c.dadT_per_K);
    if (!(snr >= MIN_PEAK_SNR)) out.push({ index, snr });
  });
  return out;
}

/** Input rates more than `MAX_RATE_DEVIATION` from the model's training rates (both in ascending order). */
export function rateMismatches(
  rates_K_min: readonly number[],
  trainingRates_K_min: readonly number[],
): { index: number; beta_K_min: number; trained_K_min: number }[] {
  const out: { index: number; beta_K_min: number; trained_K_min: number }[] = [];
  rates_K_min.forEach((b, index) => {
    const t = trainingRates_K_min[index];
    if (!(Math.abs(b - t) <= MAX_RATE_DEVIATION * t)) out.push({ index, beta_K_min: b, trained_K_min: t });
  });
  return out;
}

/** What the checks need besides the curves and the prediction. */
export interface DomainContext {
  /** The model's grid temperatures, K. */
  grid_K: ArrayLike<number>;
  /** The model's training heating rates, K/min, ascending. */
  trainingRates_K_min: readonly number[];
  /** The model's JMA exponent (3 for the shipped models). */
  n?: number;
  /**
   * Per curve (same order), dα/dT at the end of the measured range relative to the curve's maximum, when the
   * curves came from measured runs (the grid curve is 0 beyond the measured range, so this is lost on the grid).
   */
  endFraction?: readonly number[];
  /** Per curve, ∫|dα/dT| dT / |∫dα/dT dT| of the measured run (`PreparedSample.variationRatio`), when measured. */
  variationRatio?: readonly number[];
}

/** The outcome of the domain-of-validity checks of one prediction. */
export interface DomainCheck {
  /** Per-rate R² of the re-simulated curves. */
  resimulation_r2: number[];
  worst_r2: number;
  warnings: ResultWarning[];
}

/** A heating rate in messages (4 significant digits). */
function num(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** Label of curve r in messages: its file, else its heating rate. */
function label(c: GridCurve): string {
  return c.file ?? `the ${num(c.beta_K_min)} K/min curve`;
}

/**
 * Every domain-of-validity check of one prediction (see the file comment), as warnings. Rates off the training
 * rates give an `unreliable` warning here; refusing them (unless forced) is the use case's decision.
 */
export function checkCnnDomain(
  curves: readonly GridCurve[],
  predicted: { Ea_kJ_mol: number; lgA_s: number },
  ctx: DomainContext,
): DomainCheck {
  const warnings: ResultWarning[] = [];
  const rates = curves.map((c) => c.beta_K_min);
  for (const m of rateMismatches(rates, ctx.trainingRates_K_min)) {
    warnings.push(
      warning(
        'cnn.rates-outside-training',
        'unreliable',
        `${label(curves[m.index])}: heating rate ${num(m.beta_K_min)} K/min, but the model was trained at ` +
          `${num(m.trained_K_min)} K/min ` +
          '(the shipped models ignore their rate inputs: their prediction is the one for the training rates)',
        { file: curves[m.index].file },
      ),
    );
  }
  const lowSnr = new Map(curvesWithoutReaction(curves).map((c) => [c.index, c.snr]));
  curves.forEach((c, r) => {
    const snr = lowSnr.get(r);
    const tv = ctx.variationRatio?.[r];
    const noisy = tv !== undefined && !(tv <= MAX_VARIATION_RATIO);
    if (snr === undefined && !noisy) return;
    const why = [
      ...(snr !== undefined
        ? [`the dα/dT peak is not above the noise (peak/noise ${fmt(snr, 1)}, need ≥ ${MIN_PEAK_SNR})`]
        : []),
      ...(noisy
        ? [
            `the conversion goes up and down with no net change (∫|dα/dT|dT / ∫dα/dT dT = ${fmt(tv, 1)}, a reaction gives ≈ 1)`,
          ]
        : []),
    ];
    warnings.push(
      warning('cnn.no-reaction', 'unreliable', `${label(c)}: no reaction — ${why.join('; ')}`, {
        file: c.file,
      }),
    );
  });
  const P = ctx.grid_K.length;
  const margin = DEFAULT_VALIDITY.edgeMargin_points;
  curves.forEach((c, r) => {
    const k = argMax(c.dadT_per_K);
    if (k < margin || k > P - 1 - margin) {
      const atEdge = k === 0 || k === P - 1;
      warnings.push(
        warning(
          'cnn.peak-outside-window',
          atEdge ? 'unreliable' : 'caution',
          `${label(c)}: the dα/dT peak is at ${fmt(ctx.grid_K[k] - 273.15, 0)} °C, within ${margin} grid steps of ` +
            `the edge of the model's window ${fmt(ctx.grid_K[0] - 273.15, 0)}–${fmt(ctx.grid_K[P - 1] - 273.15, 0)} °C ` +
            (atEdge
              ? '(the maximum is on the edge: the peak is outside the window, and a truncated peak does not determine Ea and lgA)'
              : '(no valid training sample has its peak there: lgA is poorly determined)'),
          { file: c.file },
        ),
      );
    }
    const gridEnd = c.dadT_per_K[P - 1];
    const end = Math.max(ctx.endFraction?.[r] ?? 0, Number.isFinite(gridEnd) ? gridEnd : 0);
    if (end > UNFINISHED_FRACTION) {
      warnings.push(
        warning(
          'cnn.run-unfinished',
          'caution',
          `${label(c)}: the run ends while dα/dT is still ${fmt(100 * end, 0)} % of its peak — the reaction is ` +
            'unfinished, and the network sees a truncated peak',
          { file: c.file },
        ),
      );
    }
  });
  const fit = resimulationFit(curves, predicted, ctx.grid_K, ctx.n ?? 3);
  if (!(fit.worstR2 >= MIN_RESIMULATION_R2)) {
    const worst = fit.r2.indexOf(fit.worstR2);
    warnings.push(
      warning(
        'cnn.resimulation-mismatch',
        'unreliable',
        `the curves simulated at the predicted Ea ${fmt(predicted.Ea_kJ_mol, 1)} kJ/mol, lgA ${fmt(predicted.lgA_s, 2)} ` +
          `(n = ${ctx.n ?? 3}) do not reproduce the data: R² ${fmt(fit.worstR2, 3)} for ${label(curves[worst])} ` +
          `(need ≥ ${MIN_RESIMULATION_R2}); the input is outside what the network learned (another n, several ` +
          'steps, other rates) or the answer is wrong — use `ckin fit` or `ckin iso`',
        { file: curves[worst].file },
      ),
    );
  }
  return { resimulation_r2: fit.r2, worst_r2: fit.worstR2, warnings };
}
