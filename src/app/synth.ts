import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { defaultSpec, type InvalidPolicy, type SynthSpec } from '../synth/spec.ts';
import { noiseByName } from '../synth/noise.ts';
import { readMaterialsFile } from '../synth/materials.ts';
import { generateDataset } from '../synth/dataset-writer.ts';
import { readDataset } from '../synth/dataset-reader.ts';
import { exportCsv, exportParquet } from '../synth/export.ts';
import { inspectDataset } from '../synth/inspect.ts';
import type { DatasetManifest } from '../synth/dataset-format.ts';
import { fromUserValues } from './user-values.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

/** `ckin synth`: the physics-constrained synthetic DTG dataset (Zhou 2026 §3.4). */
export interface SynthOptions extends UseCaseCallbacks {
  /** Number of samples (default 20000), spread evenly over the materials. */
  count?: number;
  /** Dataset seed (default 1): same seed ⇒ same bytes. */
  seed?: number;
  /** Invalid samples: keep (default, paper-faithful), flag, resample. */
  policy?: InvalidPolicy;
  /** Noise amplitudes: paper (default), clean, or paper*K. */
  noise?: string;
  /** Material spec JSON file (default: the four NCM materials). */
  materials?: string;
  /** Fraction of each material on its KCE line (default 0.75). */
  kceShare?: number;
  /** JMA exponent n: fixed, or drawn uniformly from [lo, hi] (default 3). */
  avrami?: number | [number, number];
  /** Heating rates, K/min (default 10, 30, 60). */
  heatingRates_K_min?: number[];
  /** Dataset directory to create (default synth-s<seed>). */
  out?: string;
  /** Also export the samples as samples.csv or samples.parquet inside the directory. */
  format?: 'bin' | 'csv' | 'parquet';
  /** Threads computing: this one plus N−1 workers (default: cores from 4,000 samples up). */
  workers?: number;
  /** Replace an existing dataset directory. */
  force?: boolean;
}

function checkInteger(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new InputError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return value;
}

/** The generator spec from the options (paper defaults for everything not given). */
export function synthSpec(opts: SynthOptions): SynthSpec {
  const overrides: Partial<SynthSpec> = {
    count: checkWork('synthSamples', opts.count ?? 20000),
    seed: checkInteger(opts.seed ?? 1, 'seed', 0),
  };
  const policy = opts.policy ?? 'keep';
  if (!['keep', 'flag', 'resample'].includes(policy))
    throw new InputError(`--policy must be keep, flag or resample, got "${policy}"`);
  overrides.policy = policy;
  overrides.noise = fromUserValues('--noise', () => noiseByName(opts.noise ?? 'paper'));
  if (opts.materials) overrides.materials = readMaterialsFile(opts.materials);
  if (opts.kceShare !== undefined) {
    const f = opts.kceShare;
    if (!(f >= 0 && f <= 1)) throw new InputError(`--kce-share must be in [0, 1], got "${f}"`);
    overrides.kceShare = f;
  }
  if (opts.avrami !== undefined) {
    const a = opts.avrami;
    if (typeof a === 'number' && a > 0) overrides.n = a;
    else if (Array.isArray(a) && a[0] > 0 && a[1] > a[0]) overrides.n = { uniform: [a[0], a[1]] };
    else throw new InputError(`--avrami must be n or lo:hi with 0 < lo < hi, got "${String(a)}"`);
  }
  if (opts.heatingRates_K_min !== undefined) {
    const rates = opts.heatingRates_K_min;
    if (!rates.every((b) => b > 0 && Number.isFinite(b)))
      throw new InputError(`--rates must be positive K/min values, got "${rates.join(',')}"`);
    overrides.rates_K_min = rates;
  }
  try {
    return defaultSpec(overrides);
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

/** A spec that no draw can satisfy (src/synth/generator.ts): the user's windows, reported as a user error. */
const UNSATISFIABLE_SPEC = /no valid draw in \d+ attempts/;

/** Generate the dataset; returns what `ckin synth --json` prints. */
export async function synth(opts: SynthOptions) {
  const spec = synthSpec(opts);
  const format = opts.format ?? 'bin';
  if (!['bin', 'csv', 'parquet'].includes(format))
    throw new InputError(`--format must be bin, csv or parquet, got "${format}"`);
  const out = opts.out ?? `synth-s${spec.seed}`;
  const workers = opts.workers !== undefined ? checkWork('threads', opts.workers, '--workers') : undefined;
  const t0 = performance.now();
  let manifest: DatasetManifest;
  try {
    manifest = await generateDataset(out, spec, {
      workers,
      overwrite: opts.force === true,
      onProgress: (done) => opts.onProgress?.(done, spec.count, 'synth'),
      beforePublish:
        format === 'bin'
          ? undefined
          : async (tmp) => {
              opts.onLog?.(`exporting ${format} …`);
              const ds = readDataset(tmp, { verify: false });
              const name = `samples.${format}`;
              const sha256 =
                format === 'csv' ? exportCsv(ds, join(tmp, name)) : await exportParquet(ds, join(tmp, name));
              return { [name]: { format, sha256 } };
            },
    });
  } catch (err) {
    if (err instanceof RangeError && UNSATISFIABLE_SPEC.test(err.message)) throw new InputError(err.message);
    throw err;
  }
  const elapsed_s = (performance.now() - t0) / 1000;
  return synthJson(out, manifest, elapsed_s);
}

function synthJson(out: string, m: DatasetManifest, elapsed_s: number) {
  return {
    out,
    count: m.count,
    seed: m.seed,
    policy: m.spec.policy,
    noise: m.spec.noise.name,
    rates_K_min: m.rates_K_min,
    grid_C: m.grid_C,
    materials: m.materials,
    splitCounts: m.splitCounts,
    elapsed_s,
    samples_per_s: m.count / elapsed_s,
    normalization: m.normalization,
    files: m.files,
    exports: m.exports ?? {},
    summary: m.summary,
    warnings: [] as string[],
  };
}

/** `ckin synth --export DIR`: an existing dataset as CSV or Parquet. */
export async function synthExport(opts: { dir: string; format: string; out?: string }) {
  const { dir, format } = opts;
  if (format !== 'csv' && format !== 'parquet')
    throw new InputError(`--export needs --format csv or parquet, got "${format}"`);
  const ds = readDataset(dir);
  const target = opts.out ?? join(dir, `samples.${format}`);
  // Written under a temporary name and renamed, so a failed export never leaves a partial file under `target`.
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    const sha256 = format === 'csv' ? exportCsv(ds, tmp) : await exportParquet(ds, tmp);
    renameSync(tmp, target);
    return { dir, format, out: target, rows: ds.manifest.count, sha256, warnings: [] as string[] };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** `ckin synth --inspect DIR`: counts, flags, label ranges, and Fig. 8-style SVG plots. */
export async function synthInspect(opts: { dir: string; plots?: string }) {
  const ds = readDataset(opts.dir);
  const report = inspectDataset(ds);
  const target = opts.plots ?? join(opts.dir, 'inspect');
  mkdirSync(target, { recursive: true });
  // Loaded here, not at start-up: vega takes ≈ 0.5 s to import and only --inspect needs it.
  const { datasetFigures } = await import('../synth/plots.ts');
  const figures = await datasetFigures(ds);
  const plots: string[] = [];
  for (const [name, svg] of Object.entries(figures)) {
    const path = join(target, name);
    writeFileAtomic(path, svg);
    plots.push(path);
  }
  return { ...report, plots, warnings: [] as string[] };
}
