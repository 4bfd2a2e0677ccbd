import type { Command } from 'commander';
import { readFileSync, existsSync } from 'node:fs';
import { printJson, log } from '../output.ts';
import { formatTable } from '../../core/format.ts';
import { InputError } from '../../core/input-error.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { openDatabase, insertRecords, readRecords, queryRows, countRecords } from '../../dsc/database.ts';
import { parseRecordCsv, recordsToCsv } from '../../dsc/csv-import.ts';
import { generateDemoRecords } from '../../dsc/demo-generator.ts';
import { parseFormula, dscResultsFromRun } from '../../dsc/run-records.ts';
import { validateRecord } from '../../dsc/validate-record.ts';
import type { DscRecord } from '../../dsc/schema.ts';
import { readRunFile } from '../../io/read-run.ts';
import { withFileNameRate } from '../../io/instruments/rate-from-filename.ts';
import { analyzeRuns, type AnalyzeInput } from '../../analysis/analyze.ts';
import { parseStageWindowsC } from '../../analysis/stage-window.ts';
import { parseRates, parseNumberOption, parseTemperatureUnitOption } from '../options.ts';
import { resolve } from 'node:path';

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

interface AddRunOptions extends DbOpt {
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
  rates?: string;
  columns?: string;
  temperatureUnit?: string;
  exoSign?: string;
  sampleMass?: string;
  window?: string;
  baseline?: string;
}

/**
 * `ckin db add-run FILES…`: analyse DSC runs with the `ckin analyze` pipeline (src/analysis/analyze.ts) and store
 * one record per run (onset, peak, max power, total heat; see src/dsc/run-records.ts) with the sample metadata
 * given as options and the run file as provenance (source_kind "run"). All records or none (one transaction).
 */
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
      needDb(opts.db);
      let contents: Record<string, number>;
      try {
        contents = parseFormula(opts.formula);
      } catch (e) {
        throw new InputError(`--formula: ${(e as Error).message}`);
      }
      const rates = parseRates(opts.rates);
      if (rates && rates.length !== files.length)
        throw new InputError(
          `--rates has ${rates.length} values for ${files.length} files: give one rate per file, in order`,
        );
      const exo = parseNumberOption('--exo-sign', opts.exoSign);
      if (exo !== undefined && exo !== 1 && exo !== -1)
        throw new InputError(`--exo-sign: expected 1 or -1, got ${opts.exoSign}`);
      const baseline = opts.baseline ?? 'sigmoidal';
      if (baseline !== 'linear' && baseline !== 'sigmoidal')
        throw new InputError(`--baseline: expected linear or sigmoidal, got "${baseline}"`);
      const readOpts = {
        temperatureUnit: parseTemperatureUnitOption(opts.temperatureUnit),
        columns: opts.columns ? opts.columns.split(',').map((c) => c.trim()) : undefined,
        exoSign: exo as 1 | -1 | undefined,
        sampleMass_mg: parseNumberOption('--sample-mass', opts.sampleMass),
      };
      const inputs: AnalyzeInput[] = files.map((file, i) => {
        try {
          return {
            file,
            run: withFileNameRate(readRunFile(file, { ...readOpts, heatingRate_K_min: rates?.[i] })),
          };
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          return { file, error: e.message };
        }
      });
      const analysis = analyzeRuns(inputs, {
        windows: opts.window ? parseStageWindowsC(opts.window) : undefined,
        baseline,
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
          rejected.push({ file: inp.file, reasons: [(e as Error).message] });
          continue;
        }
        const check = validateRecord({
          formula: opts.formula,
          family: opts.family,
          ...contents,
          cutoff_voltage_V: opts.cutoffVoltage,
          delithiation_fraction: opts.delithiation,
          electrolyte_content_mg_mg: opts.electrolyteContent,
          electrolyte_composition: opts.electrolyteComposition,
          electrolyte_additive: opts.electrolyteAdditive,
          additives: opts.additives,
          active_material_ratio: opts.activeRatio,
          binder_carbon_ratio: opts.binderCarbonRatio,
          crucible: opts.crucible,
          scan_rate_K_min: res.scan_rate_K_min,
          atmosphere: opts.atmosphere ?? inp.run.sample.atmosphere,
          onset_T_K: res.onset_T_K,
          peak_T_K: res.peak_T_K,
          max_power_W_g: res.max_power_W_g,
          total_heat_J_g: res.total_heat_J_g,
          source: resolve(inp.file),
          source_kind: 'run',
          added_by: opts.addedBy,
          note: opts.note ?? `ckin db add-run (heating rate from ${inp.run.heatingRateSource ?? 'unknown'})`,
        });
        if (check.ok) records.push(check.record);
        else rejected.push({ file: inp.file, reasons: check.reasons });
      }
      for (const r of rejected) log(`${r.file}: rejected: ${r.reasons.join('; ')}`);
      const report = {
        db: opts.db,
        files: files.length,
        rejected,
        imported: 0,
        record_ids: [] as number[],
        records,
      };
      if (rejected.length && !opts.skipInvalid) {
        if (opts.json) printJson(report);
        throw new InputError(
          `${rejected.length} of ${files.length} runs rejected; nothing stored (fix them, or use --skip-invalid)`,
        );
      }
      const d = await openDatabase(opts.db);
      try {
        report.record_ids = await insertRecords(d, records, { addedBy: opts.addedBy });
      } finally {
        d.close();
      }
      report.imported = report.record_ids.length;
      if (opts.json) printJson(report);
      else {
        process.stdout.write(
          formatTable(
            ['record_id', 'beta_K_min', 'onset_T_K', 'peak_T_K', 'max_power_W_g', 'total_heat_J_g', 'file'],
            records.map((r, i) => [
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
