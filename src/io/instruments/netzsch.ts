import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { InputError } from '../../core/input-error.ts';
import type { ProgramSegment, Run } from '../run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './build-run.ts';
import { splitLines } from './decode.ts';
import { readDataRows, splitNameUnit } from './table.ts';
import {
  parseDecimal,
  parseHeaderNumber,
  parseHeatFlowUnit,
  parseMassUnit,
  parseTemperatureUnit,
  parseTimeUnit,
} from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: a NETZSCH Proteus ASCII export starts with `#KEY:value` lines and has a `##` column line. */
export function looksLikeNetzsch(text: string): boolean {
  const head = text.slice(0, 4000);
  if (/^#EXPORTTYPE:/m.test(head) || /^#FORMAT:NETZSCH/m.test(head)) return true;
  return /^#(?:FILE|IDENTITY|SAMPLE|DECIMAL):/m.test(head) && /^##/m.test(text.slice(0, 20000));
}

/**
 * NETZSCH Proteus ASCII export (`Export data` as text):
 * `#KEY:value` header (`#DECIMAL:POINT|COMMA`, `#SEPARATOR:SEMICOLON|COMMA|TAB`, `#SAMPLE MASS /mg:…`,
 * `#RANGE:30°C/5.0(K/min)/700°C`, `#SEG. n:…`, `#EXO:±1`), then the column line `##Temp./°C;Time/min;Mass/%;…`
 * (unit after the first `/`), then data rows. A `Segment` column, when present, numbers the program segment of each row.
 */
export function parseNetzsch(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const header = new Map<string, { value: string; line: number }>();
  const segLines: { value: string; line: number }[] = [];
  let columnLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('##')) {
      columnLine = i;
      break;
    }
    const m = /^#([^:]+):(.*)$/.exec(l);
    if (!m) continue;
    const key = m[1].trim().toUpperCase();
    if (/^SEG\.\s*\d+$/.test(key)) segLines.push({ value: m[2].trim(), line: i + 1 });
    else header.set(key, { value: m[2].trim(), line: i + 1 });
  }
  if (columnLine < 0) {
    throw new InputError('NETZSCH header without a `##` column line (file truncated in the header?)', {
      file,
      line: lines.length,
    });
  }
  const notes: string[] = [];
  const warnings: string[] = [];
  const decimalWord = header.get('DECIMAL')?.value.toUpperCase() ?? 'POINT';
  const decimal: '.' | ',' = decimalWord === 'COMMA' ? ',' : '.';
  const sepWord = header.get('SEPARATOR')?.value.toUpperCase() ?? 'SEMICOLON';
  const separator = sepWord === 'COMMA' ? ',' : sepWord === 'TAB' ? '\t' : sepWord === 'SPACE' ? ' ' : ';';
  if (decimal === ',' && separator === ',') {
    throw new InputError('#DECIMAL:COMMA with #SEPARATOR:COMMA cannot be parsed', {
      file,
      line: header.get('SEPARATOR')?.line,
    });
  }

  // header numbers may use either decimal mark; a disagreement with #DECIMAL is reported once per field
  const headerNumber = (key: string): number | undefined => {
    const h = header.get(key);
    if (!h || h.value === '') return undefined;
    const { value, usedComma } = parseHeaderNumber(h.value);
    if (usedComma && decimal === '.') {
      warnings.push(
        `${file}:${h.line}: #${key} uses a decimal comma ('${h.value}') although #DECIMAL:POINT; read as ${value}`,
      );
    }
    return Number.isFinite(value) ? value : undefined;
  };

  const massKey = [...header.keys()].find((k) => /^SAMPLE MASS/.test(k));
  const sample: Run['sample'] = {
    name: header.get('SAMPLE')?.value || header.get('IDENTITY')?.value || undefined,
    instrument: header.get('INSTRUMENT')?.value || undefined,
  };
  if (massKey) {
    const m = headerNumber(massKey);
    const unitMatch = /\/\s*(\w+)/.exec(massKey);
    if (m !== undefined) sample.mass_mg = unitMatch && unitMatch[1].toLowerCase() === 'g' ? m * 1000 : m;
  }
  const atm = [...header.entries()].find(([k]) => /ATMOSPHERE|PURGE/.test(k));
  if (atm && atm[1].value) sample.atmosphere = atm[1].value;

  // program: #SEG. n lines, else the #RANGE chain
  const declaredProgram: ProgramSegment[] = [];
  const commaFields = new Set<number>();
  const sources = segLines.length > 0 ? segLines : header.has('RANGE') ? [header.get('RANGE')!] : [];
  for (const src of sources) {
    for (const seg of parseNetzschProgram(src.value)) {
      if (seg.usedComma) commaFields.add(src.line);
      declaredProgram.push(seg.segment);
    }
  }
  const range = header.get('RANGE');
  if (range && /\d,\d/.test(range.value) && decimal === '.') commaFields.add(range.line);
  if (commaFields.size > 0) {
    warnings.push(
      `${file}:${[...commaFields].sort((a, b) => a - b).join(',')}: the temperature program (#RANGE/#SEG.) uses a decimal comma although #DECIMAL:POINT; read '15,0' as 15.0`,
    );
  }

  // columns
  const names = lines[columnLine].slice(2).split(separator);
  const cols = names.map((c) => splitNameUnit(c));
  const find = (re: RegExp) => cols.findIndex((c) => re.test(c.name));
  const iT = find(/^temp/i);
  const it = find(/^time/i);
  const iM = find(/^mass|^tg$/i);
  const iH = find(/^dsc|heat ?flow/i);
  const iS = find(/^segment/i);
  if (iT < 0)
    throw new InputError(`no temperature column in '${lines[columnLine]}'`, { file, line: columnLine + 1 });
  const tUnit = parseTemperatureUnit(cols[iT].unit);
  if (!tUnit) {
    throw new InputError(`unknown temperature unit '${cols[iT].unit}'`, { file, line: columnLine + 1 });
  }
  if (cols[iT].unit !== '°C' && tUnit === 'C') {
    notes.push(`temperature unit '${cols[iT].unit}' read as °C (degree sign in a different code page)`);
  }

  const rows = readDataRows(lines, columnLine + 1, names.length, (cell) => parseDecimal(cell, decimal), file);
  pushAll(notes, rows.notes);
  pushAll(warnings, rows.warnings);

  const raw: RawRun = {
    file,
    format: 'netzsch',
    sample,
    declaredProgram,
    dataLine: rows.firstLine,
    temperature: { values: rows.columns[iT], unit: tUnit, label: cols[iT].unit },
    notes,
    warnings,
  };
  if (it >= 0) {
    const u = parseTimeUnit(cols[it].unit);
    if (!u) throw new InputError(`unknown time unit '${cols[it].unit}'`, { file, line: columnLine + 1 });
    raw.time = { values: rows.columns[it], unit: u };
  }
  if (iM >= 0) {
    const u = parseMassUnit(cols[iM].unit);
    if (!u) throw new InputError(`unknown mass unit '${cols[iM].unit}'`, { file, line: columnLine + 1 });
    raw.mass = { values: rows.columns[iM], unit: u };
  }
  if (iH >= 0) {
    const u = parseHeatFlowUnit(cols[iH].unit);
    if (!u) throw new InputError(`unknown heat-flow unit '${cols[iH].unit}'`, { file, line: columnLine + 1 });
    raw.heatFlow = { values: rows.columns[iH], unit: u };
    const exo = headerNumber('EXO');
    if (exo === 1 || exo === -1) raw.exoSignFromHeader = exo;
  }
  if (iS >= 0) raw.segmentOfRow = rows.columns[iS];
  return buildRun(raw, opts);
}

