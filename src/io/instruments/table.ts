import { InputError } from '../../core/input-error.ts';

/** `Temp./°C` → {name: 'Temp.', unit: '°C'}; `DSC/(mW/mg)` → {name: 'DSC', unit: 'mW/mg'}; `Segment` → unit ''. */
export function splitNameUnit(label: string): { name: string; unit: string } {
  const s = label.trim();
  const i = s.indexOf('/');
  if (i < 0) {
    const m = /^(.*?)\s*[[(]([^\])]*)[\])]\s*$/.exec(s);
    return m ? { name: m[1].trim(), unit: m[2].trim() } : { name: s, unit: '' };
  }
  let unit = s.slice(i + 1).trim();
  if (unit.startsWith('(') && unit.endsWith(')')) unit = unit.slice(1, -1);
  return { name: s.slice(0, i).trim(), unit };
}

export interface DataRows {
  /** columns[j][i] = value of column j in row i. */
  columns: number[][];
  /** 1-based line number of the first data row. */
  firstLine: number;
  /** 1-based line number of each row. */
  lineOfRow: number[];
  /** Index of the line after the last data row. */
  end: number;
  notes: string[];
  warnings: string[];
}

export interface ReadRowsOptions {
  /** Split a line into cells (default: by `;`). */
  split?: (line: string) => string[];
  /** A line that ends the data block (default: a blank line followed only by blank lines ends it). */
  isEnd?: (line: string) => boolean;
  /** Lines to skip inside the data block (e.g. Pyris step titles); they are reported through `onSkip`. */
  isSkippable?: (line: string) => boolean;
  onSkip?: (line: string, rowIndex: number) => void;
}

/**
 * Read a numeric block of `nCols` columns starting at line index `start`. A last row that is short or does not parse
 * is taken as a truncated file (dropped with a warning); a bad row before the end is an `InputError` naming its line.
 */
export function readDataRows(
  lines: string[],
  start: number,
  nCols: number,
  parse: (cell: string) => number,
  file: string,
  opts: ReadRowsOptions = {},
): DataRows {
  const split = opts.split ?? ((l: string) => l.split(';'));
  const columns: number[][] = Array.from({ length: nCols }, () => []);
  const lineOfRow: number[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  let pending: { line: number; problem: string } | undefined;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      // blank: the block ends unless more data follows (NETZSCH ends with one blank line)
      let k = i + 1;
      while (k < lines.length && lines[k].trim() === '') k++;
      if (k >= lines.length || (opts.isEnd && opts.isEnd(lines[k])) || !/^\s*[-+.\d]/.test(lines[k])) break;
      continue;
    }
    if (opts.isEnd && opts.isEnd(line)) break;
    if (opts.isSkippable && opts.isSkippable(line)) {
      opts.onSkip?.(line, lineOfRow.length);
      continue;
    }
    if (pending) throw new InputError(pending.problem, { file, line: pending.line });
    const cells = split(line);
    if (cells.length < nCols) {
      pending = { line: i + 1, problem: `expected ${nCols} values, found ${cells.length}` };
      continue;
    }
    const values = cells.slice(0, nCols).map(parse);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      pending = { line: i + 1, problem: `value '${cells[bad].trim()}' in column ${bad + 1} is not a number` };
      continue;
    }
    for (let j = 0; j < nCols; j++) columns[j].push(values[j]);
    lineOfRow.push(i + 1);
  }
  if (pending) {
    warnings.push(
      `${file}:${pending.line}: the last data row is incomplete (${pending.problem}): file truncated? The row was dropped`,
    );
  }
  if (lineOfRow.length === 0) {
    throw new InputError('no data rows after the column header (file truncated?)', { file, line: start + 1 });
  }
  return { columns, firstLine: lineOfRow[0], lineOfRow, end: i, notes, warnings };
}
