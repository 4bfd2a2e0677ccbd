import type { Command } from 'commander';
import { printJson, log } from '../output.ts';
import { cellText, formatTable } from '../../core/format.ts';
import {
  dbAddRun,
  dbDedupe,
  dbDelete,
  dbDemo,
  dbExport,
  dbImport,
  dbInit,
  dbQuery,
  dbUpdate,
  RejectedInputError,
} from '../../app/db.ts';
import { InputError } from '../../core/input-error.ts';
import {
  parseChoice,
  parseIntegerOption,
  parseNumberOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';

interface DbOpt {
  db: string;
  json?: boolean;
}

/** With `--json`, a refusal still prints its report (rows or runs rejected) before the error line. */
async function withReport<T>(json: boolean | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (json && e instanceof RejectedInputError) printJson(e.report);
    throw e;
  }
}

/** `ckin db init|import|add-run|export|query|demo`: the DSC-record database (DuckDB file; src/app/db.ts). */
export function register(program: Command): void {
  const db = program.command('db');

  db.command('init')
    .description('create the database file and its schema (idempotent)')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt) => {
      const r = await dbInit({ db: opts.db });
      if (opts.json) printJson(r);
      else log(`${opts.db}: schema ready, ${r.records} records`);
    });

  db.command('import')
    .description(
      'validate and import a CSV of DSC records in one transaction (all rows or none); headers, units and words as in literature tables (docs/dsc-xai.md)',
    )
    .argument('<file>', 'CSV: one row per DSC measurement, headers such as "Onset (°C)", "Material", "DOI"')
    .requiredOption('--db <file>', 'database file')
    .option('--skip-invalid', 'import the valid rows even when some rows are rejected')
    .option('--dry-run', 'check every row and look for duplicates, write nothing')
    .option('--allow-duplicates', 'import exact duplicates too (default: skipped and listed)')
    .option('--added-by <name>', 'provenance: who adds the records (default $USER)')
    .option('--json', 'print one JSON object on stdout')
    .action(
      async (
        file: string,
        opts: DbOpt & {
          skipInvalid?: boolean;
          addedBy?: string;
          dryRun?: boolean;
          allowDuplicates?: boolean;
        },
      ) => {
        const report = await withReport(opts.json, () =>
          dbImport({
            db: opts.db,
            file,
            skipInvalid: opts.skipInvalid,
            addedBy: opts.addedBy,
            dryRun: opts.dryRun,
            allowDuplicates: opts.allowDuplicates,
            onLog: log,
          }),
        );
        if (opts.json) printJson(report);
        else
          log(
            `${file}: ${report.dry_run ? `dry run, ${report.accepted} rows valid` : `imported ${report.imported} records`}${report.rejected.length ? `, rejected ${report.rejected.length}` : ''}${report.duplicates.length ? `, duplicates ${report.duplicates.length}` : ''}`,
          );
      },
    );

  db.command('dedupe')
    .description('delete exact duplicate records (keeps the lowest id of each group); lists near duplicates')
    .requiredOption('--db <file>', 'database file')
    .option('--dry-run', 'list, delete nothing')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt & { dryRun?: boolean }) => {
      const r = await dbDedupe({ db: opts.db, dryRun: opts.dryRun });
      if (opts.json) printJson(r);
      else {
        for (const p of r.near_duplicates)
          log(
            `near duplicate: record ${p.record_id} ~ record ${p.of_record_id} (kept; delete one with db delete)`,
          );
        log(
          `${opts.db}: ${r.exact_duplicates.length} exact duplicates${r.dry_run ? ' (dry run, nothing deleted)' : `, deleted ${r.deleted.length}`}; ${r.near_duplicates.length} near duplicates`,
        );
      }
    });

  db.command('delete')
    .description('delete records by id')
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--id <ids>', 'record ids, comma-separated')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt & { id: string }) => {
      const ids = opts.id.split(',').map((t) => parseIntegerOption('--id', t.trim(), 1)!);
      const r = await dbDelete({ db: opts.db, ids });
      if (opts.json) printJson(r);
      else log(`${opts.db}: deleted ${r.deleted.length} records`);
    });

  db.command('update')
    .description('change columns of one record (validated again; a new formula re-derives the contents)')
    .requiredOption('--db <file>', 'database file')
    .requiredOption('--id <id>', 'record id')
    .requiredOption(
      '--set <column=value>',
      'column (or header synonym) and value, with a unit if needed, e.g. --set "onset=185 °C"; repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: DbOpt & { id: string; set: string[] }) => {
      const set: Record<string, string> = {};
      for (const kv of opts.set) {
        const k = kv.indexOf('=');
        if (k <= 0) throw new InputError(`--set: expected column=value, got "${kv}"`);
        set[kv.slice(0, k).trim()] = kv.slice(k + 1);
      }
      const r = await dbUpdate({ db: opts.db, id: parseIntegerOption('--id', opts.id, 1)!, set });
      if (opts.json) printJson(r);
      else log(`${opts.db}: record ${r.record_id} updated (${r.changed.join(', ') || 'no change'})`);
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
      const r = await dbDemo({
        db: opts.db,
        n: parseIntegerOption('--n', opts.n, 1),
        seed: parseIntegerOption('--seed', opts.seed, 0),
      });
      if (opts.json) printJson(r);
      else log(`${opts.db}: added ${r.imported} synthetic demo records`);
    });

  db.command('export')
    .description('export all records as CSV (the import format)')
    .requiredOption('--db <file>', 'database file')
    .option('--out <file>', 'write the CSV here (atomically) instead of stdout')
    .option('--json', 'print one JSON object on stdout (the records)')
    .action(async (opts: DbOpt & { out?: string }) => {
      const r = await dbExport({ db: opts.db, out: opts.out });
      if (opts.out) {
        if (opts.json) printJson({ db: r.db, out: r.out, records: r.records.length });
        else log(`${opts.out}: ${r.records.length} records`);
      } else if (opts.json) printJson({ db: r.db, records: r.records });
      else process.stdout.write(r.csv);
    });

  db.command('query')
    .description(
      'run a read-only SQL query (tables: material, state, sample, dsc_parameters, result, provenance; view dsc_record)',
    )
    .argument('<sql>', 'SQL, e.g. "SELECT formula, onset_T_K FROM dsc_record WHERE ni_content > 0.8"')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print one JSON object on stdout')
    .action(async (sql: string, opts: DbOpt) => {
      const r = await dbQuery({ db: opts.db, sql });
      const rows = r.rows;
      if (opts.json) printJson({ db: r.db, rows });
      else if (rows.length === 0) log('(no rows)');
      else {
        const cols = Object.keys(rows[0]);
        process.stdout.write(
          formatTable(
            cols,
            rows.map((row) => cols.map((c) => cellText(row[c]))),
          ) + '\n',
        );
      }
    });

  registerAddRun(db);
}

