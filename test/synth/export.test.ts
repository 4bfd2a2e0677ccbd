import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { generateDataset } from '../../src/synth/dataset-writer.ts';
import { readDataset, type Dataset } from '../../src/synth/dataset-reader.ts';
import {
  exportColumns,
  exportCsv,
  exportParquet,
  formatFloat32,
  parquetShape,
} from '../../src/synth/export.ts';
import { defaultSpec } from '../../src/synth/spec.ts';

let root: string;
let ds: Dataset;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'ckin-synth-export-'));
  await generateDataset(join(root, 'd'), defaultSpec({ count: 40, seed: 8 }), { workers: 1 });
  ds = readDataset(join(root, 'd'));
});
after(() => rmSync(root, { recursive: true, force: true }));

test('formatFloat32 text reads back to the same float32', () => {
  fc.assert(
    fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (v) => {
      const f = Math.fround(v);
      return Math.fround(Number(formatFloat32(f))) === f;
    }),
    { numRuns: 2000, seed: 1 },
  );
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(10), '10');
});

test('CSV export: one row per sample with identifiers, labels, rates and every curve value', () => {
  const path = join(root, 'd.csv');
  exportCsv(ds, path);
  const rows = parse<Record<string, string>>(readFileSync(path, 'utf8'), { columns: true });
  assert.equal(rows.length, 40);
  const cols = exportColumns(ds);
  assert.equal(cols.length, 9 + 3 + 600);
  assert.deepEqual(Object.keys(rows[0]), cols);
  for (const i of [0, 13, 39]) {
    const r = rows[i];
    assert.equal(Number(r.sample), i);
    assert.equal(r.material, ds.manifest.materials[ds.material[i]]);
    assert.equal(r.split, ['train', 'val', 'test'][ds.split[i]]);
    assert.equal(r.share, ['kce', 'plane'][ds.share[i]]);
    assert.equal(Number(r.flags), ds.flags[i]);
    assert.equal(Math.fround(Number(r.Ea_kJ_mol)), ds.labels[i * 3]);
    assert.equal(Math.fround(Number(r.lgA_s)), ds.labels[i * 3 + 1]);
    assert.equal(Number(r.beta2_K_min), 60);
    assert.equal(Math.fround(Number(r.dtg_r1_p123)), ds.curves[(i * 3 + 1) * 200 + 123]);
    assert.equal(Math.fround(Number(r.dtg_r2_p199)), ds.curves[(i * 3 + 2) * 200 + 199]);
  }
});

test('Parquet export through DuckDB reads back with the same rows, columns and values', async () => {
  const path = join(root, 'd.parquet');
  await exportParquet(ds, path);
  assert.deepEqual(await parquetShape(path), { rows: 40, columns: 612 });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const reader = await conn.runAndReadAll(
    `SELECT sample, material, Ea_kJ_mol, dtg_r0_p100 FROM read_parquet('${path}') ORDER BY sample`,
  );
  const rows = reader.getRows();
  conn.closeSync();
  inst.closeSync();
  for (const i of [0, 21, 39]) {
    assert.equal(Number(rows[i][0]), i);
    assert.equal(rows[i][1], ds.manifest.materials[ds.material[i]]);
    assert.equal(Math.fround(Number(rows[i][2])), ds.labels[i * 3]);
    assert.equal(Math.fround(Number(rows[i][3])), ds.curves[i * 600 + 100]);
  }
});

function python(code: string, args: string[]): { ok: boolean; out: string; missing: boolean } {
  const res = spawnSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });
  const missing = res.error !== undefined || /ModuleNotFoundError/.test(res.stderr ?? '');
  return { ok: res.status === 0, out: (res.stdout ?? '') + (res.stderr ?? ''), missing };
}

test('NumPy reads the binary arrays with the documented dtype and shape', (t) => {
  const code = [
    'import sys, json, numpy as np',
    'd = sys.argv[1]; m = json.load(open(d + "/manifest.json"))',
    'N, R, P = m["count"], len(m["rates_K_min"]), m["points"]',
    'c = np.fromfile(d + "/curves.f32", "<f4").reshape(N, R, P)',
    'l = np.fromfile(d + "/labels.f32", "<f4").reshape(N, 3)',
    'print(json.dumps([float(c[13, 1, 123]), float(l[39, 0]), int(np.fromfile(d + "/split.u8", "u1")[5])]))',
  ].join('\n');
  const r = python(code, [join(root, 'd')]);
  if (r.missing) return t.skip('python3 with numpy not available');
  assert.ok(r.ok, r.out);
  assert.deepEqual(JSON.parse(r.out), [ds.curves[(13 * 3 + 1) * 200 + 123], ds.labels[39 * 3], ds.split[5]]);
});

test('pandas reads the CSV export (skipped when pandas is not installed)', (t) => {
  const path = join(root, 'p.csv');
  exportCsv(ds, path);
  const r = python(
    'import sys, pandas as pd\nf = pd.read_csv(sys.argv[1])\nprint(f.shape[0], f.shape[1], repr(float(f["dtg_r2_p050"][7])))',
    [path],
  );
  if (r.missing) return t.skip('pandas not installed (apt-get install python3-pandas)');
  assert.ok(r.ok, r.out);
  const [rows, cols, v] = r.out.trim().split(/\s+/);
  assert.equal(Number(rows), 40);
  assert.equal(Number(cols), 612);
  assert.equal(Math.fround(Number(v)), ds.curves[(7 * 3 + 2) * 200 + 50]);
});
