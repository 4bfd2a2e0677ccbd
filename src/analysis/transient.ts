/**
 * Start-up transient of a heating ramp. When a run starts, the furnace takes tens of seconds to reach the programmed
 * rate and the balance settles (buoyancy, gas flow); the measured dT/dt rises from ≈ 0 to β. On the time route
 * dα/dT = (dα/dt)/(dT/dt), so the small dT/dt of those first seconds turns any drift of the signal into a huge
 * "peak" — the automatic stage search would take it as a stage (pICNIK paracetamol and decane do this).
 *
 * Rule (ours, stated so it can be checked): the transient lasts until the smoothed dT/dt first reaches
 * `RATE_FRACTION`·β, plus as long again for the balance to settle (at least `MIN_SETTLE_S`); it is recognised only
 * within the first `MAX_FRACTION` of the segment's duration (a slower start is the program itself, not a transient).
 */
export const RATE_FRACTION = 0.8;
export const MIN_SETTLE_S = 30;
export const MAX_FRACTION = 0.2;

/** Index of the first row after the start-up transient (0 when there is none). */
export function startTransientEnd(
  time_s: ArrayLike<number>,
  dTdt_K_s: ArrayLike<number>,
  beta_K_min: number,
): number {
  const n = time_s.length;
  if (n < 3 || !(beta_K_min > 0)) return 0;
  const target = (RATE_FRACTION * beta_K_min) / 60;
  if (dTdt_K_s[0] >= target) return 0;
  const t0 = time_s[0];
  const limit = t0 + MAX_FRACTION * (time_s[n - 1] - t0);
  let i = 0;
  while (i < n && dTdt_K_s[i] < target) {
    if (time_s[i] > limit) return 0;
    i++;
  }
  if (i >= n) return 0;
  const settled = time_s[i] + Math.max(MIN_SETTLE_S, time_s[i] - t0);
  if (settled > limit) return i;
  while (i < n && time_s[i] < settled) i++;
  return i;
}
