import type { ReactionModel } from '../../kinetics/models/reaction-model.ts';
import {
  jma,
  nthOrder,
  contractingGeometry,
  diffusion1D,
  diffusion3DJander,
} from '../../kinetics/models/index.ts';
import { diffusion2DValensi, diffusion3DGinstling } from '../../kinetics/models/diffusion.ts';
import { solveSpd } from '../fit/linear-solve.ts';
import { masterPlotMaximum } from './master-plots.ts';

/**
 * Reaction-model identification by master plots (Málek 1992; Criado et al. 1989; Gotor et al. 2000): the
 * experimental y(α)/y(0.5) and z(α)/z(0.5) against f(α)/f(0.5) and f(α)g(α)/(f(0.5)g(0.5)) of the library.
 *
 * Distance (documented in docs/fitting.md): the root mean square of the differences over the comparison range
 * (default α 0.1–0.9, where the derivative of real data is trustworthy), for y and for z, and the score
 * √((d_y² + d_z²)/2). Ranked by the score, smallest first. The Šesták–Berggren model α^m(1−α)^n is fitted to y(α)
 * by linear least squares on ln y = c + m·ln α + n·ln(1−α) (Málek's two-parameter SB) and reported beside the
 * ranking (see `rankModels`).
 */

/** The models compared: F1, F2, F3, A1.5, A2, A3, A4, R2, R3, D1–D4. */
export function masterPlotModels(): { name: string; model: ReactionModel }[] {
  return [
    { name: 'F1', model: nthOrder(1) },
    { name: 'F2', model: nthOrder(2) },
    { name: 'F3', model: nthOrder(3) },
    { name: 'A1.5', model: jma(1.5) },
    { name: 'A2', model: jma(2) },
    { name: 'A3', model: jma(3) },
    { name: 'A4', model: jma(4) },
    { name: 'R2', model: contractingGeometry(2) },
    { name: 'R3', model: contractingGeometry(3) },
    { name: 'D1', model: diffusion1D() },
    { name: 'D2', model: diffusion2DValensi() },
    { name: 'D3', model: diffusion3DJander() },
    { name: 'D4', model: diffusion3DGinstling() },
  ];
}

export interface ModelMatch {
  name: string;
  /** RMS of y_exp − y_model over the comparison range. */
  d_y: number;
  /** RMS of z_exp − z_model over the comparison range. */
  d_z: number;
  /** √((d_y² + d_z²)/2). */
  score: number;
  /** The model's y(α)/y(0.5) and z(α)/z(0.5) on the α grid. */
  y: number[];
  z: number[];
  /** Fitted SB exponents (SB only). */
  params?: { m: number; n: number };
}

function rms(a: readonly number[], b: readonly number[], keep: readonly boolean[]): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!keep[i]) continue;
    s += (a[i] - b[i]) ** 2;
    k++;
  }
  return Math.sqrt(s / Math.max(k, 1));
}

/**
 * Šesták–Berggren α^m(1−α)^n fitted to y(α) (normalised): ordinary least squares of ln y on (ln α, ln(1−α)).
 * Returns undefined when the normal equations are singular.
 */
export function fitSestakBerggren(
  alphas: readonly number[],
  y: readonly number[],
  keep: readonly boolean[],
): { m: number; n: number } | undefined {
  const A = new Float64Array(9);
  const b = new Float64Array(3);
  for (let i = 0; i < alphas.length; i++) {
    if (!keep[i] || !(y[i] > 0)) continue;
    const row = [1, Math.log(alphas[i]), Math.log1p(-alphas[i])];
    const t = Math.log(y[i]);
    for (let r = 0; r < 3; r++) {
      b[r] += row[r] * t;
      for (let c = 0; c < 3; c++) A[3 * r + c] += row[r] * row[c];
    }
  }
  const s = solveSpd(A, b, 3);
  return s ? { m: s[1], n: s[2] } : undefined;
}

/** Normalised y and z of a model on the grid: f(α)/f(0.5) and f(α)g(α)/(f(0.5)g(0.5)). */
export function modelMasterPlots(
  model: ReactionModel,
  alphas: readonly number[],
): { y: number[]; z: number[] } {
  const g = model.g;
  if (!g) throw new RangeError(`${model.name}: the z(α) master plot needs g(α)`);
  const f0 = model.f(0.5);
  const z0 = f0 * g(0.5);
  return { y: alphas.map((a) => model.f(a) / f0), z: alphas.map((a) => (model.f(a) * g(a)) / z0) };
}

/**
 * Rank the library against the experimental master plots (smallest score first), and fit SB beside it. SB is not
 * ranked with the fixed models: with two free exponents it fits at least as well as any of them (it contains F_n,
 * and approximates A_n and R_n), so it would always win; it is reported with its exponents and score instead.
 */
