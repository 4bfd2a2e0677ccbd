import { removeStaleTempSiblings, tempPrefix } from '../core/stale-temp.ts';
import { startWorker } from '../workers/start-worker.ts';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';
import { type SynthSpec, assertSpec } from './spec.ts';
import { makeSamplingPlan } from './sampling-plan.ts';
import { SPLIT_TEST, SPLIT_TRAIN, SPLIT_VAL, stratifiedSplit } from './split.ts';
import { type GeneratedChunk, generateChunk } from './generator.ts';
import { MomentAccumulator } from './normalization-stats.ts';
import { summarize } from './summary.ts';
import { FLAG_REASONS, FLAG_VALID, isValidFlags } from './validity.ts';
import {
  type ArrayFileInfo,
  type ArrayFileName,
  type DatasetManifest,
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
} from './dataset-format.ts';

export interface GenerateOptions {
  /**
   * Threads computing: this thread plus `workers − 1` worker threads; ≤ 1 = this thread only. Default:
   * os.availableParallelism() from 4,000 samples up, else 1.
   */
  workers?: number;
  /** Samples per work unit (default 250). Does not change the bytes. */
  chunkSize?: number;
  /** Replace an existing dataset at `dir`. */
  overwrite?: boolean;
  /** Called after each chunk with (samples done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Extra files to write into the dataset directory before it is published (e.g. CSV/Parquet exports), given
   * the temporary directory (already a complete dataset, readable with readDataset); returns entries for
   * `manifest.exports`.
   */
  beforePublish?: (tmpDir: string, manifest: DatasetManifest) => Promise<DatasetManifest['exports']>;
}

/**
 * Generate the synthetic dataset described by `spec` into directory `dir`, atomically: everything is written into a
 * sibling `DIR.tmp-PID-XXXXXX`, fsynced, then renamed to `dir`; on failure the temporary directory is removed, and one left by a killed run (its PID gone) is removed by the next run. Curves are
 * streamed to disk chunk by chunk (positional writes), so memory stays bounded by the workers' chunks and the small
 * per-sample arrays. The bytes depend only on the spec (seed included), never on the worker count.
 */
