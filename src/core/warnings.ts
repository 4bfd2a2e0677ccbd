/**
 * Warnings as data. Every result of the library (each Kissinger, each Ea(α) series, each fit, each prediction, each
 * safety number) carries `warnings: ResultWarning[]` and a `quality`; the CLI, the server, the report and the page
 * only display them. Codes are stable identifiers, listed with their remedy in `WARNING_CODES` and documented in
 * docs/warnings.md (a test checks that the two agree).
 */

/** How much a warning undermines the number it is attached to. */
export type Severity = 'info' | 'caution' | 'unreliable';

/** The quality of a result: the worst severity among its warnings (`info` does not lower it). */
export type Quality = 'ok' | 'caution' | 'unreliable';

/** One structured warning. `file`, `stage` and `alpha` say which part of the input or result it concerns. */
export interface ResultWarning {
  code: WarningCode;
  severity: Severity;
  message: string;
  file?: string;
  stage?: number;
  alpha?: number;
}

/** What each code means and what the user can do about it (docs/warnings.md is written from the same text). */
export interface WarningCodeInfo {
  meaning: string;
  remedy: string;
}

/**
 * The registry of warning codes. Add a code here (with its meaning and remedy) and in docs/warnings.md; never
 * rename or reuse a code, since scripts match on them.
 */
