/**
 * General-model datasets in memory: N experiments of the general prior (src/synth/general-prior.ts), their noisy
 * runs (src/synth/general-curves.ts) and one or more representations (representation.ts). Sample i draws its
 * parameters from Xoshiro128(seed, i, PARAMS) and its noise from Xoshiro128(seed, i, NOISE): the bytes depend only
 * on (seed, i), not on chunking.
 *
 * Targets per sample (4): Ea_kJ_mol, lgA_s, n, family (0 = JMA, 1 = nth order).
 */
import { Xoshiro128 } from '../../core/xoshiro128.ts';
import { STREAM_NOISE, STREAM_PARAMS } from '../../synth/streams.ts';
import { drawGeneral, type GeneralDraw } from '../../synth/general-prior.ts';
import {
  addGeneralNoise,
  generalExactRuns,
  generalFlags,
  type GeneralRun,
} from '../../synth/general-curves.ts';
import { REPRESENTATIONS, represent, type RepresentationName } from './representation.ts';
import { inputNoiseLevel } from './input-noise.ts';

export const GENERAL_TARGETS = ['Ea_kJ_mol', 'lgA_s', 'n', 'family'] as const;
export const GENERAL_OUTPUTS = GENERAL_TARGETS.length;

export interface GeneralSet {
  count: number;
  representation: RepresentationName;
  channels: number;
  length: number;
  auxSize: number;
  x: Float32Array;
  aux: Float32Array;
  /** [N × 4] Ea, lgA, n, family. */
  y: Float32Array;
  /** Validity flags (GENERAL_UNFINISHED, GENERAL_EARLY); 0 = valid. */
  flags: Uint8Array;
  draws: GeneralDraw[];
  /** Per sample: the noise level of its runs (input-noise.ts), when the set was generated here. */
  inputNoise?: Float32Array;
}

export interface GeneralSetOptions {
  count: number;
  seed: number;
  representations: RepresentationName[];
  /** Redraw until the sample is valid (training sets). */
  validOnly?: boolean;
  /** Fix the heating rates (known-answer slices). */
  rates_K_min?: number[];
  /** Override parts of each draw (e.g. family and n for a slice). */
  modify?: (d: GeneralDraw, rng: Xoshiro128) => GeneralDraw;
  onProgress?: (done: number, total: number) => void;
}

/** One sample: the draw, its noisy runs and flags (exactly what `generalSets` stores for index i). */
export function generalSample(
  seed: number,
  i: number,
  opts: Pick<GeneralSetOptions, 'validOnly' | 'rates_K_min' | 'modify'> = {},
): { draw: GeneralDraw; runs: GeneralRun[]; flags: number } {
  const rng = new Xoshiro128(seed, i, STREAM_PARAMS);
  for (let attempt = 0; ; attempt++) {
    let draw = drawGeneral(rng, { rates_K_min: opts.rates_K_min });
    if (opts.modify) draw = opts.modify(draw, rng);
    const exact = generalExactRuns(draw);
    const flags = generalFlags(exact);
    if (opts.validOnly && flags !== 0 && attempt < 1000) continue;
    const runs = addGeneralNoise(exact, draw.noiseScale, new Xoshiro128(seed, i, STREAM_NOISE));
    return { draw, runs, flags };
  }
}

/** Generate the samples once and build every requested representation from the same noisy runs. */
export function generalSets(opts: GeneralSetOptions): Record<RepresentationName, GeneralSet> {
  const out = {} as Record<RepresentationName, GeneralSet>;
  const y = new Float32Array(opts.count * GENERAL_OUTPUTS);
  const flags = new Uint8Array(opts.count);
  const draws: GeneralDraw[] = [];
  const inputNoise = new Float32Array(opts.count);
  for (const name of opts.representations) {
    const s = REPRESENTATIONS[name];
    out[name] = {
      count: opts.count,
      representation: name,
      channels: s.channels,
      length: s.length,
      auxSize: s.aux,
      x: new Float32Array(opts.count * s.channels * s.length),
      aux: new Float32Array(opts.count * s.aux),
      y,
      flags,
      draws,
      inputNoise,
    };
  }
  for (let i = 0; i < opts.count; i++) {
    const { draw, runs, flags: f } = generalSample(opts.seed, i, opts);
    draws.push(draw);
    flags[i] = f;
    inputNoise[i] = inputNoiseLevel(runs);
    y.set([draw.Ea_kJ_mol, draw.lgA_s, draw.n, draw.family === 'jma' ? 0 : 1], i * GENERAL_OUTPUTS);
    for (const name of opts.representations) {
      const set = out[name];
      represent(name, runs, set.x, i * set.channels * set.length, set.aux, i * set.auxSize);
    }
    if (opts.onProgress && (i + 1) % 1000 === 0) opts.onProgress(i + 1, opts.count);
  }
  return out;
}
