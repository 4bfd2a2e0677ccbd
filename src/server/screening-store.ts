import { cellText } from '../core/format.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';

/** One stored screening run (a batch prediction over many samples). */
export interface ScreeningRun {
  id: string;
  name: string;
  created: string;
  model: string;
  model_version: string;
  samples: number;
  failed: number;
}

export interface ScreeningResult {
  sample_id: string;
  /** SHA-256 of the sample's uploaded files (names and bytes, in order) and read options. */
  input_sha256: string;
  Ea_kJ_mol: number | null;
  lgA_s: number | null;
  error: string | null;
  /** The full per-sample result (JSON). */
  result: unknown;
}

/**
 * Screening runs in the project's embedded database (DuckDB via @duckdb/node-api), in this server's own file and
 * tables (`screening_run`, `screening_result`), separate from the DSC-record database. Writes of one run happen in
 * one transaction, so a run is stored whole or not at all.
 */
export class ScreeningStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly c: DuckDBConnection,
  ) {}

  static async open(path: string): Promise<ScreeningStore> {
    const instance = await DuckDBInstance.create(path);
    const c = await instance.connect();
    await c.run(`CREATE TABLE IF NOT EXISTS screening_run (
      id VARCHAR PRIMARY KEY, name VARCHAR, created VARCHAR, model VARCHAR, model_version VARCHAR,
      samples INTEGER, failed INTEGER)`);
    await c.run(`CREATE TABLE IF NOT EXISTS screening_result (
      run_id VARCHAR, sample_id VARCHAR, input_sha256 VARCHAR, Ea_kJ_mol DOUBLE, lgA_s DOUBLE, error VARCHAR,
      result_json VARCHAR)`);
    return new ScreeningStore(instance, c);
  }

  /** Store a finished run with all its results; returns its id. */
  async save(
    run: Omit<ScreeningRun, 'id' | 'created' | 'samples' | 'failed'>,
    results: ScreeningResult[],
  ): Promise<ScreeningRun> {
    const stored: ScreeningRun = {
      ...run,
      id: randomUUID(),
      created: new Date().toISOString(),
      samples: results.length,
      failed: results.filter((r) => r.error).length,
    };
    await this.c.run('BEGIN TRANSACTION');
    try {
      await this.c.run('INSERT INTO screening_run VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        stored.id,
        stored.name,
        stored.created,
        stored.model,
        stored.model_version,
        stored.samples,
        stored.failed,
      ]);
      const ps = await this.c.prepare('INSERT INTO screening_result VALUES ($1, $2, $3, $4, $5, $6, $7)');
      for (const r of results) {
        ps.clearBindings();
        ps.bind([
          stored.id,
          r.sample_id,
          r.input_sha256,
          r.Ea_kJ_mol,
          r.lgA_s,
          r.error,
          JSON.stringify(r.result),
        ] as never);
        await ps.run();
      }
      await this.c.run('COMMIT');
    } catch (e) {
      await this.c.run('ROLLBACK');
      throw e;
    }
    return stored;
  }

  async list(): Promise<ScreeningRun[]> {
    const r = await this.c.runAndReadAll('SELECT * FROM screening_run ORDER BY created DESC');
    return r.getRowObjectsJS().map((o) => ({
      ...(o as unknown as ScreeningRun),
      samples: Number(o.samples),
      failed: Number(o.failed),
    }));
  }

  async get(id: string): Promise<{ run: ScreeningRun; results: ScreeningResult[] } | undefined> {
    const runs = (
      await this.c.runAndReadAll('SELECT * FROM screening_run WHERE id = $1', [id])
    ).getRowObjectsJS();
    if (runs.length === 0) return undefined;
    const rows = (
      await this.c.runAndReadAll('SELECT * FROM screening_result WHERE run_id = $1 ORDER BY rowid', [id])
    ).getRowObjectsJS();
    const o = runs[0];
    return {
      run: { ...(o as unknown as ScreeningRun), samples: Number(o.samples), failed: Number(o.failed) },
      results: rows.map((r) => ({
        sample_id: cellText(r.sample_id),
        input_sha256: cellText(r.input_sha256),
        Ea_kJ_mol: r.Ea_kJ_mol as number | null,
        lgA_s: r.lgA_s as number | null,
        error: (r.error as string | null) ?? null,
        result: JSON.parse(cellText(r.result_json)) as unknown,
      })),
    };
  }

  close(): void {
    this.c.closeSync();
    this.instance.closeSync();
  }
}