interface AddRunOptions extends DbOpt, RunInputOptions {
  formula: string;
  family?: string;
  cutoffVoltage: string;
  electrolyteContent: string;
  crucible: string;
  electrolyteAdditive?: string;
  electrolyteComposition?: string;
  additives?: string;
  activeRatio?: string;
  binderCarbonRatio?: string;
  delithiation?: string;
  atmosphere?: string;
  note?: string;
  addedBy?: string;
  skipInvalid?: boolean;
  baseline?: string;
}

/** `ckin db add-run FILES…`: analyse DSC runs and store one record per run (src/app/db.ts `dbAddRun`). */
function registerAddRun(db: Command): void {
  db.command('add-run')
    .description(
      'analyse DSC run files (as ckin analyze) and store onset/peak/power with the files as provenance',
    )
    .argument('<files...>', 'DSC run files of one sample (e.g. one per heating rate)')
    .requiredOption('--db <file>', 'database file')
    .requiredOption(
      '--formula <formula>',
      'cathode formula, e.g. LiNi0.8Co0.1Mn0.1O2 (contents are parsed from it)',
    )
    .requiredOption('--cutoff-voltage <V>', 'charge cut-off voltage (V)')
    .requiredOption('--electrolyte-content <mg/mg>', 'electrolyte per electrode mass in the pan (0 = dry)')
    .requiredOption('--crucible <sealed|open>', 'crucible type')
    .option('--family <lco|ncm|nca|lr|other>', 'material family', 'other')
    .option('--electrolyte-additive <0|1>', 'electrolyte with additives', '0')
    .option('--electrolyte-composition <text>', 'e.g. "1 M LiPF6 EC:DMC 1:1"')
    .option('--additives <text>', 'additives, e.g. "2 % VC"')
    .option('--active-ratio <fraction>', 'active-material mass fraction of the electrode')
    .option('--binder-carbon-ratio <fraction>', 'binder + carbon mass fraction')
    .option('--delithiation <fraction>', 'fraction of Li removed')
    .option('--atmosphere <gas>', 'purge gas (default: from the file)')
    .option('--note <text>', 'provenance note')
    .option('--added-by <name>', 'who adds the records (default $USER)')
    .option('--skip-invalid', 'store the runs that could be analysed even when others fail')
    .option(
      '--rates <K/min>',
      'heating rates, one per file in order (default: header, T(t) slope, or file name)',
    )
    .option('--columns <names>', 'column names for files without a header, e.g. temperature_C,heatflow_W_g')
    .option('--temperature-unit <C|K>', 'temperature unit when the header is missing or wrong')
    .option('--exo-sign <1|-1>', '-1 if exotherms are recorded negative')
    .option('--sample-mass <mg>', 'sample mass to normalise a heat flow in mW')
    .option('--window <lo:hi>', 'stage window(s) in °C (default: automatic)')
    .option('--baseline <linear|sigmoidal>', 'DSC baseline under each peak', 'sigmoidal')
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: AddRunOptions) => {
      const report = await withReport(opts.json, () =>
        dbAddRun({
          db: opts.db,
          runs: runSources(files),
          ...parseRunReadOptions(opts, true),
          baseline: parseChoice('--baseline', opts.baseline, ['sigmoidal', 'linear'] as const),
          metadata: {
            formula: opts.formula,
            family: opts.family,
            cutoff_voltage_V: parseNumberOption('--cutoff-voltage', opts.cutoffVoltage)!,
            electrolyte_content_mg_mg: parseNumberOption('--electrolyte-content', opts.electrolyteContent)!,
            crucible: opts.crucible,
            electrolyte_additive: parseNumberOption('--electrolyte-additive', opts.electrolyteAdditive),
            electrolyte_composition: opts.electrolyteComposition,
            additives: opts.additives,
            active_material_ratio: parseNumberOption('--active-ratio', opts.activeRatio),
            binder_carbon_ratio: parseNumberOption('--binder-carbon-ratio', opts.binderCarbonRatio),
            delithiation_fraction: parseNumberOption('--delithiation', opts.delithiation),
            atmosphere: opts.atmosphere,
            note: opts.note,
          },
          addedBy: opts.addedBy,
          skipInvalid: opts.skipInvalid,
          onLog: log,
        }),
      );
      if (opts.json) printJson(report);
      else {
        process.stdout.write(
          formatTable(
            ['record_id', 'beta_K_min', 'onset_T_K', 'peak_T_K', 'max_power_W_g', 'total_heat_J_g', 'file'],
            report.records.map((r, i) => [
              report.record_ids[i],
              String(r.scan_rate_K_min),
              r.onset_T_K === null ? '' : (r.onset_T_K as number).toFixed(2),
              (r.peak_T_K as number).toFixed(2),
              (r.max_power_W_g as number).toFixed(4),
              r.total_heat_J_g === null ? '' : (r.total_heat_J_g as number).toFixed(1),
              String(r.source),
            ]),
          ) + '\n',
        );
      }
    });
}
