/**
 * Read samples for batch prediction from a wide CSV table — the layout `ckin synth --format csv` writes: one row per
 * sample with `beta{r}_K_min` heating rates and `dtg_r{r}_p{p}` peak-normalized curve values on the model's grid;
 * `Ea_kJ_mol`, `lgA_s`, `valid`, `split` are optional (labels enable scoring). Parsed with csv-parse.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/input-error.ts';
import type { CurveSet } from './dataset.ts';

export function readWideCsv(file: string, channels: number, length: number): CurveSet {
  let rows: string[][];
  try {
    rows = parse(readFileSync(file, 'utf8'), { skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new InputError(`cannot parse CSV: ${(err as Error).message}`, { file });
  }
  if (rows.length < 2) throw new InputError('needs a header and at least one sample row', { file, line: 1 });
  const header = rows[0];
  const col = new Map(header.map((h, i) => [h, i]));
  const dtgCols: number[] = [];
  const width = String(length - 1).length;
  for (let r = 0; r < channels; r++) {
    for (let p = 0; p < length; p++) {
      const name = `dtg_r${r}_p${String(p).padStart(width, '0')}`;
      const j = col.get(name) ?? col.get(`dtg_r${r}_p${p}`);
      if (j === undefined)
        throw new InputError(`missing column ${name} (the model takes ${channels} × ${length} values)`, {
          file,
          line: 1,
        });
      dtgCols.push(j);
    }
  }
  const betaCols = Array.from({ length: channels }, (_, r) => col.get(`beta${r}_K_min`));
  if (betaCols.some((j) => j === undefined))
    throw new InputError(`missing beta0_K_min … beta${channels - 1}_K_min columns`, { file, line: 1 });
  const n = rows.length - 1;
  const set: CurveSet = {
    count: n,
    channels,
    length,
    auxSize: channels,
    curves: new Float32Array(n * channels * length),
    aux: new Float32Array(n * channels),
    targets: new Float32Array(n * 2).fill(NaN),
    flags: col.has('valid') ? new Uint8Array(n) : undefined,
  };
  const num = (row: string[], j: number, line: number) => {
    const v = Number(row[j]);
    if (row[j] === undefined || row[j] === '' || !Number.isFinite(v)) {
      throw new InputError(`column ${header[j]}: not a number ("${row[j] ?? ''}")`, { file, line });
    }
    return v;
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i + 1];
    const line = i + 2;
    dtgCols.forEach((j, k) => (set.curves[i * channels * length + k] = num(row, j, line)));
    betaCols.forEach((j, r) => (set.aux[i * channels + r] = num(row, j!, line)));
    if (col.has('Ea_kJ_mol') && col.has('lgA_s')) {
      set.targets[2 * i] = Number(row[col.get('Ea_kJ_mol')!]);
      set.targets[2 * i + 1] = Number(row[col.get('lgA_s')!]);
    }
    if (set.flags) set.flags[i] = ['1', 'true'].includes(row[col.get('valid')!]) ? 1 : 0;
  }
  return set;
}