export async function generateDataset(
  dir: string,
  spec: SynthSpec,
  options: GenerateOptions = {},
): Promise<DatasetManifest> {
  assertSpec(spec);
  const target = resolve(dir);
  if (existsSync(target) && !options.overwrite)
    throw new InputError('already exists (choose another --out or pass --force)', { file: dir });
  mkdirSync(dirname(target), { recursive: true });
  // Leftovers of killed runs into the same target are removed first (their PID is gone).
  removeStaleTempSiblings(target);
  const tmp = mkdtempSync(tempPrefix(target));
  try {
    const manifest = await writeInto(tmp, spec, options);
    const manifestPath = join(tmp, 'manifest.json');
    writeFileDurable(manifestPath, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    if (options.beforePublish) {
      const exports = await options.beforePublish(tmp, manifest);
      if (exports) {
        manifest.exports = exports;
        writeFileDurable(manifestPath, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
      }
    }
    chmodSync(tmp, 0o755); // mkdtemp creates 0700; a published dataset is readable like any directory
    fsyncPath(tmp);
    publish(tmp, target);
    return manifest;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Move `tmp` to `target`; an existing `target` is moved aside first and removed only after the swap. */
function publish(tmp: string, target: string): void {
  let old: string | undefined;
  if (existsSync(target)) {
    old = `${tmp}-old`;
    renameSync(target, old);
  }
  renameSync(tmp, target);
  fsyncPath(dirname(target));
  if (old) rmSync(old, { recursive: true, force: true });
}

async function writeInto(tmp: string, spec: SynthSpec, options: GenerateOptions): Promise<DatasetManifest> {
  const N = spec.count;
  const R = spec.rates_K_min.length;
  const P = spec.grid_C.points;
  const plan = makeSamplingPlan(spec);
  const split = stratifiedSplit(plan.material, spec.split, spec.seed);
  const labels = new Float32Array(N * 3);
  const flags = new Uint8Array(N);
  const firstDrawFlags = new Uint8Array(N);
  let draws = 0;
  let done = 0;

  const curvesPath = join(tmp, 'curves.f32');
  const fd = openSync(curvesPath, 'w');
  try {
    const onChunk = (c: GeneratedChunk): void => {
      const bytes = Buffer.from(c.curves.buffer, c.curves.byteOffset, c.curves.byteLength);
      let written = 0;
      const position = c.start * R * P * 4;
      while (written < bytes.length)
        written += writeSync(fd, bytes, written, bytes.length - written, position + written);
      labels.set(c.labels, c.start * 3);
      flags.set(c.flags, c.start);
      firstDrawFlags.set(c.firstDrawFlags, c.start);
      draws += c.draws;
      done += c.end - c.start;
      options.onProgress?.(done, N);
    };
    const chunkSize = Math.max(1, options.chunkSize ?? 250);
    // Default: all cores for large sets; below 4,000 samples one thread, since starting a worker (tsx inside it)
    // costs ≈ 0.4 s, more than the work it would take over.
    const requested = options.workers ?? (N >= 4000 ? availableParallelism() : 1);
    const workers = Math.min(requested, Math.ceil(N / chunkSize));
    if (workers <= 1) {
      for (let s = 0; s < N; s += chunkSize)
        onChunk(generateChunk(spec, plan.material, plan.share, s, Math.min(N, s + chunkSize)));
    } else {
      await runPool(spec, plan.material, plan.share, N, chunkSize, workers, onChunk);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  const aux = new Float32Array(N * R);
  for (let i = 0; i < N; i++) for (let r = 0; r < R; r++) aux[i * R + r] = spec.rates_K_min[r];

  const small: [ArrayFileName, Float32Array | Uint8Array, number[]][] = [
    ['aux.f32', aux, [N, R]],
    ['labels.f32', labels, [N, 3]],
    ['material.u8', plan.material, [N]],
    ['share.u8', plan.share, [N]],
    ['flags.u8', flags, [N]],
    ['split.u8', split, [N]],
  ];
  const files = {} as Record<ArrayFileName, ArrayFileInfo>;
  for (const [name, arr, shape] of small) {
    const buf = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    writeFileDurable(join(tmp, name), buf);
    files[name] = { dtype: arr instanceof Float32Array ? 'float32' : 'uint8', shape, sha256: sha256(buf) };
  }

  // One sequential pass over curves.f32: its sha256 and the per-channel training statistics (fixed order ⇒ the
  // manifest's numbers are bit-reproducible).
  const useSample = (i: number): boolean =>
    split[i] === SPLIT_TRAIN && (spec.policy !== 'flag' || isValidFlags(flags[i]));
  const curveMoments = new MomentAccumulator(R);
  const hash = createHash('sha256');
  const block = 1024;
  const buf = Buffer.alloc(block * R * P * 4);
  const rfd = openSync(curvesPath, 'r');
  try {
    for (let s = 0; s < N; s += block) {
      const n = Math.min(block, N - s);
      const len = n * R * P * 4;
      let got = 0;
      while (got < len) {
        const r = readSync(rfd, buf, got, len - got, s * R * P * 4 + got);
        if (r === 0) throw new Error('curves.f32 shorter than expected while hashing');
        got += r;
      }
      hash.update(buf.subarray(0, len));
      const values = new Float32Array(buf.buffer, buf.byteOffset, n * R * P);
      for (let k = 0; k < n; k++) {
        if (!useSample(s + k)) continue;
        for (let r = 0; r < R; r++) curveMoments.addRun(r, values, (k * R + r) * P, P);
      }
    }
  } finally {
    closeSync(rfd);
  }
  files['curves.f32'] = { dtype: 'float32', shape: [N, R, P], sha256: hash.digest('hex') };

  const auxMoments = new MomentAccumulator(R);
  const labelMoments = new MomentAccumulator(2);
  for (let i = 0; i < N; i++) {
    if (!useSample(i)) continue;
    for (let r = 0; r < R; r++) auxMoments.addRun(r, aux, i * R + r, 1);
    labelMoments.addRun(0, labels, i * 3, 1);
    labelMoments.addRun(1, labels, i * 3 + 1, 1);
  }
  const auxStats = auxMoments.result();
  const labelStats = labelMoments.result();
  const curveStats = curveMoments.result();

  const materialNames = spec.materials.map((m) => m.name);
  const count = (code: number): number => split.reduce((acc, s) => acc + (s === code ? 1 : 0), 0);
  const flagBits: Record<string, number> = { valid: FLAG_VALID };
  for (const r of FLAG_REASONS) flagBits[r.name] = r.bit;
  return {
    format: DATASET_FORMAT,
    formatVersion: DATASET_FORMAT_VERSION,
    libraryVersion: packageVersion(),
    createdAt: createdAt(),
    spec,
    seed: spec.seed,
    count: N,
    points: P,
    rates_K_min: [...spec.rates_K_min],
    grid_C: { ...spec.grid_C },
    materials: materialNames,
    shares: ['kce', 'plane'],
    splits: ['train', 'val', 'test'],
    splitCounts: { train: count(SPLIT_TRAIN), val: count(SPLIT_VAL), test: count(SPLIT_TEST) },
    flagBits,
    normalization: {
      from: spec.policy === 'flag' ? 'train-valid' : 'train',
      curves: { ...curveStats, per: 'rate-channel' },
      aux: { ...auxStats, per: 'channel' },
      labels: {
        mean: [labelStats.mean[0], labelStats.mean[1]],
        std: [labelStats.std[0], labelStats.std[1]],
        names: ['Ea_kJ_mol', 'lgA_s'],
      },
      stdKind: 'population',
    },
    files,
    summary: summarize(flags, firstDrawFlags, plan.material, plan.share, materialNames, draws),
  };
}

/** ISO time of creation; honours SOURCE_DATE_EPOCH (seconds) for byte-identical manifests. */
function createdAt(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/**
 * Dynamic scheduling of fixed chunks over `threads` threads: the main thread plus `threads − 1` worker threads
 * (each runs generateChunk through tsx). The main thread starts computing at once and yields between chunks so the
 * workers' results are handled; a worker keeps two chunks in flight so it does not wait for the main thread. A
 * worker's start-up (≈ 0.4 s, tsx inside it) is thus never worse than a thread doing nothing.
 */
function runPool(
  spec: SynthSpec,
  material: Uint8Array,
  share: Uint8Array,
  N: number,
  chunkSize: number,
  threads: number,
  onChunk: (c: GeneratedChunk) => void,
): Promise<void> {
  const chunks: [number, number][] = [];
  for (let s = 0; s < N; s += chunkSize) chunks.push([s, Math.min(N, s + chunkSize)]);
  let next = 0;
  let finished = 0;
  const workers: Worker[] = [];
  return new Promise<void>((resolvePool, rejectPool) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      rejectPool(err);
    };
    const accept = (c: GeneratedChunk): boolean => {
      try {
        onChunk(c);
      } catch (err) {
        fail(err as Error);
        return false;
      }
      finished++;
      if (finished === chunks.length && !settled) {
        settled = true;
        // Nothing is in flight any more; terminate (a worker still starting up may not be listening yet).
        for (const x of workers) void x.terminate();
        resolvePool();
      }
      return !settled;
    };
    const feed = (w: Worker): void => {
      if (next < chunks.length) {
        const chunk = next++;
        w.postMessage({ chunk, start: chunks[chunk][0], end: chunks[chunk][1] });
      }
    };
    for (let k = 0; k < threads - 1; k++) {
      const w = startWorker(new URL('./worker.ts', import.meta.url), {
        workerData: { spec, material, share },
      });
      workers.push(w);
      type WorkerMessage = {
        ready?: true;
        chunk: number;
        result?: GeneratedChunk;
        error?: string;
        errorName?: string;
      };
      w.on('message', (msg: WorkerMessage) => {
        if (settled) return;
        if (msg.ready) {
          feed(w);
          feed(w);
          return;
        }
        if (msg.error !== undefined || !msg.result) {
          // Keep RangeError (a spec that cannot be satisfied): the CLI reports it as a user error.
          const message = msg.error ?? 'worker returned nothing';
          return fail(msg.errorName === 'RangeError' ? new RangeError(message) : new Error(message));
        }
        if (accept(msg.result)) feed(w);
      });
      w.on('error', (err) => fail(err));
      w.on('exit', (code) => {
        if (code !== 0 && !settled) fail(new Error(`synth worker exited with code ${code}`));
      });
    }
    const mainStep = (): void => {
      if (settled || next >= chunks.length) return;
      const chunk = next++;
      let result: GeneratedChunk;
      try {
        result = generateChunk(spec, material, share, chunks[chunk][0], chunks[chunk][1]);
      } catch (err) {
        return fail(err as Error);
      }
      if (accept(result)) setImmediate(mainStep);
    };
    setImmediate(mainStep);
  });
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Write a whole file and fsync it. */
export function writeFileDurable(path: string, data: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync a directory (makes renames inside it durable). */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
