import type { ReactionModel } from './models/reaction-model.ts';
import { type ArrheniusParams, assertArrheniusParams } from './kinetic-params.ts';
import { temperatureIntegral_K } from './temperature-integral.ts';
import { R_J_PER_MOL_K, kJPerMolToJPerMol, kPerMinToKPerS } from './constants.ts';

/**
 * Exact conversion under a constant heating rate for any model with a closed-form g⁻¹ (JMA, nth order, R2/R3,
 * D1/D3): g(α) = (A/β)·[p(Ea,T) − p(Ea,T0)] with p(Ea,T) = T·E₂(Ea/RT) (Zhou 2026 eq. 6 integrated exactly;
 * science.md §1). No ODE, no step-size error. α(T0) = 0.
 *
 * @returns α(T) and dα/dT (K⁻¹) = (A/β)·exp(−Ea/RT)·f(α) at each temperature of `T_K` (ascending, ≥ T0).
 */
export function exactConversionCurve(
  model: ReactionModel,
  params: ArrheniusParams,
  beta_K_min: number,
  T0_K: number,
  T_K: ArrayLike<number>,
): { alpha: Float64Array; dadT_per_K: Float64Array } {
  assertArrheniusParams(params);
  if (!model.gInverse) {
    throw new RangeError(`model ${model.name} has no closed-form g⁻¹; use solveConversionOde`);
  }
  if (!(beta_K_min > 0)) throw new RangeError(`heating rate must be > 0 K/min, got ${beta_K_min}`);
  const Ea_J = kJPerMolToJPerMol(params.Ea_kJ_mol);
  // A/β with A in s⁻¹ and β converted to K/s: the quotient is in K⁻¹.
  const AoverBeta_per_K = Math.pow(10, params.lgA_s) / kPerMinToKPerS(beta_K_min);
  const p0 = temperatureIntegral_K(params.Ea_kJ_mol, T0_K);
  const n = T_K.length;
  const alpha = new Float64Array(n);
  const dadT_per_K = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const T = T_K[i];
    if (T < T0_K) continue; // before the ramp starts: α = 0 and no reaction
    const y = T === T0_K ? 0 : AoverBeta_per_K * (temperatureIntegral_K(params.Ea_kJ_mol, T) - p0);
    const a = model.gInverse(y);
    alpha[i] = a;
    const rate = AoverBeta_per_K * Math.exp(-Ea_J / (R_J_PER_MOL_K * T)) * model.f(a);
    // Models with f(0) = ∞ (JMA n < 1, diffusion) have an unbounded rate at the very start: report 0 there.
    dadT_per_K[i] = Number.isFinite(rate) ? rate : 0;
  }
  return { alpha, dadT_per_K };
}

/**
 * Exact JMA solution in closed form, avoiding the round trip through α near completion:
 * y = (A/β)(p(T) − p(T0)), α = 1 − exp(−yⁿ), dα/dT = (A/β)·e^(−Ea/RT)·n·y^(n−1)·exp(−yⁿ).
 */
export function jmaExactCurve(
  params: ArrheniusParams & { n: number },
  beta_K_min: number,
  T0_K: number,
  T_K: ArrayLike<number>,
): { alpha: Float64Array; dadT_per_K: Float64Array } {
  assertArrheniusParams(params);
  const { n } = params;
  if (!(n > 0)) throw new RangeError(`JMA exponent n must be > 0, got ${n}`);
  if (!(beta_K_min > 0)) throw new RangeError(`heating rate must be > 0 K/min, got ${beta_K_min}`);
  const Ea_J = kJPerMolToJPerMol(params.Ea_kJ_mol);
  const AoverBeta_per_K = Math.pow(10, params.lgA_s) / kPerMinToKPerS(beta_K_min);
  const p0 = temperatureIntegral_K(params.Ea_kJ_mol, T0_K);
  const len = T_K.length;
  const alpha = new Float64Array(len);
  const dadT_per_K = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const T = T_K[i];
    if (T < T0_K) continue; // before the ramp starts: α = 0 and no reaction
    const y = T === T0_K ? 0 : AoverBeta_per_K * (temperatureIntegral_K(params.Ea_kJ_mol, T) - p0);
    const yn = Math.pow(y, n);
    alpha[i] = -Math.expm1(-yn);
    const rate =
      AoverBeta_per_K * Math.exp(-Ea_J / (R_J_PER_MOL_K * T)) * n * Math.pow(y, n - 1) * Math.exp(-yn);
    // For n < 1 the rate is unbounded at the very start (y = 0): report 0 there.
    dadT_per_K[i] = Number.isFinite(rate) ? rate : 0;
  }
  return { alpha, dadT_per_K };
}
