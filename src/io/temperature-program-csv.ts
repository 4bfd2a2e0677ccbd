import { InputError } from '../core/input-error.ts';
import { classifyHeader } from './csv.ts';
import { parseDecimal, parseTemperatureUnit, parseTimeUnit, secondsPer } from './instruments/units.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';

/**
 * Read a temperature program (e.g. a cell abuse-test profile) from CSV: a header with a time column and a temperature
 * column with units (`time_min,temperature_C`, `t (s),T (K)`, …), one breakpoint per row, linear in between.
 */
/**
 * The program as breakpoints: time (s) and temperature (K), the shape of safety's `TemperatureProgram` (stated here,
 * not imported: a reader does not depend on the science that uses what it reads).
 */
export interface ProgramBreakpoints {
  time_s: number[];
  T_K: number[];
}

export function parseTemperatureProgramCsv(text: string, file: string): ProgramBreakpoints {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let h = 0;
  while (h < lines.length && (lines[h].trim() === '' || lines[h].trim().startsWith('#'))) h++;
  if (h >= lines.length) throw new InputError('the program file is empty', { file });
  const delim = lines[h].includes(';') ? ';' : lines[h].includes('\t') ? '\t' : ',';
  const specs = lines[h].split(delim).map(classifyHeader);
  const it = specs.findIndex((s) => s?.role === 'time');
  const iT = specs.findIndex((s) => s?.role === 'temperature');
  if (it < 0 || iT < 0) {
    throw new InputError(
      'a program needs a time and a temperature column with units, e.g. time_min,temperature_C',
      {
        file,
        line: h + 1,
      },
    );
  }
  const tUnit = parseTimeUnit(specs[it]!.unit ?? '');
  const TUnit = parseTemperatureUnit(specs[iT]!.unit ?? '');
  if (!tUnit)
    throw new InputError(`time column "${specs[it]!.label}" needs a unit (s, min or h)`, {
      file,
      line: h + 1,
    });
  if (!TUnit)
    throw new InputError(`temperature column "${specs[iT]!.label}" needs a unit (C or K)`, {
      file,
      line: h + 1,
    });
  const time_s: number[] = [];
  const T_K: number[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(delim);
    const t = parseDecimal(cells[it] ?? '', delim === ';' ? ',' : '.');
    const T = parseDecimal(cells[iT] ?? '', delim === ';' ? ',' : '.');
    if (!Number.isFinite(t) || !Number.isFinite(T))
      throw new InputError('time and temperature must be numbers', { file, line: i + 1 });
    const tS = t * secondsPer(tUnit);
    if (time_s.length && !(tS > time_s[time_s.length - 1]))
      throw new InputError('times must increase', { file, line: i + 1 });
    time_s.push(tS);
    T_K.push(TUnit === 'C' ? celsiusToKelvin(T) : T);
    if (!(T_K[T_K.length - 1] > 0))
      throw new InputError('temperature below absolute zero', { file, line: i + 1 });
  }
  if (time_s.length < 2) throw new InputError('a program needs at least two rows', { file });
  return { time_s, T_K };
}
