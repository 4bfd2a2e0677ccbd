/**
 * Trust check on the measured signal: a jump of the balance (a glitch: the sample touched, a bubble, a crucible
 * knocked) is a step between two consecutive points far larger than the steps around it. A reaction changes the mass
 * smoothly — neighbouring steps are alike — and white noise rarely makes one step 10× the median of its neighbours
 * (for Gaussian noise that is a ≈ 7σ event). Such a jump becomes a false DTG peak (a wrong Kissinger T_peak) and
 * shifts α for the whole run (wrong Ea(α)).
 */
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { Run } from '../io/run.ts';

/** A step larger than this multiple of the median of its neighbours' steps is a jump. */
export const JUMP_RATIO = 10;
/** …and larger than this fraction of the run's total mass change (below it the jump cannot move a result much). */
export const JUMP_MIN_FRACTION = 0.01;
/** Jumps above this fraction of the total change make the run's results unreliable (else caution). */
export const JUMP_UNRELIABLE_FRACTION = 0.05;
const HALF_WINDOW = 10;

/** Indices i where m[i+1] − m[i] is a jump, with its size as a fraction of the total change. */
export function signalJumps(m: ArrayLike<number>): { index: number; fraction: number }[] {
  const n = m.length;
  if (n < 2 * HALF_WINDOW + 2) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, m[i]);
    hi = Math.max(hi, m[i]);
  }
  const total = hi - lo;
  if (!(total > 0)) return [];
  const d = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) d[i] = Math.abs(m[i + 1] - m[i]);
  const out: { index: number; fraction: number }[] = [];
  const nb: number[] = [];
  for (let i = 0; i < d.length; i++) {
    if (d[i] < JUMP_MIN_FRACTION * total) continue;
    nb.length = 0;
    for (let j = Math.max(0, i - HALF_WINDOW); j <= Math.min(d.length - 1, i + HALF_WINDOW); j++)
      if (Math.abs(j - i) > 1) nb.push(d[j]);
    nb.sort((a, b) => a - b);
    const med = nb[Math.floor(nb.length / 2)];
    if (d[i] > JUMP_RATIO * med) out.push({ index: i, fraction: d[i] / total });
  }
  return out;
}

/** Warnings for the jumps in a run's mass signal (TGA); none for runs without one. */
export function signalChecks(run: Run): ResultWarning[] {
  const m = run.mass_mg ?? run.mass_pct;
  if (!m) return [];
  const jumps = signalJumps(m);
  if (jumps.length === 0) return [];
  const worst = jumps.reduce((a, b) => (b.fraction > a.fraction ? b : a));
  const T = run.temperature_K[worst.index];
  return [
    warning(
      'signal.jump',
      worst.fraction > JUMP_UNRELIABLE_FRACTION ? 'unreliable' : 'caution',
      `${jumps.length} jump(s) of the mass signal between consecutive points, the largest ${(100 * worst.fraction).toFixed(1)} % of the total change at ${(T - 273.15).toFixed(1)} °C: a balance glitch makes a false DTG peak and shifts α`,
      { file: run.file },
    ),
  ];
}
