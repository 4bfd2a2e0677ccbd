/**
 * Trust checks on heating rates (issue 16): is each declared rate the one the instrument ran, are the rates paired
 * with the right files, and are there enough distinct rates for Kissinger and isoconversional methods?
 *
 * - A declared rate (option, header or file name) more than 5 % off the measured T(t) slope is replaced by the slope
 *   (ICTAC 2011: use the actual temperature program), with a caution.
 * - When two or more declared rates are off and the declared set equals the measured (or file-name) set in another
 *   order, the rates were paired with the wrong files (the shell sorts `cath_10, cath_15, cath_2, …`): refused, naming
 *   the files, since no guess is safe.
 * - Rates within 2 % of each other count as one; fewer than 3 distinct rates → no multi-rate result (ICTAC 2011).
 */
import { basename } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { heatingRateFromFileName } from '../io/instruments/rate-from-filename.ts';
import { segmentFromRows } from '../io/instruments/segments.ts';
import { selectHeatingSegment } from '../analysis/heating-segment.ts';
import type { Run } from '../io/run.ts';

/** Declared and measured rates may differ by this fraction before the measured one replaces the declared one. */
export const RATE_MISMATCH_TOLERANCE = 0.05;
/** Rates within this fraction of each other are one rate (replicates). */
export const SAME_RATE_TOLERANCE = 0.02;
/** The fewest distinct heating rates for Kissinger and isoconversional methods (ICTAC 2011). */
export const MIN_DISTINCT_RATES = 3;
/** Plausible heating rates of thermal analysis, K/min (outside → refused when nothing measured can replace them). */
export const PLAUSIBLE_RATE_K_MIN: [number, number] = [1e-3, 1e4];

/**
 * The heating rate the run actually had, K/min: the least-squares slope of T(t) over the central 10–90 % of the
 * temperature span of its heating segment (src/io/instruments/segments.ts). Undefined without a time column.
 */
export function measuredHeatingRate_K_min(run: Run): number | undefined {
  if (!run.time_s) return undefined;
  const seg = selectHeatingSegment(run).run;
  if (!seg.time_s || seg.temperature_K.length < 5) return undefined;
  const s = segmentFromRows(seg.time_s, seg.temperature_K, 0, seg.temperature_K.length);
  const r = s.rate_K_min;
  return r !== undefined && Number.isFinite(r) && r > 0 ? r : undefined;
}

/** What the rate check found for one run. */
export interface RateEvidence {
  file: string;
  declared_K_min?: number;
  source?: Run['heatingRateSource'];
  measured_K_min?: number;
  fileName_K_min?: number;
}

const off = (a: number, b: number) => Math.abs(a - b) > RATE_MISMATCH_TOLERANCE * b;
const name = (f: string) => basename(f);

/** Do two lists of rates hold the same values (each within 5 %) when sorted? */
function sameSet(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((v, i) => !off(v, y[i]));
}

/**
 * Check the declared rate of every run against its T(t) slope and its file name. Returns the runs to analyse (a
 * declared rate more than 5 % off the measured slope replaced by the slope) and the warnings. Throws an InputError
 * naming the files when the declared rates are those of the files in another order, or when a rate is implausible and
 * nothing measured can replace it.
 */
