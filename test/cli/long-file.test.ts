// A 300,000-row run through every command that reads runs, as a user would run them. Before, `Math.min(...T)` and
// similar spreads of a data array into a call overflowed the stack ("Maximum call stack size exceeded", exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { jma } from '../../src/kinetics/models/jma.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';

const ROWS = 300_000;

function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// JMA Ea = 150 kJ/mol, lgA = 11.5, n = 3 over 30–800 °C: the 10 K/min run with 300,000 rows (a step of 0.0026 K),
// 30 and 60 K/min with the usual 0.5 K step.
const dir = mkdtempSync(join(tmpdir(), 'ckin-long-'));
const spec = { model: jma(3), params: { Ea_kJ_mol: 150, lgA_s: 11.5 }, T_start_K: 303.15, T_end_K: 1073.15 };
const [long] = simulateRuns({ ...spec, rates_K_min: [10], step_K: (1073.15 - 303.15) / (ROWS - 1) });
const short = simulateRuns({ ...spec, rates_K_min: [30, 60] });
const files = [long, ...short].map((run) => {
  const file = join(dir, `beta_${run.beta_K_min}_K_min.csv`);
  writeFileSync(file, simulatedRunToCsv(run));
  return file;
});

test('info reads a 300,000-row file', () => {
  assert.equal(long.temperature_K.length, ROWS);
  const r = ckin(['info', files[0], '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = parseJson<{ runs: { points: number; T_min_K: number; T_max_K: number }[] }>(r.stdout);
  assert.equal(out.runs[0].points, ROWS);
  assert.ok(Math.abs(out.runs[0].T_min_K - 303.15) < 1e-6 && Math.abs(out.runs[0].T_max_K - 1073.15) < 1e-6);
});

test('kissinger, iso and analyze with a 300,000-row run among the files', () => {
  const k = ckin(['kissinger', ...files, '--json']);
  assert.equal(k.code, 0, k.stderr);
  assert.ok(Math.abs(parseJson<{ Ea_kJ_mol: number }>(k.stdout).Ea_kJ_mol - 150) < 3, k.stdout.slice(0, 300));
  const iso = ckin(['iso', ...files, '--method', 'friedman', '--alpha', '0.3:0.7:0.2', '--json']);
  assert.equal(iso.code, 0, iso.stderr);
  const a = ckin(['analyze', ...files, '--json']);
  assert.equal(a.code, 0, a.stderr);
});

test('fit (small budget) and predict with a 300,000-row run among the files', () => {
  const f = ckin(['fit', ...files, '--n', '3', '--window', '150:350', '--json']);
  assert.equal(f.code, 0, f.stderr);
  const p = ckin(['predict', ...files, '--json']);
  assert.equal(p.code, 0, p.stderr);
});
