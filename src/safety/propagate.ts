import { Xoshiro128 } from '../core/xoshiro128.ts';
import type { KineticTriplet } from './kinetic-triplet.ts';
import { quantileSorted } from '../core/statistics.ts';

/** Uncertainty of (Ea, lgA): standard errors and their correlation (the compensation ridge makes it close to +1). */
export interface ArrheniusUncertainty {
  Ea_se_kJ_mol: number;
  lgA_se: number;
  /** Correlation coefficient of Ea and lgA, in [−1, 1] (default 0). */
  corr?: number;
}

/** Summary of a sampled quantity: median and the central 90 % interval. */
export interface Interval90 {
  median: number;
  p05: number;
  p95: number;
}

/**
 * Draw `count` triplets with (Ea, lgA) from the bivariate normal given by the standard errors and correlation
 * (Cholesky: Ea = Ea₀ + σ_E·z₁, lgA = lgA₀ + σ_A·(ρ·z₁ + √(1−ρ²)·z₂)), seeded and reproducible.
 */
export function sampleTriplets(
  triplet: KineticTriplet,
  u: ArrheniusUncertainty,
  count: number,
  seed = 1,
): KineticTriplet[] {
  const rho = u.corr ?? 0;
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`correlation must be in [−1, 1], got ${rho}`);
  if (!(u.Ea_se_kJ_mol >= 0) || !(u.lgA_se >= 0)) throw new RangeError('standard errors must be ≥ 0');
  const rng = new Xoshiro128(seed, 0, 7);
  const out: KineticTriplet[] = [];
  for (let i = 0; i < count; i++) {
    const z1 = rng.normal();
    const z2 = rng.normal();
    out.push({
      ...triplet,
      Ea_kJ_mol: triplet.Ea_kJ_mol + u.Ea_se_kJ_mol * z1,
      lgA_s: triplet.lgA_s + u.lgA_se * (rho * z1 + Math.sqrt(1 - rho * rho) * z2),
    });
  }
  return out;
}

/** Median and 5th/95th percentiles (linear interpolation between order statistics); non-finite values are dropped. */
export function interval90(values: number[]): Interval90 {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, p05: NaN, p95: NaN };
  return { median: quantileSorted(v, 0.5), p05: quantileSorted(v, 0.05), p95: quantileSorted(v, 0.95) };
}

/** Evaluate `fn` on sampled triplets and summarise it as a 90 % interval (NaN-safe: failed draws are skipped). */
export function propagate(samples: KineticTriplet[], fn: (t: KineticTriplet) => number): Interval90 {
  return interval90(
    samples.map((s) => {
      try {
        return fn(s);
      } catch {
        return NaN;
      }
    }),
  );
}
