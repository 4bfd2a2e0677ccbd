/**
 * Trust checks on the ΔH of a DSC stage (issue 16: "a DSC run with the exotherm recorded negative analysed to ΔH
 * 1564 J/g (truth 500)"). The sign check (dsc-sign.ts) refuses an exotherm recorded negative; these checks judge the
 * number that comes out of an accepted run:
 * - magnitude: ΔH = ∫(q − B)dT/β (J/g) above 5000 J/g is beyond any cathode decomposition (charged NCM/NCA with
 *   electrolyte release ≈ 0.5–3 kJ/g; TNT detonates with ≈ 4.2 kJ/g), and below 0.5 J/g a peak is at the noise level
 *   of a DSC — both point to a unit or sample-mass error (mW/g read as W/g, mW not divided by the mass);
 * - baseline dependence: the same peak integrated under the other baseline (linear ↔ sigmoidal) differing by more than
 *   20 % means the heat is set by the baseline choice, not by the data (a baseline step or drift as large as the peak).
 * The run-to-run consistency of ΔH is `stages.amount-differs` (analysis/analyze.ts).
 */
import { warning, type ResultWarning } from '../core/warnings.ts';

/** Largest plausible |ΔH| of one stage, J/g. */
export const MAX_PLAUSIBLE_DH_J_G = 5000;
/** Smallest |ΔH| a DSC resolves as a peak, J/g. */
export const MIN_PLAUSIBLE_DH_J_G = 0.5;
/** Largest relative difference between the ΔH under the two baselines. */
export const BASELINE_DH_TOLERANCE = 0.2;

/** The peak-table fields the checks read (analysis/analyze.ts PeakRow). */
export interface EnthalpyPeak {
  file: string;
  enthalpy_J_g?: number;
  enthalpyOtherBaseline_J_g?: number;
}

const base = (f: string) => f.replace(/.*[\\/]/, '');

/** The ΔH checks over the peaks of one stage (one warning per code, naming the runs). */
export function enthalpyChecks(peaks: readonly EnthalpyPeak[], stage?: number): ResultWarning[] {
  const high: string[] = [];
  const low: string[] = [];
  const dependent: string[] = [];
  for (const p of peaks) {
    const h = p.enthalpy_J_g;
    if (h === undefined || !Number.isFinite(h)) continue;
    const name = base(p.file);
    if (Math.abs(h) > MAX_PLAUSIBLE_DH_J_G) high.push(`${name} (${h.toPrecision(3)} J/g)`);
    else if (Math.abs(h) < MIN_PLAUSIBLE_DH_J_G) low.push(`${name} (${h.toPrecision(3)} J/g)`);
    const o = p.enthalpyOtherBaseline_J_g;
    if (o !== undefined && Number.isFinite(o)) {
      const rel = Math.abs(o - h) / Math.max(Math.abs(o), Math.abs(h));
      if (rel > BASELINE_DH_TOLERANCE)
        dependent.push(`${name} (${h.toPrecision(3)} against ${o.toPrecision(3)} J/g)`);
    }
  }
  const out: ResultWarning[] = [];
  if (high.length)
    out.push(
      warning(
        'dsc.enthalpy_implausible',
        'unreliable',
        `ΔH above ${MAX_PLAUSIBLE_DH_J_G} J/g in ${high.join(', ')}: beyond any cathode decomposition — is the heat flow in mW/g (or mW not divided by the sample mass) under a W/g header? Check the unit and --sample-mass`,
        { stage },
      ),
    );
  if (low.length)
    out.push(
      warning(
        'dsc.enthalpy_implausible',
        'caution',
        `ΔH below ${MIN_PLAUSIBLE_DH_J_G} J/g in ${low.join(', ')}: at the noise level of a DSC — is the heat flow in W/g read as mW/g, or divided twice by the sample mass? Check the unit and --sample-mass`,
        { stage },
      ),
    );
  if (dependent.length)
    out.push(
      warning(
        'dsc.enthalpy_baseline_dependent',
        'caution',
        `ΔH depends on the baseline choice by more than ${BASELINE_DH_TOLERANCE * 100} % in ${dependent.join(', ')} (this baseline against the other): a baseline step or drift as large as the peak sets the number; α(T) and Ea(α) inherit it`,
        { stage },
      ),
    );
  return out;
}
