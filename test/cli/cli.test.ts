import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';

/** Run the CLI as a user would from a checkout (`npm run -s ckin -- …` runs exactly this). */
function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'ckin-cli-'));

test('simulate writes one CSV per rate with the documented header', () => {
  const r = ckin([
    'simulate',
    '--model',
    'jma',
    '--Ea',
    '150',
    '--lgA',
    '11.5',
    '--n',
    '3',
    '--rates',
    '10,30,60',
    '--out',
    dir,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.runs.length, 3);
  assert.deepEqual(readdirSync(dir).sort(), ['beta_10_K_min.csv', 'beta_30_K_min.csv', 'beta_60_K_min.csv']);
});

test('kissinger --json prints exactly one JSON object with units in field names', () => {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const r = ckin(['kissinger', ...files, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout); // throws if anything else is on stdout
  assert.ok(Math.abs(out.Ea_kJ_mol - 150) < 1, `Ea ${out.Ea_kJ_mol}`);
  assert.ok(Math.abs(out.lgA_s - 11.5) < 0.1, `lgA ${out.lgA_s}`);
  assert.ok(out.r2 > 0.9999);
  assert.equal(out.points.length, 3);
  assert.ok('T_peak_K' in out.points[0] && 'beta_K_min' in out.points[0]);
});

test('iso --method vyazovkin --json gives an alpha/Ea_kJ_mol table', () => {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const r = ckin(['iso', ...files, '--method', 'vyazovkin', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.alpha.length, 19);
  for (const e of out.Ea_kJ_mol) assert.ok(Math.abs(e - 150) < 0.5, `Ea ${e}`);
});

test('info describes the parsed file (columns, units, rate, points) on a real pICNIK file', () => {
  const r = ckin(['info', join(EXTERNAL_DATA, 'picnik-constant-E', 'E_cnt_10.csv'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(r.stdout).runs[0];
  assert.equal(run.points, 2000);
  assert.ok(Math.abs(run.beta_K_min - 10) < 1e-6);
  assert.equal(run.beta_source, 'slope');
  assert.deepEqual(run.columns, ['time_s', 'temperature_K', 'mass_mg']);
});

test('user errors: exit status 2, a message naming the file on stderr, nothing on stdout', () => {
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, 'T (C),m (mg)\n30,10\n31,oops\n');
  const r = ckin(['kissinger', bad, bad, '--json']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /bad\.txt:3: .*"oops" is not a number/);
  const one = ckin(['kissinger', join(dir, 'beta_10_K_min.csv'), '--json']);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /needs at least 3 distinct heating rates/);
});
