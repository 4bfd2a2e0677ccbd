import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { InputError } from '../core/input-error.ts';
import { checkJson } from '../core/json.ts';
import {
  ARRAY_FILES,
  type ArrayFileName,
  type DatasetManifest,
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
} from './dataset-format.ts';

/** A dataset read into typed arrays (shapes in `manifest.files`). */
export interface Dataset {
  dir: string;
  manifest: DatasetManifest;
  /** float32 [N, R, P]: peak-normalized DTG with noise, sample-major. */
  curves: Float32Array;
  /** float32 [N, R]: heating rates, K/min. */
  aux: Float32Array;
  /** float32 [N, 3]: Ea_kJ_mol, lgA_s, n. */
  labels: Float32Array;
  /** uint8 [N]: index into manifest.materials. */
  material: Uint8Array;
  /** uint8 [N]: 0 KCE line, 1 uniform plane. */
  share: Uint8Array;
  /** uint8 [N]: validity bits (manifest.flagBits). */
  flags: Uint8Array;
  /** uint8 [N]: 0 train, 1 val, 2 test. */
  split: Uint8Array;
}

export interface ReadOptions {
  /** Check every array's sha256 against the manifest (default true; ≈ 0.1 s for the 48 MB paper dataset). */
  verify?: boolean;
}

/**
 * Read a dataset directory written by `generateDataset`: parse and check the manifest, check each array's size
 * against its shape and (by default) its sha256, and return the arrays as typed arrays. Any mismatch throws an
 * InputError naming the file and the problem.
 */
export function readDataset(dir: string, options: ReadOptions = {}): Dataset {
  if (endianness() !== 'LE')
    throw new Error('readDataset: the dataset arrays are little-endian; this machine is not');
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new InputError('no manifest.json here: not a dataset directory', { file: dir });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new InputError(`corrupted manifest (${(err as Error).message})`, { file: manifestPath });
  }
  const manifest = checkManifest(raw, manifestPath);
  const arrays = {} as Record<ArrayFileName, Float32Array | Uint8Array>;
  for (const name of ARRAY_FILES) {
    const info = manifest.files[name];
    const path = join(dir, name);
    if (!existsSync(path)) throw new InputError('missing array file', { file: path });
    const itemSize = info.dtype === 'float32' ? 4 : 1;
    const expected = info.shape.reduce((a, b) => a * b, 1) * itemSize;
    const size = statSync(path).size;
    if (size !== expected) {
      throw new InputError(
        `corrupted array: ${size} bytes, expected ${expected} for ${info.dtype} ${JSON.stringify(info.shape)}`,
        { file: path },
      );
    }
    const buf = readFileSync(path);
    if (options.verify !== false) assertSha256(buf, info.sha256, path);
    arrays[name] =
      info.dtype === 'float32' ? toFloat32(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return {
    dir,
    manifest,
    curves: arrays['curves.f32'] as Float32Array,
    aux: arrays['aux.f32'] as Float32Array,
    labels: arrays['labels.f32'] as Float32Array,
    material: arrays['material.u8'] as Uint8Array,
    share: arrays['share.u8'] as Uint8Array,
    flags: arrays['flags.u8'] as Uint8Array,
    split: arrays['split.u8'] as Uint8Array,
  };
}

/** Throw an InputError naming `file` unless the sha256 of `bytes` is `expected` (hex). */
export function assertSha256(bytes: Uint8Array, expected: string, file: string): void {
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== expected) {
    throw new InputError(`corrupted array: sha256 ${digest} does not match the manifest's ${expected}`, {
      file,
    });
  }
}

/** View a Buffer as float32 (copying when the Buffer is not 4-byte aligned). */
function toFloat32(buf: Buffer): Float32Array {
  if (buf.byteOffset % 4 === 0) return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}

const EXPECTED_DTYPES: Record<ArrayFileName, 'float32' | 'uint8'> = {
  'curves.f32': 'float32',
  'aux.f32': 'float32',
  'labels.f32': 'float32',
  'material.u8': 'uint8',
  'share.u8': 'uint8',
  'flags.u8': 'uint8',
  'split.u8': 'uint8',
};

/** What the reader relies on in a manifest (TypeBox); the shapes' consistency is checked after it. */
const ManifestStructure = Type.Object({
  count: Type.Integer({ minimum: 1 }),
  points: Type.Integer({ minimum: 1 }),
  rates_K_min: Type.Array(Type.Number(), { minItems: 1 }),
  materials: Type.Array(Type.String(), { minItems: 1 }),
  files: Type.Record(
    Type.String(),
    Type.Object({
      dtype: Type.String(),
      shape: Type.Array(Type.Integer({ minimum: 0 })),
      sha256: Type.String(),
    }),
  ),
  splitCounts: Type.Object({ train: Type.Integer(), val: Type.Integer(), test: Type.Integer() }),
});

/**
 * Checks of a parsed manifest: format and version, the structure the reader relies on, and that every array's
 * shape matches [N, R, P] etc. The other fields (spec, summary, normalization) are passed through as the generator
 * wrote them.
 */
function checkManifest(raw: unknown, file: string): DatasetManifest {
  const bad = (problem: string): never => {
    throw new InputError(`corrupted manifest: ${problem}`, { file });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('not a JSON object');
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (head.format !== DATASET_FORMAT)
    bad(`format is ${JSON.stringify(head.format)}, expected "${DATASET_FORMAT}"`);
  if (head.formatVersion !== DATASET_FORMAT_VERSION) {
    bad(
      `formatVersion ${JSON.stringify(head.formatVersion)} is not supported (this library reads ${DATASET_FORMAT_VERSION})`,
    );
  }
  const m = checkJson(ManifestStructure, raw, 'corrupted manifest', file);
  const N = m.count;
  const R = m.rates_K_min.length;
  const shapes: Record<ArrayFileName, number[]> = {
    'curves.f32': [N, R, m.points],
    'aux.f32': [N, R],
    'labels.f32': [N, 3],
    'material.u8': [N],
    'share.u8': [N],
    'flags.u8': [N],
    'split.u8': [N],
  };
  for (const name of ARRAY_FILES) {
    const info = m.files[name];
    if (!info) bad(`files["${name}"] is missing`);
    if (info.dtype !== EXPECTED_DTYPES[name])
      bad(`files["${name}"].dtype is ${JSON.stringify(info.dtype)}, expected "${EXPECTED_DTYPES[name]}"`);
    if (!Array.isArray(info.shape) || JSON.stringify(info.shape) !== JSON.stringify(shapes[name])) {
      bad(
        `files["${name}"].shape is ${JSON.stringify(info.shape)}, expected ${JSON.stringify(shapes[name])}`,
      );
    }
    if (typeof info.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(info.sha256))
      bad(`files["${name}"].sha256 is not a sha256 hex digest`);
  }
  const sc = m.splitCounts;
  if (sc.train + sc.val + sc.test !== N) bad('splitCounts do not add up to count');
  return raw as DatasetManifest;
}
