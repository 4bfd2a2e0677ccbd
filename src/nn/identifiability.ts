/**
 * How much information peak-normalized DTG curves carry about lgA, and the best R²(lgA) any estimator can reach.
 *
 * JMA (Avrami) kinetics under a linear ramp (science.md §1): y = (A/β)·[p(T) − p(T0)], α = 1 − exp(−yⁿ),
 * dα/dT = (A/β)·e^(−Ea/RT)·n·y^(n−1)·exp(−yⁿ). While α ≪ 1 over the whole window, exp(−yⁿ) ≈ 1 and
 * dα/dT ≈ (A/β)ⁿ·n·e^(−Ea/RT)·[p(T) − p(T0)]^(n−1): a factor (A/β)ⁿ times a shape that depends on Ea only. Peak
 * normalization (Zhou 2026 §2.2) divides that factor out, so for a sample whose conversion at the window end stays
 * below ε (at the slowest rate, where it is largest) the three curves differ from the Ea-only shape by a relative
 * amount ≤ ε, and lgA is not in the input. For those samples the best any estimator can do — even one told Ea
 * exactly — is the prior's conditional mean of lgA given Ea and "α_end < ε"; its mean squared error is that
 * conditional variance. Summed over a split, this is a floor under the lgA residual sum of squares and a ceiling on
 * R²(lgA). Pure functions, no I/O.
 */
import { kPerMinToKPerS } from '../kinetics/constants.ts';
import { temperatureIntegralBetween_K } from '../kinetics/temperature-integral.ts';
import type { MaterialSpec } from '../synth/materials.ts';
import { minOf } from '../core/statistics.ts';

/** The label prior of a synthetic dataset (docs/synthetic-dataset.md; science.md §5). */
export interface LabelPrior {
  /** Materials, equally weighted; each has its KCE line, Ea window and lgA jitter σ. */
  materials: readonly MaterialSpec[];
  /** Fraction of each material's samples on its KCE line (the rest on the uniform plane). */
  kceShare: number;
  /** The uniform plane: Ea (kJ/mol) × lgA (log10 s⁻¹). */
  plane: { Ea_kJ_mol: [number, number]; lgA_s: [number, number] };
}

/**
 * lgA (log10 s⁻¹) at which JMA conversion reaches `alphaEnd` at `Tend_K` when heating from `T0_K` at `beta_K_min`:
 * yⁿ = −ln(1 − α) ⇒ A = β·y / [p(Tend) − p(T0)] (β in K/s). Below it, α_end < alphaEnd.
 */
export function lgAForEndConversion(
  Ea_kJ_mol: number,
  n: number,
  beta_K_min: number,
  T0_K: number,
  Tend_K: number,
  alphaEnd: number,
): number {
  if (!(alphaEnd > 0 && alphaEnd < 1)) throw new RangeError(`alphaEnd must be in (0, 1), got ${alphaEnd}`);
  if (!(n > 0)) throw new RangeError(`JMA exponent n must be > 0, got ${n}`);
  if (!(Tend_K > T0_K)) throw new RangeError(`Tend_K (${Tend_K}) must exceed T0_K (${T0_K})`);
  const y = Math.pow(-Math.log1p(-alphaEnd), 1 / n);
  const dp_K = temperatureIntegralBetween_K(Ea_kJ_mol, T0_K, Tend_K);
  // Δp can be ~1e-100 K for a large Ea: still a normal double.
  return Math.log10((kPerMinToKPerS(beta_K_min) * y) / dp_K);
}

/** Unnormalized prior density of lgA given Ea (the mixture of KCE lines and the plane), per unit lgA. */
export function priorLgADensity(prior: LabelPrior, Ea_kJ_mol: number, lgA_s: number): number {
  const M = prior.materials.length;
  let d = 0;
  for (const m of prior.materials) {
    const [lo, hi] = m.Ea_window_kJ_mol;
    if (Ea_kJ_mol < lo || Ea_kJ_mol > hi) continue;
    const z = (lgA_s - (m.kceSlope_per_kJ_mol * Ea_kJ_mol + m.kceIntercept_lgA_s)) / m.lgA_jitter_sigma;
    d +=
      ((prior.kceShare / M) * Math.exp(-0.5 * z * z)) /
      (Math.sqrt(2 * Math.PI) * m.lgA_jitter_sigma * (hi - lo));
  }
  const [elo, ehi] = prior.plane.Ea_kJ_mol;
  const [alo, ahi] = prior.plane.lgA_s;
  if (Ea_kJ_mol >= elo && Ea_kJ_mol <= ehi && lgA_s >= alo && lgA_s <= ahi) {
    d += (1 - prior.kceShare) / ((ehi - elo) * (ahi - alo));
  }
  return d;
}

