import { expintEn } from '../../kinetics/exponential-integral.ts';
import { R_J_PER_MOL_K } from '../../kinetics/constants.ts';

/**
 * Fast evaluation of the exact JMA conversion rate on a fixed temperature grid, for fitting.
 *
 * Same closed form as `jmaExactCurve` (src/kinetics/nonisothermal-exact.ts; science.md §1):
 *   y = (A/β)·[p(T) − p(T0)],  p(T) = T·E₂(Ea/RT),  dα/dT = (A/β)·e^(−Ea/RT)·n·y^(n−1)·exp(−yⁿ),
 * with two savings that do not change any value above
 * ~1e-11 relative to the peak:
 *  - 1/(RT) is precomputed per grid point;
 *  - y is monotonic in T, so binary searches find the "active" index range where 1e-12 ≤ yⁿ ≤ 50 (α between
 *    1e-12 and 1 − 2e-22); outside it dα/dT is set to 0 (there it is below ~1e-11 of the peak; in a squared-error
 *    objective that is ~1e-22 relative). Only the active
 *    points pay for an E₂ evaluation — for n = 3 a peak spans a few dozen of 200 points.
 */
export interface GridCurve {
  beta_K_min: number;
  T_K: Float64Array;
  /** 1/(R·T), mol/J. */
  invRT: Float64Array;
  /** Start of the ramp (α = 0 there), K. */
  T0_K: number;
}

export function makeGridCurve(beta_K_min: number, T_K: ArrayLike<number>, T0_K: number): GridCurve {
  const T = Float64Array.from(T_K);
  return { beta_K_min, T_K: T, invRT: T.map((t) => 1 / (R_J_PER_MOL_K * t)), T0_K };
}

const U_MIN = 1e-12;
const U_MAX = 50;

/**
 * e^x·E₂(x) by a fixed-depth continued fraction evaluated backwards (the same fraction as `expintEn`, Numerical
 * Recipes §6.3), depth chosen from x so the truncation error is below ~1e-14 relative (checked in
 * test/analysis/fit-jma-model.test.ts against `expintEn`); falls back to `expintEn` for x < 5. About 3× cheaper
 * than the adaptive Lentz loop, which matters because it runs once per active grid point per model evaluation.
 */
export function expint2Scaled(x: number): number {
  let K: number;
  if (x >= 40) K = 7;
  else if (x >= 20) K = 10;
  else if (x >= 12) K = 14;
  else if (x >= 8) K = 18;
  else if (x >= 5) K = 26;
  else return expintEn(2, x, true);
  let h = x + 2 + 2 * K;
  for (let k = K; k >= 1; k--) h = x + 2 * k - (k * (k + 1)) / h;
  return 1 / h;
}

/**
 * Write dα/dT (K⁻¹) of JMA(Ea [kJ/mol], lgA [log10 s⁻¹], n) at the curve's temperatures into `out`.
 * @returns the maximum value written (0 when the reaction lies entirely outside the grid).
 */
export function jmaRateInto(
  out: Float64Array,
  c: GridCurve,
  Ea_kJ_mol: number,
  lgA_s: number,
  n: number,
): number {
  const T = c.T_K;
  const len = T.length;
  out.fill(0);
  const Ea = Ea_kJ_mol * 1000;
  const AoB = Math.pow(10, lgA_s) / (c.beta_K_min / 60);
  const x0 = Ea / (R_J_PER_MOL_K * c.T0_K);
  const p0 = c.T0_K * expint2Scaled(x0) * Math.exp(-x0);
  /** y = (A/β)(p(T) − p(T0)) at grid index i (0 when T ≤ T0). */
  const yAt = (i: number): number => {
    const t = T[i];
    if (t <= c.T0_K) return 0;
    const x = Ea * c.invRT[i];
    return AoB * (t * expint2Scaled(x) * Math.exp(-x) - p0);
  };
  const yMin = Math.pow(U_MIN, 1 / n);
  const yMax = Math.pow(U_MAX, 1 / n);
  // First index with y ≥ yMin (y increases with T).
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (yAt(mid) >= yMin) hi = mid;
    else lo = mid + 1;
  }
  const start = lo;
  let max = 0;
  // At the ramp start (y = 0) the rate is (A/β)·e^(−Ea/RT0) for n = 1, 0 for n > 1, and unbounded for n < 1,
  // reported as 0 (the convention of jmaExactCurve).
  if (n === 1) {
    for (let i = 0; i < len && T[i] <= c.T0_K; i++) {
      if (T[i] === c.T0_K) {
        out[i] = AoB * Math.exp(-Ea * c.invRT[i]);
        max = Math.max(max, out[i]);
      }
    }
  }
  if (start >= len) return max;
  // First index with y > yMax.
  hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (yAt(mid) > yMax) hi = mid;
    else lo = mid + 1;
  }
  const end = lo;
  for (let i = start; i < end; i++) {
    const t = T[i];
    const x = Ea * c.invRT[i];
    const ex = Math.exp(-x);
    const y = AoB * (t * expint2Scaled(x) * ex - p0);
    // Integer exponents (n = 3 in the paper's KCE work and dataset) skip the generic pow.
    const u = n === 3 ? y * y * y : n === 2 ? y * y : n === 1 ? y : Math.pow(y, n);
    const v = (AoB * ex * n * u * Math.exp(-u)) / y;
    out[i] = v;
    if (v > max) max = v;
  }
  return max;
}

/**
 * n·ln y at grid index i (ln of yⁿ = −ln(1−α)), −∞ at or below T0. Used to steer the search when the model has
 * no signal on the grid: it says how far (in ln yⁿ) the reaction lies beyond either end.
 */
export function jmaLnUAt(c: GridCurve, i: number, Ea_kJ_mol: number, lgA_s: number, n: number): number {
  const t = c.T_K[i];
  if (t <= c.T0_K) return -Infinity;
  const Ea = Ea_kJ_mol * 1000;
  const x = Ea * c.invRT[i];
  const x0 = Ea / (R_J_PER_MOL_K * c.T0_K);
  const lnP = Math.log(t) + Math.log(expint2Scaled(x)) - x;
  const lnP0 = Math.log(c.T0_K) + Math.log(expint2Scaled(x0)) - x0;
  const lnAoB = lgA_s * Math.LN10 - Math.log(c.beta_K_min / 60);
  return n * (lnAoB + lnP + Math.log1p(-Math.exp(lnP0 - lnP)));
}
