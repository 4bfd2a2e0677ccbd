/**
 * Curves of one general-prior experiment (src/synth/general-prior.ts): for each heating rate the exact α(T) and
 * dα/dT of a single step dα/dT = (A/β)·e^(−Ea/RT)·f(α) on the run's own temperature grid, then noise.
 *
 * Exact closed form for both families: y = (A/β)·[p(T) − p(T0)] with p(T) = T·E₂(Ea/RT) (temperature-integral.ts),
 * α = g⁻¹(y), dα/dT = (A/β)·e^(−Ea/RT)·f(α) (kinetics/models: jma, nthOrder). p(T) and e^(−Ea/RT) are computed
 * once and shared by the rates.
 *
 * Noise: the dα/dT curve gets the paper's composite noise (src/synth/noise.ts, amplitudes × noiseScale) on its
 * peak-normalized form and is scaled back; α gets TGA-like noise (white σ 0.002·scale + offset and linear drift
 * σ 0.002·scale each), so a representation that reads α (conversion axis) and one that reads dα/dT both see noise.
 */
import type { Rng } from '../core/random.ts';
import { R_J_PER_MOL_K, kPerMinToKPerS } from '../kinetics/constants.ts';
import { temperatureIntegral_K } from '../kinetics/temperature-integral.ts';
import { jma } from '../kinetics/models/jma.ts';
import { nthOrder } from '../kinetics/models/nth-order.ts';
import type { ReactionModel } from '../kinetics/models/reaction-model.ts';
import { PAPER_NOISE, addCompositeNoise, type NoiseParams } from './noise.ts';
import type { GeneralDraw, GeneralFamily } from './general-prior.ts';

/** One run as the representations take it: temperatures (K), α and dα/dT (K⁻¹) at them, and the heating rate. */
export interface GeneralRun {
  beta_K_min: number;
  T_K: Float64Array;
  alpha: Float64Array;
  dadT_per_K: Float64Array;
}

/** Validity of a general sample (bit flags; 0 = valid). */
export const GENERAL_UNFINISHED = 1; // the fastest run has α < 0.98 at the window end
export const GENERAL_EARLY = 2; // the slowest run has α > 0.01 at the window start + 20 K
/** Conversion the fastest run must reach by the window end for a sample to count as finished. */
export const GENERAL_MIN_END_ALPHA = 0.98;

export function reactionModelOf(family: GeneralFamily, n: number): ReactionModel {
  return family === 'jma' ? jma(n) : nthOrder(n);
}

/** Exact (noise-free) runs of a draw, on the draw's window and sampling step. */
export function generalExactRuns(d: GeneralDraw): GeneralRun[] {
  const P = Math.max(3, Math.floor((d.Tend_K - d.Tstart_K) / d.step_K) + 1);
  const T = new Float64Array(P);
  for (let i = 0; i < P; i++) T[i] = i === P - 1 ? d.Tend_K : d.Tstart_K + i * d.step_K;
  return exactRunsOnGrid(
    d,
    d.rates_K_min.map(() => T),
  );
}

/**
 * Exact runs of (family, n, Ea, lgA) at `rates_K_min`, run r on temperatures `T_K[r]` (ascending, K) with α = 0 at
 * its first temperature. p(T) and e^(−Ea/RT) are shared between runs that share a temperature array.
 */
