/**
 * The DSC-record database: an embedded DuckDB file (@duckdb/node-api, prebuilt binary, no install script).
 * Schema in schema.ts (six tables + the flat view `dsc_record`). Every write goes through one transaction, so an
 * import either stores all its rows or none.
 */
import type { DuckDBInstance, DuckDBConnection } from '@duckdb/node-api';
import { RECORD_COLUMNS, TABLES, schemaDdl, type DscRecord } from './schema.ts';
import { InputError } from '../core/input-error.ts';

export interface DscDatabase {
  readonly path: string;
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Open (creating if needed) a database file; `:memory:` for a throw-away one. Creates the schema unless read-only. */
export async function openDatabase(path: string, opts: { readOnly?: boolean } = {}): Promise<DscDatabase> {
  // Loaded on first use: the DuckDB binding takes ~0.15 s to load and most `ckin` commands never need it.
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  let instance: DuckDBInstance;
  try {
    instance = await Instance.create(path, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (err) {
    throw new InputError(`cannot open as a DuckDB database: ${(err as Error).message}`, { file: path });
  }
  const connection = await instance.connect();
  if (!opts.readOnly) for (const stmt of await pendingDdl(connection)) await connection.run(stmt);
  return {
    path,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * Insert validated records in ONE transaction (all or nothing). Fills provenance `added_at` (ISO-8601 UTC) and
 * `added_by` when empty. Returns the new record ids.
 */
export async function insertRecords(
  db: DscDatabase,
  records: DscRecord[],
  opts: { addedBy?: string; now?: Date } = {},
): Promise<number[]> {
  const c = db.connection;
  const addedAt = (opts.now ?? new Date()).toISOString();
  const addedBy = opts.addedBy ?? process.env.USER ?? 'unknown';
  const ids: number[] = [];
  await c.run('BEGIN TRANSACTION');
  try {
    const statements = new Map<string, Awaited<ReturnType<DuckDBConnection['prepare']>>>();
    for (const t of TABLES) {
      const cols = RECORD_COLUMNS.filter((col) => col.table === t).map((col) => `"${col.name}"`);
      const sql =
        t === 'material'
          ? `INSERT INTO material (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING record_id`
          : `INSERT INTO ${t} (record_id, ${cols.join(', ')}) VALUES (${['$1', ...cols.map((_, i) => `$${i + 2}`)].join(', ')})`;
      statements.set(t, await c.prepare(sql));
    }
    for (const rec of records) {
      const full: DscRecord = {
        ...rec,
        added_at: rec.added_at ?? addedAt,
        added_by: rec.added_by ?? addedBy,
      };
      let id = 0;
      for (const t of TABLES) {
        const values = RECORD_COLUMNS.filter((col) => col.table === t).map((col) => {
          const v = full[col.name];
          return v === undefined ? null : v;
        });
        const ps = statements.get(t)!;
        ps.clearBindings();
        if (t === 'material') {
          ps.bind(values);
          const reader = await ps.runAndReadAll();
          id = Number(reader.getRows()[0][0]);
        } else {
          ps.bind([id, ...values] as never);
          await ps.run();
        }
      }
      ids.push(id);
    }
    await c.run('COMMIT');
  } catch (err) {
    await rollback(c);
    throw err;
  }
  return ids;
}

/**
 * The statements of `schemaDdl()` that would change this database: a migration (ADD COLUMN, DROP NOT NULL, the view)
 * only when the file lacks it. Running all of them at every open wrote ALTERs into the WAL each time, and DuckDB
 * 1.5 cannot replay an `ALTER … DROP NOT NULL` from the WAL ("Calling DatabaseManager::GetDefaultDatabase with no
 * default database set"): a process that could not checkpoint at close — disk full, SIGKILL — left a database that
 * no longer opened (issue 22; found by the disk-full test). The CREATE … IF NOT EXISTS statements are no-ops when
 * the object exists.
 */
async function pendingDdl(c: DuckDBConnection): Promise<string[]> {
  const rows = (
    await c.runAndReadAll(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'main'",
    )
  ).getRowObjectsJS() as { table_name: string; column_name: string; is_nullable: string }[];
  const nullable = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'YES']));
  const out: string[] = [];
  let changed = !nullable.has('dsc_record.record_id');
  for (const stmt of schemaDdl()) {
    const add = /^ALTER TABLE (\w+) ADD COLUMN IF NOT EXISTS "([^"]+)"/.exec(stmt);
    const drop = /^ALTER TABLE (\w+) ALTER COLUMN "([^"]+)" DROP NOT NULL/.exec(stmt);
    const table = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(stmt);
    if (add && nullable.has(`${add[1]}.${add[2]}`)) continue;
    if (drop && nullable.get(`${drop[1]}.${drop[2]}`) === true) continue;
    if (/^CREATE OR REPLACE VIEW/.test(stmt) && !changed) continue;
    if (add || drop || (table && !nullable.has(`${table[1]}.record_id`))) changed = true;
    out.push(stmt);
  }
  return out;
}

/**
 * Roll back after a failed statement, keeping the statement's error: when COMMIT itself failed (disk full), DuckDB
 * has already ended the transaction and ROLLBACK fails with "no transaction is active", which used to replace the
 * cause (issue 22).
 */
async function rollback(c: DuckDBConnection): Promise<void> {
  try {
    await c.run('ROLLBACK');
  } catch {
    // the transaction is gone already; the caller rethrows the original error
  }
}

/** All records (flat rows of the `dsc_record` view), ordered by id. */
export async function readRecords(db: DscDatabase): Promise<DscRecord[]> {
  return (await queryRows(db, 'SELECT * FROM dsc_record ORDER BY record_id')) as DscRecord[];
}

/** Run any SQL and return JSON-safe row objects (BIGINT → number, timestamps → ISO strings). */
export async function queryRows(db: DscDatabase, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.connection.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      out[k] = typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v;
    }
    return out;
  });
}

/** Number of records. */
export async function countRecords(db: DscDatabase): Promise<number> {
  const rows = await queryRows(db, 'SELECT count(*) AS n FROM material');
  return Number(rows[0].n);
}

/** Delete records (all six tables) in one transaction; returns the ids that existed. */
export async function deleteRecords(db: DscDatabase, ids: number[]): Promise<number[]> {
  const c = db.connection;
  if (ids.length === 0) return [];
  const list = ids.map((i) => String(Math.trunc(i))).join(', ');
  const found = (await queryRows(db, `SELECT record_id FROM material WHERE record_id IN (${list})`)).map(
    (r) => Number(r.record_id),
  );
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of TABLES) await c.run(`DELETE FROM ${t} WHERE record_id IN (${list})`);
    await c.run('COMMIT');
  } catch (err) {
    await rollback(c);
    throw err;
  }
  return found.sort((a, b) => a - b);
}

/** Overwrite every schema column of record `id` with `rec` (a validated record) in one transaction. */
export async function updateRecord(db: DscDatabase, id: number, rec: DscRecord): Promise<void> {
  const c = db.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of TABLES) {
      const cols = RECORD_COLUMNS.filter((col) => col.table === t);
      const ps = await c.prepare(
        `UPDATE ${t} SET ${cols.map((col, i) => `"${col.name}" = $${i + 1}`).join(', ')} WHERE record_id = $${cols.length + 1}`,
      );
      ps.bind([...cols.map((col) => rec[col.name] ?? null), id] as never);
      await ps.run();
    }
    await c.run('COMMIT');
  } catch (err) {
    await rollback(c);
    throw err;
  }
}
