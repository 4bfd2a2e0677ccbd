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
  // CNN predictions (src/nn/domain-of-validity.ts, src/app/predict.ts; docs/cnn.md "Domain of validity")
  'cnn.resimulation-mismatch': {
    meaning:
      'Curves simulated at the predicted (Ea, lgA) with the model’s n do not reproduce the input (worst per-rate R² < 0.95): the input is outside what the network learned or the answer is wrong.',
    remedy:
      'Do not use the CNN number: fit the runs (`ckin fit`, free n or another model) or use the model-free route (`ckin iso`).',
  },
  'cnn.no-reaction': {
    meaning: 'A curve shows no reaction: its dα/dT peak is not above its own noise.',
    remedy: 'Check the file (signal column, window, units); a run without a reaction cannot give kinetics.',
  },
  'cnn.peak-outside-window': {
    meaning:
      'A dα/dT peak lies at or near the edge of the model’s temperature window, where it saw no valid training sample.',
    remedy:
      'Use `ckin fit` or `ckin iso` on these runs; the CNN only covers peaks inside its window (docs/cnn.md).',
  },
  'cnn.run-unfinished': {
    meaning: 'A run ends while dα/dT is still high: the network sees a truncated peak.',
    remedy: 'Record the run until the reaction is over, or use `ckin iso` on the conversion range covered.',
  },
  'cnn.rates-outside-training': {
    meaning:
      'An input heating rate is more than 10 % from the rate the model was trained at; the shipped models ignore their rate inputs.',
    remedy:
      'Measure at the model’s rates (10/30/60 K/min for the shipped models), or use `ckin fit` / `ckin iso`.',
  },
  'cnn.refine-failed': {
    meaning:
      'The local refinement (`--refine`) could not run on these curves; the CNN answer is reported unrefined.',
    remedy: 'Read the message (e.g. no peak inside the window); `ckin fit` runs a global search.',
  },
  'cnn.refine-poor-fit': {
    meaning:
      'The refined triplet does not describe the curves (worst per-rate R² < 0.95); its standard errors mean nothing.',
    remedy: 'Fit with a free n or another reaction model (`ckin fit --model …`) or the multi-step fit.',
  },
  'cnn.methods-disagree': {
    meaning:
      'The CNN, the ensemble mean or the refinement disagree by more than the 90 % interval or 10 kJ/mol.',
    remedy:
      'Prefer the refined value when its fit is good (R² ≥ 0.99); otherwise treat the number as uncertain.',
  },
  'cnn.model-incomplete': {
    meaning:
      'The model directory is from a training run that did not finish (no complete.json); used with --allow-incomplete.',
    remedy: 'Resume the training (`ckin train --resume`) or use a finished model.',
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
