/**
 * Seeded pseudo-random numbers for the synthetic dataset: one independent stream per (seed, sample index, purpose),
 * so that any partition of the samples over worker threads produces the same bytes.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, 32-bit state words, period 2¹²⁸ − 1), seeded by SplitMix64
 * (Steele, Lea & Flood 2014) from the triple. Written here (≈40 lines) rather than taken from a package because the
 * per-sample stream derivation and the exact bit sequence must stay under this project's control: a dependency
 * upgrade must never change a published dataset.
 */

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step: returns [next state, output], both 64-bit BigInts. Used only for seeding (cold path). */
export function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/** Purposes of the independent streams of one sample. */
export const STREAM_PARAMS = 0;
export const STREAM_NOISE = 1;
export const STREAM_PLAN = 2;

/** A seeded uniform/normal generator (xoshiro128**). */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /**
   * @param seed non-negative safe integer (the dataset seed)
   * @param index sample index (or any non-negative integer key)
   * @param stream purpose of the stream (STREAM_PARAMS, STREAM_NOISE, …)
   */
  constructor(seed: number, index = 0, stream = 0) {
    for (const [name, v] of [
      ['seed', seed],
      ['index', index],
      ['stream', stream],
    ] as const) {
      if (!Number.isSafeInteger(v) || v < 0)
        throw new RangeError(`Rng: ${name} must be a non-negative integer, got ${v}`);
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
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const rng = new Rng(0);
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

  /** Standard normal deviate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u = 1 - this.uniform(); // (0, 1]: log is finite
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const phi = 2 * Math.PI * v;
    this.spare = r * Math.sin(phi);
    this.hasSpare = true;
    return r * Math.cos(phi);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates shuffle in place, driven by `rng`. */
export function shuffleInPlace<T>(items: T[] | Uint32Array | Int32Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}