/**
 * Parse a NETZSCH program string into segments: `30°C/5.0(K/min)/700°C` (dynamic) and `1000°C/00:30/1000°C`
 * (isothermal, hh:mm); a #RANGE string chains them (`37°C/15,0(K/min)/1000°C/00:00/1000°C/`).
 */
export function parseNetzschProgram(s: string): { segment: ProgramSegment; usedComma: boolean }[] {
  const out: { segment: ProgramSegment; usedComma: boolean }[] = [];
  const temp = String.raw`(-?\d+(?:[.,]\d+)?)\s*[^\d\s/()A-Za-z]{0,2}\s*(C|K)`;
  const re = new RegExp(
    String.raw`${temp}\s*/\s*(?:(\d+(?:[.,]\d+)?)\s*\(K/min\)|(\d+):(\d+))\s*/\s*${temp}`,
    'g',
  );
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s.slice(pos))) !== null) {
    const toK = (v: string, u: string) => {
      const x = parseHeaderNumber(v).value;
      return u === 'K' ? x : celsiusToKelvin(x);
    };
    const T0 = toK(m[1], m[2]);
    const T1 = toK(m[6], m[7]);
    let usedComma = /,/.test(m[1]) || /,/.test(m[6]);
    let segment: ProgramSegment;
    if (m[3] !== undefined) {
      const r = parseHeaderNumber(m[3]);
      usedComma ||= r.usedComma;
      const rate = T1 >= T0 ? r.value : -r.value;
      segment = {
        kind: rate > 0 ? 'heating' : rate < 0 ? 'cooling' : 'isothermal',
        rate_K_min: rate,
        T_start_K: T0,
        T_end_K: T1,
      };
    } else {
      segment = { kind: 'isothermal', rate_K_min: 0, T_start_K: T0, T_end_K: T1 };
    }
    out.push({ segment, usedComma });
    // the end temperature of one segment starts the next one in a #RANGE chain
    const endOfFirstTemp = m.index + m[0].lastIndexOf(m[6]);
    pos += endOfFirstTemp;
    re.lastIndex = 0;
  }
  return out;
}
