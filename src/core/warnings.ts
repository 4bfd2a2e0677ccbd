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
  'multistep.parameter-on-bound': {
    meaning: 'A multi-step fit ended with a kinetic parameter on a bound of its search box.',
    remedy:
      'The optimum may lie outside the box: check the named parameter, widen its bounds (Ea) or try a scheme with a different step model.',
  },
  'multistep.step-unused': {
    meaning:
      'A step of the scheme contributes nothing: its amplitude (ΔH or mass fraction) was held at 0 to keep the sign of the signal.',
    remedy: 'The data do not support that many steps: fit a scheme with fewer steps or use --steps auto.',
  },
  'multistep.parameters-correlated': {
    meaning:
      'Some fitted parameters are almost perfectly correlated (|r| > 0.99), usually Ea and lgA of one step (the compensation effect) or two overlapping steps.',
    remedy:
      'Read the correlation matrix; quote the standard errors with care, or fix a parameter / simplify the scheme.',
  },
  'multistep.uncertainty-unavailable': {
    meaning: 'Standard errors of the multi-step fit could not be computed: the Jacobian is singular.',
    remedy: 'Some parameters are not determined by the data: simplify the scheme or add heating rates.',
  },
  'multistep.poor-fit': {
    meaning: 'The fitted scheme reproduces at least one heating rate poorly (R² < 0.95).',
    remedy:
      'Try another scheme (more steps, autocatalytic Cn or An steps) or --steps auto; check the baseline option.',
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
