import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordCsv, recordsToCsv } from '../../src/dsc/csv-import.ts';
import { validateRecord, inferSourceKind } from '../../src/dsc/validate-record.ts';
import { openDatabase, insertRecords, readRecords, countRecords, queryRows } from '../../src/dsc/database.ts';
import { generateDemoRecords } from '../../src/dsc/demo-generator.ts';

const HEADER =
  'formula,li_content,ni_content,co_content,mn_content,cutoff_voltage_V,electrolyte_content_mg_mg,crucible,scan_rate_K_min,onset_T_C,peak_T_C,max_power_W_g,source';
const CSV = [
  HEADER,
  'LiNi0.8Co0.1Mn0.1O2,1,0.8,0.1,0.1,4.3,0.5,sealed,5,180,230,3.2,10.1039/d4eb00025k',
  'LiCoO2,1,0,1,0,4.5,1,open,10,190,240,2,lab/run-17.csv',
  'bad,1,0.8,0.1,0.1,6,0.5,jar,5,180,230,3.2,x',
  'LiNiO2,1,1,0,0,4.3,abc,sealed,5,250,230,3.2,x',
].join('\n');

test('CSV import: every row validated, rejected rows reported with line and reasons; °C converted to K', () => {
  const p = parseRecordCsv(CSV, 'in.csv');
  assert.equal(p.records.length, 2);
  assert.deepEqual(p.lines, [2, 3]);
  assert.equal(p.records[0].onset_T_K, 453.15);
  assert.equal(p.records[0].source_kind, 'doi');
  assert.equal(p.records[1].source_kind, 'file');
  assert.equal(p.rejected.length, 2);
  assert.equal(p.rejected[0].line, 4);
  assert.ok(p.rejected[0].reasons.some((r) => r.startsWith('cutoff_voltage_V (column 6): 6 outside')));
  assert.ok(p.rejected[0].reasons.some((r) => r.startsWith('crucible (column 8): "jar"')));
  assert.ok(p.rejected[0].reasons.some((r) => r.startsWith('formula (column 1): formula "bad"')));
  assert.equal(p.rejected[1].line, 5);
  assert.ok(
    p.rejected[1].reasons.some((r) => r.includes('electrolyte_content_mg_mg (column 7): not a number')),
  );
});

test('record checks: stoichiometry, onset ≤ peak, a result is required, unknown columns listed', () => {
  const ok = {
    formula: 'LiNiO2',
    li_content: 1,
    ni_content: 1,
    cutoff_voltage_V: 4.3,
    electrolyte_content_mg_mg: 0,
    crucible: 'open',
    scan_rate_K_min: 5,
    source: 'f',
    onset_T_K: 450,
  };
  assert.equal(validateRecord(ok).ok, true);
  const r1 = validateRecord({ ...ok, formula: 'LiNi0.5O2', ni_content: 0.5 });
  assert.ok(!r1.ok && r1.reasons[0].includes('expected ≈ 2'), JSON.stringify(r1));
  const r0 = validateRecord({ ...ok, ni_content: 0.6 });
  assert.ok(!r0.ok && r0.reasons[0] === 'ni_content: 0.6 but the formula LiNiO2 gives 1', JSON.stringify(r0));
  const r2 = validateRecord({ ...ok, peak_T_K: 440 });
  assert.ok(!r2.ok && r2.reasons[0].includes('onset_T_K 450 > peak_T_K 440'));
  const r3 = validateRecord({ ...ok, onset_T_K: '' });
  assert.ok(!r3.ok && r3.reasons[0].startsWith('no result'));
  assert.deepEqual(parseRecordCsv('formula,bogus\nLiCoO2,1\n', 'u.csv').ignored_columns, ['bogus']);
  assert.throws(() => parseRecordCsv('name,bogus\nx,1\n', 'u.csv'), /u\.csv:1: no formula column/);
  assert.equal(inferSourceKind('https://doi.org/10.1039/d4eb00025k'), 'doi');
  assert.equal(inferSourceKind('runs/a.txt'), 'file');
});

test('database: round trip through DuckDB, provenance filled, failed insert leaves nothing half-written', async () => {
  const db = await openDatabase(':memory:');
  try {
    const p = parseRecordCsv(CSV, 'in.csv');
    const ids = await insertRecords(db, p.records, {
      addedBy: 'tester',
      now: new Date('2026-01-02T03:04:05Z'),
    });
    assert.deepEqual(ids, [1, 2]);
    const back = await readRecords(db);
    assert.equal(back[0].formula, 'LiNi0.8Co0.1Mn0.1O2');
    assert.equal(back[0].onset_T_K, 453.15);
    assert.equal(back[1].added_by, 'tester');
    assert.equal(back[1].added_at, '2026-01-02T03:04:05.000Z');
    // second record violates NOT NULL → the whole batch is rolled back
    await assert.rejects(insertRecords(db, [p.records[0], { ...p.records[1], formula: null }]));
    assert.equal(await countRecords(db), 2);
    for (const t of ['material', 'state', 'sample', 'dsc_parameters', 'result', 'provenance'])
      assert.equal((await queryRows(db, `SELECT count(*) AS n FROM ${t}`))[0].n, 2, t);
    // export → parse again gives the same records
    const again = parseRecordCsv(recordsToCsv(back), 'export.csv');
    assert.equal(again.rejected.length, 0);
    assert.equal(again.records[1].formula, 'LiCoO2');
    assert.equal(again.records[1].max_power_W_g, 2);
  } finally {
    db.close();
  }
});

test('demo generator: valid records, labelled synthetic, reproducible by seed', () => {
  const a = generateDemoRecords(50, 7),
    b = generateDemoRecords(50, 7);
  assert.deepEqual(a, b);
  for (const r of a) {
    const c = validateRecord(r);
    assert.ok(c.ok, JSON.stringify(c));
    assert.equal(r.source_kind, 'synthetic');
    assert.match(String(r.source), /SYNTHETIC/);
  }
  assert.notDeepEqual(generateDemoRecords(5, 8), generateDemoRecords(5, 7));
});