export function checkHeatingRates(runs: Run[]): { runs: Run[]; warnings: ResultWarning[] } {
  const ev: RateEvidence[] = runs.map((r) => ({
    file: r.file,
    declared_K_min: r.heatingRate_K_min,
    source: r.heatingRateSource,
    measured_K_min: r.heatingRateSource === 'slope' ? r.heatingRate_K_min : measuredHeatingRate_K_min(r),
    fileName_K_min: heatingRateFromFileName(r.file),
  }));
  // Order: against the slopes (where measured), else against the file names (where the rate did not come from them).
  for (const ref of ['measured_K_min', 'fileName_K_min'] as const) {
    const withRef = ev.filter(
      (e) =>
        e.declared_K_min !== undefined &&
        e[ref] !== undefined &&
        !(ref === 'fileName_K_min' && e.source === 'filename'),
    );
    const wrong = withRef.filter((e) => off(e.declared_K_min!, e[ref]!));
    if (
      wrong.length >= 2 &&
      sameSet(
        withRef.map((e) => e.declared_K_min!),
        withRef.map((e) => e[ref]!),
      )
    ) {
      const what = ref === 'measured_K_min' ? 'the T(t) slope' : 'the file name';
      throw new InputError(
        `the declared heating rates are those of the files in another order: ${wrong
          .map((e) => `${name(e.file)} declared ${e.declared_K_min} K/min, ${what} says ${fmtRate(e[ref]!)}`)
          .join('; ')}. ` +
          'Give --rates in the order of the files (the shell sorts names as text: 10, 15, 2, 20, 5), or name the files 02, 05, 10…',
      );
    }
  }
  const warnings: ResultWarning[] = [];
  const out = runs.map((run, i) => {
    const e = ev[i];
    const d = e.declared_K_min;
    if (d === undefined) return run;
    if (e.measured_K_min !== undefined && e.source !== 'slope' && off(d, e.measured_K_min)) {
      const m = e.measured_K_min;
      warnings.push(
        warning(
          'rate.declared_mismatch',
          'caution',
          `${name(e.file)}: declared ${d} K/min (${e.source ?? 'given'}) but the temperature rises at ${fmtRate(m)} in the analysed segment; ${fmtRate(m)} is used`,
          { file: e.file },
        ),
      );
      return {
        ...run,
        heatingRate_K_min: m,
        heatingRateSource: 'slope' as const,
        notes: [
          ...run.notes,
          `heating rate ${fmtRate(m)} measured from T(t) replaces the declared ${d} K/min`,
        ],
      };
    }
    if (!(d >= PLAUSIBLE_RATE_K_MIN[0] && d <= PLAUSIBLE_RATE_K_MIN[1]))
      throw new InputError(
        `heating rate ${d} K/min is outside the plausible range ${PLAUSIBLE_RATE_K_MIN[0]}–${PLAUSIBLE_RATE_K_MIN[1]} K/min and the file has no time column to measure it`,
        { file: e.file },
      );
    if (
      e.measured_K_min === undefined &&
      e.fileName_K_min !== undefined &&
      e.source !== 'filename' &&
      off(d, e.fileName_K_min)
    ) {
      warnings.push(
        warning(
          'rate.filename_mismatch',
          'caution',
          `${name(e.file)}: ${d} K/min given (${e.source ?? 'given'}) but the file name says ${e.fileName_K_min} K/min and there is no time column to decide`,
          { file: e.file },
        ),
      );
    }
    return run;
  });
  return { runs: out, warnings };
}

function fmtRate(r: number): string {
  return `${Number(r.toPrecision(4))} K/min`;
}

/** Group rates within 2 % of each other (sorted ascending); each group is one distinct rate. */
export function distinctRateGroups<T extends { beta_K_min: number }>(items: readonly T[]): T[][] {
  const sorted = [...items].sort((a, b) => a.beta_K_min - b.beta_K_min);
  const groups: T[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(it.beta_K_min - g[0].beta_K_min) <= SAME_RATE_TOLERANCE * g[0].beta_K_min) g.push(it);
    else groups.push([it]);
  }
  return groups;
}

/**
 * Refuse a multi-rate method on fewer than 3 distinct rates (ICTAC 2011), naming the rates and files; returns an
 * info warning when some runs were merged as replicates of one rate.
 */
export function assertEnoughDistinctRates(
  items: { beta_K_min: number; file?: string }[],
  method: string,
): ResultWarning[] {
  const groups = distinctRateGroups(items);
  const list = groups
    .map(
      (g) =>
        `${Number(g[0].beta_K_min.toPrecision(4))} K/min (${g.map((x) => name(x.file ?? '?')).join(', ')})`,
    )
    .join('; ');
  if (groups.length < MIN_DISTINCT_RATES)
    throw new InputError(
      `${method} needs at least ${MIN_DISTINCT_RATES} distinct heating rates (ICTAC 2011; rates within 2 % count as one); got ${groups.length}: ${list}`,
    );
  const merged = groups.filter((g) => g.length > 1);
  return merged.length
    ? [
        warning(
          'rate.merged',
          'info',
          `rates within 2 % count as one: ${merged.map((g) => g.map((x) => `${x.beta_K_min}`).join(' ≈ ')).join('; ')} K/min`,
        ),
      ]
    : [];
}
