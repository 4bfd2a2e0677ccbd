import { masterPlotCurve } from '../analysis/masterplot/master-plots.ts';
import { characteristicMaxima, malekDiagnosis, rankModels } from '../analysis/masterplot/match-models.ts';
import { friedman } from '../analysis/isoconversional/friedman.ts';
import { InputError } from '../core/input-error.ts';
import { pushAll } from '../core/arrays.ts';
import { maxOf, minOf } from '../core/statistics.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { assertEnoughDistinctRates } from '../trust/rates.ts';
import { dedupeWarnings } from '../trust/legacy.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { CHECK_ALPHAS } from './kissinger.ts';
import { loadCurves, smoothingJson, type RunsInput } from './run-sources.ts';

/**
 * `ckin masterplot`: reaction-model identification for a single step (issue 17 item 6). The master plots y(α) and
 * z(α) of every run (src/analysis/masterplot/master-plots.ts) with Ea given or the mean Friedman Ea over α 0.1–0.9,
 * averaged over the runs, compared with the model library and ranked by the RMS distance
 * (src/analysis/masterplot/match-models.ts), with Málek's characteristic maxima α_y and α_z∞ and his diagnosis.
 */
export interface MasterPlotOptions extends RunsInput, UseCaseCallbacks {
  /** Activation energy, kJ/mol (default: mean Friedman Ea over α 0.1–0.9 of the runs). */
  Ea_kJ_mol?: number;
}

/** α grid of the master plots: 0.02…0.98 step 0.01. */
const ALPHAS = Array.from({ length: 97 }, (_, k) => Math.round((0.02 + 0.01 * k) * 100) / 100);
/** Friedman Ea(α) varying more than this (relative, α 0.1–0.9) means more than one step. */
const EA_VARIATION_MAX = 0.2;
/** A best match with a larger score does not describe the data. */
const SCORE_MAX = 0.1;
/** Runs whose master plots differ from the mean by more than this RMS are not one single-step process. */
const RUN_SPREAD_MAX = 0.1;

export type MasterPlotJson = ReturnType<typeof masterplot>;

export function masterplot(opts: MasterPlotOptions) {
  const given = opts.Ea_kJ_mol;
  if (given !== undefined && !(Number.isFinite(given) && given > 0))
    throw new InputError(`--Ea-kJ-mol: expected a positive number of kJ/mol, got ${given}`);
  const { curves, warnings: read } = loadCurves(opts);
  const warnings: ResultWarning[] = [...read];
  let Ea = given;
  let friedmanRange: [number, number] | null = null;
  if (Ea === undefined) {
    pushAll(warnings, assertEnoughDistinctRates(curves, 'Master plots without --Ea-kJ-mol (Friedman)'));
    const rows = friedman(curves, CHECK_ALPHAS).rows.filter((r) => Number.isFinite(r.Ea_kJ_mol));
    if (rows.length === 0) throw new InputError('Friedman gives no Ea for these runs: give --Ea-kJ-mol');
    const eas = rows.map((r) => r.Ea_kJ_mol);
    Ea = eas.reduce((a, b) => a + b, 0) / eas.length;
    friedmanRange = [minOf(eas), maxOf(eas)];
    const variation = (friedmanRange[1] - friedmanRange[0]) / Ea;
    if (variation > EA_VARIATION_MAX)
      warnings.push(
        warning(
          'masterplot.ea_varies',
          'unreliable',
          `Friedman Ea varies ${friedmanRange[0].toFixed(0)}–${friedmanRange[1].toFixed(0)} kJ/mol (${(100 * variation).toFixed(0)} %) over α 0.1–0.9: the process is not single-step, and one f(α) cannot describe it`,
        ),
      );
  }
  const runs = curves.map((c) => masterPlotCurve(c, Ea, ALPHAS));
  const y = ALPHAS.map((_, i) => runs.reduce((s, r) => s + r.y[i], 0) / runs.length);
  const z = ALPHAS.map((_, i) => runs.reduce((s, r) => s + r.z[i], 0) / runs.length);
  for (const r of runs) {
    let s = 0;
    let k = 0;
    ALPHAS.forEach((a, i) => {
      if (a < 0.1 - 1e-9 || a > 0.9 + 1e-9) return;
      s += (r.y[i] - y[i]) ** 2;
      k++;
    });
    const spread = Math.sqrt(s / k);
    if (spread > RUN_SPREAD_MAX)
      warnings.push(
        warning(
          'masterplot.runs_disagree',
          'caution',
          `${r.file ?? `${r.beta_K_min} K/min`}: its y(α) differs from the mean of the runs by RMS ${spread.toFixed(3)}: the master plots depend on the heating rate (wrong Ea, or more than one step)`,
          { file: r.file },
        ),
      );
  }
  const { ranking, sb } = rankModels(ALPHAS, y, z);
  const best = ranking[0];
  if (best.score > SCORE_MAX)
    warnings.push(
      warning(
        'masterplot.no_match',
        'caution',
        `the best model (${best.name}) is ${best.score.toFixed(3)} away from the master plots (> ${SCORE_MAX}): no model of the library describes the data${sb ? ` (Šesták–Berggren m ${sb.params!.m.toFixed(2)}, n ${sb.params!.n.toFixed(2)}: ${sb.score.toFixed(3)})` : ''}`,
      ),
    );
  const maxima = characteristicMaxima(ALPHAS, y, z);
  const ws = dedupeWarnings(warnings);
  return {
    method: 'master-plots' as const,
    Ea_kJ_mol: Ea,
    Ea_source: given !== undefined ? ('given' as const) : ('friedman' as const),
    Ea_friedman_range_kJ_mol: friedmanRange,
    alpha: ALPHAS,
    y,
    z,
    runs: runs.map((r) => ({ file: r.file ?? null, beta_K_min: r.beta_K_min, y: r.y, z: r.z })),
    alpha_y_max: maxima.alpha_y_max,
    alpha_z_max: maxima.alpha_z_max,
    diagnosis: malekDiagnosis(maxima.alpha_y_max, maxima.alpha_z_max),
    best: best.name,
    ranking: ranking.map((m) => ({ model: m.name, score: m.score, d_y: m.d_y, d_z: m.d_z, y: m.y, z: m.z })),
    /** Šesták–Berggren α^m(1−α)^n fitted to y(α), beside the ranking (two free exponents always fit at least as well). */
    sestak_berggren: sb
      ? { m: sb.params!.m, n: sb.params!.n, score: sb.score, d_y: sb.d_y, d_z: sb.d_z, y: sb.y, z: sb.z }
      : null,
    quality: qualityOf(ws),
    warnings: ws,
    smoothing: smoothingJson(curves, opts.smoothing),
  };
}
