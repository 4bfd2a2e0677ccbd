/**
 * The prior of the general model (issue 19): one draw = one multi-rate experiment of a single-step reaction.
 *
 * - 3–5 heating rates, log-uniform in 1–100 K/min, sorted, neighbours at least a factor 1.3 apart;
 * - reaction model: JMA (Avrami–Erofeev, f = n(1−α)[−ln(1−α)]^((n−1)/n)) with n ~ U(0.5, 4) in 70 % of draws,
 *   nth order (f = (1−α)ⁿ) with n ~ U(0.5, 3) in 30 % (orders above 3 leave a tail that no real window finishes);
 * - Ea ~ U(60, 350) kJ/mol; instead of drawing lgA blindly (most of Ea × lgA ∈ [60, 350] × [2, 25] reacts below
 *   room temperature or above 1,500 K), the peak temperature at 10 K/min is drawn, T_p ~ U(420, 1000) K, and lgA
 *   follows from the first-order Kissinger condition A = (βE/RT_p²)·exp(E/RT_p); draws with lgA outside [2, 25]
 *   are redrawn. So the prior covers the realistic part of the Ea–lgA plane uniformly in (Ea, T_p);
 * - a window as real runs have it: start 30 °C, end U(600, 1000) °C; sampling step U(0.5, 3) K;
 * - noise: the paper's composite DTG noise (src/synth/noise.ts) scaled by a factor drawn from {0 (clean), 0.5, 1, 2}
 *   with weights 0.1/0.3/0.4/0.2, and TGA noise on α itself (white σ = 0.002·scale, drift offset and ramp σ =
 *   0.002·scale).
 */
import type { Rng } from '../core/random.ts';
import { R_J_PER_MOL_K, kPerMinToKPerS } from '../kinetics/constants.ts';

export type GeneralFamily = 'jma' | 'nth-order';

/** One experiment of the general prior. */
export interface GeneralDraw {
  rates_K_min: number[];
  family: GeneralFamily;
  n: number;
  Ea_kJ_mol: number;
  lgA_s: number;
  /** Window start and end, K. */
  Tstart_K: number;
  Tend_K: number;
  /** Sampling step, K. */
  step_K: number;
  /** Multiplier of the paper noise (0 = clean). */
  noiseScale: number;
}

export const GENERAL_PRIOR = Object.freeze({
  rateCount: [3, 5] as const,
  rates_K_min: [1, 100] as const,
  minRateRatio: 1.3,
  jmaShare: 0.7,
  nJma: [0.5, 4] as const,
  nNth: [0.5, 3] as const,
  Ea_kJ_mol: [60, 350] as const,
  lgA_s: [2, 25] as const,
  Tpeak10_K: [420, 1000] as const,
  Tstart_C: 30,
  Tend_C: [600, 1000] as const,
  step_K: [0.5, 3] as const,
  noiseScales: [0, 0.5, 1, 2] as const,
  noiseWeights: [0.1, 0.3, 0.4, 0.2] as const,
});

const uniformIn = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng.uniform();

/** First-order Kissinger lgA for a peak at `Tp_K` at `beta_K_min`: A = (βE/RT_p²)·exp(E/RT_p). */
export function kissingerLgA(Ea_kJ_mol: number, Tp_K: number, beta_K_min: number): number {
  const E = Ea_kJ_mol * 1000;
  const lnA =
    Math.log((kPerMinToKPerS(beta_K_min) * E) / (R_J_PER_MOL_K * Tp_K * Tp_K)) + E / (R_J_PER_MOL_K * Tp_K);
  return lnA / Math.LN10;
}

/** Heating rates: `count` values log-uniform in the prior's range, sorted, neighbours ≥ minRateRatio apart. */
export function drawRates(rng: Rng, count: number): number[] {
  const [lo, hi] = GENERAL_PRIOR.rates_K_min;
  for (;;) {
    const r: number[] = [];
    for (let i = 0; i < count; i++)
      r.push(Math.round(Math.exp(uniformIn(rng, [Math.log(lo), Math.log(hi)])) * 10) / 10);
    r.sort((a, b) => a - b);
    let ok = true;
    for (let i = 1; i < r.length; i++) if (r[i] / r[i - 1] < GENERAL_PRIOR.minRateRatio) ok = false;
    if (ok) return r;
  }
}

/** One draw of the general prior (fixed order of random numbers: reproducible from a seeded `rng`). */
export function drawGeneral(rng: Rng, overrides: { rates_K_min?: number[] } = {}): GeneralDraw {
  const P = GENERAL_PRIOR;
  const count = P.rateCount[0] + rng.int(P.rateCount[1] - P.rateCount[0] + 1);
  const drawn = drawRates(rng, count);
  const rates_K_min = overrides.rates_K_min ? [...overrides.rates_K_min].sort((a, b) => a - b) : drawn;
  const family: GeneralFamily = rng.uniform() < P.jmaShare ? 'jma' : 'nth-order';
  const n = uniformIn(rng, family === 'jma' ? P.nJma : P.nNth);
  let Ea_kJ_mol: number;
  let lgA_s: number;
  do {
    Ea_kJ_mol = uniformIn(rng, P.Ea_kJ_mol);
    lgA_s = kissingerLgA(Ea_kJ_mol, uniformIn(rng, P.Tpeak10_K), 10);
  } while (!(lgA_s >= P.lgA_s[0] && lgA_s <= P.lgA_s[1]));
  const Tstart_K = P.Tstart_C + 273.15;
  const Tend_K = uniformIn(rng, P.Tend_C) + 273.15;
  const step_K = uniformIn(rng, P.step_K);
  let u = rng.uniform();
  let noiseScale: number = P.noiseScales[P.noiseScales.length - 1];
  for (let k = 0; k < P.noiseScales.length; k++) {
    if (u < P.noiseWeights[k]) {
      noiseScale = P.noiseScales[k];
      break;
    }
    u -= P.noiseWeights[k];
  }
  return { rates_K_min, family, n, Ea_kJ_mol, lgA_s, Tstart_K, Tend_K, step_K, noiseScale };
}
