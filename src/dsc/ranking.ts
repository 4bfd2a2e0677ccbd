import { sampleRankCorrelation } from 'simple-statistics';

export interface RankedFeature {
  feature: string;
  mean_abs_shap: number;
  /** +1 when higher feature values raise the target (Spearman ρ(feature, SHAP) > 0), −1 when they lower it, 0 if undetermined. */
  sign: 1 | -1 | 0;
  /** Spearman ρ between the feature value and its SHAP value over the explained records. */
  rho_value_shap: number;
}

/** Features sorted by mean |SHAP| (descending) with the direction of their effect. `phi[i][j]`, `X[i][j]`. */
export function rankFeatures(
  names: string[],
  X: ArrayLike<number>[],
  phi: ArrayLike<number>[],
): RankedFeature[] {
  const out = names.map((feature, j) => {
    const v = X.map((r) => r[j]);
    const s = phi.map((r) => r[j]);
    const mean_abs_shap = s.reduce((a, b) => a + Math.abs(b), 0) / s.length;
    const constant = (a: number[]): boolean => a.every((q) => q === a[0]);
    const rho = constant(v) || constant(s) ? 0 : sampleRankCorrelation(v, s);
    const sign: 1 | -1 | 0 = rho > 0.1 ? 1 : rho < -0.1 ? -1 : 0;
    return { feature, mean_abs_shap, sign, rho_value_shap: rho };
  });
  return out.sort((a, b) => b.mean_abs_shap - a.mean_abs_shap);
}

export type DynamicsClass = 'red' | 'green' | 'grey';

export interface FeatureDynamics {
  feature: string;
  /** Share of the feature in the total mean |SHAP| of each target (onset, peak, power); 0 if not selected. */
  proportion: Record<string, number>;
  class: DynamicsClass;
}

/**
 * The paper's "feature significance dynamics" (Sun 2025, Fig. 5): share of mean |SHAP| per feature along
 * onset → peak → power. Documented classification, with m = mean of the onset and peak shares: red when the
 * power share is below 2/3·m (influence fades as the reaction proceeds), green when it exceeds 1.5·m (influence
 * grows), grey otherwise (no clear trend).
 */
export function featureDynamics(
  rankings: Record<string, RankedFeature[]>,
  order = ['onset', 'peak', 'power'],
): FeatureDynamics[] {
  const targets = order.filter((t) => rankings[t]);
  const share: Record<string, Record<string, number>> = {};
  for (const t of targets) {
    const total = rankings[t].reduce((s, r) => s + r.mean_abs_shap, 0) || 1;
    for (const r of rankings[t]) (share[r.feature] ??= {})[t] = r.mean_abs_shap / total;
  }
  return Object.keys(share).map((feature) => {
    const proportion: Record<string, number> = {};
    for (const t of targets) proportion[t] = share[feature][t] ?? 0;
    let cls: DynamicsClass = 'grey';
    if (targets.length === 3) {
      const [a, b, c] = targets.map((t) => proportion[t]);
      const m = (a + b) / 2;
      if (c < (2 / 3) * m) cls = 'red';
      else if (c > 1.5 * m) cls = 'green';
    }
    return { feature, proportion, class: cls };
  });
}
