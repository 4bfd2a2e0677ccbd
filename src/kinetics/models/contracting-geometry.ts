import { type ReactionModel, clampAlpha, requireParam } from './reaction-model.ts';

/**
 * Contracting geometry (phase-boundary) models R2 (contracting area, d = 2) and R3 (contracting volume, d = 3):
 * f(α) = d·(1−α)^((d−1)/d), g(α) = 1 − (1−α)^(1/d), g⁻¹(y) = 1 − (1−y)^d for y < 1, else 1.
 */
export function contractingGeometry(d: 2 | 3): ReactionModel {
  requireParam('contracting-geometry', 'd', d, (v) => v === 2 || v === 3, '2 or 3');
  return {
    name: `R${d}`,
    label: d === 2 ? 'contracting area (R2)' : 'contracting volume (R3)',
    params: { d },
    f(alpha) {
      return d * Math.pow(1 - clampAlpha(alpha), (d - 1) / d);
    },
    g(alpha) {
      return 1 - Math.pow(1 - clampAlpha(alpha), 1 / d);
    },
    gInverse(y) {
      if (y <= 0) return 0;
      if (y >= 1) return 1;
      return 1 - Math.pow(1 - y, d);
    },
  };
}
