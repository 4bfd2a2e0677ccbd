/**
 * Output helpers shared by all commands. With `--json`, stdout carries exactly one JSON object and nothing else;
 * logs and progress go to stderr.
 */
import { basename } from 'node:path';
import { groupWarningsByAlpha } from '../core/warnings.ts';

export function printJson(value: unknown): void {
  noteResult(value);
  process.stdout.write(JSON.stringify(value, jsonReplacer, 2) + '\n');
}

/**
 * The text path of a command: remember the result's quality for `--strict` (as `printJson` does), then print its
 * text. Every command prints its text result through this, so `--strict` means the same with and without `--json`.
 */
export function printText(value: unknown, text: string): void {
  noteResult(value);
  process.stdout.write(text + '\n');
}

/** Typed arrays become plain arrays; non-finite numbers become null (JSON has no NaN). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** A log line on stderr (never on stdout, so `--json` output stays clean). */
export function log(message: string): void {
  process.stderr.write(message + '\n');
}

/** A structured warning as the CLI prints it beside its number. */
interface PrintedWarning {
  code: string;
  severity: string;
  message: string;
  alpha?: number;
  file?: string;
}

/**
 * Lines of warnings, indented, e.g. `  ! caution  Kissinger R² = 0.95 (below 0.98) [kissinger.r2_low]`. Per-α
 * warnings of one code and severity are one line with their α ranges (`at α 0.05–0.35, 0.8–0.95 (9 conversions),
 * e.g. …`); `grid` is the result's α values, for the ranges. A warning about a file names it (`(in a.csv)`, unless
 * the message already does), and the same warning about several files is one line naming them all. `--json` keeps
 * every warning.
 */
export function formatWarnings(
  ws: readonly PrintedWarning[] | undefined,
  indent = '  ',
  grid?: readonly number[],
): string[] {
  const mark = (s: string) =>
    s === 'unreliable' ? '!! UNRELIABLE' : s === 'caution' ? '!  caution' : '   info';
  const lines: string[] = [];
  const filesOf = new Map<string, string[]>(); // line → the files it is about, in order
  for (const { first: w, alphas, ranges } of groupWarningsByAlpha(ws ?? [], grid)) {
    const line =
      alphas.length > 1
        ? `${indent}${mark(w.severity)}  at α ${ranges} (${alphas.length} conversions), e.g. ${w.message} [${w.code}]`
        : `${indent}${mark(w.severity)}  ${w.message} [${w.code}]`;
    let files = filesOf.get(line);
    if (!files) {
      files = [];
      filesOf.set(line, files);
      lines.push(line);
    }
    if (w.file !== undefined && !files.includes(w.file)) files.push(w.file);
  }
  return lines.map((line) => {
    const names = (filesOf.get(line) ?? []).map((f) => basename(f));
    if (names.length === 0 || (names.length === 1 && line.includes(names[0]))) return line;
    return `${line} (in ${names.join(', ')})`;
  });
}

let unreliableSeen = 0;

/**
 * Remember how many results of this command are unreliable: every object in `value` with `quality: "unreliable"`
 * (or a warning of severity unreliable). `--strict` turns any into exit status 3 (src/cli/main.ts).
 */
export function noteResult(value: unknown): void {
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      // Long numeric arrays (curves) hold no results.
      if (v.length > 0 && typeof v[0] !== 'object') return;
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o.quality === 'unreliable' || o.severity === 'unreliable') unreliableSeen++;
    for (const k of Object.keys(o)) walk(o[k], depth + 1);
  };
  walk(value, 0);
}

/** How many unreliable results (or warnings) the command produced. */
export function unreliableCount(): number {
  return unreliableSeen;
}
