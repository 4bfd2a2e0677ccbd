/**
 * Trust check on a stage of the analysis pipeline: do its windows cut through a neighbouring process? When two steps
 * overlap, the split between their stages falls where the rate signal has not returned to its baseline; α of each stage
 * then contains part of the other, and Ea(α), Kissinger and fits of the stage mix the two (ICTAC 2011: one α per
 * process). Judged on each run's dα/dT at the window edges against its maximum.
 */
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';

/** dα/dT at a window edge above this fraction of its maximum means the window cuts through a process. */
export const EDGE_RATE_FRACTION = 0.1;

/** The overlap check over the curves of one stage (one warning naming the runs cut). */
export function stageOverlapChecks(curves: readonly ConversionCurve[], stage?: number): ResultWarning[] {
  const cut: string[] = [];
  for (const c of curves) {
    const r = c.dadT_per_K;
    if (r.length < 3) continue;
    let max = 0;
    for (const v of r) max = Math.max(max, v);
    if (!(max > 0)) continue;
    const edge = Math.max(r[0], r[r.length - 1]) / max;
    if (edge > EDGE_RATE_FRACTION)
      cut.push(`${c.file ?? `${c.beta_K_min} K/min`} (${(100 * edge).toFixed(0)} %)`);
  }
  return cut.length
    ? [
        warning(
          'kinetics.stage_overlap',
          'caution',
          `the stage window cuts through a neighbouring process: dα/dT at the window edge is still a large part of its maximum in ${cut.join(', ')}; α of this stage mixes two processes (use a multi-step fit, or check --window)`,
          { stage },
        ),
      ]
    : [];
}
