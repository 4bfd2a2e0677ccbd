import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import {
  openDatabase,
  insertRecords,
  readRecords,
  queryRows,
  countRecords,
  deleteRecords,
  updateRecord,
} from '../dsc/database.ts';
import { findDuplicates } from '../dsc/duplicates.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { mapHeader, parseCell } from '../dsc/import-vocabulary.ts';
import { TM_ELEMENTS, contentColumn } from '../dsc/schema.ts';
import { cellText } from '../core/format.ts';
import { parseRecordCsv, recordsToCsv } from '../dsc/csv-import.ts';
import { generateDemoRecords } from '../dsc/demo-generator.ts';
import { parseFormula, dscResultsFromRun } from '../dsc/run-records.ts';
import { validateRecord } from '../dsc/validate-record.ts';
import type { DscRecord } from '../dsc/schema.ts';
import type { BaselineKind } from '../analysis/dsc-baseline.ts';
import { analyzeRuns } from '../analysis/analyze.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { readRunSources, stageWindows, type RunsInput } from './run-sources.ts';
import { fromUserValues } from './user-values.ts';

/**
 * `ckin db …`: the DSC-record database (DuckDB file). Each function opens the file, does one thing in one
 * transaction where it writes, and closes it.
 */

/** A refusal that still has a report to show (the rows or runs rejected): `report` is what `--json` prints. */
export class RejectedInputError extends InputError {
  readonly report: unknown;
  constructor(problem: string, report: unknown, where: { file?: string } = {}) {
    super(problem, where);
    this.report = report;
  }
}

function needDb(path: string): void {
  if (!existsSync(path))
    throw new InputError('database not found (create it with `ckin db init --db FILE`)', { file: path });
}

/** Create the database file and its schema (idempotent). */
export async function dbInit(opts: { db: string }) {
  const d = await openDatabase(opts.db);
  const n = await countRecords(d);
  d.close();
  return { db: opts.db, records: n, warnings: [] as string[] };
}

/** How an imported row relates to what is stored (or to an earlier row of the same file). */
export interface ImportDuplicate {
  line: number;
  kind: 'exact' | 'near';
  /** The stored record it duplicates, or the earlier line of the same file. */
  of_record_id?: number;
  of_line?: number;
  /** Exact duplicates are not imported (unless `allowDuplicates`); near ones are imported and listed. */
  imported: boolean;
}

/**
 * Validate and import a CSV of DSC records (literature-table formats: src/dsc/import-vocabulary.ts) in one
 * transaction: all rows, or none unless `skipInvalid`. Duplicates of stored records or of earlier rows are
 * reported; exact ones are skipped unless `allowDuplicates`. `dryRun` reports without writing.
 */
