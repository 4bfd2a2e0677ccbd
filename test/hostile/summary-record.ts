import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * The counts of the hostile-input suite (route fuzz, kill tests, disk full), recorded by the tests as they run and
 * printed in one line by test/hostile/summary.ts after `npm test` (issue 22: ".ci/run prints the counts"). Kept under
 * coverage/ (git-ignored, rewritten by every test run); CKIN_HOSTILE_SUMMARY_DIR moves it.
 */
export const SUMMARY_DIR = process.env.CKIN_HOSTILE_SUMMARY_DIR ?? join(REPO_ROOT, 'coverage', 'hostile');

export function recordHostile(key: string, counts: Record<string, number | string>): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  writeFileSync(
    join(SUMMARY_DIR, `${key}.json`),
    JSON.stringify({ ...counts, at: new Date().toISOString() }),
  );
}

export function readHostile(): Record<string, Record<string, number | string>> {
  const out: Record<string, Record<string, number | string>> = {};
  let names: string[] = [];
  try {
    names = readdirSync(SUMMARY_DIR);
  } catch {
    return out;
  }
  for (const n of names)
    if (n.endsWith('.json'))
      out[n.slice(0, -5)] = JSON.parse(readFileSync(join(SUMMARY_DIR, n), 'utf8')) as Record<
        string,
        number | string
      >;
  return out;
}
