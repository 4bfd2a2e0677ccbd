/**
 * `ckin synth --preset general`: a dataset of the general prior (src/synth/general-prior.ts) in the general
 * model's representation. Directory: general.json (format, seed, counts, prior, representation), x.f32 [N·C·L],
 * aux.f32 [N·A], y.f32 [N·4] (Ea_kJ_mol, lgA_s, n, family 0 = JMA / 1 = nth order), flags.u8 (0 valid,
 * 1 unfinished: the fastest run below α 0.98 at the window end, 2 early: the slowest run above α 0.01 within 20 K
 * of the window start), split.u8 (0 train, 1 val, 2 calibration, 3 test; by index: 80/5/5/10 %) and samples.csv
 * (the parameters of every sample, one row each). Invalid samples are kept and flagged: training uses only the
 * valid training samples, evaluation reports the unfinished ones as their own slice.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { readJsonUnknown } from '../core/json.ts';
import { GENERAL_PRIOR } from '../synth/general-prior.ts';
import { GENERAL_OUTPUTS, generalSets, type GeneralSet } from '../nn/general/dataset.ts';
import { REPRESENTATIONS, type RepresentationName } from '../nn/general/representation.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

export const GENERAL_DATASET_FORMAT = 'cathode-kinetics-general-dataset';
export const SPLIT_CODES = { train: 0, val: 1, calibration: 2, test: 3 } as const;

export interface SynthGeneralOptions extends UseCaseCallbacks {
  count: number;
  seed: number;
  out: string;
  representation?: RepresentationName;
  force?: boolean;
}

/** Split code of sample i of n (by index; the samples are independent draws, so any prefix is a random sample). */
export function splitOf(i: number, n: number): number {
  const f = (i + 0.5) / n;
  return f < 0.8 ? 0 : f < 0.85 ? 1 : f < 0.9 ? 2 : 3;
}

