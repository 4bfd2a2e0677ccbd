/** Test helpers (not a test file): the README's library example and the check of what it prints. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';

/** The code block of the README's "Use it as a library" section, as written there. */
export function readmeLibraryExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Use it as a library')[1]?.split('\n## ')[0];
  const code = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README.md has a ```js block under "## Use it as a library"');
  return code;
}

/** The example's two printed lines against the known truth (Ea 150 kJ/mol, lgA 11.5, n 3). */
export function checkExampleOutput(stdout: string): void {
  const k = /Kissinger: Ea = ([\d.]+) kJ\/mol, lgA = ([\d.]+)/.exec(stdout);
  const f = /JMA fit: Ea = ([\d.]+) kJ\/mol, lgA = ([\d.]+), n = ([\d.]+)/.exec(stdout);
  assert.ok(k && f, stdout);
  assert.ok(Math.abs(Number(k[1]) - 150) < 1, `Kissinger Ea ${k[1]}`);
  assert.ok(
    Math.abs(Number(k[2]) - 11.5) < 0.1,
    `Kissinger lgA ${k[2]} (a K/min vs K/s slip shifts it by 1.78)`,
  );
  assert.ok(Math.abs(Number(f[1]) - 150) < 0.75, `fit Ea ${f[1]}`);
  assert.ok(Math.abs(Number(f[2]) - 11.5) < 0.06, `fit lgA ${f[2]}`);
  assert.ok(Math.abs(Number(f[3]) - 3) < 0.03, `fit n ${f[3]}`);
}
