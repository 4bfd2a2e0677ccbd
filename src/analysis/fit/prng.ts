/**
 * Seeded pseudo-random numbers for the optimizers (same seed ⇒ same sequence on every platform).
 *
 * The generator is the package's one mulberry32 (src/core/mulberry32.ts), wrapped with an integer helper.
 */
import { mulberry32 as mulberry32Raw } from '../../core/mulberry32.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** A mulberry32 generator seeded with the 32-bit integer `seed` (non-integers are truncated). */
export function mulberry32(seed: number): Rng {
  const next = mulberry32Raw((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
  return { next, int: (n) => Math.floor(next() * n) };
}