export async function dbImport(
  opts: {
    db: string;
    file: string;
    skipInvalid?: boolean;
    addedBy?: string;
    dryRun?: boolean;
    allowDuplicates?: boolean;
  } & UseCaseCallbacks,
) {
  const { db, file } = opts;
  needDb(db);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read: ${(e as Error).message}`, { file });
  }
  const parsed = parseRecordCsv(text, file);
  for (const r of parsed.rejected) opts.onLog?.(`${file}:${r.line}: rejected: ${r.reasons.join('; ')}`);
  if (parsed.ignored_columns.length)
    opts.onLog?.(`${file}: columns not in the schema, not imported: ${parsed.ignored_columns.join(', ')}`);
  const d = await openDatabase(db, { readOnly: opts.dryRun });
  try {
    const dups = findDuplicates(await readRecords(d), parsed.records);
    const duplicates: ImportDuplicate[] = dups.map((m) => ({
      line: parsed.lines[m.index],
      kind: m.kind,
      ...('record_id' in m.of ? { of_record_id: m.of.record_id } : { of_line: parsed.lines[m.of.index] }),
      imported: m.kind === 'near' || !!opts.allowDuplicates,
    }));
    for (const u of duplicates)
      opts.onLog?.(
        `${file}:${u.line}: ${u.kind} duplicate of ${u.of_record_id !== undefined ? `record ${u.of_record_id}` : `line ${u.of_line}`}${u.imported ? '' : ' (not imported; --allow-duplicates to import)'}`,
      );
    const skip = new Set(dups.filter((m, k) => !duplicates[k].imported).map((m) => m.index));
    const toInsert = parsed.records.filter((_, i) => !skip.has(i));
    const report = {
      file,
      db,
      dry_run: !!opts.dryRun,
      rows: parsed.records.length + parsed.rejected.length,
      accepted: parsed.records.length,
      rejected: parsed.rejected,
      duplicates,
      columns: parsed.columns,
      ignored_columns: parsed.ignored_columns,
      imported: 0,
      record_ids: [] as number[],
      warnings: [] as ResultWarning[],
    };
    if (duplicates.length) {
      const exact = duplicates.filter((u) => u.kind === 'exact'),
        near = duplicates.length - exact.length;
      report.warnings.push(
        warning(
          'dsc.duplicates',
          'caution',
          `${duplicates.length} of ${parsed.records.length} rows duplicate stored records or earlier rows: ` +
            `${exact.length} exact (${exact.every((u) => u.imported) ? 'imported' : 'not imported'}), ${near} near (imported); lines ` +
            duplicates.map((u) => u.line).join(', '),
          { file },
        ),
      );
    }
    if (parsed.rejected.length)
      report.warnings.push(
        warning(
          'dsc.rows-rejected',
          'caution',
          `${parsed.rejected.length} of ${report.rows} rows rejected` +
            (opts.skipInvalid || opts.dryRun ? '' : ' (nothing imported)'),
          { file },
        ),
      );
    if (parsed.rejected.length && !opts.skipInvalid && !opts.dryRun) {
      throw new RejectedInputError(
        `${parsed.rejected.length} of ${report.rows} rows rejected; nothing imported (fix them, or use --skip-invalid)`,
        report,
        { file },
      );
    }
    if (!opts.dryRun) report.record_ids = await insertRecords(d, toInsert, { addedBy: opts.addedBy });
    report.imported = report.record_ids.length;
    return report;
  } finally {
    d.close();
  }
}

/**
 * Remove exact duplicates (all but the lowest record id of each group; src/dsc/duplicates.ts) and list near
 * duplicates (kept: deciding between them needs the user). `dryRun` lists without deleting.
 */
export async function dbDedupe(opts: { db: string; dryRun?: boolean }) {
  needDb(opts.db);
  const d = await openDatabase(opts.db, { readOnly: opts.dryRun });
  try {
    const records = await readRecords(d);
    const dups = findDuplicates([], records);
    const pairs = dups.map((m) => ({
      record_id: Number(records[m.index].record_id),
      kind: m.kind,
      of_record_id: 'index' in m.of ? Number(records[m.of.index].record_id) : m.of.record_id,
    }));
    const exact = pairs.filter((p) => p.kind === 'exact').map((p) => p.record_id);
    const deleted = opts.dryRun ? [] : await deleteRecords(d, exact);
    return {
      db: opts.db,
      dry_run: !!opts.dryRun,
      records: records.length,
      exact_duplicates: pairs.filter((p) => p.kind === 'exact'),
      near_duplicates: pairs.filter((p) => p.kind === 'near'),
      deleted,
      warnings: [] as string[],
    };
  } finally {
    d.close();
  }
}

/** Delete records by id (one transaction); ids that do not exist are an input error (nothing deleted). */
export async function dbDelete(opts: { db: string; ids: number[] }) {
  needDb(opts.db);
  if (opts.ids.length === 0) throw new InputError('--id: give at least one record id');
  const d = await openDatabase(opts.db);
  try {
    const existing = new Set(
      (await queryRows(d, 'SELECT record_id FROM material')).map((r) => Number(r.record_id)),
    );
    const missing = opts.ids.filter((i) => !existing.has(i));
    if (missing.length) throw new InputError(`no record with id ${missing.join(', ')}; nothing deleted`);
    const deleted = await deleteRecords(d, opts.ids);
    return { db: opts.db, deleted, warnings: [] as string[] };
  } finally {
    d.close();
  }
}

/**
 * Change columns of one record (`set`: column or header synonym → value, with units as on import). The whole
 * updated record is validated again; a new formula re-derives the contents. Nothing is written on error.
 */
export async function dbUpdate(opts: { db: string; id: number; set: Record<string, string> }) {
  needDb(opts.db);
  const d = await openDatabase(opts.db);
  try {
    const rows = (await readRecords(d)).filter((r) => r.record_id === opts.id);
    if (rows.length === 0) throw new InputError(`no record with id ${opts.id}`);
    const before = rows[0];
    const merged: Record<string, unknown> = { ...before };
    delete merged.record_id;
    const problems: string[] = [];
    for (const [name, value] of Object.entries(opts.set)) {
      const { column, unit } = mapHeader(name);
      if (!column) {
        problems.push(`--set ${name}: not a schema column`);
        continue;
      }
      const r = parseCell(column, value, unit);
      if ('error' in r) problems.push(`--set ${name}: ${r.error}`);
      else merged[column] = r.value;
      if (column === 'formula') {
        // contents follow the new formula unless they are set too
        for (const c of ['li_content', 'other_contents', 'family', ...TM_ELEMENTS.map(contentColumn)])
          if (!Object.keys(opts.set).some((k) => mapHeader(k).column === c)) merged[c] = null;
      }
    }
    if (problems.length) throw new InputError(problems.join('; '));
    const check = validateRecord(merged);
    if (!check.ok) throw new InputError(`record ${opts.id} after the update: ${check.reasons.join('; ')}`);
    await updateRecord(d, opts.id, check.record);
    const changed = Object.keys(check.record).filter(
      (k) => cellText(check.record[k]) !== cellText(before[k]),
    );
    return { db: opts.db, record_id: opts.id, changed, record: check.record, warnings: [] as string[] };
  } finally {
    d.close();
  }
}

/** Add the synthetic demonstration records (known effects; provenance "synthetic"). */
export async function dbDemo(opts: { db: string; n?: number; seed?: number }) {
  const n = opts.n ?? 600;
  const seed = opts.seed ?? 2025;
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--n: expected a positive integer, got "${n}"`);
  const d = await openDatabase(opts.db);
  let ids: number[];
  try {
    ids = await insertRecords(d, generateDemoRecords(n, seed), { addedBy: 'ckin demo generator' });
  } finally {
    d.close();
  }
  return {
    db: opts.db,
    imported: ids.length,
    first_id: ids[0],
    last_id: ids[ids.length - 1],
    synthetic: true,
    warnings: [] as string[],
  };
}

