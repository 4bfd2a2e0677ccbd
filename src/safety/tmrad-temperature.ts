/**
 * T_D24 and T_D8: the start temperature at which the adiabatic time to maximum rate equals 24 h (or 8 h), the
 * usual process-safety limits (Stoessel, Thermal Safety of Chemical Processes, 2008, §3.3; Keller et al., J. Loss
 * Prev. Process Ind. 10 (1997) 31). TMRad falls monotonically with T₀ and ln TMRad is nearly linear in 1/T₀
 * (TMRad ≈ cp·R·T₀²/(q(T₀)·Ea)), so the root is found by the Illinois variant of regula falsi in x = 1/T₀ on
 * ln TMRad — 6–10 evaluations of the adiabatic integration instead of ~50 for bisection.
 */

/** Times of the T_D table: label and seconds. */
export const TD_TIMES: [label: string, time_s: number][] = [
  ['T_D8', 8 * 3600],
  ['T_D24', 24 * 3600],
];

/**
 * The start temperature T₀ (K) with tmrOf(T₀) = target_s, searched in [lo_K, hi_K]; NaN when the target is not
 * bracketed there (or tmrOf fails at an end).
 * @param tmrOf TMRad as a function of the start temperature, s (decreasing)
 */
export function temperatureForTmr_K(
  tmrOf: (T0_K: number) => number,
  target_s: number,
  lo_K = 200,
  hi_K = 1500,
): number {
  const f = (x: number) => Math.log(tmrOf(1 / x)) - Math.log(target_s);
  let a = 1 / hi_K; // high T: short TMRad, f < 0
  let b = 1 / lo_K;
  let fa = f(a);
  let fb = f(b);
  if (!(fa <= 0 && fb >= 0)) return NaN;
  let side = 0;
  for (let i = 0; i < 100; i++) {
    const x = (a * fb - b * fa) / (fb - fa);
    const fx = f(x);
    if (!Number.isFinite(fx)) return NaN;
    if (Math.abs(fx) < 1e-10 || Math.abs(b - a) < 1e-14 * b) return 1 / x;
    if (fx < 0) {
      a = x;
      fa = fx;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = x;
      fb = fx;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return 2 / (a + b);
}
