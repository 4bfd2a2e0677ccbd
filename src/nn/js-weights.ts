/**
 * The weights file of the JavaScript inference path (src/nn/js-net.ts): `model.js-weights` beside model.pt, written
 * from the trained network (the addon's `exportTensors`) and naming the sha256 of the model.pt it was exported from,
 * so that a retrained or replaced model.pt never runs with stale weights.
 *
 * Layout: the 8 bytes "CKINW001", a little-endian u32 header length H, H bytes of JSON
 * `{format, model_sha256, tensors: [{name, shape, offset}]}` (offset in float32 elements), zero padding to a multiple
 * of 4 bytes, then the float32 data (little-endian).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import type { TensorMap } from './js-net.ts';
import type { NativeNet } from './engine.ts';

export const JS_WEIGHTS_FILE = 'model.js-weights';
const MAGIC = 'CKINW001';
const FORMAT = 'cathode-kinetics-js-weights';

interface Header {
  format: string;
  model_sha256: string;
  tensors: { name: string; shape: number[]; offset: number }[];
}

/** Serialise tensors (from `exportTensors`) with the sha256 of the model.pt they belong to. */
export function encodeJsWeights(
  tensors: { name: string; shape: number[]; data: Float32Array }[],
  modelSha256: string,
): Buffer {
  let offset = 0;
  const header: Header = { format: FORMAT, model_sha256: modelSha256, tensors: [] };
  for (const t of tensors) {
    header.tensors.push({ name: t.name, shape: t.shape, offset });
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = 8 + 4 + json.length;
  const start = Math.ceil(head / 4) * 4;
  const out = Buffer.alloc(start + offset * 4);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  for (let i = 0; i < tensors.length; i++) {
    const { data } = tensors[i];
    const base = start + header.tensors[i].offset * 4;
    for (let j = 0; j < data.length; j++) out.writeFloatLE(data[j], base + j * 4);
  }
  return out;
}

/** Write `model.js-weights` into a model directory (atomically). */
export function writeJsWeights(
  dir: string,
  tensors: { name: string; shape: number[]; data: Float32Array }[],
  modelSha256: string,
): void {
  writeFileAtomic(join(dir, JS_WEIGHTS_FILE), encodeJsWeights(tensors, modelSha256));
}

/**
 * The tensors of `dir/model.js-weights` when the file exists, is well formed and names `modelSha256`; otherwise null
 * (the caller then runs libtorch: a missing or stale file is not an error).
 */
export function readJsWeights(dir: string, modelSha256: string): TensorMap | null {
  const path = join(dir, JS_WEIGHTS_FILE);
  if (!existsSync(path)) return null;
  const buf = readFileSync(path);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return null;
  const len = buf.readUInt32LE(8);
  if (12 + len > buf.length) return null;
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + len)) as Header;
  } catch {
    return null;
  }
  if (header.format !== FORMAT || header.model_sha256 !== modelSha256 || !Array.isArray(header.tensors))
    return null;
  const start = Math.ceil((12 + len) / 4) * 4;
  const floats = (buf.length - start) / 4;
  // A copy into a fresh, aligned ArrayBuffer: a Buffer's byteOffset need not be a multiple of 4.
  const all = new Float32Array(floats);
  for (let i = 0; i < floats; i++) all[i] = buf.readFloatLE(start + i * 4);
  const map: TensorMap = new Map();
  for (const t of header.tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (!(t.offset >= 0 && t.offset + size <= floats)) return null;
    map.set(t.name, { shape: t.shape, data: all.subarray(t.offset, t.offset + size) });
  }
  return map;
}

/** Export a libtorch network's tensors (`exportTensors`) into `dir/model.js-weights` for the given model.pt hash. */
export function writeJsWeightsFromNet(dir: string, net: NativeNet, modelSha256: string): void {
  writeJsWeights(dir, net.exportTensors(), modelSha256);
}
