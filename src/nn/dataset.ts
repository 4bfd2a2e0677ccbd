/**
 * The CNN's view of a dataset directory written by `ckin synth` (format in docs/synthetic-dataset.md):
 * manifest.json (with each array’s sha256, checked on read) + curves.f32 [N, R, P] + aux.f32 [N, R] + labels.f32 [N, 3] (Ea_kJ_mol, lgA_s, n) + material.u8,
 * share.u8, flags.u8 (bit 0 = valid), split.u8 (0 train, 1 val, 2 test). Arrays are read whole into typed arrays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/input-error.ts';
import { readJsonFile } from '../core/json.ts';
import { CurveDatasetManifestSchema } from './schemas.ts';
import type { LabelPrior } from './identifiability.ts';
import { validateMaterial, type MaterialSpec } from '../synth/materials.ts';
import { assertSha256 } from '../synth/dataset-reader.ts';

/** Samples as the network sees them: x [N·C·L], aux [N·A], y [N·2] = (Ea_kJ_mol, lgA_s). */
export interface CurveSet {
  count: number;
  channels: number;
  length: number;
  auxSize: number;
  curves: Float32Array;
  aux: Float32Array;
  /** (Ea_kJ_mol, lgA_s) per sample; NaN when unknown (real runs). */
  targets: Float32Array;
  /** JMA exponent n per sample (datasets only). */
  n?: Float32Array;
  material?: Uint8Array;
  share?: Uint8Array;
  flags?: Uint8Array;
  split?: Uint8Array;
  materials?: string[];
}

export interface DatasetInfo {
  dir: string;
  seed?: number;
  count: number;
  rates_K_min: number[];
  grid_C: { start: number; end: number; points: number };
  materials: string[];
  noise?: unknown;
  /** Material specs from the generator spec (KCE lines), validated, when the manifest has them. */
  materialSpecs?: MaterialSpec[];
  splitCounts?: Record<string, number>;
  /** The label prior from the generator spec (materials, KCE share, plane), when the manifest has it. */
  labelPrior?: LabelPrior;
}

export const SPLITS = { train: 0, val: 1, test: 2 } as const;
export type SplitName = keyof typeof SPLITS | 'all';

function readArray<T extends Float32Array | Uint8Array>(
  dir: string,
  name: string,
  ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number },
  expected: number,
  sha256?: string,
): T {
  const file = join(dir, name);
  if (!existsSync(file)) throw new InputError(`missing dataset array ${name}`, { file: dir });
  const buf = readFileSync(file);
  if (sha256 !== undefined) assertSha256(buf, sha256, file);
  if (buf.byteLength !== expected * ctor.BYTES_PER_ELEMENT) {
    throw new InputError(
      `expected ${expected} values (${expected * ctor.BYTES_PER_ELEMENT} bytes), found ${buf.byteLength} bytes`,
      {
        file,
      },
    );
  }
  // Copy into an aligned buffer of our own (Buffer slices may be unaligned or pooled).
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new ctor(copy.buffer, 0, expected);
}

