import { type ReactionModel, clampAlpha, requireParam } from './reaction-model.ts';

/**
 * Šesták–Berggren (truncated, three-parameter) model: f(α) = α^m·(1−α)^n·[−ln(1−α)]^p.
 * No closed-form g(α): use the ODE path (`solveConversionOde`). With m + p ≥ 1, g(α) diverges at α → 0,
 * so the reaction cannot start from α = 0 and a positive initial conversion must be given.
 */
export function sestakBerggren(m: number, n: number, p = 0): ReactionModel {
  requireParam('sestak-berggren', 'm', m, (v) => v >= 0, '≥ 0');
  requireParam('sestak-berggren', 'n', n, (v) => v >= 0, '≥ 0');
  requireParam('sestak-berggren', 'p', p, (v) => v >= 0, '≥ 0');
  return {
    name: 'sestak-berggren',
    label: `Šesták–Berggren, m = ${m}, n = ${n}, p = ${p}`,
    params: { m, n, p },
    f(alpha) {
      const a = clampAlpha(alpha);
      if (a >= 1) return n === 0 && p === 0 ? 1 : 0;
      const lnTerm = p === 0 ? 1 : Math.pow(-Math.log1p(-a), p);
      return Math.pow(a, m) * Math.pow(1 - a, n) * lnTerm;
    },
  };
}
