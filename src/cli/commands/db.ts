import type { Command } from 'commander';
import { readFileSync, existsSync } from 'node:fs';
import { printJson, log, formatTable } from '../output.ts';
import { InputError } from '../../io/input-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { openDatabase, insertRecords, readRecords, queryRows, countRecords } from '../../dsc/database.ts';
import { parseRecordCsv, recordsToCsv } from '../../dsc/csv-import.ts';
import { generateDemoRecords } from '../../dsc/demo-generator.ts';

interface DbOpt {
  db: string;
  json?: boolean;
}

function needDb(path: string): void {
  if (!existsSync(path))
    throw new InputError('database not found (create it with `ckin db init --db FILE`)', { file: path });
}

/** `ckin db init|import|add-run|export|query|demo`: the DSC-record database (DuckDB file). */
export function registerDb(program: Command): void {
  const db = program
    .command('db')
    .description('DSC-record database (DuckDB): init, import, add-run, export, query, demo');

  db.command('init')
    .description('create the database file and its schema (idempotent)')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt) => {
      const d = await openDatabase(opts.db);
      const n = await countRecords(d);
      d.close();
      if (opts.json) printJson({ db: opts.db, records: n });
      else log(`${opts.db}: schema ready, ${n} records`);
    });

  db.command('import')
    .description('validate and import a CSV of DSC records in one transaction (all rows or none)')
    .argument('<file>', 'CSV with schema column names as header (see docs/dsc-xai.md)')
    .requiredOption('--db <file>', 'database file')
    .option('--skip-invalid', 'import the valid rows even when some rows are rejected')
    .option('--added-by <name>', 'provenance: who adds the records (default $USER)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (file: string, opts: DbOpt & { skipInvalid?: boolean; addedBy?: string }) => {
      needDb(opts.db);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new InputError(`cannot read: ${(e as Error).message}`, { file });
      }
      const parsed = parseRecordCsv(text, file);
      for (const r of parsed.rejected) log(`${file}:${r.line}: rejected: ${r.reasons.join('; ')}`);
      const report = {
        file,
        db: opts.db,
        rows: parsed.records.length + parsed.rejected.length,
        accepted: parsed.records.length,
        rejected: parsed.rejected,
        imported: 0,
        record_ids: [] as number[],
      };
      if (parsed.rejected.length && !opts.skipInvalid) {
        if (opts.json) printJson(report);
        throw new InputError(
          `${parsed.rejected.length} of ${report.rows} rows rejected; nothing imported (fix them, or use --skip-invalid)`,
          { file },
        );
      }
      const d = await openDatabase(opts.db);
      try {
        report.record_ids = await insertRecords(d, parsed.records, { addedBy: opts.addedBy });
      } finally {
        d.close();
      }
      report.imported = report.record_ids.length;
      if (opts.json) printJson(report);
      else
        log(
          `${file}: imported ${report.imported} records${parsed.rejected.length ? `, rejected ${parsed.rejected.length}` : ''}`,
        );
    });

  db.command('demo')
    .description(
      'add the synthetic demonstration records (known effects; provenance "synthetic") to a database',
    )
    .requiredOption('--db <file>', 'database file')
    .option('--n <n>', 'number of records', '600')
    .option('--seed <n>', 'generator seed', '2025')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt & { n: string; seed: string }) => {
      const n = Number(opts.n),
        seed = Number(opts.seed);
      if (!Number.isInteger(n) || n < 1)
        throw new InputError(`--n: expected a positive integer, got "${opts.n}"`);
      const d = await openDatabase(opts.db);
      let ids: number[];
      try {
        ids = await insertRecords(d, generateDemoRecords(n, seed), { addedBy: 'ckin demo generator' });
      } finally {
        d.close();
      }
      if (opts.json)
        printJson({
          db: opts.db,
          imported: ids.length,
          first_id: ids[0],
          last_id: ids[ids.length - 1],
          synthetic: true,
        });
      else log(`${opts.db}: added ${ids.length} synthetic demo records`);
    });

  db.command('export')
    .description('export all records as CSV (the import format)')
    .requiredOption('--db <file>', 'database file')
    .option('--out <file>', 'write the CSV here (atomically) instead of stdout')
    .option('--json', 'print one JSON object on stdout (the records)')
    .action(async (opts: DbOpt & { out?: string }) => {
      needDb(opts.db);
      const d = await openDatabase(opts.db, { readOnly: true });
      let recs;
      try {
        recs = await readRecords(d);
      } finally {
        d.close();
      }
      if (opts.out) {
        writeFileAtomic(opts.out, recordsToCsv(recs));
        if (opts.json) printJson({ db: opts.db, out: opts.out, records: recs.length });
        else log(`${opts.out}: ${recs.length} records`);
      } else if (opts.json) printJson({ db: opts.db, records: recs });
      else process.stdout.write(recordsToCsv(recs));
    });

  db.command('query')
    .description(
      'run a read-only SQL query (tables: material, state, sample, dsc_parameters, result, provenance; view dsc_record)',
    )
    .argument('<sql>', 'SQL, e.g. "SELECT formula, onset_T_K FROM dsc_record WHERE ni_content > 0.8"')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print one JSON object on stdout')
    .action(async (sql: string, opts: DbOpt) => {
      needDb(opts.db);
      const d = await openDatabase(opts.db, { readOnly: true });
      let rows: Record<string, unknown>[];
      try {
        rows = await queryRows(d, sql);
      } catch (e) {
        throw new InputError(`SQL: ${(e as Error).message}`);
      } finally {
        d.close();
      }
      if (opts.json) printJson({ db: opts.db, rows });
      else if (rows.length === 0) log('(no rows)');
      else {
        const cols = Object.keys(rows[0]);
        process.stdout.write(
          formatTable(
            cols,
            rows.map((r) => cols.map((c) => (r[c] === null ? '' : String(r[c])))),
          ) + '\n',
        );
      }
    });

  registerAddRun(db);
}

/** `ckin db add-run`: placeholder until the analysis pipeline (`ckin analyze`, src/analysis/analyze.ts) exists. */
function registerAddRun(db: Command): void {
  db.command('add-run')
    .description(
      'analyse DSC run files (ckin analyze) and store onset/peak/power with the files as provenance',
    )
    .argument('<files...>', 'DSC run files')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print one JSON object on stdout')
    .action(async () => {
      throw new InputError('add-run is not available yet: it needs `ckin analyze` (src/analysis/analyze.ts)');
    });
}
