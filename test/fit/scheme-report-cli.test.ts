// `ckin fit --scheme … --report FILE` writes the multi-step report (src/report/scheme-fit-report.ts): one plot per
// heating rate with data, model, each step and residuals, and the steps table with the fitted Ea. pICNIK's simulated
// two-step set (two parallel steps, 75 and 115 kJ/mol, four rates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { ckin } from '../helpers/ckin.ts';
import { parseJson } from '../helpers/json.ts';

const dir = join(EXTERNAL_DATA, 'picnik-two-steps');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => join(dir, f));

test('fit --scheme parallel:2 --report: a plot per rate and the steps table with the fitted Ea', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ckin-scheme-report-')), 'fit.html');
  const r = ckin(['fit', ...files, '--scheme', 'parallel:2', '--report', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const res = parseJson<{ steps: { Ea_kJ_mol: number }[]; runs: unknown[] }>(r.stdout);
  const Ea = res.steps.map((s) => s.Ea_kJ_mol).sort((a, b) => a - b);
  assert.ok(Math.abs(Ea[0] - 75) < 1.5 && Math.abs(Ea[1] - 115) < 2.3, `Ea ${Ea.join(', ')}`);
  assert.ok(existsSync(out));
  const html = readFileSync(out, 'utf8');
  assert.equal(res.runs.length, files.length);
  assert.equal((html.match(/<svg/g) ?? []).length, files.length, 'one plot per heating rate');
  // The steps table shows each fitted Ea (rounded to the table's precision).
  for (const e of Ea)
    assert.ok(html.includes(e.toFixed(1)) || html.includes(e.toFixed(2)), `Ea ${e} in the report`);
  assert.match(r.stderr, /report: .*fit\.html \(\d+ plots\)/);
});

test('fit --report without --scheme/--steps is a user error (exit 2)', () => {
  const r = ckin(['fit', ...files, '--report', join(tmpdir(), 'never.html')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--report needs --scheme or --steps/);
});