/** Read a dataset directory; throws InputError naming the file on a missing or inconsistent part. */
export function readCurveDataset(dir: string): { set: CurveSet; info: DatasetInfo } {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new InputError('not a dataset directory (no manifest.json)', { file: dir });
  const m = readJsonFile(manifestPath, CurveDatasetManifestSchema, 'dataset manifest');
  const { count, points, rates_K_min: rates } = m;
  const R = rates.length;
  // Arrays written by `ckin synth` carry their sha256 in the manifest: check it (as the synth reader does).
  const files = m.files ?? {};
  const sha = (name: string) => files[name]?.sha256;
  const labels3 = readArray(dir, 'labels.f32', Float32Array, count * 3, sha('labels.f32'));
  const targets = new Float32Array(count * 2);
  const n = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    targets[2 * i] = labels3[3 * i];
    targets[2 * i + 1] = labels3[3 * i + 1];
    n[i] = labels3[3 * i + 2];
  }
  const set: CurveSet = {
    count,
    channels: R,
    length: points,
    auxSize: R,
    curves: readArray(dir, 'curves.f32', Float32Array, count * R * points, sha('curves.f32')),
    aux: readArray(dir, 'aux.f32', Float32Array, count * R, sha('aux.f32')),
    targets,
    n,
    material: readArray(dir, 'material.u8', Uint8Array, count, sha('material.u8')),
    share: readArray(dir, 'share.u8', Uint8Array, count, sha('share.u8')),
    flags: readArray(dir, 'flags.u8', Uint8Array, count, sha('flags.u8')),
    split: readArray(dir, 'split.u8', Uint8Array, count, sha('split.u8')),
    materials: m.materials ?? [],
  };
  const spec = m.spec ?? {};
  const materialSpecs = Array.isArray(spec.materials)
    ? spec.materials.map((x, i) => validateMaterial(x, `${manifestPath} spec.materials[${i}]`))
    : undefined;
  const info: DatasetInfo = {
    dir,
    seed: m.seed,
    count,
    rates_K_min: rates,
    grid_C: m.grid_C ?? { start: 30, end: 800, points },
    materials: set.materials!,
    noise: spec.noise,
    materialSpecs,
    splitCounts: m.splitCounts,
    labelPrior: materialSpecs && labelPriorFromSpec(spec, materialSpecs, manifestPath),
  };
  return { set, info };
}

/** Indices of the samples in a split (all samples for 'all'); `validOnly` keeps those with flag bit 0 set. */
export function splitIndices(set: CurveSet, split: SplitName, validOnly = false): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < set.count; i++) {
    if (split !== 'all' && set.split && set.split[i] !== SPLITS[split]) continue;
    if (validOnly && set.flags && (set.flags[i] & 1) === 0) continue;
    out.push(i);
  }
  return Uint32Array.from(out);
}

/** Copy the listed samples into a new contiguous CurveSet. */
export function subset(set: CurveSet, rows: ArrayLike<number>): CurveSet {
  const n = rows.length;
  const cl = set.channels * set.length;
  const out: CurveSet = {
    ...set,
    count: n,
    curves: new Float32Array(n * cl),
    aux: new Float32Array(n * set.auxSize),
    targets: new Float32Array(n * 2),
    n: set.n ? new Float32Array(n) : undefined,
    material: set.material ? new Uint8Array(n) : undefined,
    share: set.share ? new Uint8Array(n) : undefined,
    flags: set.flags ? new Uint8Array(n) : undefined,
    split: set.split ? new Uint8Array(n) : undefined,
  };
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    out.curves.set(set.curves.subarray(i * cl, (i + 1) * cl), k * cl);
    out.aux.set(set.aux.subarray(i * set.auxSize, (i + 1) * set.auxSize), k * set.auxSize);
    out.targets[2 * k] = set.targets[2 * i];
    out.targets[2 * k + 1] = set.targets[2 * i + 1];
    if (out.n) out.n[k] = set.n![i];
    if (out.material) out.material[k] = set.material![i];
    if (out.share) out.share[k] = set.share![i];
    if (out.flags) out.flags[k] = set.flags![i];
    if (out.split) out.split[k] = set.split![i];
  }
  return out;
}

const isRange = (r: unknown): r is [number, number] =>
  Array.isArray(r) && r.length === 2 && r.every(Number.isFinite) && r[0] < r[1];

/** The label prior of a generator spec; undefined when the manifest predates it, InputError when malformed. */
function labelPriorFromSpec(
  spec: Record<string, unknown>,
  materials: MaterialSpec[],
  file: string,
): LabelPrior | undefined {
  if (spec.kceShare === undefined || spec.plane === undefined) return undefined;
  const plane = spec.plane as Record<string, unknown>;
  const kceShare = spec.kceShare as number;
  if (!(kceShare >= 0 && kceShare <= 1) || !isRange(plane?.Ea_kJ_mol) || !isRange(plane?.lgA_s)) {
    throw new InputError('spec.kceShare must be in [0, 1] and spec.plane needs Ea_kJ_mol and lgA_s ranges', {
      file,
    });
  }
  return { materials, kceShare, plane: { Ea_kJ_mol: plane.Ea_kJ_mol, lgA_s: plane.lgA_s } };
}