export function rankModels(
  alphas: readonly number[],
  y: readonly number[],
  z: readonly number[],
  range: [number, number] = [0.1, 0.9],
): { ranking: ModelMatch[]; sb?: ModelMatch } {
  const keep = alphas.map((a) => a >= range[0] - 1e-9 && a <= range[1] + 1e-9);
  const ranking: ModelMatch[] = masterPlotModels().map(({ name, model }) => {
    const m = modelMasterPlots(model, alphas);
    const d_y = rms(y, m.y, keep);
    const d_z = rms(z, m.z, keep);
    return { name, d_y, d_z, score: Math.sqrt((d_y * d_y + d_z * d_z) / 2), y: m.y, z: m.z };
  });
  ranking.sort((a, b) => a.score - b.score);
  const p = fitSestakBerggren(alphas, y, keep);
  if (!p) return { ranking };
  // SB's g(α) has no closed form: g = ∫₀^α dα'/f numerically (sbIntegral).
  const f = (a: number): number => a ** p.m * (1 - a) ** p.n;
  const g = sbIntegral(f, alphas);
  const g05 = sbIntegral(f, [0.5])[0];
  if (!(Number.isFinite(g05) && g05 > 0)) return { ranking };
  const ym = alphas.map((a) => f(a) / f(0.5));
  const zm = alphas.map((a, i) => (f(a) * g[i]) / (f(0.5) * g05));
  const d_y = rms(y, ym, keep);
  const d_z = rms(z, zm, keep);
  return {
    ranking,
    sb: { name: 'SB', d_y, d_z, score: Math.sqrt((d_y * d_y + d_z * d_z) / 2), y: ym, z: zm, params: p },
  };
}

/**
 * g(α) = ∫₀^α dα'/f(α') at each α (increasing), by the midpoint rule on 20,000 steps per unit α (the midpoint rule
 * never evaluates the integrable singularity of 1/f at α = 0 when m > 0). NaN when the integral diverges (m ≥ 1).
 */
function sbIntegral(f: (a: number) => number, alphas: readonly number[]): number[] {
  const steps = 20_000;
  const h = 1 / steps;
  const out: number[] = [];
  let acc = 0;
  let at = 0;
  for (const a of alphas) {
    while (at + h <= a) {
      acc += h / f(at + h / 2);
      at += h;
    }
    const rest = a - at;
    out.push(acc + (rest > 0 ? rest / f(at + rest / 2) : 0));
  }
  return out.map((v) => (Number.isFinite(v) ? v : NaN));
}

/** Characteristic maxima (Málek 1992): α_M of y(α) and α_p^∞ of z(α). */
export function characteristicMaxima(
  alphas: readonly number[],
  y: readonly number[],
  z: readonly number[],
): { alpha_y_max: number; alpha_z_max: number } {
  return { alpha_y_max: masterPlotMaximum(alphas, y), alpha_z_max: masterPlotMaximum(alphas, z) };
}

/**
 * Málek's diagnosis from the maxima (Thermochim. Acta 200 (1992) 257, Fig. 7): α_p^∞ ≈ 0.632 with α_M = 0 → F1
 * (JMA n ≤ 1); α_p^∞ ≈ 0.632 with 0 < α_M < α_p^∞ → JMA with n > 1; α_p^∞ ≠ 0.632 with 0 < α_M < α_p^∞ → SB
 * (autocatalytic); α_M = 0 with α_p^∞ < 0.632 → reaction order n > 1 (F2 0.5, F3 0.42); α_M = 0 with α_p^∞ > 0.632
 * → contracting geometry or diffusion (R2 0.75, R3 and D3 0.704: their z(α) are the same curve, only y(α) separates
 * them). `tolerance` (default 0.02) is the ± band around 0.632.
 */
export function malekDiagnosis(alpha_y_max: number, alpha_z_max: number, tolerance = 0.02): string {
  const jmaLike = Math.abs(alpha_z_max - 0.632) <= tolerance;
  const yAtStart = alpha_y_max <= 0.02;
  if (jmaLike && yAtStart) return 'F1 (JMA with n ≤ 1): α_z∞ ≈ 0.632 and y(α) decreasing from the start';
  if (jmaLike && alpha_y_max < alpha_z_max) return 'JMA with n > 1: α_z∞ ≈ 0.632 and 0 < α_y < α_z∞';
  if (!yAtStart && alpha_y_max < alpha_z_max)
    return 'Šesták–Berggren (autocatalytic): 0 < α_y < α_z∞ and α_z∞ ≠ 0.632';
  if (yAtStart && alpha_z_max < 0.632) return 'reaction order n > 1 (F2, F3): y(α) decreasing, α_z∞ < 0.632';
  if (yAtStart && alpha_z_max > 0.632)
    return 'contracting geometry or diffusion (R2, R3, D1–D4; y(α) tells them apart): y(α) decreasing, α_z∞ > 0.632';
  return 'no rule of Málek (1992) fits: α_y ≥ α_z∞ (check Ea and whether the process is single-step)';
}
