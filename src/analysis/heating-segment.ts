import type { ProgramSegment, Run } from '../io/run.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';

const ARRAY_KEYS = [
  'time_s',
  'temperature_K',
  'mass_mg',
  'mass_pct',
  'alpha',
  'dadT_per_K',
  'heatFlow_W_g',
] as const satisfies readonly (keyof Run)[];

/** A copy of `run` keeping the given rows (ascending indices) of every data column; metadata kept as it is. */
export function pickRunRows(run: Run, rows: readonly number[]): Run {
  const out: Run = { ...run, notes: [...run.notes], warnings: [...run.warnings] };
  for (const key of ARRAY_KEYS) {
    const arr = run[key];
    if (arr) (out[key] as number[]) = rows.map((i) => arr[i]);
  }
  return out;
}

/** A copy of `run` keeping rows [a, b) of every data column. */
export function sliceRunRows(run: Run, a: number, b: number): Run {
  const out: Run = { ...run, notes: [...run.notes], warnings: [...run.warnings] };
  for (const key of ARRAY_KEYS) {
    const arr = run[key];
    if (arr) (out[key] as number[]) = arr.slice(a, b);
  }
  return out;
}

function describe(s: ProgramSegment): string {
  const c = (T?: number) => (T === undefined ? '?' : (T - 273.15).toFixed(0));
  const rate =
    s.rate_K_min === undefined || s.kind === 'isothermal' ? '' : ` at ${s.rate_K_min.toFixed(2)} K/min`;
  const rows = s.rows ? ` (rows ${s.rows[0] + 1}–${s.rows[1]})` : '';
  return `${s.kind} ${c(s.T_start_K)}→${c(s.T_end_K)} °C${rate}${rows}`;
}

/**
 * The main heating segment of a run: the reader's choice (`run.mainSegment`: the heating segment over which the mass
 * changes most, else the widest), else the widest heating segment with rows.
 */
function mainIndex(run: Run): number | undefined {
  if (run.mainSegment !== undefined && run.program[run.mainSegment]?.rows) return run.mainSegment;
  let best: number | undefined;
  let span = -Infinity;
  run.program.forEach((s, i) => {
    const w = (s.T_end_K ?? 0) - (s.T_start_K ?? 0);
    if (s.kind === 'heating' && s.rows && w > span) {
      span = w;
      best = i;
    }
  });
  return best;
}

/**
 * Keep only the main heating segment of a run for kinetic analysis; every other segment (cooling, isothermal holds,
 * other ramps) is dropped, and a `segment.selected` warning (info) names what was kept and what was not. A run with
 * one segment (or without row ranges) is returned unchanged.
 */
export function selectHeatingSegment(run: Run): { run: Run; warnings: ResultWarning[] } {
  const withRows = run.program.filter((s) => s.rows);
  if (withRows.length <= 1) return { run, warnings: [] };
  const idx = mainIndex(run);
  if (idx === undefined) {
    return {
      run,
      warnings: [
        warning(
          'segment.selected',
          'caution',
          'no heating segment found in the temperature program; the whole run is analysed',
          { file: run.file },
        ),
      ],
    };
  }
  const seg = run.program[idx];
  const [a, b] = seg.rows!;
  const out = sliceRunRows(run, a, b);
  const dropped = run.program.filter((s, i) => i !== idx && s.rows).map(describe);
  const msg = `analysed the heating segment ${describe(seg)}; ignored: ${dropped.join('; ')}`;
  out.notes.push(msg);
  return { run: out, warnings: [warning('segment.selected', 'info', msg, { file: run.file })] };
}
