import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ckinInProcess as ckin } from './cli-helper.ts';
import { parseFormula } from '../../src/dsc/run-records.ts';

const ncm = fileURLToPath(new URL('../../../shared/data/external/crnn-ncm333-dsc/', import.meta.url));
const picnik = fileURLToPath(new URL('../../../shared/data/external/picnik-constant-E/', import.meta.url));

test('formula parsing: NCM, Li-rich, implicit 1; any element kept, a non-element refused', () => {
  const a = parseFormula('LiNi0.8Co0.1Mn0.1O2');
  assert.equal(a.li_content, 1);
  assert.equal(a.ni_content, 0.8);
  assert.equal(a.mn_content, 0.1);
  assert.equal(a.al_content, 0);
  const b = parseFormula('Li1.2Mn0.54Ni0.13Co0.13O2');
  assert.equal(b.li_content, 1.2);
  assert.equal(b.mn_content, 0.54);
  assert.equal(parseFormula('LiCoO2').co_content, 1);
  assert.equal(parseFormula('LiNi0.5Ta0.5O2').other_contents, 'Ta=0.5');
  assert.throws(() => parseFormula('LiNi0.5Xx0.5O2'), /"Xx" is not an element symbol/);
  assert.throws(() => parseFormula('lico2'), /cannot read "lico2"/);
});

test('ckin db add-run on the real NCM333 DSC runs: peak 280 → 302 °C over 2 → 20 K/min (data README), provenance = files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-addrun-'));
  try {
    const db = join(dir, 'dsc.duckdb');
    assert.equal((await ckin(['db', 'init', '--db', db])).status, 0);
    const files = ['2', '5', '10', '15', '20'].map((b) => `${ncm}cath_1_${b}.csv`);
    const meta = [
      '--db',
      db,
      '--formula',
      'LiNi0.333Co0.333Mn0.334O2',
      '--family',
      'ncm',
      '--cutoff-voltage',
      '4.3',
      '--electrolyte-content',
      '0',
      '--crucible',
      'sealed',
      '--columns',
      'temperature_C,heatflow_W_g',
    ];
    // a TGA file among them: rejected with a reason, nothing stored
    const bad = await ckin(['db', 'add-run', ...files, `${picnik}E_cnt_10.csv`, ...meta, '--json']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /E_cnt_10\.csv: rejected: /);
    const n = async (): Promise<number> =>
      JSON.parse(
        (await ckin(['db', 'query', 'SELECT count(*) AS n FROM dsc_record', '--db', db, '--json'])).stdout,
      ).rows[0].n;
    assert.equal(await n(), 0);
    const ok = await ckin(['db', 'add-run', ...files, ...meta, '--json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(await n(), 5);
    const rows = JSON.parse(
      (
        await ckin([
          'db',
          'query',
          'SELECT scan_rate_K_min, onset_T_K, peak_T_K, max_power_W_g, source, source_kind FROM dsc_record ORDER BY scan_rate_K_min',
          '--db',
          db,
          '--json',
        ])
      ).stdout,
    ).rows as {
      scan_rate_K_min: number;
      onset_T_K: number;
      peak_T_K: number;
      max_power_W_g: number;
      source: string;
      source_kind: string;
    }[];
    assert.deepEqual(
      rows.map((r) => r.scan_rate_K_min),
      [2, 5, 10, 15, 20],
    );
    assert.ok(Math.abs(rows[0].peak_T_K - 273.15 - 280) < 3, `β=2 peak ${rows[0].peak_T_K - 273.15} °C`);
    assert.ok(Math.abs(rows[4].peak_T_K - 273.15 - 302) < 3, `β=20 peak ${rows[4].peak_T_K - 273.15} °C`);
    for (let i = 1; i < 5; i++) {
      assert.ok(rows[i].peak_T_K > rows[i - 1].peak_T_K, 'peak shifts up with β');
      assert.ok(rows[i].max_power_W_g > rows[i - 1].max_power_W_g, 'W/g grows with β');
      assert.ok(rows[i].onset_T_K < rows[i].peak_T_K);
    }
    assert.ok(rows.every((r, i) => r.source === files[i] && r.source_kind === 'run'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
