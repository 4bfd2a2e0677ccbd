/**
 * Output helpers shared by all commands. With `--json`, stdout carries exactly one JSON object and nothing else;
 * logs and progress go to stderr.
 */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, jsonReplacer, 2) + '\n');
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

/** Format a plain-text table with aligned columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  return cells
    .map((r, i) => {
      const line = r.map((c, j) => c.padStart(widths[j])).join('  ');
      return i === 0 ? line + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : line;
    })
    .join('\n');
}

/** Format a number with a fixed number of decimals, or `—` when missing. */
export function fmt(value: number | undefined | null, decimals = 2): string {
  return value === undefined || value === null || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}