export function synthGeneral(opts: SynthGeneralOptions) {
  checkWork('synthSamples', opts.count);
  const representation = opts.representation ?? 'iso';
  if (existsSync(opts.out)) {
    if (!opts.force) throw new InputError(`${opts.out} exists (use --force to replace it)`);
    rmSync(opts.out, { recursive: true, force: true });
  }
  mkdirSync(opts.out, { recursive: true });
  const t0 = performance.now();
  const set = generalSets({
    count: opts.count,
    seed: opts.seed,
    representations: [representation],
    onProgress: (d, t) => opts.onProgress?.(d, t, 'generate'),
  })[representation];
  const split = new Uint8Array(set.count);
  const counts = { train: 0, val: 0, calibration: 0, test: 0 };
  const names = Object.keys(SPLIT_CODES) as (keyof typeof SPLIT_CODES)[];
  for (let i = 0; i < set.count; i++) {
    split[i] = splitOf(i, set.count);
    counts[names[split[i]]]++;
  }
  let unfinished = 0;
  let early = 0;
  for (const f of set.flags) {
    if (f & 1) unfinished++;
    if (f & 2) early++;
  }
  const buf = (a: Float32Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileAtomic(join(opts.out, 'x.f32'), buf(set.x));
  writeFileAtomic(join(opts.out, 'aux.f32'), buf(set.aux));
  writeFileAtomic(join(opts.out, 'y.f32'), buf(set.y));
  writeFileAtomic(join(opts.out, 'flags.u8'), buf(set.flags));
  writeFileAtomic(join(opts.out, 'split.u8'), buf(split));
  const rows = ['sample,split,rates_K_min,family,n,Ea_kJ_mol,lgA_s,Tstart_K,Tend_K,step_K,noise_scale,flags'];
  set.draws.forEach((d, i) =>
    rows.push(
      [
        i,
        names[split[i]],
        d.rates_K_min.join(' '),
        d.family,
        d.n,
        d.Ea_kJ_mol,
        d.lgA_s,
        d.Tstart_K,
        d.Tend_K,
        d.step_K,
        d.noiseScale,
        set.flags[i],
      ].join(','),
    ),
  );
  writeFileAtomic(join(opts.out, 'samples.csv'), rows.join('\n') + '\n');
  const manifest = {
    format: GENERAL_DATASET_FORMAT,
    formatVersion: 1,
    seed: opts.seed,
    count: set.count,
    representation,
    shape: REPRESENTATIONS[representation],
    outputs: ['Ea_kJ_mol', 'lgA_s', 'n', 'family'],
    splitCounts: counts,
    invalid: { unfinished, early },
    prior: GENERAL_PRIOR,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  writeFileAtomic(join(opts.out, 'general.json'), JSON.stringify(manifest, null, 2) + '\n');
  opts.onLog?.(
    `synth general: ${set.count} samples (${unfinished} unfinished, ${early} early) → ${opts.out} in ${manifest.seconds} s`,
  );
  return { out: opts.out, ...manifest };
}

/** True when `dir` holds a general dataset. */
export function isGeneralDataset(dir: string): boolean {
  const p = join(dir, 'general.json');
  if (!existsSync(p)) return false;
  const m = readJsonUnknown(p) as { format?: unknown } | null;
  return typeof m === 'object' && m !== null && m.format === GENERAL_DATASET_FORMAT;
}

/** Read a general dataset: the full set and its split codes. */
export function readGeneralDataset(dir: string): { set: GeneralSet; split: Uint8Array; seed: number } {
  if (!isGeneralDataset(dir)) throw new InputError('not a general dataset (no general.json)', { file: dir });
  const m = readJsonUnknown(join(dir, 'general.json')) as {
    count: number;
    seed: number;
    representation: RepresentationName;
  };
  const s = REPRESENTATIONS[m.representation];
  if (!s) throw new InputError(`unknown representation ${m.representation}`, { file: dir });
  const f32 = (name: string, len: number) => {
    const b = readFileSync(join(dir, name));
    if (b.byteLength !== len * 4)
      throw new InputError(`${name}: ${b.byteLength} bytes, expected ${len * 4}`, { file: dir });
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const u8 = (name: string) => {
    const b = readFileSync(join(dir, name));
    if (b.byteLength !== m.count)
      throw new InputError(`${name}: ${b.byteLength} bytes, expected ${m.count}`, { file: dir });
    return new Uint8Array(b);
  };
  const set: GeneralSet = {
    count: m.count,
    representation: m.representation,
    channels: s.channels,
    length: s.length,
    auxSize: s.aux,
    x: f32('x.f32', m.count * s.channels * s.length),
    aux: f32('aux.f32', m.count * s.aux),
    y: f32('y.f32', m.count * GENERAL_OUTPUTS),
    flags: u8('flags.u8'),
    draws: [],
  };
  return { set, split: u8('split.u8'), seed: m.seed };
}

/** The rows of `set` in `rows`, as a new set (draws are not carried). */
export function subsetGeneral(set: GeneralSet, rows: number[]): GeneralSet {
  const cl = set.channels * set.length;
  const x = new Float32Array(rows.length * cl);
  const aux = new Float32Array(rows.length * set.auxSize);
  const y = new Float32Array(rows.length * GENERAL_OUTPUTS);
  const flags = new Uint8Array(rows.length);
  rows.forEach((i, k) => {
    x.set(set.x.subarray(i * cl, (i + 1) * cl), k * cl);
    aux.set(set.aux.subarray(i * set.auxSize, (i + 1) * set.auxSize), k * set.auxSize);
    y.set(set.y.subarray(i * GENERAL_OUTPUTS, (i + 1) * GENERAL_OUTPUTS), k * GENERAL_OUTPUTS);
    flags[k] = set.flags[i];
  });
  const inputNoise = set.inputNoise && Float32Array.from(rows, (i) => set.inputNoise![i]);
  return { ...set, count: rows.length, x, aux, y, flags, draws: [], inputNoise };
}
