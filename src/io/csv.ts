import { parse } from 'csv-parse/sync';
import { InputError } from '../core/input-error.ts';
import type { Run } from './run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './instruments/build-run.ts';
import {
  parseDecimal,
  parseHeatFlowUnit,
  parsePlainNumber,
  parseMassUnit,
  parseTemperatureUnit,
  parseTimeUnit,
  type TemperatureUnit,
} from './instruments/units.ts';
import { minOf } from '../core/statistics.ts';

/** Column roles the generic CSV reader recognises from a header. */
export type CsvColumnRole = 'time' | 'temperature' | 'mass' | 'alpha' | 'dadT' | 'heatflow';

export interface CsvReadOptions extends InstrumentReadOptions {
  /**
   * Column names for a file without a header, in order, each `role_unit` as written by `ckin simulate`
   * (e.g. `temperature_C,heatflow_W_g`).
   */
  columns?: string[];
}

interface ColumnSpec {
  role: CsvColumnRole;
  unit?: string;
  label: string;
}

const NAME_UNIT = /^\s*(.*?)\s*(?:\(([^)]*)\)|\[([^\]]*)\]|\/\s*([^/]+)|_([A-Za-z%°]+(?:_[A-Za-z]+)?))\s*$/;

/**
 * Split a header cell into a role and a unit: `T (C)`, `Temperature [°C]`, `mass/mg`, `temperature_C`,
 * `dadT_per_K`, `alpha`. Time and temperature are told apart by the unit when the name is a bare `t`/`T`.
 */
export function classifyHeader(cell: string): ColumnSpec | undefined {
  const label = cell.trim().replace(/^"|"$/g, '');
  const m = NAME_UNIT.exec(label);
  let name = (m ? m[1] : label).trim();
  let unit = m ? (m[2] ?? m[3] ?? m[4] ?? m[5])?.trim() : undefined;
  if (!name && unit) {
    name = label;
    unit = undefined;
  }
  const lower = name.toLowerCase();
  if (/^(alpha|α|conversion|x)$/.test(lower)) return { role: 'alpha', label };
  if (/^(da_?dt|dα\/?dt|dadt|dtg)$/.test(lower.replace(/\s+/g, '')) || /^dadt/.test(lower)) {
    return { role: 'dadT', unit: unit ?? (lower.includes('per_k') ? 'per_K' : undefined), label };
  }
  if (/^(heat\s*flow|heatflow|hf|dsc)$/.test(lower))
    return { role: 'heatflow', unit: unit?.replace(/_/g, '/'), label };
  if (/^(m|mass|weight|tg|tga)$/.test(lower))
    return { role: 'mass', unit: unit === 'pct' ? '%' : unit, label };
  if (name === 't' || name === 'T') {
    // A bare t/T is told apart by its unit; without one, lower-case t is time and upper-case T temperature.
    if (unit && parseTemperatureUnit(unit)) return { role: 'temperature', unit, label };
    if (unit && parseTimeUnit(unit)) return { role: 'time', unit, label };
    return name === 'T' ? { role: 'temperature', unit, label } : { role: 'time', unit, label };
  }
  if (/^(time|zeit|temps)$/.test(lower)) return { role: 'time', unit, label };
  if (/^(temp|temperature|ts|tr|sample temperature)$/.test(lower))
    return { role: 'temperature', unit, label };
  // A doubled letter is a typing slip real exports carry (pICNIK's DEC_1.5.csv: "Teemperature [C]").
  if (/^t+e+m+p+e+r+a+t+u+r+e+$/.test(lower)) return { role: 'temperature', unit, label };
  return undefined;
}

const DELIMITERS = [',', ';', '\t', '|'];

function countOf(line: string, d: string): number {
  let k = 0;
  for (let i = line.indexOf(d); i >= 0; i = line.indexOf(d, i + 1)) k++;
  return k;
}

/**
 * The delimiter, decided from the whole file, not from the header alone: the candidate that occurs equally often
 * (≥ 1, a trailing delimiter aside) on the header and on up to 400 data lines spread evenly over the file (a trailing
 * delimiter aside), the most frequent such one; when none is consistent, the header's most frequent (the field-count check then names
 * the first line that does not fit). A `;` file with decimal commas thus never splits at the commas.
 */
