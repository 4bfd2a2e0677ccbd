import { existsSync } from 'node:fs';
import { generateDemoRecords } from '../dsc/demo-generator.ts';
import { openDatabase, queryRows, readRecords } from '../dsc/database.ts';
import { runPipeline } from '../dsc/pipeline.ts';
import { summarizePipeline } from '../dsc/report.ts';
import { beeswarmSpec, paritySpec, ternarySpec } from '../dsc/plots.ts';
import { loadLibsvm } from '../dsc/svr.ts';
import type { DscRecord } from '../dsc/schema.ts';
import { HttpError } from './http-error.ts';
import type { XaiRequest } from './schemas.ts';
import { buildSavedModel } from '../dsc/saved-model.ts';
import { parseFixSpec } from '../dsc/fixed-conditions.ts';
import { packageVersion } from '../core/version.ts';

/** The demonstration records of `ckin xai --db demo` (synthetic, labelled as such wherever shown). */
export const DEMO_SEED = 2025;

/**
 * Records for the DSC tab: from the server's DuckDB file (`ckin serve --dsc-db FILE`, never a path from a request)
 * or the synthetic demo generator.
 */
export async function dscRecords(
  source: 'db' | 'demo',
  dbPath: string | undefined,
  demoN = 600,
): Promise<{ records: DscRecord[]; label: string }> {
  if (source === 'demo')
    return {
      records: generateDemoRecords(demoN, DEMO_SEED),
      label: `synthetic demonstration records (n = ${demoN}, seed ${DEMO_SEED}), not measurements`,
    };
  if (!dbPath)
    throw new HttpError(
      404,
      'no DSC database is configured: start the server with `ckin serve --dsc-db FILE` (or use source "demo")',
    );
  if (!existsSync(dbPath))
    throw new HttpError(
      404,
      `the DSC database ${dbPath} does not exist (create it with \`ckin db init --db FILE\`)`,
    );
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return { records: await readRecords(db), label: dbPath };
  } finally {
    db.close();
  }
}

let demoQuery: { records: DscRecord[]; label: string } | undefined;

/** The first `limit` rows of the flat `dsc_record` view (or of the demo records). */
export async function dscQuery(source: 'db' | 'demo', dbPath: string | undefined, limit: number) {
  if (source === 'demo') {
    // Made once per server: 600 records take 30–130 ms on the event loop (the fuzz test saw /health wait for it).
    demoQuery ??= await dscRecords('demo', undefined);
    const { records, label } = demoQuery;
    return { source: label, total: records.length, rows: records.slice(0, limit) };
  }
  const { label } = { label: dbPath };
  if (!dbPath || !existsSync(dbPath)) await dscRecords('db', dbPath); // throws the readable 404
  const db = await openDatabase(dbPath!, { readOnly: true });
  try {
    const total = Number((await queryRows(db, 'SELECT count(*) AS n FROM dsc_record'))[0].n);
    const rows = await queryRows(
      db,
      `SELECT * FROM dsc_record ORDER BY record_id LIMIT ${Math.floor(limit)}`,
    );
    return { source: label, total, rows };
  } finally {
    db.close();
  }
}

/**
 * The explainable-ML pipeline of `ckin xai` (Sun 2025: Spearman + null-importance selection, SVR, Shapley values,
 * ternary NCM maps) with the page's plots: per target the ternary map, the SHAP beeswarm and the parity plot
 * (the same Vega-Lite specs `ckin xai --report` renders).
 */
export async function runXai(req: XaiRequest, dbPath: string | undefined) {
  const t0 = performance.now();
  const { records, label } = await dscRecords(
    req.source ?? (dbPath ? 'db' : 'demo'),
    dbPath,
    req.demoN ?? 600,
  );
  if (records.length < 20)
    throw new HttpError(
      422,
      `the DSC database has ${records.length} records; the pipeline needs at least 20`,
    );
  await loadLibsvm();
  let fix;
  try {
    fix = req.fix === undefined ? undefined : parseFixSpec(req.fix);
  } catch (e) {
    if (e instanceof RangeError) throw new HttpError(422, e.message);
    throw e;
  }
  const result = await runPipeline(records, {
    ternaryFix: fix,
    targets: req.targets ?? ['onset', 'peak', 'power'],
    seed: req.seed ?? 1,
    shuffles: req.shuffles ?? 20,
    forestTrees: req.trees ?? 50,
    maxExplain: req.explain ?? 150,
    ternaryVoltage_V: req.voltage_V ?? 4.3,
    keep: req.keep,
    spearmanThreshold: req.spearman,
    backgroundSize: req.background ?? 50,
  }).catch((e: unknown) => {
    if (e instanceof RangeError && e.message.startsWith('--keep')) throw new HttpError(422, e.message);
    throw e;
  });
  return {
    source: label,
    elapsed_s: (performance.now() - t0) / 1000,
    ...summarizePipeline(result),
    plots: result.targets.map((t) => ({
      target: t.target,
      ternary: ternarySpec(t),
      shap: beeswarmSpec(t),
      parity: paritySpec(t),
    })),
    model: req.save
      ? buildSavedModel(records, result, {
          source: label,
          synthetic: (req.source ?? (dbPath ? 'db' : 'demo')) === 'demo',
          created: new Date().toISOString(),
          ckin_version: packageVersion(),
        })
      : undefined,
  };
}
