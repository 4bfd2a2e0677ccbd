/**
 * Split-conformal prediction intervals (Vovk et al. 2005; Lei et al. 2018, "Distribution-free predictive inference
 * for regression"): on a calibration set not used in training, the half-width q is the ⌈(m+1)·level⌉-th smallest
 * absolute residual of m; then [ŷ − q, ŷ + q] covers a new exchangeable sample with probability ≥ level.
 * Per output (Ea, lgA, n); constant width, so coverage per slice varies around the overall level (docs/cnn.md).
 */
import { GENERAL_OUTPUTS } from './dataset.ts';
import type { ConformalHalfWidths } from './model.ts';

/** The conformal quantile of |residuals| (finite-sample corrected); Infinity when m is too small for the level. */
export function conformalQuantile(absResiduals: number[], level: number): number {
  const m = absResiduals.length;
  const k = Math.ceil((m + 1) * level);
  if (k > m) return Infinity;
  const s = [...absResiduals].sort((a, b) => a - b);
  return s[k - 1];
}

/** Half-widths for Ea, lgA and n from predictions [m × 4] and targets [m × 4]. */
export function conformalHalfWidths(
  pred: ArrayLike<number>,
  y: ArrayLike<number>,
  level: number,
): ConformalHalfWidths {
  const m = y.length / GENERAL_OUTPUTS;
  const col = (j: number) =>
    Array.from({ length: m }, (_, i) => Math.abs(pred[i * GENERAL_OUTPUTS + j] - y[i * GENERAL_OUTPUTS + j]));
  return {
    level,
    calibrationCount: m,
    Ea_kJ_mol: conformalQuantile(col(0), level),
    lgA_s: conformalQuantile(col(1), level),
    n: conformalQuantile(col(2), level),
  };
}

/**
 * Input-dependent (Mondrian) split-conformal intervals (Vovk et al. 2005 §4.5; Boström et al. 2021): the calibration
 * samples are split into bins by what is known at prediction time — the input's noise level (input-noise.ts; bin
 * edges at its calibration quintiles), the predicted family and n (JMA n < 1, 1–2, 2–3, ≥ 3; nth order one bin)
 * and the predicted Ea (MONDRIAN_EA_EDGES) — and each bin gets its own conformal half-widths, so a noisy input or a
 * high-n answer gets a wider interval and the coverage holds per bin, not only on average. A bin with fewer than
 * MONDRIAN_MIN_COUNT samples falls back to noise × family/n, then to its noise bin, then to all samples. Kept in models/general/conformal-mondrian.json (the network is unchanged).
 */
export const MONDRIAN_FORMAT = 'cathode-kinetics-general-conformal-mondrian';
/** The file in a general model directory (written by scripts/cnn-general-calibrate.ts). */
export const MONDRIAN_FILE = 'conformal-mondrian.json';
export const MONDRIAN_MIN_COUNT = 50;
/** Predicted-n bin edges of the JMA family. */
export const MONDRIAN_N_EDGES = [1, 2, 3];
/** Predicted-Ea bin edges, kJ/mol. */
export const MONDRIAN_EA_EDGES = [120, 200, 280];

export interface MondrianBin {
  count: number;
  Ea_kJ_mol: number;
  lgA_s: number;
  n: number;
}

export interface MondrianConformal {
  format: typeof MONDRIAN_FORMAT;
  formatVersion: 1;
  level: number;
  /** The calibration samples: fresh draws of the general prior (seed, count of valid samples), not the evaluation's. */
  calibration: { seed: number; count: number };
  /** Bin edges of the input-noise level (ascending). */
  noiseEdges: number[];
  nEdges: number[];
  /** Predicted-Ea bin edges, kJ/mol (the innermost split). */
  eaEdges?: number[];
  /** Half-widths per bin key (`noiseBin|jma|nBin|E{eaBin}`, `noiseBin|nth|E{eaBin}`, the same without Ea, `noiseBin`, `all`). */
  bins: Record<string, MondrianBin>;
}

function binIndex(v: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && v >= edges[k]) k++;
  return k;
}

/** The keys of one prediction, most specific first. */
function mondrianKeys(
  noise: number,
  family: 'jma' | 'nth-order',
  n: number,
  Ea_kJ_mol: number,
  edges: Pick<MondrianConformal, 'noiseEdges' | 'nEdges' | 'eaEdges'>,
): string[] {
  // A non-finite noise level (a run without a positive peak) counts as the noisiest bin.
  const b = Number.isFinite(noise) ? binIndex(noise, edges.noiseEdges) : edges.noiseEdges.length;
  const cell = family === 'jma' ? `${b}|jma|${binIndex(n, edges.nEdges)}` : `${b}|nth`;
  const withEa = edges.eaEdges ? [`${cell}|E${binIndex(Ea_kJ_mol, edges.eaEdges)}`] : [];
  return [...withEa, cell, `${b}`, 'all'];
}

/**
 * Calibrate Mondrian half-widths from predictions [m × 4] and targets [m × 4] of valid calibration samples with
 * their input-noise levels. Family from the prediction (score > 0.5 = nth order), as at prediction time.
 */
export function calibrateMondrian(
  pred: ArrayLike<number>,
  y: ArrayLike<number>,
  noise: ArrayLike<number>,
  level: number,
  seed: number,
): MondrianConformal {
  const m = y.length / GENERAL_OUTPUTS;
  const finite = Array.from(noise)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const noiseEdges = [0.2, 0.4, 0.6, 0.8].map((p) => finite[Math.floor(p * (finite.length - 1))]);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < m; i++) {
    const o = i * GENERAL_OUTPUTS;
    const family = pred[o + 3] > 0.5 ? 'nth-order' : 'jma';
    const edges = { noiseEdges, nEdges: MONDRIAN_N_EDGES, eaEdges: MONDRIAN_EA_EDGES };
    for (const k of mondrianKeys(noise[i], family, pred[o + 2], pred[o], edges)) {
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    }
  }
  const bins: Record<string, MondrianBin> = {};
  for (const [k, rows] of groups) {
    if (rows.length < MONDRIAN_MIN_COUNT) continue;
    const col = (j: number) =>
      rows.map((i) => Math.abs(pred[i * GENERAL_OUTPUTS + j] - y[i * GENERAL_OUTPUTS + j]));
    bins[k] = {
      count: rows.length,
      Ea_kJ_mol: conformalQuantile(col(0), level),
      lgA_s: conformalQuantile(col(1), level),
      n: conformalQuantile(col(2), level),
    };
  }
  return {
    format: MONDRIAN_FORMAT,
    formatVersion: 1,
    level,
    calibration: { seed, count: m },
    noiseEdges,
    nEdges: MONDRIAN_N_EDGES,
    eaEdges: MONDRIAN_EA_EDGES,
    bins,
  };
}

/** The half-widths for one prediction: its most specific bin with enough calibration samples, and that bin's key. */
export function mondrianHalfWidths(
  c: MondrianConformal,
  noise: number,
  family: 'jma' | 'nth-order',
  n: number,
  Ea_kJ_mol: number,
): MondrianBin & { bin: string } {
  for (const k of mondrianKeys(noise, family, n, Ea_kJ_mol, c)) {
    const b = c.bins[k];
    if (b) return { ...b, bin: k };
  }
  throw new RangeError('Mondrian conformal file without an `all` bin');
}
