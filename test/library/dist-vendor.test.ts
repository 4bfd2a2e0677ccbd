// The compiled program (dist/) loads TypeBox and csv-parse from one bundled module each (dist/vendor/, made by
// scripts/build-dist.mjs for start-up, issue 14), and `ckin --version` is answered by bin/ckin.js without the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';

const DIST = join(REPO_ROOT, 'dist');

function listJs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJs(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

test('no compiled module imports TypeBox or csv-parse itself: all go through dist/vendor', () => {
  const offenders = listJs(DIST)
    .filter((f) => !f.includes(`${join('dist', 'vendor')}`))
    .filter((f) => /from '(@sinclair\/typebox|csv-parse)[^']*'/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
  const checkpoint = readFileSync(join(DIST, 'nn', 'checkpoint.js'), 'utf8');
  assert.match(checkpoint, /from '\.\.\/vendor\/typebox\.js'/);
});

test('the vendored TypeBox builds schemas and its Value checks them; the vendored csv-parse parses', async () => {
  type Vendor = {
    Type: { Object(p: object): object; Number(o?: object): object };
    Value: { Check(s: object, v: unknown): boolean };
  };
  const { Type, Value } = (await import(join(DIST, 'vendor', 'typebox.js'))) as Vendor;
  const schema = Type.Object({ Ea_kJ_mol: Type.Number({ minimum: 0 }) });
  assert.equal(Value.Check(schema, { Ea_kJ_mol: 150 }), true);
  assert.equal(Value.Check(schema, { Ea_kJ_mol: -1 }), false);
  assert.equal(Value.Check(schema, { Ea_kJ_mol: '150' }), false);
  const { parse } = (await import(join(DIST, 'vendor', 'csv-parse-sync.js'))) as {
    parse: (text: string) => string[][];
  };
  assert.deepEqual(parse('a,b\n1,"2,5"\n'), [
    ['a', 'b'],
    ['1', '2,5'],
  ]);
  // The licence notice travels with the bundle.
  assert.match(
    readFileSync(join(DIST, 'vendor', 'typebox.js'), 'utf8').slice(0, 2000),
    /MIT|Permission is hereby/,
  );
});

test('`ckin --version` from bin/ckin.js (fast path) prints what the full CLI prints: the package version', () => {
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const fast = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ckin.js'), '--version'], {
    encoding: 'utf8',
  });
  const full = spawnSync(process.execPath, [join(DIST, 'main.js'), '--version'], { encoding: 'utf8' });
  assert.equal(fast.status, 0, fast.stderr);
  assert.equal(fast.stdout, `${version}\n`);
  assert.equal(full.stdout, fast.stdout);
});

test('the compiled CLI reads a real CSV through the vendored parser', () => {
  // pICNIK's simulated constant-E run at 10 K/min: 2,000 data rows after a header, 30 → 1000 °C.
  const file = join(EXTERNAL_DATA, 'picnik-constant-E', 'E_cnt_10.csv');
  const rows = readFileSync(file, 'utf8').trim().split('\n').length - 1;
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'ckin.js'), 'info', file, '--json'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { runs: { points: number; T_min_K: number; T_max_K: number }[] };
  assert.equal(out.runs[0].points, rows);
  assert.ok(Math.abs(out.runs[0].T_min_K - 303.15) < 1e-6 && Math.abs(out.runs[0].T_max_K - 1273.15) < 1e-6);
});
