/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit-state seeded generator, uniform in [0, 1), full period 2³²,
 * passes PractRand to 2³² outputs — ample for optimizer proposals, shuffles, bootstraps and fuzzing, not for
 * cryptography or very long Monte-Carlo runs. The one implementation in the package: modules that need another
 * interface wrap it (src/analysis/fit/prng.ts, src/dsc/rng.ts); the dataset generator uses xoshiro128**
 * (src/synth/prng.ts) for its per-sample streams.
 * @param seed initial 32-bit state (taken as `seed >>> 0`)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
