import { warning, type ResultWarning } from '../core/warnings.ts';
import type { EaProfile } from './model-free.ts';

/**
 * The trust checks of safety predictions (issue 16): extrapolation in temperature, times beyond what can be
 * validated, and a single-step description of a multi-step process. Pure functions returning `ResultWarning`s.
 */

/** Seconds in 100 years (the upper end of a time thermal analysis can speak to). */
const HUNDRED_YEARS_S = 100 * 365.25 * 86400;

/**
 * Extrapolation factor: the span in 1/T covered by data and prediction together, over the data's own span (1 when
 * the prediction lies inside the data; 2 when it reaches as far beyond the data as the data extend). Arrhenius
 * extrapolation errors grow with the distance in 1/T, hence 1/T and not T.
 */
export function extrapolationFactor(data_K: [number, number], prediction_K: [number, number]): number {
  const x = (T: number) => 1000 / T;
  const dLo = x(Math.max(data_K[0], data_K[1]));
  const dHi = x(Math.min(data_K[0], data_K[1]));
  const pLo = x(Math.max(prediction_K[0], prediction_K[1]));
  const pHi = x(Math.min(prediction_K[0], prediction_K[1]));
  const span = dHi - dLo;
  if (!(span > 0)) return Infinity;
  return (Math.max(dHi, pHi) - Math.min(dLo, pLo)) / span;
}

/**
 * `safety.extrapolation` for a factor above 1.2: info up to 2, caution up to 5, unreliable beyond (a prediction
 * more than four data spans away in 1/T rests on the Arrhenius law alone).
 */
export function extrapolationWarning(
  factor: number,
  data_K: [number, number],
  prediction_K: [number, number],
  what: string,
): ResultWarning | undefined {
  if (!(factor > 1.2)) return undefined;
  const c = (T: number) => (T - 273.15).toFixed(0);
  const pred =
    Math.abs(prediction_K[1] - prediction_K[0]) < 0.05
      ? `${c(prediction_K[0])} °C`
      : `${c(prediction_K[0])}–${c(prediction_K[1])} °C`;
  return warning(
    'safety.extrapolation',
    factor > 5 ? 'unreliable' : factor > 2 ? 'caution' : 'info',
    `${what} at ${pred} extrapolates the data (${c(data_K[0])}–${c(data_K[1])} °C) by a factor ${factor.toFixed(1)} in 1/T`,
  );
}

/** `safety.time-out-of-range` (caution) for a time above 100 years or below 1 s. */
export function timeRangeWarning(time_s: number, what: string): ResultWarning | undefined {
  if (!Number.isFinite(time_s)) {
    return warning('safety.time-out-of-range', 'caution', `${what}: never reached (infinite time)`);
  }
  if (time_s > HUNDRED_YEARS_S)
    return warning(
      'safety.time-out-of-range',
      'caution',
      `${what} = ${(time_s / (365.25 * 86400)).toExponential(2)} years: longer than 100 years`,
    );
  if (time_s < 1)
    return warning(
      'safety.time-out-of-range',
      'caution',
      `${what} = ${time_s.toExponential(2)} s: shorter than 1 s`,
    );
  return undefined;
}

/**
 * Relative variation of Ea over α 0.1–0.9, (max − min)/mean of the finite values there (ICTAC 2011: above 10–20 %
 * the process is not single-step). NaN with fewer than two values.
 */
export function eaVariation(profile: EaProfile, from = 0.1, to = 0.9): number {
  const v: number[] = [];
  for (let i = 0; i < profile.alpha.length; i++) {
    const a = profile.alpha[i];
    if (a >= from - 1e-9 && a <= to + 1e-9 && Number.isFinite(profile.Ea_kJ_mol[i]))
      v.push(profile.Ea_kJ_mol[i]);
  }
  if (v.length < 2) return NaN;
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  for (const e of v) {
    lo = Math.min(lo, e);
    hi = Math.max(hi, e);
    sum += e;
  }
  return (hi - lo) / (sum / v.length);
}

/** Above this relative Ea(α) variation a process is flagged multi-step (ICTAC 2011 upper bound, 20 %). */
export const MULTISTEP_EA_VARIATION = 0.2;

/** `safety.single-step-multistep` (caution) on a triplet prediction when the runs flag a multi-step process. */
export function singleStepOfMultiStepWarning(variation: number, what: string): ResultWarning | undefined {
  if (!(variation > MULTISTEP_EA_VARIATION)) return undefined;
  return warning(
    'safety.single-step-multistep',
    'caution',
    `${what} uses one (Ea, lgA) but Ea(α) of the runs varies by ${(100 * variation).toFixed(0)} % over α 0.1–0.9 (multi-step): compare with --model-free`,
  );
}