/** All records, as objects and as CSV (the import format); written atomically to `out` when given. */
export async function dbExport(opts: { db: string; out?: string }) {
  needDb(opts.db);
  const d = await openDatabase(opts.db, { readOnly: true });
  let records: DscRecord[];
  try {
    records = await readRecords(d);
  } finally {
    d.close();
  }
  const csv = recordsToCsv(records);
  if (opts.out) writeFileAtomic(opts.out, csv);
  return { db: opts.db, out: opts.out, records, csv, warnings: [] as string[] };
}

/** A read-only SQL query. */
export async function dbQuery(opts: { db: string; sql: string }) {
  needDb(opts.db);
  const d = await openDatabase(opts.db, { readOnly: true });
  let rows: Record<string, unknown>[];
  try {
    rows = await queryRows(d, opts.sql);
  } catch (e) {
    throw new InputError(`SQL: ${(e as Error).message}`);
  } finally {
    d.close();
  }
  return { db: opts.db, rows, warnings: [] as string[] };
}

/** The sample metadata of `ckin db add-run` (the record columns the run files cannot give). */
export interface RunRecordMetadata {
  /** Cathode formula, e.g. LiNi0.8Co0.1Mn0.1O2 (element contents are parsed from it). */
  formula: string;
  family?: string;
  cutoff_voltage_V: number;
  electrolyte_content_mg_mg: number;
  crucible: string;
  electrolyte_additive?: number;
  electrolyte_composition?: string;
  additives?: string;
  active_material_ratio?: number;
  binder_carbon_ratio?: number;
  delithiation_fraction?: number;
  /** Purge gas (default: from the file). */
  atmosphere?: string;
  note?: string;
}

