import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { CASES as BASE_CASES, prepareTinyDataset, type BadInputCase } from './bad-input-cases.ts';
import { HOSTILE_CASES } from './hostile-cases.ts';

const CASES: BadInputCase[] = [...BASE_CASES, ...HOSTILE_CASES];

type Outcome = { handled: boolean; crash: boolean; detail: string };

async function runCase(c: BadInputCase, dir: string): Promise<Outcome> {
  try {
    const res = await c.run(dir);
    if (c.expect.kind === 'error') return { handled: false, crash: false, detail: 'no error was raised' };
    const warned = res.warnings.some((w) => (c.expect as { message: RegExp }).message.test(w));
    if (!warned)
      return {
        handled: false,
        crash: false,
        detail: `no warning matching ${c.expect.message}: ${JSON.stringify(res.warnings)}`,
      };
    if (!res.correct) return { handled: false, crash: false, detail: 'warned, but the result is wrong' };
    return { handled: true, crash: false, detail: '' };
  } catch (e) {
    const isInput = e instanceof InputError;
    // Only an InputError is a user error. A RangeError counts as handled only where the case calls a pure function
    // directly and expects its documented precondition error (class and message); any other error — V8's "Maximum
    // call stack size exceeded" RangeError included — is an internal error, i.e. a crash.
    const isRange =
      e instanceof RangeError &&
      c.expect.kind === 'error' &&
      c.expect.errorClass === 'RangeError' &&
      c.expect.message.test(e.message);
    if (!isInput && !isRange)
      return { handled: false, crash: true, detail: (e as Error)?.stack ?? String(e) };
    if (c.expect.kind !== 'error')
      return { handled: false, crash: false, detail: `unexpected error: ${e.message}` };
    const ex = c.expect;
    const cls = isInput ? 'InputError' : 'RangeError';
    if (cls !== ex.errorClass)
      return {
        handled: false,
        crash: false,
        detail: `${cls} instead of ${ex.errorClass}: ${e.message}`,
      };
    if (!ex.message.test(e.message))
      return {
        handled: false,
        crash: false,
        detail: `message "${e.message}" does not match ${ex.message}`,
      };
    if (ex.file && !(isInput && e.file))
      return { handled: false, crash: false, detail: `no file named in "${e.message}"` };
    if (ex.line !== undefined && (e as InputError).line !== ex.line) {
      return { handled: false, crash: false, detail: `line ${(e as InputError).line} instead of ${ex.line}` };
    }
    return { handled: true, crash: false, detail: '' };
  }
}

test(`bad-input corpus: ${CASES.length} malformed or tricky inputs across readers and commands`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-bad-'));
  await prepareTinyDataset(dir);
  const failures: string[] = [];
  let handled = 0;
  let crashes = 0;
  for (const c of CASES) {
    const caseDir = mkdtempSync(join(dir, 'case-'));
    const o = await runCase(c, caseDir);
    if (o.handled) handled++;
    else failures.push(`[${c.area}] ${c.name}: ${o.detail}`);
    if (o.crash) crashes++;
  }
  process.stdout.write(`bad inputs: ${CASES.length} tried, ${handled} handled, ${crashes} crashes\n`);
  assert.ok(CASES.length >= 80, `the corpus has ${CASES.length} cases (≥ 80 required, issue 22)`);
  assert.deepEqual(failures, []);
});
