/** Display formatting shared by the CLI text output and the HTML report (full precision stays in JSON). */

/** Format a number with a fixed number of decimals, or `—` when missing or not finite. */
export function fmt(value: number | undefined | null, decimals = 2): string {
  return value === undefined || value === null || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

/**
 * A heating rate for display, K/min: at most 3 decimals, trailing zeros dropped (a rate measured from T(t) such as
 * 9.999999999999956 prints as 10; the JSON keeps the full value).
 */
export function fmtRate(beta_K_min: number): string {
  return Number.isFinite(beta_K_min) ? Number(beta_K_min.toFixed(3)).toString() : '—';
}

/**
 * A value from a database row or a parsed file as display text: '' for null/undefined, objects and arrays as JSON,
 * anything else (numbers, strings, booleans, bigints) as `String()` gives it.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

/** Format a plain-text table with aligned columns (widths by loops: no spread of the rows into a call). */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, j) => {
    let w = 0;
    for (const r of cells) w = Math.max(w, (r[j] ?? '').length);
    return w;
  });
  return cells
    .map((r, i) => {
      const line = r.map((c, j) => c.padStart(widths[j])).join('  ');
      return i === 0 ? line + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : line;
    })
    .join('\n');
}

/** The last component of a path (either separator), for naming files in messages the same for paths and uploads. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
