import { type ReactionModel, clampAlpha, requireParam } from './reaction-model.ts';

/**
 * Reaction-order model F_n: f(α) = (1−α)ⁿ, n ≥ 0.
 * g(α) = [1 − (1−α)^(1−n)]/(1−n) for n ≠ 1, −ln(1−α) for n = 1.
 * For n < 1 conversion completes (α = 1) at the finite value g(1) = 1/(1−n).
 */
export function nthOrder(n: number): ReactionModel {
  requireParam('nth-order', 'n', n, (v) => v >= 0, '≥ 0');
  const first = Math.abs(n - 1) < 1e-12;
  return {
    name: 'nth-order',
    label: `reaction order, n = ${n}`,
    params: { n },
    f(alpha) {
      const a = clampAlpha(alpha);
      // At α = 1 the reactant is exhausted: f = 0 also for n = 0 (where Math.pow(0, 0) would give 1).
      return a >= 1 ? 0 : Math.pow(1 - a, n);
    },
    g(alpha) {
      const a = clampAlpha(alpha);
      return first ? -Math.log1p(-a) : (1 - Math.pow(1 - a, 1 - n)) / (1 - n);
    },
    gInverse(y) {
      if (y <= 0) return 0;
      if (first) return -Math.expm1(-y);
      const base = 1 - (1 - n) * y;
      if (base <= 0) return 1; // only reachable for n < 1: conversion complete
      return clampAlpha(1 - Math.pow(base, 1 / (1 - n)));
    },
  };
}
