/**
 * The package's seeded random numbers: one interface (`Rng`) with two generators behind it, and the shuffles built
 * on it. Every stream is reproducible on every platform from its seed.
 *
 * - mulberry32 (Tommy Ettinger, public domain; below): 32-bit state, period 2³², passes PractRand to 2³² outputs —
 *   ample for optimizer proposals, shuffles, bootstraps, Kernel SHAP coalitions and fuzzing; not for cryptography
 *   or very long Monte-Carlo runs. Normal deviates by Box–Muller.
 * - xoshiro128** (src/core/xoshiro128.ts): 128-bit state with per-(seed, index, stream) derivation, for the
 *   synthetic dataset, whose bytes are pinned by sha256. Normal deviates by the ziggurat.
 *
 * Written here rather than taken from a package: the exact bit sequences are pinned by tests and shipped artefacts
 * (datasets, trained models, fitted results), and a dependency upgrade must never change them.
 */

/** A seeded source of uniform, integer and normal deviates. */
export interface Rng {
  /** Uniform double in [0, 1). */
  uniform(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate N(0, 1). */
  normal(): number;
}

/**
 * mulberry32 from a raw 32-bit state (taken as `state >>> 0`; state 0 is allowed). The one mulberry32 of the
 * package: uniform = the generator's output / 2³², int(n) = ⌊uniform·n⌋, normal = Box–Muller (pairs, the second
 * value kept for the next call).
 */
export function mulberry32(state: number): Rng {
  let a = state >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  return {
    uniform,
    int: (n) => Math.floor(uniform() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** The golden-ratio constant ⌊2³²/φ⌋ used to spread small seeds over the 32-bit state. */
const GOLDEN_32 = 0x9e3779b9;

/**
 * A seeded mulberry32 for new code and for the ML and explanation streams (forests, splits, Kernel SHAP, the demo
 * records): state = seed (as 32 bits), with seed 0 mapped to the golden-ratio constant.
 */
export function createRng(seed: number): Rng {
  return mulberry32(seed >>> 0 || GOLDEN_32);
}

/**
 * The optimizers' seeding (differential evolution, the fit bootstrap): state = ⌊seed⌋ XOR the golden-ratio constant.
 * Kept apart from `createRng` because fitted results quoted in the docs and tests depend on these streams.
 */
export function optimizerRng(seed: number): Rng {
  return mulberry32((Math.trunc(seed) ^ GOLDEN_32) >>> 0);
}

/** Fisher–Yates shuffle in place (Durstenfeld's form: from the end, j = rng.int(i + 1)). */
export function shuffleInPlace(
  items: unknown[] | Float64Array | Int32Array | Uint32Array,
  rng: Pick<Rng, 'int'>,
): void {
  const a = items as unknown[];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** 0 … n−1 in a random order (Fisher–Yates on the identity). */
export function permutation(n: number, rng: Pick<Rng, 'int'>): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  shuffleInPlace(p, rng);
  return p;
}
