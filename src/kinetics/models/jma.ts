import { type ReactionModel, clampAlpha, requireParam } from './reaction-model.ts';

/**
 * Johnson–Mehl–Avrami (Avrami–Erofeev) nucleation-growth model, Zhou et al. 2026 eq. 6:
 * f(α) = n·(1−α)·[−ln(1−α)]^((n−1)/n),  g(α) = [−ln(1−α)]^(1/n),  g⁻¹(y) = 1 − exp(−yⁿ).
 * n > 0 is the (apparent) Avrami exponent; n = 1 is first order.
 */
export function jma(n: number): ReactionModel {
  requireParam('jma', 'n', n, (v) => v > 0, '> 0');
  return {
    name: 'jma',
    label: `JMA (Avrami–Erofeev), n = ${n}`,
    params: { n },
    f(alpha) {
      const a = clampAlpha(alpha);
      if (a >= 1) return 0;
      const u = -Math.log1p(-a);
      if (u === 0) return n === 1 ? 1 : n > 1 ? 0 : Infinity;
      return n * (1 - a) * Math.pow(u, (n - 1) / n);
    },
    g(alpha) {
      return Math.pow(-Math.log1p(-clampAlpha(alpha)), 1 / n);
    },
    gInverse(y) {
      // −expm1 keeps full relative precision at small α.
      return y <= 0 ? 0 : -Math.expm1(-Math.pow(y, n));
    },
  };
}
