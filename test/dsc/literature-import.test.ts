import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCathodeFormula } from '../../src/dsc/formula.ts';
import { mapHeader, parseCell, crucibleKind } from '../../src/dsc/import-vocabulary.ts';
import { parseRecordCsv } from '../../src/dsc/csv-import.ts';
import { validateRecord } from '../../src/dsc/validate-record.ts';
import { findDuplicates } from '../../src/dsc/duplicates.ts';
import { dbDedupe, dbDelete, dbImport, dbInit, dbUpdate, dbQuery } from '../../src/app/db.ts';

const LITERATURE = fileURLToPath(
  new URL('../../docs/examples/dsc-literature-illustrative.csv', import.meta.url),
);

const near = (a: number | undefined, b: number, tol = 1e-9): void =>
  assert.ok(a !== undefined && Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('formulas: abbreviations (letter order), brackets with multipliers, fractions, dopants, composite Li-rich', () => {
  const e = (f: string): Record<string, number> => parseCathodeFormula(f).elements;
  assert.deepEqual(e('NCM811'), { Li: 1, Ni: 0.8, Co: 0.1, Mn: 0.1, O: 2 });
  // NMC532 = Ni0.5 Mn0.3 Co0.2 (digits follow the letters), NCM523 the same material
  assert.deepEqual(e('NMC532'), e('NCM523'));
  near(e('NCM111').Co, 1 / 3);
  assert.deepEqual(e('NCA'), { Li: 1, Ni: 0.8, Co: 0.15, Al: 0.05, O: 2 });
  assert.deepEqual(e('LCO'), { Li: 1, Co: 1, O: 2 });
  assert.deepEqual(e('LMO'), { Li: 1, Mn: 2, O: 4 });
  assert.deepEqual(e('LFP'), { Li: 1, Fe: 1, P: 1, O: 4 });
  assert.deepEqual(e('LiCoO₂'), { Li: 1, Co: 1, O: 2 });
  assert.deepEqual(e('Li[Ni0.6Co0.2Mn0.2]O2'), { Li: 1, Ni: 0.6, Co: 0.2, Mn: 0.2, O: 2 });
  const mo = e('Li(Ni0.8Co0.1Mn0.1)0.98Mo0.02O2');
  near(mo.Ni, 0.784);
  near(mo.Mo, 0.02);
  near(e('LiNi1/3Co1/3Mn1/3O2').Mn, 1 / 3);
  // 0.5 Li2MnO3 · 0.5 LiNi1/3Co1/3Mn1/3O2: Li 1.5, Mn 2/3, Ni = Co = 1/6, O 2.5 → ×0.8 to O2
  const lr = parseCathodeFormula('0.5Li2MnO3·0.5LiNi1/3Co1/3Mn1/3O2');
  near(lr.elements.Li, 1.2);
  near(lr.elements.Mn, 0.8 * (0.5 + 0.5 / 3));
  near(lr.elements.Ni, 0.8 / 6);
  near(lr.elements.O, 2);
  assert.equal(lr.family, 'lr');
  assert.equal(parseCathodeFormula('Li1.2Ni0.13Co0.13Mn0.54O2').family, 'lr');
  // mol % of the TM site: the TM contents scale by 0.99
  const b = e('NCM811 + 1 mol% B');
  near(b.Ni, 0.792);
  near(b.B, 0.01);
  assert.deepEqual(e('1 mol% B-doped NCM811'), b);
  near(e('LiCoO2, 0.5% Mg').Co, 0.995);
  assert.equal(parseCathodeFormula('LiNi0.8Co0.15Al0.05O2').family, 'nca');
  assert.equal(parseCathodeFormula('LiMn2O4').family, 'other');
  assert.throws(() => parseCathodeFormula('Li(Ni0.8Co0.1Mn0.1O2'), /missing "\)"/);
  assert.throws(() => parseCathodeFormula('LiQq0.5O2'), /"Qq" is not an element symbol/);
  assert.throws(() => parseCathodeFormula('B-doped NCM811'), /dopant amount not given/);
});

test('headers: synonyms, units in parentheses, brackets or after a slash', () => {
  assert.deepEqual(mapHeader('Onset (°C)'), { column: 'onset_T_K', unit: '°C' });
  assert.deepEqual(mapHeader('T_onset/K'), { column: 'onset_T_K', unit: 'K' });
  assert.deepEqual(mapHeader('cut-off voltage (V)'), { column: 'cutoff_voltage_V', unit: 'V' });
  assert.deepEqual(mapHeader('Heating rate [K/min]'), { column: 'scan_rate_K_min', unit: 'K/min' });
  assert.deepEqual(mapHeader('onset_T_C'), { column: 'onset_T_K', unit: '°C' });
  assert.deepEqual(mapHeader('onset_T_K'), { column: 'onset_T_K', unit: 'K' });
  assert.equal(mapHeader('DOI').column, 'source');
  assert.equal(mapHeader('Ni').column, 'ni_content');
  assert.equal(mapHeader('colour').column, undefined);
});

test('values with units and words: documented conversions', () => {
  const v = (col: string, cell: string, unit = ''): unknown => {
    const r = parseCell(col, cell, unit);
    return 'value' in r ? r.value : r.error;
  };
  assert.equal(v('cutoff_voltage_V', '4.3 V'), 4.3);
  assert.equal(v('cutoff_voltage_V', '4300', 'mV'), 4.3);
  assert.equal(v('onset_T_K', '180', '°C'), 453.15);
  assert.equal(v('onset_T_K', '453.15 K', '°C'), 453.15, 'a unit in the cell overrides the header');
  assert.match(String(v('onset_T_K', '300')), /no unit: write K or °C/);
  assert.equal(v('electrolyte_content_mg_mg', '1:1'), 1);
  assert.equal(v('electrolyte_content_mg_mg', '1:2'), 0.5);
  assert.equal(v('electrolyte_content_mg_mg', '50 wt%'), 1, '50 wt% of the pan content = 1 mg per mg');
  assert.equal(v('electrolyte_content_mg_mg', '2 µL/mg'), 2.5, 'density 1.25 mg/µL');
  assert.equal(v('electrolyte_content_mg_mg', 'dry'), 0);
  assert.equal(v('max_power_W_g', '1500 mW/g'), 1.5);
  assert.equal(v('active_material_ratio', '90 %'), 0.9);
  assert.equal(v('crucible', 'hermetic Al'), 'sealed');
  assert.equal(v('crucible', 'high-pressure stainless steel'), 'sealed');
  assert.equal(crucibleKind('non-hermetic Al'), 'open');
  assert.equal(crucibleKind('Al pan, pierced lid'), 'open');
  assert.match(String(v('crucible', 'glass ampoule')), /not a known crucible/);
  assert.equal(v('family', 'Li-rich'), 'lr');
  assert.equal(v('electrolyte_composition', 'LP30'), '1 M LiPF6 in EC:DMC 1:1 (w/w)');
  assert.equal(v('onset_T_K', 'n/a'), null);
  assert.match(String(v('scan_rate_K_min', '10 Hz')), /unit "Hz" not known/);
});

test('formula and contents must agree; contents and family come from the formula when empty', () => {
  const base = { cutoff_voltage_V: 4.3, source: 'x', onset_T_K: 460 };
  const ok = validateRecord({ ...base, formula: 'NCM811' });
  assert.ok(ok.ok);
  assert.equal(ok.record.ni_content, 0.8);
  assert.equal(ok.record.family, 'ncm');
  const bad = validateRecord({ ...base, formula: 'LiNi0.8Co0.1Mn0.1O2', ni_content: 0.6 });
  assert.ok(!bad.ok && bad.reasons.some((r) => r.startsWith('ni_content: 0.6 but the formula')));
  const ta = validateRecord({ ...base, formula: 'NCM811 + 1 mol% Ta' });
  assert.ok(ta.ok);
  assert.equal(ta.record.other_contents, 'Ta=0.01');
  const xe = validateRecord({ ...base, formula: 'LiNi0.9Xe0.1O2' });
  assert.ok(
    !xe.ok && xe.reasons.some((r) => r.includes('no tabulated ionic radius / electronegativity for Xe')),
  );
});

test('literature-style table: ≥ 95 % of rows import, each other row with line, column and reason', () => {
  const p = parseRecordCsv(readFileSync(LITERATURE, 'utf8'), 'lit.csv');
  const rows = p.records.length + p.rejected.length;
  assert.equal(rows, 44);
  assert.equal(p.records.length, 42);
  assert.ok(p.records.length / rows >= 0.95);
  assert.deepEqual(
    p.rejected.map((r) => r.line),
    [26, 39],
  );
  assert.match(
    p.rejected[0].reasons[0],
    /^crucible \(column 7 "Crucible"\): "glass ampoule" is not a known crucible/,
  );
  assert.match(p.rejected[1].reasons[0], /^formula \(column 1 "Material"\): .*missing "\)"/);
  assert.deepEqual(p.ignored_columns, []);
  const first = p.records[0];
  assert.equal(first.onset_T_K, 184 + 273.15);
  assert.equal(first.crucible, 'sealed');
  assert.equal(first.figure_table, 'Fig. 2a');
  assert.equal(first.source, '10.5555/illustrative.A');
  // scan rate not reported in some rows: stored empty (median-imputed by the model)
  assert.ok(p.records.some((r) => r.scan_rate_K_min === null));
});

test('duplicates: importing a table twice flags every row (not imported again); dry run, dedupe, delete, update', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-lit-'));
  try {
    const db = join(dir, 'lit.duckdb');
    await dbInit({ db });
    const first = await dbImport({ db, file: LITERATURE, skipInvalid: true, addedBy: 'test' });
    assert.equal(first.imported, 42);
    // line 12 repeats line 6 in other words (NCM811 = LiNi0.8Co0.1Mn0.1O2, 1:1 = 50 wt%): near, imported, listed
    assert.deepEqual(first.duplicates, [{ line: 12, kind: 'near', of_line: 6, imported: true }]);
    const dry = await dbImport({ db, file: LITERATURE, skipInvalid: true, dryRun: true });
    assert.equal(dry.imported, 0);
    assert.equal(dry.duplicates.length, 42);
    const second = await dbImport({ db, file: LITERATURE, skipInvalid: true, addedBy: 'test' });
    assert.equal(second.duplicates.length, 42, 'every row flagged');
    assert.ok(second.duplicates.every((d) => d.kind === 'exact' && !d.imported));
    const dw = second.warnings.filter((w) => w.code === 'dsc.duplicates');
    assert.equal(dw.length, 1);
    assert.match(dw[0].message, /^42 of 42 rows duplicate .*42 exact \(not imported\), 0 near/);
    assert.equal(second.imported, 0);
    const forced = await dbImport({ db, file: LITERATURE, skipInvalid: true, allowDuplicates: true });
    assert.equal(forced.imported, 42);
    const dd = await dbDedupe({ db });
    assert.equal(dd.deleted.length, 42);
    assert.deepEqual(dd.deleted, forced.record_ids);
    const n = async (): Promise<number> =>
      Number((await dbQuery({ db, sql: 'SELECT count(*) AS n FROM dsc_record' })).rows[0].n);
    assert.equal(await n(), 42);
    // update: a temperature with its unit; a new formula re-derives the contents
    const up = await dbUpdate({ db, id: 1, set: { 'Onset (°C)': '190', formula: 'NCM622' } });
    assert.equal(up.record.onset_T_K, 463.15);
    assert.equal(up.record.ni_content, 0.6);
    await assert.rejects(
      dbUpdate({ db, id: 1, set: { ni_content: '0.9' } }),
      /ni_content: 0.9 but the formula/,
    );
    await assert.rejects(dbDelete({ db, ids: [1, 999] }), /no record with id 999; nothing deleted/);
    assert.deepEqual((await dbDelete({ db, ids: [1, 2] })).deleted, [1, 2]);
    assert.equal(await n(), 40);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('near duplicates: same material and conditions, results within 3 K / 10 %; a different result is not one', () => {
  const rec = validateRecord({
    formula: 'NCM811',
    cutoff_voltage_V: 4.3,
    crucible: 'sealed',
    scan_rate_K_min: 5,
    electrolyte_content_mg_mg: 1,
    onset_T_K: 460,
    peak_T_K: 490,
    source: '10.5555/a',
  });
  assert.ok(rec.ok);
  const a = { ...rec.record, record_id: 7 };
  const b = { ...rec.record, onset_T_K: 462, source: '10.5555/b' };
  const c = { ...rec.record, onset_T_K: 470, source: '10.5555/c' };
  assert.deepEqual(findDuplicates([a], [b, c]), [{ index: 0, kind: 'near', of: { record_id: 7 } }]);
});