/**
 * Mean and variance of lgA under the prior given Ea and lgA < `lgAMax` (trapezoid rule on `steps` intervals from
 * below the lowest prior support). `mass` is the unnormalized probability of the condition (0: impossible).
 */
export function truncatedLgAMoments(
  prior: LabelPrior,
  Ea_kJ_mol: number,
  lgAMax: number,
  steps = 4000,
): { mass: number; mean: number; variance: number } {
  let lo = prior.plane.lgA_s[0];
  for (const m of prior.materials) {
    lo = Math.min(lo, m.kceSlope_per_kJ_mol * Ea_kJ_mol + m.kceIntercept_lgA_s - 10 * m.lgA_jitter_sigma);
  }
  if (!(lgAMax > lo)) return { mass: 0, mean: NaN, variance: NaN };
  const h = (lgAMax - lo) / steps;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let k = 0; k <= steps; k++) {
    const x = lo + k * h;
    const w = (k === 0 || k === steps ? 0.5 : 1) * priorLgADensity(prior, Ea_kJ_mol, x);
    s0 += w;
    s1 += w * x;
    s2 += w * x * x;
  }
  if (!(s0 > 0)) return { mass: 0, mean: NaN, variance: NaN };
  const mean = s1 / s0;
  return { mass: s0 * h, mean, variance: Math.max(0, s2 / s0 - mean * mean) };
}

export interface LgAInformationLimit {
  /** Conversion at the window end (slowest rate) below which a sample counts as carrying no lgA information. */
  alphaEnd: number;
  samples: number;
  /** Samples with α_end < alphaEnd at every rate. */
  unidentifiable: number;
  /** Σ over those samples of Var(lgA | Ea, α_end < alphaEnd): the expected floor of the lgA residual sum of squares. */
  sseFloor_lgA: number;
  /** √(sseFloor / unidentifiable): the least RMSE any estimator can expect on those samples. */
  rmseFloor_unidentifiable_lgA: number;
  /** 1 − sseFloor/SST over all samples: the ceiling on R²(lgA) for this sample set. */
  r2Max_lgA: number;
}

/**
 * The lgA information limit of a sample set: labels (Ea_kJ_mol, lgA_s) pairs and JMA exponents n, measured at
 * `rates_K_min` from `T0_K` to `Tend_K`, drawn from `prior`. `alphaEnd` = 0.01 keeps the curves' lgA trace at 1 %
 * of the peak, below the 2 % signal-dependent noise of the paper preset, so the ceiling is conservative.
 */
export function lgAInformationLimit(
  targets: ArrayLike<number>,
  n: ArrayLike<number>,
  count: number,
  prior: LabelPrior,
  rates_K_min: readonly number[],
  T0_K: number,
  Tend_K: number,
  alphaEnd = 0.01,
): LgAInformationLimit {
  const slowest = minOf(rates_K_min);
  let mean = 0;
  for (let i = 0; i < count; i++) mean += targets[2 * i + 1] / count;
  let sst = 0;
  let floor = 0;
  let unidentifiable = 0;
  for (let i = 0; i < count; i++) {
    const Ea = targets[2 * i];
    const lgA = targets[2 * i + 1];
    sst += (lgA - mean) ** 2;
    const lgAStar = lgAForEndConversion(Ea, n[i], slowest, T0_K, Tend_K, alphaEnd);
    if (lgA >= lgAStar) continue;
    unidentifiable++;
    floor += truncatedLgAMoments(prior, Ea, lgAStar).variance;
  }
  return {
    alphaEnd,
    samples: count,
    unidentifiable,
    sseFloor_lgA: floor,
    rmseFloor_unidentifiable_lgA: unidentifiable ? Math.sqrt(floor / unidentifiable) : 0,
    r2Max_lgA: sst > 0 ? 1 - floor / sst : NaN,
  };
}
