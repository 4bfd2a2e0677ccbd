import { Xoshiro128 } from '../core/xoshiro128.ts';
import { shuffleInPlace } from '../core/random.ts';
import { STREAM_PLAN } from './streams.ts';
import { type MaterialSpec, kceLineLgA } from './materials.ts';
import type { SynthSpec } from './spec.ts';

/** Share codes of DIR/share.u8. */
export const SHARE_KCE = 0;
export const SHARE_PLANE = 1;

/** Which material and share each sample index belongs to. */
export interface SamplingPlan {
  material: Uint8Array;
  share: Uint8Array;
}

/**
 * Exact counts: the N samples are spread evenly over the materials (the first N mod M materials get one more);
 * within each material round(count·kceShare) samples are on the KCE line and the rest on the uniform plane.
 */
export function planCounts(
  count: number,
  materials: number,
  kceShare: number,
): { perMaterial: number[]; kce: number[] } {
  const base = Math.floor(count / materials);
  const perMaterial = Array.from({ length: materials }, (_, m) => base + (m < count % materials ? 1 : 0));
  const kce = perMaterial.map((c) => Math.round(c * kceShare));
  return { perMaterial, kce };
}

/**
 * The sampling plan: exact per-material and per-share counts (planCounts), placed in a seeded random order so that
 * any prefix of the dataset is a mixed sample.
 */
export function makeSamplingPlan(
  spec: Pick<SynthSpec, 'count' | 'seed' | 'materials' | 'kceShare'>,
): SamplingPlan {
  const { perMaterial, kce } = planCounts(spec.count, spec.materials.length, spec.kceShare);
  const codes = new Uint32Array(spec.count);
  let k = 0;
  for (let m = 0; m < perMaterial.length; m++) {
    for (let j = 0; j < perMaterial[m]; j++) codes[k++] = m * 2 + (j < kce[m] ? SHARE_KCE : SHARE_PLANE);
  }
  shuffleInPlace(codes, new Xoshiro128(spec.seed, 0, STREAM_PLAN));
  const material = new Uint8Array(spec.count);
  const share = new Uint8Array(spec.count);
  for (let i = 0; i < spec.count; i++) {
    material[i] = codes[i] >> 1;
    share[i] = codes[i] & 1;
  }
  return { material, share };
}

/** One draw of (Ea, lgA, n) for a sample of `material` in `share`, from `rng`. */
export function drawLabels(
  spec: Pick<SynthSpec, 'plane' | 'n'>,
  material: MaterialSpec,
  share: number,
  rng: Xoshiro128,
): { Ea_kJ_mol: number; lgA_s: number; n: number } {
  let Ea_kJ_mol: number;
  let lgA_s: number;
  if (share === SHARE_KCE) {
    // Zhou §3.4: Ea uniform in the material's window, lgA on its KCE line plus N(0, σ) jitter.
    Ea_kJ_mol = rng.uniformIn(material.Ea_window_kJ_mol[0], material.Ea_window_kJ_mol[1]);
    lgA_s = kceLineLgA(material, Ea_kJ_mol) + material.lgA_jitter_sigma * rng.normal();
  } else {
    Ea_kJ_mol = rng.uniformIn(spec.plane.Ea_kJ_mol[0], spec.plane.Ea_kJ_mol[1]);
    lgA_s = rng.uniformIn(spec.plane.lgA_s[0], spec.plane.lgA_s[1]);
  }
  const n = typeof spec.n === 'number' ? spec.n : rng.uniformIn(spec.n.uniform[0], spec.n.uniform[1]);
  return { Ea_kJ_mol, lgA_s, n };
}