export interface DbAddRunOptions extends RunsInput, UseCaseCallbacks {
  db: string;
  metadata: RunRecordMetadata;
  addedBy?: string;
  /** Store the runs that could be analysed even when others fail. */
  skipInvalid?: boolean;
  baseline?: BaselineKind;
}

/**
 * Analyse DSC runs with the `ckin analyze` pipeline and store one record per run (onset, peak, max power, total
 * heat; src/dsc/run-records.ts) with the metadata and the run file as provenance. All records or none.
 */
export async function dbAddRun(opts: DbAddRunOptions) {
  needDb(opts.db);
  const m = opts.metadata;
  const contents = fromUserValues('--formula', () => parseFormula(m.formula));
  const inputs = readRunSources(opts);
  const analysis = analyzeRuns(inputs, {
    windows: stageWindows(opts),
    baseline: opts.baseline ?? 'sigmoidal',
    smoothing: opts.smoothing,
  });
  const records: DscRecord[] = [];
  const rejected: { file: string; reasons: string[] }[] = [];
  for (const inp of inputs) {
    if (!inp.run) {
      rejected.push({ file: inp.file, reasons: [inp.error ?? 'cannot read'] });
      continue;
    }
    let res;
    try {
      res = dscResultsFromRun(inp.run, analysis);
    } catch (e) {
      // dscResultsFromRun checks the run (a DSC run with a rate and an exotherm): its RangeError is about the data.
      if (!(e instanceof RangeError || e instanceof InputError)) throw e;
      rejected.push({ file: inp.file, reasons: [e.message] });
      continue;
    }
    const check = validateRecord({
      formula: m.formula,
      family: m.family ?? 'other',
      ...contents,
      cutoff_voltage_V: m.cutoff_voltage_V,
      delithiation_fraction: m.delithiation_fraction,
      electrolyte_content_mg_mg: m.electrolyte_content_mg_mg,
      electrolyte_composition: m.electrolyte_composition,
      electrolyte_additive: m.electrolyte_additive ?? 0,
      additives: m.additives,
      active_material_ratio: m.active_material_ratio,
      binder_carbon_ratio: m.binder_carbon_ratio,
      crucible: m.crucible,
      scan_rate_K_min: res.scan_rate_K_min,
      atmosphere: m.atmosphere ?? inp.run.sample.atmosphere,
      onset_T_K: res.onset_T_K,
      peak_T_K: res.peak_T_K,
      max_power_W_g: res.max_power_W_g,
      total_heat_J_g: res.total_heat_J_g,
      source: 'path' in opts.runs[inputs.indexOf(inp)] ? resolve(inp.file) : inp.file,
      source_kind: 'run',
      added_by: opts.addedBy,
      note: m.note ?? `ckin db add-run (heating rate from ${inp.run.heatingRateSource ?? 'unknown'})`,
    });
    if (check.ok) records.push(check.record);
    else rejected.push({ file: inp.file, reasons: check.reasons });
  }
  for (const r of rejected) opts.onLog?.(`${r.file}: rejected: ${r.reasons.join('; ')}`);
  const report = {
    db: opts.db,
    files: opts.runs.length,
    rejected,
    imported: 0,
    record_ids: [] as number[],
    records,
    warnings: [] as string[],
  };
  if (rejected.length && !opts.skipInvalid) {
    throw new RejectedInputError(
      `${rejected.length} of ${opts.runs.length} runs rejected; nothing stored (fix them, or use --skip-invalid)`,
      report,
    );
  }
  const d = await openDatabase(opts.db);
  try {
    report.record_ids = await insertRecords(d, records, { addedBy: opts.addedBy });
  } finally {
    d.close();
  }
  report.imported = report.record_ids.length;
  return report;
}
