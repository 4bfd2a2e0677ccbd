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
  /** Width Δα of the integration segment [α − Δα/2, α + Δα/2] (default 0.02). */
  deltaAlpha?: number;
}

/**
 * ln ∫_{t1}^{t2} exp(−E/RT(t)) dt over a recorded temperature program given as samples (tₖ, Tₖ) (ICTAC 2011: the
 * actual T(t), not the nominal β). Between two samples −E/RT is taken linear in t, so each piece integrates
 * exactly to Δt·e^{u₁}·(e^{u₂−u₁} − 1)/(u₂ − u₁); summed in log space so that it never underflows. The error is
 * second order in the curvature of 1/T(t) over one sample (≪ 10⁻⁶ for thermal-analysis sampling).
 */
export function lnTimeIntegral(E_J_mol: number, t_s: ArrayLike<number>, T_K: ArrayLike<number>): number {
  const n = t_s.length;
  const c = E_J_mol / R_J_PER_MOL_K;
  let um = -Infinity;
  for (let k = 0; k < n; k++) um = Math.max(um, -c / T_K[k]);
  let sum = 0;
  for (let k = 1; k < n; k++) {
    const dt = t_s[k] - t_s[k - 1];
    const u1 = -c / T_K[k - 1];
    const d = -c / T_K[k] - u1;
    const f = Math.abs(d) < 1e-9 ? 1 + d / 2 : Math.expm1(d) / d;
    sum += dt * Math.exp(u1 - um) * f;
  }
  return um + Math.log(sum);
}

/**
 * Vyazovkin's advanced nonlinear isoconversional method (Vyazovkin 2001, J. Comput. Chem. 22, 178) with the exact
 * temperature integral: at each α, Ea minimises
 *   Φ(E) = Σᵢ Σ_{j≠i} J(E, i) / J(E, j),
 * whose minimum is n(n−1) for error-free data. On the time route (every curve has its measured T(t)),
 * J = ∫ exp(−E/RT(t)) dt over the recorded temperature between t(α − Δα/2) and t(α + Δα/2) (ICTAC 2011;
 * `lnTimeIntegral`), so self-heating and deviations from the nominal program are taken into account; otherwise
 * J = (1/β)·∫ exp(−E/RT) dT between the same conversions with the exact temperature integral.
 *
 * Label: the value is that of the segment [α − Δα/2, α + Δα/2] and is reported at its centre α (the usual
 * [α − Δα, α] segment would belong to α − Δα/2 and be ≈ 1 kJ/mol off where Ea varies). Near α = 0 and 1 the segment
 * shrinks to stay inside (α/2, (1 + α)/2). Integrating over a short segment (not from 0) keeps Ea(α) unbiased when
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
  const timeRoute = curves.every((c) => c.route === 'time' && c.time_s && c.time_s.length === c.T_K.length);
  const rows: IsoRow[] = alphas.map((alpha) => {
    const lower = Math.max(alpha - dA / 2, alpha / 2);
    const upper = Math.min(alpha + dA / 2, (1 + alpha) / 2);
    const at = curves.map((c) => pointAtConversion(c, alpha));
    const hi = curves.map((c) => pointAtConversion(c, upper));
    const lo = curves.map((c) => pointAtConversion(c, lower));
    // time route: the samples of each recorded T(t) between the two conversions
    const programs = timeRoute
      ? curves.map((c, i) => {
          const t = [lo[i].time_s!];
          const T = [lo[i].T_K];
          for (let k = lo[i].index; k < hi[i].index; k++) {
            if (c.time_s![k] > t[t.length - 1] && c.time_s![k] < hi[i].time_s!) {
              t.push(c.time_s![k]);
              T.push(c.T_K[k]);
            }
          }
          t.push(hi[i].time_s!);
          T.push(hi[i].T_K);
          return { t, T };
        })
      : undefined;
    const lnJ = (E_kJ: number) =>
      programs
        ? programs.map((p) => lnTimeIntegral(E_kJ * 1000, p.t, p.T))
        : curves.map(
            (c, i) =>
              lnTemperatureIntegralSegment(E_kJ * 1000, lo[i].T_K, hi[i].T_K) - Math.log(c.beta_K_min),
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
        T_K: at.map((p) => p.T_K),
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
      T_K: at.map((p) => p.T_K),
    };
  });
  return {
    method: 'vyazovkin',
    rows,
    rates_K_min: curves.map((c) => c.beta_K_min),
    warnings,
    note:
      `Vyazovkin (advanced, Δα = ${dA} centred on each α, ` +
      `${timeRoute ? 'J over the measured T(t)' : 'exact temperature integral at the nominal β'}); ` +
      '95 % limits by linearisation at the Φ minimum.',
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
