import type { ReactionModel } from './models/reaction-model.ts';
import { type ArrheniusParams, assertArrheniusParams } from './kinetic-params.ts';
import { temperatureIntegral_K } from './temperature-integral.ts';
import { R_J_PER_MOL_K, kJPerMolToJPerMol, kPerMinToKPerS } from './constants.ts';
import { dormandPrince } from './ode/dormand-prince.ts';
import { integrateGaussLegendre } from './quadrature.ts';

export interface ConversionOdeOptions {
  /** Conversion at T0 (default 0). */
  alpha0?: number;
  /** Relative tolerance of the integrator (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance of the integrator (default 1e-13). */
  atol?: number;
  /** Conversion at which the ODE is seeded when α0 = 0 (default 1e-9; see below). */
  alphaSeed?: number;
}

/**
 * Conversion α(T) under a constant heating rate for any f(α), by integrating dα/dT = (A/β)·exp(−Ea/RT)·f(α)
 * with the adaptive Dormand–Prince 5(4) scheme.
 *
 * Starting from α0 = 0 is ill-posed for models with f(0) = 0 (JMA n > 1, Šesták–Berggren m > 0): α ≡ 0 is also a
 * solution. We therefore seed the ODE at α_s (default 1e-9): g(α_s) = ∫₀^α_s dα/f(α) is computed by Gauss–Legendre
 * quadrature after the substitution α = α_s·u¹⁶ (which removes integrable singularities f ~ α^q, q < 15/16), the
 * seed temperature T_s solves (A/β)[p(T_s) − p(T0)] = g(α_s), and below T_s α is reported as α_s·y/g(α_s) (< α_s).
 */
export function solveConversionOde(
  model: ReactionModel,
  params: ArrheniusParams,
  beta_K_min: number,
  T0_K: number,
  T_K: ArrayLike<number>,
  options: ConversionOdeOptions = {},
): { alpha: Float64Array; dadT_per_K: Float64Array; steps: number } {
  assertArrheniusParams(params);
  if (!(beta_K_min > 0)) throw new RangeError(`heating rate must be > 0 K/min, got ${beta_K_min}`);
  const Ea_J = kJPerMolToJPerMol(params.Ea_kJ_mol);
  const AoverBeta_per_K = Math.pow(10, params.lgA_s) / kPerMinToKPerS(beta_K_min);
  const rate = (T: number, a: number) => AoverBeta_per_K * Math.exp(-Ea_J / (R_J_PER_MOL_K * T)) * model.f(a);
  const n = T_K.length;
  const alpha = new Float64Array(n);
  const dadT_per_K = new Float64Array(n);

  let tStart = T0_K;
  let aStart = options.alpha0 ?? 0;
  let firstOde = 0;
  if (aStart === 0) {
    const aS = options.alphaSeed ?? 1e-9;
    const k = 16;
    const gS = integrateGaussLegendre(
      (u) => (aS * k * Math.pow(u, k - 1)) / model.f(aS * Math.pow(u, k)),
      0,
      1,
      48,
    );
    if (!Number.isFinite(gS) || gS <= 0) {
      throw new RangeError(
        `model ${model.name}: g(α) diverges at α → 0; give a positive initial conversion alpha0`,
      );
    }
    const p0 = temperatureIntegral_K(params.Ea_kJ_mol, T0_K);
    const y = (T: number) => AoverBeta_per_K * (temperatureIntegral_K(params.Ea_kJ_mol, T) - p0);
    // Bracket and bisect the seed temperature T_s (y is increasing in T).
    let lo = T0_K;
    let hi = T0_K + 1;
    while (y(hi) < gS) {
      hi = T0_K + 2 * (hi - T0_K);
      if (hi > 1e5) throw new RangeError('solveConversionOde: the reaction does not start below 1e5 K');
    }
    for (let it = 0; it < 200 && hi - lo > 1e-12 * hi; it++) {
      const mid = 0.5 * (lo + hi);
      if (y(mid) < gS) lo = mid;
      else hi = mid;
    }
    tStart = hi;
    aStart = aS;
    while (firstOde < n && T_K[firstOde] < tStart) {
      const T = T_K[firstOde];
      alpha[firstOde] = T <= T0_K ? 0 : (aS * y(T)) / gS;
      dadT_per_K[firstOde] = T <= T0_K ? 0 : rate(T, alpha[firstOde]);
      firstOde++;
    }
  }
  const tOut = Array.from({ length: n - firstOde }, (_, i) => T_K[firstOde + i]);
  const res = dormandPrince(
    (T, a, d) => {
      d[0] = rate(T, a[0]);
    },
    tStart,
    [aStart],
    tOut,
    {
      rtol: options.rtol ?? 1e-10,
      atol: options.atol ?? 1e-13,
      project: (a) => {
        if (a[0] > 1) a[0] = 1;
      },
    },
  );
  for (let i = 0; i < tOut.length; i++) {
    const a = Math.min(1, Math.max(0, res.y[i][0]));
    alpha[firstOde + i] = a;
    dadT_per_K[firstOde + i] = rate(tOut[i], a);
  }
  return { alpha, dadT_per_K, steps: res.steps };
}
