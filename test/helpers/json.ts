/**
 * JSON a test reads back (a command's `--json` output, an API response body, a written file), typed as the shape the
 * test expects. A cast, not a check: the assertions that follow are the check.
 */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
