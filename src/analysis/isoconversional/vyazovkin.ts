import type { ConversionCurve } from '../conversion-curve.ts';
import { expintEn } from '../../kinetics/exponential-integral.ts';
import { R_J_PER_MOL_K } from '../../kinetics/constants.ts';
import { assertDistinctHeatingRates } from '../heating-rates.ts';
import { tCritical } from '../../core/statistics.ts';
import { goldenSectionMin } from '../../core/golden-section.ts';
import { pointAtConversion } from './isoconversional-point.ts';
import { defaultAlphaGrid } from './alpha-grid.ts';
import type { IsoResult, IsoRow } from './result.ts';

/**
 * ln ∫_{T1}^{T2} exp(−E/RT) dT with the exact temperature integral p(T) = T·E₂(E/RT), evaluated in scaled form
 * (e^x·E₂(x)) so that it does not underflow at large E/RT.
 */
export function lnTemperatureIntegralSegment(E_J_mol: number, T1_K: number, T2_K: number): number {
  const x1 = E_J_mol / (R_J_PER_MOL_K * T1_K);
  const x2 = E_J_mol / (R_J_PER_MOL_K * T2_K);
  const inner = T2_K * expintEn(2, x2, true) - T1_K * expintEn(2, x1, true) * Math.exp(x2 - x1);
  return -x2 + Math.log(inner);
}

export interface VyazovkinOptions {
  /** Width Δα of the integration segment [α − Δα, α] (default 0.02). */
  deltaAlpha?: number;
}

/**
 * Vyazovkin's advanced nonlinear isoconversional method (Vyazovkin 2001, J. Comput. Chem. 22, 178) with the exact
 * temperature integral: at each α, Ea minimises
 *   Φ(E) = Σᵢ Σ_{j≠i} J(E, T_{α,i}, βᵢ) / J(E, T_{α,j}, βⱼ),   J = (1/β)·∫_{T(α−Δα)}^{T(α)} exp(−E/RT) dT,
 * whose minimum is n(n−1) for error-free data. Integrating over [α − Δα, α] (not from 0) keeps Ea(α) unbiased when
 * Ea varies with α.
 *
 * Standard error: the isoconversional condition says uᵢ(E) = ln Jᵢ(E) is the same for every run; linearising
 * uᵢ(E) − c around the Φ minimum gives the least-squares covariance SE(E) = s/√Σ(vᵢ − v̄)², vᵢ = ∂uᵢ/∂E,
 * s² = Σ(uᵢ − ū)²/(n − 2) — the same construction as the regression intervals of Friedman/KAS/FWO, so the four
 * methods' limits are comparable. (The F-test interval of Vyazovkin & Wight 1999 is known to be several times wider.)
 */
export function vyazovkin(
  curves: ConversionCurve[],
  alphas: number[] = defaultAlphaGrid(),
  options: VyazovkinOptions = {},
): IsoResult {
  assertDistinctHeatingRates(curves, 'Vyazovkin');
  const dA = options.deltaAlpha ?? 0.02;
  const n = curves.length;
  const tc = tCritical(0.95, n - 2);
  const warnings: string[] = [];
  const rows: IsoRow[] = alphas.map((alpha) => {
    const lower = Math.max(alpha - dA, alpha / 2);
    const hi = curves.map((c) => pointAtConversion(c, alpha));
    const lo = curves.map((c) => pointAtConversion(c, lower));
    const lnJ = (E_kJ: number) =>
      curves.map(
        (c, i) => lnTemperatureIntegralSegment(E_kJ * 1000, lo[i].T_K, hi[i].T_K) - Math.log(c.beta_K_min),
      );
    const phi = (E_kJ: number) => {
      const r = lnJ(E_kJ);
      let s = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) s += Math.exp(r[i] - r[j]);
      return s;
    };
    // Coarse log-spaced scan over 1–2000 kJ/mol, then golden-section refinement around the best point.
    const grid = Array.from({ length: 121 }, (_, k) => Math.exp(Math.log(1) + (k * Math.log(2000)) / 120));
    const values = grid.map(phi);
    let k = 0;
    for (let i = 1; i < grid.length; i++) if (values[i] < values[k]) k = i;
    if (k === 0 || k === grid.length - 1) {
      // Φ keeps falling towards the edge of the search range: the runs do not order like one thermally activated
      // step at this conversion (e.g. peaks that do not shift up with β). Report no value rather than the bound.
      warnings.push(
        `α = ${alpha}: Φ(E) has no minimum between 1 and 2000 kJ/mol (the runs do not behave as one activated ` +
          'step here: do the peaks shift to higher temperature with heating rate?)',
      );
      return {
        alpha,
        Ea_kJ_mol: NaN,
        Ea_se_kJ_mol: NaN,
        Ea_ci95_low_kJ_mol: NaN,
        Ea_ci95_high_kJ_mol: NaN,
        T_K: hi.map((p) => p.T_K),
      };
    }
    const Emin = goldenSectionMin(phi, grid[Math.max(0, k - 1)], grid[Math.min(grid.length - 1, k + 1)]);
    const se = linearisedStandardError(lnJ, Emin);
    return {
      alpha,
      Ea_kJ_mol: Emin,
      Ea_se_kJ_mol: se,
      Ea_ci95_low_kJ_mol: Emin - tc * se,
      Ea_ci95_high_kJ_mol: Emin + tc * se,
      T_K: hi.map((p) => p.T_K),
    };
  });
  return {
    method: 'vyazovkin',
    rows,
    rates_K_min: curves.map((c) => c.beta_K_min),
    warnings,
    note: `Vyazovkin (advanced, Δα = ${dA}, exact temperature integral); 95 % limits by linearisation at the Φ minimum.`,
  };
}

/** SE of E (kJ/mol) from the spread of uᵢ = ln Jᵢ at E and their sensitivities ∂uᵢ/∂E (central differences). */
function linearisedStandardError(lnJ: (E_kJ: number) => number[], E: number): number {
  const u = lnJ(E);
  const n = u.length;
  if (n < 3) return NaN;
  const h = 1e-4 * E;
  const up = lnJ(E + h);
  const dn = lnJ(E - h);
  const v = up.map((x, i) => (x - dn[i]) / (2 * h));
  const ub = u.reduce((a, b) => a + b, 0) / n;
  const vb = v.reduce((a, b) => a + b, 0) / n;
  let ssr = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    ssr += (u[i] - ub) ** 2;
    svv += (v[i] - vb) ** 2;
  }
  return Math.sqrt(ssr / (n - 2) / svv);
}