function detectDelimiter(lines: string[], header: number): string {
  const line = lines[header];
  const sample: string[] = [];
  const data = lines.length - header - 1;
  const step = Math.max(1, Math.floor(data / 400));
  for (let i = header + 1; i < lines.length && sample.length < 400; i += step) {
    const l = lines[i];
    if (l.trim() !== '' && !l.trim().startsWith('#')) sample.push(l);
  }
  const consistent: [string, number][] = [];
  for (const d of DELIMITERS) {
    const h = countOf(line, d);
    if (h === 0) continue;
    const fits = (l: string) => {
      const k = countOf(l, d);
      return (
        k === h ||
        (k === h + 1 && l.replace(/ +$/, '').endsWith(d)) ||
        (k === h - 1 && line.replace(/ +$/, '').endsWith(d))
      );
    };
    if (sample.every(fits)) consistent.push([d, h]);
  }
  consistent.sort((a, b) => b[1] - a[1]);
  if (consistent.length > 0) return consistent[0][0];
  const counts: [string, number][] = DELIMITERS.map((d) => [d, countOf(line, d)]);
  counts.sort((a, b) => b[1] - a[1]);
  if (counts[0][1] > 0) return counts[0][0];
  return /\S\s+\S/.test(line.trim()) ? 'whitespace' : ',';
}

/**
 * Whether a data row's field count fits the header's `expected` fields: equal, or one more when that last field is
 * empty (a trailing delimiter, as some exports write), or one fewer when the header itself ends with an empty cell
 * (a trailing delimiter on the header only). Anything else is refused with its line: a row with more fields than
 * the header (decimal commas in a comma-separated file, a stray column) would otherwise be read shifted.
 */
function fieldCountFits(cells: string[], expected: number, headerTrailing: boolean): boolean {
  if (cells.length === expected) return true;
  if (cells.length === expected + 1 && cells[expected] === '') return true;
  return headerTrailing && cells.length === expected - 1;
}

/**
 * Read a generic delimited text file (CSV, semicolon, tab or whitespace separated) with a header row naming the
 * columns and their units (see `classifyHeader`), or without a header when `options.columns` names them.
 * Decimal commas are accepted when the delimiter is not a comma. Lines starting with `#` before the header are
 * comments. Returns a `Run` built by the shared `buildRun` (unit conversions, temperature-unit sanity check,
 * segments, heating rate from `--rates` or fitted from T(t)).
 */
