import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ckin-synth-cli-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

function ckin(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

test('ckin synth --json writes a dataset (2 workers, CSV export) and prints one JSON object', () => {
  const out = join(root, 'ds');
  const r = ckin([
    'synth',
    '--n',
    '80',
    '--seed',
    '3',
    '--workers',
    '2',
    '--format',
    'csv',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.count, 80);
  assert.deepEqual(j.splitCounts, { train: 56, val: 12, test: 12 });
  assert.equal(j.noise, 'paper');
  assert.ok(j.summary.byMaterial.NCM811.count === 20);
  assert.ok(typeof j.summary.byShare.plane.invalidFraction === 'number');
  assert.ok(j.exports['samples.csv'].sha256.length === 64);
  assert.ok(existsSync(join(out, 'samples.csv')));
});

test('ckin synth --inspect --json reports counts and writes the four SVG plots', () => {
  const out = join(root, 'ds');
  const plots = join(root, 'plots');
  const r = ckin(['synth', '--inspect', out, '--plots', plots, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.count, 80);
  assert.equal(j.materials.length, 4);
  assert.equal(j.materials[0].kce + j.materials[0].plane, 20);
  assert.ok(j.flagFractions.valid > 0 && j.flagFractions.valid <= 1);
  assert.equal(j.plots.length, 4);
  for (const p of j.plots) assert.ok(existsSync(p), p);
});

test('ckin synth --export writes a Parquet file of an existing dataset', () => {
  const out = join(root, 'ds.parquet');
  const r = ckin(['synth', '--export', join(root, 'ds'), '--format', 'parquet', '--out', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.rows, 80);
  assert.ok(existsSync(out));
  assert.equal(ckin(['synth', '--export', join(root, 'ds'), '--format', 'bin']).status, 2);
});

test('ckin synth: bad options and material files are user errors (exit 2, message on stderr)', () => {
  let r = ckin(['synth', '--n', '10', '--policy', 'bogus', '--out', join(root, 'x')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--policy must be keep, flag or resample/);
  const bad = join(root, 'mats.json');
  writeFileSync(bad, '[{"name": "X"}]');
  r = ckin(['synth', '--n', '10', '--materials', bad, '--out', join(root, 'y')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /mats\.json: material X: "kceSlope_per_kJ_mol" must be a finite number/);
  r = ckin(['synth', '--n', '10', '--out', join(root, 'ds')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /already exists/);
  assert.ok(!existsSync(join(root, 'x')) && !existsSync(join(root, 'y')));
});
