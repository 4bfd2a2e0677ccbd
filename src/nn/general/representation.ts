/**
 * Network inputs of the general model, built from the per-run conversion axis (conversion-levels.ts). Two
 * representations were compared on the same held-out set (docs/cnn.md, "General model"):
 *
 * - `iso` (shipped): per conversion level α_k the isoconversional regressions across the runs, so that any number
 *   of runs at any rates gives the same 7 channels × 19 levels:
 *   Friedman ln(dα/dt) = ln[A·f(α)] − Ea/RT → Ea_F/100 and lg[A·f(α)]/10 (intercept at the runs' mean 1/T);
 *   KAS ln(β/T²) = ln[A·R/(Ea·g(α))] − Ea/RT → Ea_KAS/100 and lg[A/g(α)]/10; the mean 1000/T(α_k);
 *   the RMS residual of the Friedman line; 1 where every run reaches α_k (else the level's features are 0).
 *   Aux: ln β of the slowest and fastest run, the number of runs.
 * - `runs`: the runs themselves on the conversion axis, 5 slots (sorted by β, empty slots 0) × [1000/T(α_k),
 *   ln(dα/dt)(α_k)] = 10 channels × 19 levels; aux: ln β and a present-flag per slot (10 values).
 * - `iso+runs`: both stacked (17 channels, 13 aux).
 *
 * Units: T in K, β converted to K/s (dα/dt = β·dα/dT in s⁻¹), Ea in kJ/mol, lg = log10 of s⁻¹ quantities.
 */
import { R_J_PER_MOL_K, kPerMinToKPerS } from '../../kinetics/constants.ts';
import type { GeneralRun } from '../../synth/general-curves.ts';
import { CONVERSION_LEVELS, runLevels, type RunLevels } from './conversion-levels.ts';

export type RepresentationName = 'iso' | 'runs' | 'iso+runs';

export interface RepresentationShape {
  channels: number;
  length: number;
  aux: number;
}

export const MAX_RUNS = 5;
const L = CONVERSION_LEVELS.length;

export const REPRESENTATIONS: Record<RepresentationName, RepresentationShape> = {
  iso: { channels: 7, length: L, aux: 3 },
  runs: { channels: 2 * MAX_RUNS, length: L, aux: 2 * MAX_RUNS },
  'iso+runs': { channels: 7 + 2 * MAX_RUNS, length: L, aux: 3 + 2 * MAX_RUNS },
};

/** Smallest dα/dT used in a logarithm (noise can make the measured value ≤ 0 far from the peak). */
const MIN_DADT = 1e-7;

/**
 * Write the representation of one experiment into x (channels × length, at `xOff`) and aux (at `aOff`).
 * Runs are taken in heating-rate order.
 */
export function represent(
  name: RepresentationName,
  runs: readonly GeneralRun[],
  x: Float32Array,
  xOff: number,
  aux: Float32Array,
  aOff: number,
): void {
  const levels = [...runs].sort((a, b) => a.beta_K_min - b.beta_K_min).map((r) => runLevels(r));
  if (name === 'iso') isoFeatures(levels, x, xOff, aux, aOff);
  else if (name === 'runs') runFeatures(levels, x, xOff, aux, aOff);
  else {
    isoFeatures(levels, x, xOff, aux, aOff);
    runFeatures(levels, x, xOff + 7 * L, aux, aOff + 3);
  }
}

/** Least-squares line y = a + s·x; returns slope, the means and the RMS residual. */
function line(xs: number[], ys: number[]): { s: number; xm: number; ym: number; rms: number } {
  const n = xs.length;
  let xm = 0;
  let ym = 0;
  for (let i = 0; i < n; i++) {
    xm += xs[i] / n;
    ym += ys[i] / n;
  }
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - xm) ** 2;
    sxy += (xs[i] - xm) * (ys[i] - ym);
  }
  const s = sxx > 0 ? sxy / sxx : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (ys[i] - ym - s * (xs[i] - xm)) ** 2;
  return { s, xm, ym, rms: Math.sqrt(ss / n) };
}

function isoFeatures(
  runs: RunLevels[],
  x: Float32Array,
  xOff: number,
  aux: Float32Array,
  aOff: number,
): void {
  for (let k = 0; k < L; k++) {
    const xs: number[] = [];
    const yF: number[] = [];
    const yK: number[] = [];
    let ok = true;
    for (const r of runs) {
      const T = r.T_K[k];
      if (!Number.isFinite(T)) {
        ok = false;
        break;
      }
      const b = kPerMinToKPerS(r.beta_K_min);
      xs.push(1000 / T);
      yF.push(Math.log(b * Math.max(MIN_DADT, r.dadT_per_K[k])));
      yK.push(Math.log(b / (T * T)));
    }
    const at = (c: number) => xOff + c * L + k;
    if (!ok || xs.length < 2) {
      for (let c = 0; c < 7; c++) x[at(c)] = 0;
      continue;
    }
    // With x = 1000/T the slope is −Ea/(1000·R) for Ea in J/mol, i.e. Ea [kJ/mol] = −slope·R.
    const f = line(xs, yF);
    const kas = line(xs, yK);
    const EaF = -f.s * R_J_PER_MOL_K;
    const EaK = -kas.s * R_J_PER_MOL_K;
    const lnAf = f.ym - f.s * f.xm;
    const lnAg = kas.ym - kas.s * kas.xm + Math.log((Math.max(1, Math.abs(EaK)) * 1000) / R_J_PER_MOL_K);
    x[at(0)] = EaF / 100;
    x[at(1)] = lnAf / Math.LN10 / 10;
    x[at(2)] = EaK / 100;
    x[at(3)] = lnAg / Math.LN10 / 10;
    x[at(4)] = f.xm;
    x[at(5)] = f.rms;
    x[at(6)] = 1;
  }
  aux[aOff] = Math.log(runs[0].beta_K_min);
  aux[aOff + 1] = Math.log(runs[runs.length - 1].beta_K_min);
  aux[aOff + 2] = runs.length;
}

function runFeatures(
  runs: RunLevels[],
  x: Float32Array,
  xOff: number,
  aux: Float32Array,
  aOff: number,
): void {
  for (let s = 0; s < MAX_RUNS; s++) {
    const r = runs[s];
    for (let k = 0; k < L; k++) {
      const T = r ? r.T_K[k] : NaN;
      const ok = Number.isFinite(T);
      x[xOff + 2 * s * L + k] = ok ? 1000 / T : 0;
      x[xOff + (2 * s + 1) * L + k] = ok
        ? Math.log(kPerMinToKPerS(r.beta_K_min) * Math.max(MIN_DADT, r.dadT_per_K[k]))
        : 0;
    }
    aux[aOff + 2 * s] = r ? Math.log(r.beta_K_min) : 0;
    aux[aOff + 2 * s + 1] = r ? 1 : 0;
  }
}