export function parseCsvRun(text: string, file: string, options: CsvReadOptions = {}): Run {
  const allLines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  let first = 0;
  while (first < allLines.length && (allLines[first].trim() === '' || allLines[first].trim().startsWith('#')))
    first++;
  if (first >= allLines.length) throw new InputError('the file is empty (no header or data rows)', { file });
  const delimiter = detectDelimiter(allLines, first);
  const splitLine = (line: string, lineNo: number): string[] => {
    if (delimiter === 'whitespace') return line.trim().split(/\s+/);
    // Fast path: without quotes a plain split is exact (csv-parse per line costs ~20× more on large files).
    if (!line.includes('"')) return line.split(delimiter).map((c) => c.trim());
    try {
      const rec = parse(line, { delimiter, relax_quotes: true, trim: true });
      return rec[0] ?? [];
    } catch (e) {
      // csv-parse rejects e.g. an unclosed quote: report it as the file's problem, at its line.
      throw new InputError(
        `cannot split the line into fields: ${(e as Error).message.replace(/ at line \d+$/, '')}`,
        {
          file,
          line: lineNo,
        },
      );
    }
  };
  const headerCells = splitLine(allLines[first], first + 1);
  const looksNumeric = headerCells.every((c) => c === '' || !Number.isNaN(Number(c.replace(',', '.'))));
  let specs: (ColumnSpec | undefined)[];
  let dataStart: number;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (looksNumeric) {
    if (!options.columns) {
      // A suggestion for the column count seen (TGA and DSC alike: the reader cannot tell mass from heat flow).
      const n = headerCells.length;
      const lead = n >= 3 ? 'time_min,temperature_C,' : 'temperature_C,';
      throw new InputError(
        `line ${first + 1} is numeric: the file has no header naming its ${n} columns; name them with --columns, ` +
          `e.g. --columns ${lead}mass_mg (TGA) or ${lead}heatflow_W_g (DSC)`,
        { file, line: first + 1 },
      );
    }
    specs = options.columns.map((c) => classifyHeader(c));
    const bad = options.columns.findIndex((c, i) => !specs[i]);
    if (bad >= 0)
      throw new InputError(`--columns: cannot understand column name "${options.columns[bad]}"`, { file });
    notes.push(`no header: columns taken from --columns (${options.columns.join(', ')})`);
    dataStart = first;
  } else {
    specs = headerCells.map(classifyHeader);
    dataStart = first + 1;
  }
  const idx = (role: CsvColumnRole) => specs.findIndex((s) => s?.role === role);
  const iT = idx('temperature');
  if (iT < 0) {
    throw new InputError(
      `no temperature column recognised in the header "${allLines[first].trim()}" ` +
        '(expected e.g. "T (C)", "Temperature [K]", "temperature_C")',
      { file, line: first + 1 },
    );
  }
  const signalRoles: CsvColumnRole[] = ['mass', 'alpha', 'dadT', 'heatflow'];
  if (!signalRoles.some((r) => idx(r) >= 0)) {
    throw new InputError(
      'no signal column recognised (mass, alpha, dadT or heat flow); header: ' + JSON.stringify(headerCells),
      { file, line: first + 1 },
    );
  }
  // Decimal mark, from the whole file: comma only when the delimiter is not a comma and a data cell uses one.
  let decimal: '.' | ',' = '.';
  if (delimiter !== ',') {
    for (let li = dataStart; li < allLines.length; li++) {
      if (allLines[li].includes(',') && /\d,\d/.test(allLines[li])) {
        decimal = ',';
        break;
      }
    }
  }
  if (decimal === ',') notes.push('decimal commas read as decimal points');

  const cols: number[][] = specs.map(() => []);
  const wanted = specs.map((sp) => sp !== undefined);
  const row = new Array<number>(specs.length).fill(0);
  const headerTrailing =
    !looksNumeric && headerCells.length > 1 && headerCells[headerCells.length - 1] === '';
  let lastLine = dataStart;
  for (let li = dataStart; li < allLines.length; li++) {
    const line = allLines[li];
    if (delimiter !== 'whitespace' && pushPlainRow(line, delimiter, decimal, wanted, cols, row)) {
      lastLine = li;
      continue;
    }
    if (line.trim() === '') continue;
    const cells = splitLine(line, li + 1);
    if (cells.length > specs.length && !fieldCountFits(cells, specs.length, headerTrailing)) {
      throw new InputError(
        `expected ${specs.length} fields as ${looksNumeric ? '--columns names' : 'in the header'}, found ${cells.length}` +
          (decimal === '.' && delimiter === ',' && /\d,\d/.test(line)
            ? ' (decimal commas in a comma-separated file? export with another delimiter or decimal point)'
            : ''),
        { file, line: li + 1 },
      );
    }
    if (cells.length < specs.length && !fieldCountFits(cells, specs.length, headerTrailing)) {
      const isLast = allLines.slice(li + 1).every((l) => l.trim() === '');
      if (isLast) {
        warnings.push(
          `${file}:${li + 1}: last line has ${cells.length} of ${specs.length} fields (truncated?); ignored`,
        );
        continue;
      }
      throw new InputError(`expected ${specs.length} fields, found ${cells.length}`, { file, line: li + 1 });
    }
    for (let j = 0; j < specs.length; j++) {
      if (!specs[j]) continue;
      const v = parseDecimal(cells[j], decimal);
      if (!Number.isFinite(v)) {
        const what = /^[+-]?(nan|inf(inity)?)$/i.test(cells[j].trim()) ? 'is not finite' : 'is not a number';
        throw new InputError(`column "${specs[j]!.label}": value "${cells[j]}" ${what}`, {
          file,
          line: li + 1,
        });
      }
      cols[j].push(v);
    }
    lastLine = li;
  }
  if (cols[iT].length === 0)
    throw new InputError('no data rows after the header', { file, line: lastLine + 1 });

  // Temperature unit: from the header; if absent, decide from the values and say so.
  const tSpec = specs[iT]!;
  let tUnit: TemperatureUnit | undefined = tSpec.unit ? parseTemperatureUnit(tSpec.unit) : undefined;
  if (tSpec.unit && !tUnit)
    throw new InputError(`unknown temperature unit "${tSpec.unit}"`, { file, line: first + 1 });
  if (!tUnit && !options.temperatureUnit) {
    const T = cols[iT];
    const minT = minOf(T);
    tUnit = minT < 0 || T[0] < 200 ? 'C' : 'K';
    warnings.push(
      `the temperature column "${tSpec.label}" has no unit: assumed ${tUnit === 'C' ? '°C' : 'K'} because the run ` +
        `starts at ${T[0]} (use --temperature-unit to override)`,
    );
  }
  const raw: RawRun = {
    file,
    format: 'csv',
    sample: {},
    dataLine: dataStart + 1,
    temperature: { values: cols[iT], unit: (options.temperatureUnit ?? tUnit)!, label: tSpec.label },
    notes,
    warnings,
  };
  const iTime = idx('time');
  if (iTime >= 0) {
    const u = specs[iTime]!.unit;
    const tu = u ? parseTimeUnit(u) : undefined;
    if (u && !tu) throw new InputError(`unknown time unit "${u}"`, { file, line: first + 1 });
    if (!tu) warnings.push(`the time column "${specs[iTime]!.label}" has no unit: assumed minutes`);
    raw.time = { values: cols[iTime], unit: tu ?? 'min' };
  }
  const iM = idx('mass');
  if (iM >= 0) {
    const u = specs[iM]!.unit;
    const mu = u ? parseMassUnit(u) : undefined;
    if (u && !mu) throw new InputError(`unknown mass unit "${u}"`, { file, line: first + 1 });
    if (!mu) warnings.push(`the mass column "${specs[iM]!.label}" has no unit: assumed mg`);
    raw.mass = { values: cols[iM], unit: mu ?? 'mg' };
  }
  const iH = idx('heatflow');
  if (iH >= 0) {
    const u = specs[iH]!.unit;
    const hu = u ? parseHeatFlowUnit(u) : undefined;
    if (!hu)
      throw new InputError(`heat-flow column "${specs[iH]!.label}" needs a unit (W/g, mW/mg or mW)`, {
        file,
      });
    raw.heatFlow = { values: cols[iH], unit: hu };
  }
  const run = buildRun(raw, options);
  const iA = idx('alpha');
  const iD = idx('dadT');
  if (iA >= 0 || iD >= 0) {
    // buildRun may drop rows with repeated timestamps; the α/dα/dT columns must follow the same rows.
    if (run.temperature_K.length !== cols[iT].length) {
      throw new InputError('repeated timestamps together with α/dα/dT columns: clean the file first', {
        file,
      });
    }
    if (iA >= 0) run.alpha = cols[iA];
    if (iD >= 0) {
      const u = specs[iD]!.unit;
      if (u && !/^(per_K|1\/K|K-1|K⁻¹)$/i.test(u)) {
        throw new InputError(`dα/dT column unit "${u}" not supported (give it per K: dadT_per_K)`, { file });
      }
      run.dadT_per_K = cols[iD];
    }
  }
  return run;
}

