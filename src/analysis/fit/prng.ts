/**
 * Seeded pseudo-random numbers for the optimizers (same seed ⇒ same sequence on every platform).
 *
 * Written here because the generator is eight lines: mulberry32 (Tommy Ettinger, public domain), a 32-bit
 * state generator with full period 2³² that passes PractRand to 2³² outputs — ample for optimizer proposals,
 * not for cryptography or huge Monte-Carlo studies.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** A mulberry32 generator seeded with the 32-bit integer `seed` (non-integers are truncated). */
export function mulberry32(seed: number): Rng {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}
