/**
 * xoshiro128**, the package's second generator behind the one `Rng` interface (src/core/random.ts): one independent
 * stream per (seed, index, stream), so that any partition of the synthetic dataset's samples over worker threads
 * produces the same bytes (pinned by sha256), and the noise augmentation and safety sampling are reproducible.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, 32-bit state words, period 2¹²⁸ − 1), seeded by SplitMix64
 * (Steele, Lea & Flood 2014) from the triple. Written here (≈40 lines) rather than taken from a package because the
 * per-sample stream derivation and the exact bit sequence must stay under this project's control: a dependency
 * upgrade must never change a published dataset.
 */

import type { Rng } from './random.ts';

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step: returns [next state, output], both 64-bit BigInts. Used only for seeding (cold path). */
export function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/** A seeded uniform/normal generator (xoshiro128**). */
export class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed non-negative safe integer (the dataset seed)
   * @param index sample index (or any non-negative integer key)
   * @param stream purpose of the stream (src/synth/streams.ts lists the dataset's)
   */
  constructor(seed: number, index = 0, stream = 0) {
    for (const [name, v] of [
      ['seed', seed],
      ['index', index],
      ['stream', stream],
    ] as const) {
      if (!Number.isSafeInteger(v) || v < 0)
        throw new RangeError(`Xoshiro128: ${name} must be a non-negative integer, got ${v}`);
    }
    // Mix the triple into one 64-bit SplitMix64 state (distinct odd multipliers keep the keys apart).
    const state =
      (BigInt(seed) * 0xd1b54a32d192ed03n +
        BigInt(index) * 0xabc98388fb8fac03n +
        BigInt(stream) * 0x8cb92ba72f3d8dd7n) &
      MASK64;
    const [state1, a] = splitMix64(state);
    const [, b] = splitMix64(state1);
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the given raw xoshiro128** state (not all zero); for known-answer tests. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const rng = new Xoshiro128(0);
    rng.s0 = s0 | 0;
    rng.s1 = s1 | 0;
    rng.s2 = s2 | 0;
    rng.s3 = s3 | 0;
    return rng;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /**
   * Standard normal deviate: the ziggurat method of Marsaglia & Tsang (J. Stat. Softw. 5(8), 2000), 128 layers, with
   * the layer index taken from a separate 32-bit draw (Doornik 2005: in the original the index and the value share
   * bits). ≈ 4× faster than Box–Muller here, which matters: the paper noise needs ≈ 24 million deviates per 20,000
   * samples.
   */
  normal(): number {
    for (;;) {
      const iz = this.nextUint32() & 127;
      const hz = this.nextUint32() | 0; // signed 32-bit
      const x = hz * ZIG_W[iz];
      if (Math.abs(hz) < ZIG_K[iz]) return x; // inside the layer's rectangle (≈ 99 % of draws)
      if (iz === 0) {
        // Base layer: sample the tail beyond r (Marsaglia 1964).
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(1 - this.uniform()) / ZIG_R;
          ty = -Math.log(1 - this.uniform());
        } while (ty + ty < tx * tx);
        return hz > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      // Wedge: accept with the density's exact value.
      if (ZIG_F[iz] + this.uniform() * (ZIG_F[iz - 1] - ZIG_F[iz]) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

/** Ziggurat tables (Marsaglia & Tsang 2000, 128 layers): r, and per layer the threshold k, scale w and density f. */
const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * m1;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m1;
  ZIG_W[127] = dn / m1;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * m1;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
