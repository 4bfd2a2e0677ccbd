import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Dataset } from './dataset-reader.ts';

/** Export formats besides the binary dataset directory. */
export type ExportFormat = 'csv' | 'parquet';

/** Column names of the wide table: one row per sample (docs/synthetic-dataset.md). */
export function exportColumns(ds: Pick<Dataset, 'manifest'>): string[] {
  const R = ds.manifest.rates_K_min.length;
  const P = ds.manifest.points;
  const cols = ['sample', 'split', 'material', 'share', 'valid', 'flags', 'Ea_kJ_mol', 'lgA_s', 'n'];
  for (let r = 0; r < R; r++) cols.push(`beta${r}_K_min`);
  const width = String(P - 1).length;
  for (let r = 0; r < R; r++)
    for (let p = 0; p < P; p++) cols.push(`dtg_r${r}_p${String(p).padStart(width, '0')}`);
  return cols;
}

/**
 * Decimal text that reads back (as float32) to exactly `v`: 8 significant digits when they suffice, else 9 (always
 * enough for float32), trailing zeros dropped. Nearly as short as the shortest form and ≈ 4× faster to find.
 */
export function formatFloat32(v: number): string {
  if (v === 0) return '0';
  const s8 = v.toPrecision(8);
  const n8 = Number(s8);
  return String(Math.fround(n8) === v ? n8 : Number(v.toPrecision(9)));
}

/**
 * Write the dataset as one wide CSV table (header + one row per sample): identifiers, labels, heating rates and
 * the R×P curve values (`dtg_r{rate index}_p{grid index}`, grid temperatures in the manifest's grid_C). Written
 * through a fixed-size buffer, so memory stays small. Returns the file's sha256.
 */
export function exportCsv(ds: Dataset, path: string): string {
  const { manifest: m } = ds;
  const R = m.rates_K_min.length;
  const P = m.points;
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = (): void => {
      const buf = Buffer.from(pending.join(''));
      hash.update(buf);
      let written = 0;
      while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written);
      pending = [];
      pendingLength = 0;
    };
    const push = (line: string): void => {
      pending.push(line);
      pendingLength += line.length;
      if (pendingLength > 1 << 22) flush();
    };
    push(exportColumns(ds).join(',') + '\n');
    for (let i = 0; i < m.count; i++) {
      const cells: string[] = [
        String(i),
        m.splits[ds.split[i]],
        csvText(m.materials[ds.material[i]]),
        m.shares[ds.share[i]],
        String(ds.flags[i] & 1),
        String(ds.flags[i]),
        formatFloat32(ds.labels[i * 3]),
        formatFloat32(ds.labels[i * 3 + 1]),
        formatFloat32(ds.labels[i * 3 + 2]),
      ];
      for (let r = 0; r < R; r++) cells.push(formatFloat32(ds.aux[i * R + r]));
      const base = i * R * P;
      for (let k = 0; k < R * P; k++) cells.push(formatFloat32(ds.curves[base + k]));
      push(cells.join(',') + '\n');
    }
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Write the dataset as a Parquet file (same columns as the CSV; curve values and labels as FLOAT, identifiers as
 * integers/strings) through DuckDB (`@duckdb/node-api`, prebuilt binary, loaded only when this runs): the CSV is
 * written to a temporary file and converted with `COPY … TO … (FORMAT parquet)`. Returns the file's sha256.
 */
export async function exportParquet(ds: Dataset, path: string): Promise<string> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const csvPath = `${path}.tmp-${process.pid}.csv`;
  exportCsv(ds, csvPath);
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const cols = exportColumns(ds);
      const types = cols.map((c) => {
        if (c === 'sample' || c === 'valid' || c === 'flags') return `'${c}': 'INTEGER'`;
        if (c === 'split' || c === 'material' || c === 'share') return `'${c}': 'VARCHAR'`;
        return `'${c}': 'FLOAT'`;
      });
      await conn.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, auto_detect = false, columns = {${types.join(', ')}})) ` +
          `TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } finally {
    rmSync(csvPath, { force: true });
  }
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Read back a Parquet export's row count and column count through DuckDB (for tests and `--inspect`). */
export async function parquetShape(path: string): Promise<{ rows: number; columns: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const rows = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(path)})`,
    );
    const cols = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(path)}))`,
    );
    return { rows: Number(rows.getRows()[0][0]), columns: Number(cols.getRows()[0][0]) };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
