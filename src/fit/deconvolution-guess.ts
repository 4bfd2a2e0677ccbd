import type { PeakKinetics } from '../analysis/deconvolution/peak-kinetics.ts';

/**
 * Initial guesses for a multi-step scheme fit from a kinetic deconvolution (Svoboda, J. Non-Cryst. Solids 533 (2020)
 * 119903: deconvolved peaks are a first guess, the kinetic multi-step fit is the answer; Perejón et al. 2011). Each
 * deconvolved peak becomes one independent (parallel) step: Ea and lgA from the Kissinger line of its maxima (exact
 * for a first-order step, a good start for others), Ea also from the mean Friedman Ea over α 0.2–0.8 of its
 * conversion, the step's share of the signal from the mean area fraction, and the peak temperature per run (the
 * seed positions the scheme fitter starts from). Steps are ordered by temperature, so for a consecutive scheme step
 * k of the guess is step k of the chain.
 *
 * Not wired into the scheme fitter here (src/fit/multistep-fit.ts belongs to that work); call it and map the steps
 * onto the scheme's parameters.
 */
export interface DeconvolutionStepGuess {
  /** Step number, 1-based, in order of rising peak temperature. */
  step: number;
  /** Kissinger Ea, kJ/mol (NaN when there are fewer than two rates). */
  Ea_kJ_mol: number;
  /** Kissinger log10(A/s⁻¹) (first-order reading). */
  lgA_s: number;
  /** Mean Friedman Ea over α 0.2–0.8 of the peak's conversion, kJ/mol (NaN when not available). */
  Ea_friedman_kJ_mol: number;
  /** Mean share of the peak in the signal (mass-loss fraction for TGA, ΔH share for DSC). */
  fraction: number;
  /** Peak maximum per run, K, in the order of the runs. */
  T_peak_K: number[];
}

/** One peak as the guess needs it: its kinetics and, per run, its maximum and area fraction. */
export interface DeconvolutionPeakInput {
  kinetics: PeakKinetics;
  T_peak_K: readonly number[];
  areaFraction: readonly number[];
}

export function initialGuessFromDeconvolution(
  peaks: readonly DeconvolutionPeakInput[],
): DeconvolutionStepGuess[] {
  return peaks.map((p, k) => {
    const rows = (p.kinetics.friedman?.rows ?? []).filter(
      (r) => r.alpha >= 0.2 - 1e-9 && r.alpha <= 0.8 + 1e-9 && Number.isFinite(r.Ea_kJ_mol),
    );
    const fr = rows.length ? rows.reduce((s, r) => s + r.Ea_kJ_mol, 0) / rows.length : NaN;
    const fractions = p.areaFraction.filter(Number.isFinite);
    return {
      step: k + 1,
      Ea_kJ_mol: p.kinetics.kissinger?.Ea_kJ_mol ?? NaN,
      lgA_s: p.kinetics.kissinger?.lgA_s ?? NaN,
      Ea_friedman_kJ_mol: fr,
      fraction: fractions.length ? fractions.reduce((a, b) => a + b, 0) / fractions.length : NaN,
      T_peak_K: [...p.T_peak_K],
    };
  });
}
