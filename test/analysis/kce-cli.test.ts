import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRuns } from './fit-helpers.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { ZHOU2026_TABLE2_EA_KJ_MOL } from '../../src/data/paper-zhou2026.ts';

test('ckin kce --material ncm811 --json FILES: Table 2 within 0.2 kJ/mol, consistency check, KCE scan of the runs; bad material → exit 2', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
  const files = writeRuns(mkdtempSync(join(tmpdir(), 'ckin-kce-')), { Ea_kJ_mol: 186.89, lgA_s: 9, n: 3 });
  const r = run([
    'kce',
    ...files,
    '--rates',
    '10,30,60',
    '--material',
    'ncm811',
    '--samples',
    '9',
    '--ea',
    '150:220',
    '--steps',
    '15',
    '--json',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.materials.length, 1);
  const m = out.materials[0];
  m.table2.forEach((row: { Ea_kJ_mol: number }, i: number) =>
    assert.ok(Math.abs(row.Ea_kJ_mol - ZHOU2026_TABLE2_EA_KJ_MOL.ncm811[i]) < 0.2),
  );
  assert.equal(m.consistency.measured_as_printed_K.rates.length, 3);
  assert.ok(m.consistency.measured_as_printed_K.rates[0].mismatch_K > 200);
  // Scan of the runs (exact data from the point lgA = 9 of the NCM811 line): the best Ea on the 5 kJ/mol grid.
  assert.equal(out.scan.points.length, 15);
  assert.equal(out.scan.best.Ea_kJ_mol, 185);
  assert.ok(out.scan.line.r2 > 0.99);
  const bad = run(['kce', '--material', 'ncm999']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--material: expected/);
});
