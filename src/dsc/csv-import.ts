import { parse } from 'csv-parse/sync';
import { cellText } from '../core/format.ts';
import { InputError } from '../core/input-error.ts';
import { RECORD_COLUMNS, type DscRecord } from './schema.ts';
import { unknownColumns, validateRecord } from './validate-record.ts';

export interface RejectedRow {
  line: number;
  reasons: string[];
}

export interface ParsedRecords {
  records: DscRecord[];
  /** Source line of each accepted record (same order as `records`). */
  lines: number[];
  rejected: RejectedRow[];
}

/**
 * Parse a flat DSC-record CSV (header = schema column names, see docs/dsc-xai.md) and validate every row.
 * Pure: returns accepted records and rejected rows with their line numbers and reasons. Throws InputError for a
 * file that is not a usable CSV at all (no header, unknown columns).
 */
export function parseRecordCsv(text: string, file: string): ParsedRecords {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      comment: '#',
    });
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new InputError(`CSV: ${e.message}`, { file, line: e.lines });
  }
  if (rows.length === 0) throw new InputError('no data rows', { file, line: 1 });
  const header = Object.keys(rows[0].record);
  const unknown = unknownColumns(header);
  if (unknown.length)
    throw new InputError(
      `unknown column(s): ${unknown.join(', ')} (known: ${RECORD_COLUMNS.map((c) => c.name).join(', ')})`,
      {
        file,
        line: 1,
      },
    );
  const out: ParsedRecords = { records: [], lines: [], rejected: [] };
  for (const { record, info } of rows) {
    const check = validateRecord(record);
    if (check.ok) {
      out.records.push(check.record);
      out.lines.push(info.lines);
    } else out.rejected.push({ line: info.lines, reasons: check.reasons });
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
