import type { ReactionModel } from './reaction-model.ts';
import { clampAlpha } from './reaction-model.ts';

/**
 * One-dimensional diffusion D1 (parabolic law): f(α) = 1/(2α), g(α) = α², g⁻¹(y) = √y.
 */
export function diffusion1D(): ReactionModel {
  return {
    name: 'D1',
    label: 'one-dimensional diffusion (D1)',
    params: {},
    f(alpha) {
      const a = clampAlpha(alpha);
      return a >= 1 ? 0 : 1 / (2 * a);
    },
    g(alpha) {
      const a = clampAlpha(alpha);
      return a * a;
    },
    gInverse(y) {
      return y <= 0 ? 0 : Math.min(1, Math.sqrt(y));
    },
  };
}

/**
 * Three-dimensional diffusion, Jander equation D3:
 * f(α) = 3(1−α)^(2/3) / (2[1 − (1−α)^(1/3)]),  g(α) = [1 − (1−α)^(1/3)]²,  g⁻¹(y) = 1 − (1 − √y)³ for y < 1.
 */
export function diffusion3DJander(): ReactionModel {
  return {
    name: 'D3',
    label: 'three-dimensional diffusion, Jander (D3)',
    params: {},
    f(alpha) {
      const a = clampAlpha(alpha);
      if (a >= 1) return 0;
      const c = Math.cbrt(1 - a);
      return (3 * c * c) / (2 * (1 - c));
    },
    g(alpha) {
      const c = 1 - Math.cbrt(1 - clampAlpha(alpha));
      return c * c;
    },
    gInverse(y) {
      if (y <= 0) return 0;
      if (y >= 1) return 1;
      const s = 1 - Math.sqrt(y);
      return 1 - s * s * s;
    },
  };
}

/**
 * Two-dimensional diffusion, Valensi equation D2: f(α) = [−ln(1−α)]⁻¹, g(α) = (1−α)·ln(1−α) + α (no closed-form
 * g⁻¹: simulate it through the ODE path).
 */
export function diffusion2DValensi(): ReactionModel {
  return {
    name: 'D2',
    label: 'two-dimensional diffusion, Valensi (D2)',
    params: {},
    f(alpha) {
      const a = clampAlpha(alpha);
      return a >= 1 ? 0 : -1 / Math.log1p(-a);
    },
    g(alpha) {
      const a = clampAlpha(alpha);
      return a >= 1 ? 1 : (1 - a) * Math.log1p(-a) + a;
    },
  };
}

/**
 * Three-dimensional diffusion, Ginstling–Brounshtein equation D4: f(α) = 3/(2[(1−α)^(−1/3) − 1]),
 * g(α) = 1 − 2α/3 − (1−α)^(2/3) (no closed-form g⁻¹).
 */
export function diffusion3DGinstling(): ReactionModel {
  return {
    name: 'D4',
    label: 'three-dimensional diffusion, Ginstling–Brounshtein (D4)',
    params: {},
    f(alpha) {
      const a = clampAlpha(alpha);
      if (a >= 1) return 0;
      return 3 / (2 * (1 / Math.cbrt(1 - a) - 1));
    },
    g(alpha) {
      const a = clampAlpha(alpha);
      const c = Math.cbrt(1 - a);
      return 1 - (2 * a) / 3 - c * c;
    },
  };
}