export const WARNING_CODES = {
  'generic.note': {
    meaning: 'A note on how the input was read or the result computed, with no effect on its reliability.',
    remedy: 'None needed; read the message.',
  },
  'analysis.warning': {
    meaning:
      'A problem the reader or the method itself noticed (a peak on a window edge, rows dropped, a rate taken from the file name…).',
    remedy: 'Read the message; it names the file and what to check.',
  },
  'rate.declared_mismatch': {
    meaning:
      'The declared heating rate (option, header or file name) differs by more than 5 % from the slope of the recorded T(t); the measured slope is used.',
    remedy: 'Check the rate you gave (or the file header); give --rates in the order of the files.',
  },
  'rate.filename_mismatch': {
    meaning:
      'The heating rate given differs by more than 5 % from the one written in the file name, and the file has no time column to decide.',
    remedy: 'Check which one is right; give --rates in the order of the files.',
  },
  'rate.merged': {
    meaning: 'Heating rates within 2 % of each other count as one rate (replicates).',
    remedy: 'None needed if they are replicates; otherwise check the declared rates.',
  },
  'rate.too_few': {
    meaning:
      'Fewer than 3 distinct heating rates: no Kissinger or isoconversional result is given (ICTAC 2011 asks for at least 3, better 5).',
    remedy: 'Measure more heating rates (e.g. 2, 5, 10, 20 K/min).',
  },
  'signal.jump': {
    meaning:
      'The mass signal jumps between two consecutive points far more than around them (a balance glitch): a false DTG peak and shifted α for the run; every multi-rate result using the run inherits the warning.',
    remedy: 'Cut the glitch out of the file (or repeat the run); check the crucible and the balance.',
  },
  'kissinger.ea_implausible': {
    meaning:
      'The Kissinger Ea is negative, below 20 kJ/mol or above 600 kJ/mol: no decomposition of a cathode has such an activation energy; the input is almost certainly wrong (rates paired with the wrong files, °C read as K, a glitch).',
    remedy: 'Check the rate of each file, the temperature unit and the peaks in the table.',
  },
  'kissinger.peaks_not_rising': {
    meaning:
      'The peak temperature does not rise with the heating rate, which every thermally activated process does.',
    remedy:
      'Check that each rate belongs to its file (--rates follows the order of the files) and the stage window.',
  },
  'kissinger.r2_low': {
    meaning: 'The Kissinger line fits its points poorly (R² below 0.98; below 0.9 it is unreliable).',
    remedy: 'Look at the points: a wrong rate, a misplaced peak or a change of mechanism with β.',
  },
  'kissinger.peak_below_0C': {
    meaning: 'A peak temperature below 0 °C: the temperatures were probably °C read as K.',
    remedy: 'Give --temperature-unit C (or fix the header).',
  },
  'kissinger.outside_iso_range': {
    meaning:
      'The Kissinger Ea lies outside the range of Ea(α) of the isoconversional analysis of the same runs.',
    remedy:
      'Trust the isoconversional Ea(α); Kissinger assumes one step and a peak at the same α for all rates.',
  },
  'kinetics.apparent': {
    meaning:
      'Ea(α) varies by more than 20 % over α 0.1–0.9: the process is not single-step, and a single Ea (Kissinger, a single-step fit, a prediction from it) is only an apparent value (ICTAC 2011).',
    remedy:
      'Use the isoconversional Ea(α) (Friedman or Vyazovkin), model-free predictions, or a multi-step fit.',
  },
  'kinetics.stage_overlap': {
    meaning:
      'The stage window cuts through a neighbouring process (dα/dT at a window edge is above 10 % of its maximum): α of the stage mixes two processes, and its Ea(α), Kissinger and fits are apparent.',
    remedy: 'Use a multi-step fit over both stages, or set --window where the signal returns to its baseline.',
  },
  'iso.ea_implausible': {
    meaning: 'Ea at this conversion is negative, below 20 kJ/mol or above 600 kJ/mol.',
    remedy:
      'Check the rates, the temperature unit and the stage window; look at the α(T) curves for glitches.',
  },
  'iso.uncertain': {
    meaning:
      'The standard error of Ea at this conversion exceeds 5 % of Ea: noise or scattered runs leave the value undetermined.',
    remedy: 'Use more heating rates, less noisy data or stronger smoothing (--sg-window); read the value as a range.',
  },
  'iso.scatter': {
    meaning:
      'Ea at this conversion jumps more than 10 % (and 10 kJ/mol) away from its neighbours; with two or more such jumps the whole series is cautioned. A real change of mechanism moves Ea(α) smoothly; noise or a glitch makes it jump.',
    remedy: 'Smooth more (--sg-window), check the α(T) curves for glitches, or use more heating rates.',
  },
  'iso.ea_varies': {
    meaning: 'Ea(α) varies by more than 20 % over α 0.1–0.9 (a multi-step process).',
    remedy: 'Report Ea(α) rather than one Ea; consider a multi-step fit.',
  },
  'iso.integral_biased': {
    meaning:
      'KAS and FWO integrate from α = 0 with a constant Ea; when Ea(α) varies they are biased (ICTAC 2011), beyond their stated limits.',
    remedy: 'Use Friedman or Vyazovkin (--method friedman|vyazovkin).',
  },
  'iso.methods_disagree': {
    meaning:
      'This isoconversional method and Friedman disagree beyond their combined 95 % limits at some conversions: the limits do not cover the other method.',
    remedy: 'Prefer Friedman or Vyazovkin; check the smoothing and the stage window.',
  },
  'fit.r2_low': {
    meaning:
      'The fitted model reproduces a run poorly (R² below 0.99; below 0.9 it is unreliable): model inadequate.',
    remedy: 'Try another reaction model or the multi-step fit; check the stage window.',
  },
  'fit.peak_offset': {
    meaning: 'The model peak lies more than 3 K from the data peak: model inadequate.',
    remedy: 'Try another reaction model or the multi-step fit.',
  },
  'fit.residuals_structured': {
    meaning:
      'The residuals are structured (Durbin–Watson statistic well below 2 while the fit is not excellent): the model misses a systematic feature.',
    remedy: 'Try another reaction model or the multi-step fit.',
  },
  'fit.on_bound': {
    meaning: 'A fitted parameter sits on its search bound: the optimum may lie outside the box.',
    remedy: 'Widen the bounds, or choose another model.',
  },
  'safety.extrapolation': {
    meaning:
      'The prediction lies outside the temperature range of the data behind the kinetic parameters (the extrapolation factor is in the message).',
    remedy:
      'Measure closer to the temperature of interest (slower rates, isothermal runs) or treat the number as indicative.',
  },
  'safety.time_out_of_range': {
    meaning: 'A predicted time is above 100 years or below 1 s: far outside anything the data can support.',
    remedy: 'Treat the number as "practically never" or "immediately"; do not quote it.',
  },
  'safety.multistep': {
    meaning:
      'The parameters come from a single-step description of a process flagged multi-step (Ea(α) varies): TMRad and times from them are apparent.',
    remedy: 'Use model-free predictions from Ea(α) or a multi-step fit.',
  },
  'batch.runs_refused': {
    meaning: 'Some runs of the batch were not analysed (unreadable, no peak, no heating rate…).',
    remedy: 'Read the reason given for each file.',
  },
} as const satisfies Record<string, WarningCodeInfo>;

export type WarningCode = keyof typeof WARNING_CODES;

/** Build a warning (the one constructor, so that every warning has the same shape). */
export function warning(
  code: WarningCode,
  severity: Severity,
  message: string,
  where: { file?: string; stage?: number; alpha?: number } = {},
): ResultWarning {
  const w: ResultWarning = { code, severity, message };
  if (where.file !== undefined) w.file = where.file;
  if (where.stage !== undefined) w.stage = where.stage;
  if (where.alpha !== undefined) w.alpha = where.alpha;
  return w;
}

const RANK: Record<Severity, number> = { info: 0, caution: 1, unreliable: 2 };

/** The quality implied by a list of warnings: the worst of them (`ok` when there are none or only `info`). */
export function qualityOf(warnings: readonly ResultWarning[]): Quality {
  let worst = 0;
  for (const w of warnings) worst = Math.max(worst, RANK[w.severity]);
  return worst === 2 ? 'unreliable' : worst === 1 ? 'caution' : 'ok';
}

/** The worse of two qualities. */
export function worseQuality(a: Quality, b: Quality): Quality {
  const r = { ok: 0, caution: 1, unreliable: 2 } as const;
  return r[a] >= r[b] ? a : b;
}
