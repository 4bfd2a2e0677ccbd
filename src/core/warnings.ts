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
  'time.nominal': {
    meaning:
      'The file has no time column: the kinetics use the nominal heating rate and α as a function of temperature, so ' +
      'self-heating or thermocouple lag of the sample cannot be taken into account.',
    remedy:
      'Export the run with its time column (every instrument records it); the analysis then uses the measured T(t).',
  },
  'segment.selected': {
    meaning:
      'The run has several segments (heating, cooling, isothermal holds): only the main heating segment is analysed.',
    remedy:
      'None needed if the named segment is the reaction; otherwise cut the file to the segment you want.',
  },
  'rows.dropped': {
    meaning:
      'Rows of the analysed segment were left out of the analysis; the message gives how many and why.',
    remedy:
      'A few rows are harmless. Many dropped rows (temperature not rising in a file without time) mean the nominal ' +
      'route cannot use the data well: export the time column.',
  },
  'transient.excluded': {
    meaning:
      'The start of the heating segment (the furnace catching up with the program, buoyancy settling) was excluded ' +
      'from the automatic stage search; the message gives the range.',
    remedy: 'None needed; if a real reaction starts that early, give its window with --window.',
  },
  'stages.merged': {
    meaning:
      'Stages found separate in some runs and merged in others (or an extra peak in one run) were analysed as one ' +
      'stage in every run, so that α means the same in every run.',
    remedy:
      'To analyse the steps separately, give windows that split them in every run: --window LO:MID,MID:HI (°C).',
  },
  'stages.refused': {
    meaning:
      'The peaks of a stage do not rise with heating rate: different processes were probably matched as one stage; ' +
      'no kinetics are computed for it.',
    remedy: 'Give the stage windows explicitly with --window, one per process.',
  },
  'stages.amount-differs': {
    meaning:
      "A stage's mass loss or heat differs by more than 20 % between runs: the windows may not cover the same process.",
    remedy: 'Check the windows (set them with --window) and that the runs are of the same sample.',
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
