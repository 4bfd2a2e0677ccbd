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
  // Safety predictions (src/safety/safety-warnings.ts; issues 16 and 18).
  'safety.extrapolation': {
    meaning:
      'The prediction lies outside the temperature range of the data; the factor is the span in 1/T covered by data and prediction together divided by the span of the data (1 = inside).',
    remedy:
      'Measure closer to the prediction temperature (slower heating rates, isothermal runs, or an adiabatic/ARC test) before relying on the number; read the 90 % band, which widens with the extrapolation.',
  },
  'safety.time-out-of-range': {
    meaning:
      'A predicted time is longer than 100 years or shorter than 1 second: beyond what thermal analysis can validate (ageing, other processes, heat transfer dominate).',
    remedy:
      'Treat it as "very long" or "immediate", not as a number; check the inputs (units of Ea, lgA, °C vs K).',
  },
  'safety.single-step-multistep': {
    meaning:
      'An adiabatic or lifetime prediction uses one kinetic triplet, but the runs show a multi-step process (Ea(α) varies by more than 20 % over α 0.1–0.9, ICTAC 2011).',
    remedy:
      'Use the model-free prediction (ckin safety FILES… --model-free) or a multi-step model; compare the two before deciding.',
  },
  'safety.ea-varies': {
    meaning:
      'Ea(α) varies by more than 20 % over α 0.1–0.9: the process is not single-step. The model-free prediction follows Ea(α); a single-step prediction would not.',
    remedy: 'None for the model-free numbers; do not replace them by a single Ea.',
  },
  'safety.no-band': {
    meaning:
      'No 90 % interval could be computed (fewer than three runs, no standard errors of Ea(α), or no standard errors of the triplet).',
    remedy:
      'Give at least three heating rates (model-free) or --Ea-se/--lgA-se (triplet); a number without a band is a point estimate only.',
  },
  'safety.data-range-unknown': {
    meaning:
      'A triplet prediction was made without the runs it came from, so its extrapolation cannot be checked.',
    remedy:
      'Pass the run files (ckin safety FILES… --Ea … --lgA …) or --data-range LO:HI (°C) to get the extrapolation factor.',
  },
  'safety.zero-order-heat-source': {
    meaning:
      'Critical temperatures, sizes and the SADT estimate use the initial heat-release rate with reactant consumption neglected; for an autocatalytic start (initial rate near zero) this is not conservative.',
    remedy:
      'For autocatalytic materials confirm with an adiabatic (ARC) or isoperibolic storage test; give --alpha0 for the conversion the material already has.',
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
