/**
 * Trust check on a DSC run's sign convention (docs/data-in.md promises it): with the sign taken "as recorded" (no
 * `--exo-sign`, no `#EXO` header), a run whose dominant peak points down is an exotherm recorded negative (exo-down
 * instruments) — analysing it as recorded finds the baseline wiggles as "peaks" and gives nonsense ΔH. Such a run is
 * refused with the remedy. Judged on the heat flow minus the straight line through the medians of its first and last
 * 5 %: the largest excursion below more than 3× the largest above.
 */
import type { Run } from '../io/run.ts';

/** The downward excursion must exceed the upward one by this factor to call the run exo-down. */
export const EXO_DOWN_RATIO = 3;

const SIGN_AS_RECORDED = /heat flow sign as recorded/;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

/**
 * The refusal message for a run whose exotherm is recorded negative (sign taken as recorded), else undefined.
 * Runs whose sign was declared (option or header) are never refused: the user said what the file holds.
 */
export function exoDownRefusal(run: Run): string | undefined {
  const q = run.heatFlow_W_g;
  if (!q || q.length < 40 || !run.notes.some((n) => SIGN_AS_RECORDED.test(n))) return undefined;
  const T = run.temperature_K;
  const k = Math.max(2, Math.floor(q.length * 0.05));
  const y0 = median(q.slice(0, k));
  const y1 = median(q.slice(q.length - k));
  const x0 = median(T.slice(0, k));
  const x1 = median(T.slice(T.length - k));
  let up = 0;
  let down = 0;
  let atDown = 0;
  for (let i = 0; i < q.length; i++) {
    const base = x1 > x0 ? y0 + ((y1 - y0) * (T[i] - x0)) / (x1 - x0) : y0;
    const d = q[i] - base;
    if (d > up) up = d;
    if (-d > down) {
      down = -d;
      atDown = i;
    }
  }
  if (!(down > EXO_DOWN_RATIO * up)) return undefined;
  return (
    `the dominant heat-flow peak points down (${down.toPrecision(3)} W/g below the baseline at ${(T[atDown] - 273.15).toFixed(1)} °C, ` +
    `against ${up.toPrecision(3)} W/g above): the exotherm is recorded negative. Give --exo-sign -1 (or --exo-sign 1 if it is a real endotherm)`
  );
}