/**
 * Hand-written fast path for one clean data row (split + trim + regex per cell cost ~4× more): fields separated by
 * the single character `delim`, each wanted field a plain number (`parsePlainNumber`), exactly `wanted.length`
 * fields and no more (one trailing delimiter aside). Pushes the wanted fields into `cols` and returns true; returns false without pushing anything when the row
 * is anything else (blank, quoted, padded, short, not finite…), and the general path reads it and reports problems.
 */
function pushPlainRow(
  line: string,
  delim: string,
  decimal: '.' | ',',
  wanted: readonly boolean[],
  cols: number[][],
  row: number[],
): boolean {
  const n = line.length;
  if (n === 0) return false;
  let pos = 0;
  for (let j = 0; j < wanted.length; j++) {
    if (pos > n) return false;
    let end = line.indexOf(delim, pos);
    if (end < 0) end = n;
    if (wanted[j]) {
      const v = parsePlainNumber(line, pos, end, decimal);
      if (v === undefined || !Number.isFinite(v)) return false;
      row[j] = v;
    }
    pos = end + 1;
  }
  // More fields than the header (a trailing delimiter, pos === n, aside): the general path decides.
  if (pos < n) return false;
  for (let j = 0; j < wanted.length; j++) if (wanted[j]) cols[j].push(row[j]);
  return true;
}