export function exactRunsOnGrid(
  d: Pick<GeneralDraw, 'rates_K_min' | 'family' | 'n' | 'Ea_kJ_mol' | 'lgA_s'>,
  T_K: readonly Float64Array[],
): GeneralRun[] {
  const model = reactionModelOf(d.family, d.n);
  const gInv = model.gInverse!;
  const E_J = d.Ea_kJ_mol * 1000;
  const A = Math.pow(10, d.lgA_s);
  const cache = new Map<Float64Array, { dp: Float64Array; boltz: Float64Array }>();
  return d.rates_K_min.map((beta, r) => {
    const T = T_K[r];
    const P = T.length;
    let c = cache.get(T);
    if (!c) {
      const p0 = temperatureIntegral_K(d.Ea_kJ_mol, T[0]);
      const dp = new Float64Array(P);
      const boltz = new Float64Array(P);
      for (let i = 0; i < P; i++) {
        dp[i] = i === 0 ? 0 : temperatureIntegral_K(d.Ea_kJ_mol, T[i]) - p0;
        boltz[i] = Math.exp(-E_J / (R_J_PER_MOL_K * T[i]));
      }
      c = { dp, boltz };
      cache.set(T, c);
    }
    const { dp, boltz } = c;
    const k = A / kPerMinToKPerS(beta); // K⁻¹
    const alpha = new Float64Array(P);
    const dadT = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      const a = gInv(k * dp[i]);
      alpha[i] = a;
      // At the window start α = 0 exactly; f(0) is infinite for JMA with n < 1 (an integrable singularity of the
      // integration start, not of the reaction): the curve starts at 0 there, as the paper generator's does.
      dadT[i] = a >= 1 || dp[i] <= 0 ? 0 : k * boltz[i] * model.f(a);
    }
    return { beta_K_min: beta, T_K: T, alpha, dadT_per_K: dadT };
  });
}

/** Validity flags of exact runs (GENERAL_UNFINISHED, GENERAL_EARLY). */
export function generalFlags(runs: readonly GeneralRun[]): number {
  let f = 0;
  const fast = runs[runs.length - 1];
  if (fast.alpha[fast.alpha.length - 1] < GENERAL_MIN_END_ALPHA) f |= GENERAL_UNFINISHED;
  const slow = runs[0];
  const T0 = slow.T_K[0];
  for (let i = 0; i < slow.T_K.length && slow.T_K[i] <= T0 + 20; i++) {
    if (slow.alpha[i] > 0.01) {
      f |= GENERAL_EARLY;
      break;
    }
  }
  return f;
}

/** Noise parameters of the paper scaled by `scale`. */
export function scaledPaperNoise(scale: number): NoiseParams {
  const p = PAPER_NOISE;
  return {
    name: `paper*${scale}`,
    baselineOffsetSigma: p.baselineOffsetSigma * scale,
    baselineRampSigma: p.baselineRampSigma * scale,
    signalSigma: p.signalSigma * scale,
    whiteSigma: p.whiteSigma * scale,
    spikeProbability: scale > 0 ? p.spikeProbability : 0,
    spikeSigma: p.spikeSigma * scale,
  };
}

/** Noisy copies of exact runs (see the file comment); `rng` is consumed in run order. */
export function addGeneralNoise(runs: readonly GeneralRun[], scale: number, rng: Rng): GeneralRun[] {
  if (scale === 0) return runs.map((r) => ({ ...r }));
  const noise = scaledPaperNoise(scale);
  return runs.map((r) => {
    const P = r.T_K.length;
    let peak = 0;
    for (let i = 0; i < P; i++) if (r.dadT_per_K[i] > peak) peak = r.dadT_per_K[i];
    const dadT = new Float64Array(P);
    if (peak > 0) {
      const norm = new Float64Array(P);
      for (let i = 0; i < P; i++) norm[i] = r.dadT_per_K[i] / peak;
      addCompositeNoise(norm, noise, rng, dadT);
      for (let i = 0; i < P; i++) dadT[i] *= peak;
    }
    const alpha = new Float64Array(P);
    const s = 0.002 * scale;
    const offset = s * rng.normal();
    const ramp = s * rng.normal();
    for (let i = 0; i < P; i++) alpha[i] = r.alpha[i] + offset + (ramp * i) / (P - 1) + s * rng.normal();
    return { beta_K_min: r.beta_K_min, T_K: r.T_K, alpha, dadT_per_K: dadT };
  });
}
