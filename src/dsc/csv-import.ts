import { parse } from 'csv-parse/sync';
import { cellText } from '../core/format.ts';
import { InputError } from '../core/input-error.ts';
import { RECORD_COLUMNS, type DscRecord } from './schema.ts';
import { validateRecord } from './validate-record.ts';
import { electrolyteName, mapHeader, parseCell } from './import-vocabulary.ts';

export interface RejectedRow {
  line: number;
  /** Each reason names the column: `column 6 "cut-off voltage (V)" (cutoff_voltage_V): 6 outside [3, 5.2]`. */
  reasons: string[];
}

export interface ParsedRecords {
  records: DscRecord[];
  /** Source line of each accepted record (same order as `records`). */
  lines: number[];
  rejected: RejectedRow[];
  /** How each header cell was read: schema column (or null = ignored) and the unit in the header. */
  columns: { header: string; column: string | null; unit: string }[];
  /** Header cells the schema does not know: their values are not imported. */
  ignored_columns: string[];
}

/**
 * Parse a DSC-record CSV as people compile it (headers with synonyms and units, values with units, words for the
 * crucible and flags: src/dsc/import-vocabulary.ts) and validate every row (validate-record.ts). Pure: returns
 * accepted records and rejected rows with their line numbers and reasons naming the column. Columns the schema
 * does not know are listed in `ignored_columns`. Throws InputError for a file that is not a usable CSV at all
 * (no data, a column mapped twice, no formula column). `requireResult: false` accepts rows without any result
 * (records to predict, `ckin xai predict`).
 */
export function parseRecordCsv(
  text: string,
  file: string,
  opts: { requireResult?: boolean } = {},
): ParsedRecords {
  let rows: { record: string[]; info: { lines: number } }[];
  let header: string[];
  try {
    const all = parse(text, {
      columns: false,
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      comment: '#',
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    if (all.length === 0) throw new InputError('no header', { file, line: 1 });
    header = all[0].record;
    rows = all.slice(1);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as Error & { lines?: number };
    throw new InputError(`CSV: ${e.message}`, { file, line: e.lines });
  }
  if (rows.length === 0) throw new InputError('no data rows', { file, line: 1 });
  const columns = header.map((h) => {
    const m = mapHeader(h);
    return { header: h, column: m.column ?? null, unit: m.unit };
  });
  const seen = new Map<string, number>();
  columns.forEach((c, k) => {
    if (!c.column) return;
    const prev = seen.get(c.column);
    if (prev !== undefined)
      throw new InputError(
        `columns ${prev + 1} "${columns[prev].header}" and ${k + 1} "${c.header}" both map to ${c.column}`,
        { file, line: 1 },
      );
    seen.set(c.column, k);
  });
  if (!seen.has('formula'))
    throw new InputError(`no formula column (headers: ${header.join(', ')}; see docs/dsc-xai.md)`, {
      file,
      line: 1,
    });
  const where = (col: string): string => {
    const k = seen.get(col);
    if (k === undefined) return col;
    return `${col} (column ${k + 1}${columns[k].header === col ? '' : ` "${columns[k].header}"`})`;
  };
  const out: ParsedRecords = {
    records: [],
    lines: [],
    rejected: [],
    columns,
    ignored_columns: columns.filter((c) => !c.column).map((c) => c.header),
  };
  for (const { record, info } of rows) {
    const raw: Record<string, unknown> = {};
    const reasons: string[] = [];
    if (record.length > header.length)
      reasons.push(`${record.length} cells but the header has ${header.length} columns`);
    columns.forEach((c, k) => {
      if (!c.column) return;
      const r = parseCell(c.column, record[k] ?? '', c.unit);
      if ('error' in r) reasons.push(`${where(c.column)}: ${r.error}`);
      else raw[c.column] = r.value;
    });
    // An "electrolyte" column naming the electrolyte (LP30, "1 M LiPF6 …") rather than its amount.
    if (
      raw.electrolyte_content_mg_mg === undefined &&
      seen.has('electrolyte_content_mg_mg') &&
      raw.electrolyte_composition == null
    ) {
      const cell = record[seen.get('electrolyte_content_mg_mg')!] ?? '';
      const name = electrolyteName(cell);
      if (name) {
        raw.electrolyte_composition = name;
        const i = reasons.findIndex((r) => r.startsWith(where('electrolyte_content_mg_mg')));
        if (i >= 0) reasons.splice(i, 1);
      }
    }
    // Additive named but no flag column: the flag follows from the name.
    if (raw.electrolyte_additive === undefined && typeof raw.additives === 'string')
      raw.electrolyte_additive = /^(none|no|-|0)$/i.test(raw.additives) ? 0 : 1;
    // Records to predict need no provenance of their own: the file is their source.
    if (opts.requireResult === false && (raw.source == null || raw.source === '')) raw.source = file;
    const bad = new Set(columns.filter((c) => c.column && !(c.column in raw)).map((c) => c.column!));
    const check = validateRecord(raw, opts);
    if (check.ok && reasons.length === 0) {
      out.records.push(check.record);
      out.lines.push(info.lines);
      continue;
    }
    if (!check.ok)
      for (const r of check.reasons) {
        const col = /^([a-z_A-Z]+):/.exec(r)?.[1];
        if (col && bad.has(col)) continue; // already reported for its cell
        reasons.push(col && seen.has(col) ? `${where(col)}${r.slice(col.length)}` : r);
      }
    out.rejected.push({ line: info.lines, reasons });
  }
  return out;
}

/** Serialise records to CSV in schema column order (RFC 4180 quoting). */
export function recordsToCsv(records: DscRecord[], withId = true): string {
  const cols = [...(withId ? ['record_id'] : []), ...RECORD_COLUMNS.map((c) => c.name)];
  const esc = (v: unknown): string => {
    const s = cellText(v);
    if (s === '') return '';
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...records.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n') + '\n';
}
