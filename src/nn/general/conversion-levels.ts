/**
 * The per-run conversion axis of the general model: for each run the temperature T(α_k) at which it reaches the
 * conversion levels α_k = 0.05, 0.10, …, 0.95, and dα/dT there. This puts runs at any heating rates on one common
 * axis, where the isoconversional principle (Friedman 1964; Vyazovkin et al., ICTAC 2011) makes the rate
 * information explicit: at fixed α, ln(β·dα/dT) and ln(β/T²) are linear in 1/T with slope −Ea/R.
 *
 * α is measured and noisy: it is made monotone by averaging its running maximum from the left and its running
 * minimum from the right (both monotone, so their mean is too), and T(α_k) is the linearly interpolated first
 * crossing of α_k. dα/dT at T(α_k) is the mean of the measured dα/dT over ±2.5 K around it (noise averaging at
 * fine sampling; a single point at coarse sampling).
 */
import type { GeneralRun } from '../../synth/general-curves.ts';

/** The conversion levels α_k (19 levels, 0.05 apart). */
export const CONVERSION_LEVELS: readonly number[] = Object.freeze(
  Array.from({ length: 19 }, (_, k) => Math.round((0.05 + 0.05 * k) * 100) / 100),
);

export interface RunLevels {
  beta_K_min: number;
  /** T(α_k), K; NaN where the run never reaches α_k. */
  T_K: Float64Array;
  /** dα/dT at T(α_k), K⁻¹ (NaN where T is). */
  dadT_per_K: Float64Array;
}

/** T(α_k) and dα/dT(α_k) of one run. */
export function runLevels(run: GeneralRun, levels: readonly number[] = CONVERSION_LEVELS): RunLevels {
  const P = run.T_K.length;
  const up = new Float64Array(P);
  const down = new Float64Array(P);
  let m = -Infinity;
  for (let i = 0; i < P; i++) up[i] = m = Math.max(m, run.alpha[i]);
  m = Infinity;
  for (let i = P - 1; i >= 0; i--) down[i] = m = Math.min(m, run.alpha[i]);
  const a = new Float64Array(P);
  for (let i = 0; i < P; i++) a[i] = 0.5 * (up[i] + down[i]);
  const T_out = new Float64Array(levels.length).fill(NaN);
  const d_out = new Float64Array(levels.length).fill(NaN);
  let j = 0;
  for (let k = 0; k < levels.length; k++) {
    const target = levels[k];
    while (j < P - 1 && a[j + 1] < target) j++;
    if (j >= P - 1 || a[j + 1] < target) break;
    const a0 = a[j];
    const a1 = a[j + 1];
    const t = a1 > a0 ? Math.min(1, Math.max(0, (target - a0) / (a1 - a0))) : 0;
    const T = run.T_K[j] + t * (run.T_K[j + 1] - run.T_K[j]);
    if (a0 > target && j === 0) continue; // already past α_k at the window start
    T_out[k] = T;
    d_out[k] = localMean(run.T_K, run.dadT_per_K, T, 2.5, j);
  }
  return { beta_K_min: run.beta_K_min, T_K: T_out, dadT_per_K: d_out };
}

/** Mean of `y` over points with |T − T0| ≤ half (the nearest two when none is that close); `near` = an index near T0. */
function localMean(T: Float64Array, y: Float64Array, T0: number, half: number, near: number): number {
  let lo = near;
  while (lo > 0 && T[lo - 1] >= T0 - half) lo--;
  let hi = near;
  while (hi < T.length - 1 && T[hi + 1] <= T0 + half) hi++;
  let s = 0;
  let c = 0;
  for (let i = lo; i <= hi; i++) {
    if (Math.abs(T[i] - T0) <= half) {
      s += y[i];
      c++;
    }
  }
  if (c > 0) return s / c;
  const i = Math.min(near, T.length - 2);
  const t = T[i + 1] > T[i] ? (T0 - T[i]) / (T[i + 1] - T[i]) : 0;
  return y[i] + t * (y[i + 1] - y[i]);
}
