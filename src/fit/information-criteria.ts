import { fisherFQuantile } from '../core/beta-quantiles.ts';

/**
 * Information criteria of a least-squares fit with N points, P parameters and residual sum of squares SSE
 * (Gaussian errors of unknown variance; Burnham & Anderson, "Model selection and multimodel inference", 2002):
 *   AIC = N·ln(SSE/N) + 2P,  AICc = AIC + 2P(P + 1)/(N − P − 1),  BIC = N·ln(SSE/N) + P·ln N.
 */
export interface InformationCriteria {
  aic: number;
  aicc: number;
  bic: number;
}

export function informationCriteria(sse: number, N: number, P: number): InformationCriteria {
  const l = N * Math.log(sse / N);
  const aic = l + 2 * P;
  const aicc = N - P - 1 > 0 ? aic + (2 * P * (P + 1)) / (N - P - 1) : Infinity;
  return { aic, aicc, bic: l + P * Math.log(N) };
}

/**
 * F-test of a nested pair (Opfermann, J. Therm. Anal. Calorim. 60 (2000) 641): F = [(SSE₁ − SSE₂)/(P₂ − P₁)] /
 * [SSE₂/(N − P₂)] for the simpler model 1 inside model 2; the extra parameters are significant at `level` when F
 * exceeds the F(P₂ − P₁, N − P₂) quantile.
 */
export function nestedFTest(
  simple: { sse: number; P: number },
  complex: { sse: number; P: number },
  N: number,
  level = 0.95,
): { F: number; F_critical: number; significant: boolean } {
  const d1 = complex.P - simple.P;
  const d2 = N - complex.P;
  if (!(d1 > 0 && d2 > 0)) return { F: NaN, F_critical: NaN, significant: false };
  const F = (simple.sse - complex.sse) / d1 / (complex.sse / d2);
  const Fc = fisherFQuantile(level, d1, d2);
  return { F, F_critical: Fc, significant: F > Fc };
}
