import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { WORK_LIMITS } from '../core/work-limits.ts';
import type { Run } from './run.ts';
import { parseCsvRun, type CsvReadOptions } from './csv.ts';
import { decodeText } from './instruments/decode.ts';
import { parseInstrumentText } from './instruments/detect.ts';
import { pushAll } from '../core/arrays.ts';

/** Largest input file accepted, bytes (a thermal-analysis export is rarely above a few MB). */
export const MAX_RUN_FILE_BYTES = 200 * 1024 * 1024;

export type ReadRunOptions = CsvReadOptions;

/**
 * Read one run from a file. The format is decided from the content (see src/io/instruments/detect.ts when present);
 * the generic CSV reader is the fallback.
 */
export function readRunFile(path: string, options: ReadRunOptions = {}): Run {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError('file not found or not readable', { file: path });
  }
  if (size === 0) throw new InputError('the file is empty', { file: path });
  if (size > MAX_RUN_FILE_BYTES) {
    throw new InputError(
      `the file is ${(size / 1e6).toFixed(0)} MB, above the ${MAX_RUN_FILE_BYTES / 1e6} MB limit`,
      {
        file: path,
      },
    );
  }
  const bytes = readFileSync(path);
  return parseRunBytes(bytes, path, options);
}

/** Parse a run from bytes already in memory (used by the server and by tests). */
export function parseRunBytes(bytes: Uint8Array, file: string, options: ReadRunOptions = {}): Run {
  if (looksBinary(bytes)) throw new InputError('this is not a text file (binary content)', { file });
  const decoded = decodeText(bytes);
  checkRowCount(decoded.text, file);
  // Instrument exports are recognised by their content (src/io/instruments/detect.ts); anything else is generic CSV.
  const run = parseInstrumentText(decoded.text, file, options) ?? parseCsvRun(decoded.text, file, options);
  if (decoded.encoding !== 'utf-8') run.notes.unshift(`decoded as ${decoded.encoding}`);
  pushAll(run.notes, decoded.notes);
  pushAll(run.warnings, decoded.warnings);
  return run;
}

/**
 * Refuse a file with more lines than `WORK_LIMITS.runRows` allows (plus a header allowance) before parsing it: a
 * count of line breaks, no allocation.
 */
function checkRowCount(text: string, file: string): void {
  const max = WORK_LIMITS.runRows.max + 10_000;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > max) {
      throw new InputError(
        `the file has more than ${WORK_LIMITS.runRows.max.toLocaleString('en-US')} data rows, the limit of one run; thin it out (e.g. every n-th row) first`,
        { file },
      );
    }
  }
}

/** Binary junk: NUL bytes that are not a UTF-16 pattern, or many control characters in the first 4 kB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let ctrl = 0;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  const utf16 = Math.max(nulEven, nulOdd) > 0.3 * (n / 2) && Math.min(nulEven, nulOdd) < 0.05 * (n / 2);
  if (utf16) return false;
  return nulEven + nulOdd > 0 || ctrl > 0.05 * n;
}
