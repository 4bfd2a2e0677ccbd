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
