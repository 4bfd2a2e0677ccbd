import { simulateRuns, type SimulationSpec } from '../../src/kinetics/simulate.ts';
import type { ConversionCurve } from '../../src/analysis/conversion-curve.ts';

/** Simulated runs as conversion curves (exact α and dα/dT from the kinetics core). */
export function simulatedCurves(spec: SimulationSpec): ConversionCurve[] {
  return simulateRuns(spec).map((r) => ({
    beta_K_min: r.beta_K_min,
    T_K: Array.from(r.temperature_K),
    alpha: Array.from(r.alpha),
    dadT_per_K: Array.from(r.dadT_per_K),
    notes: [],
    warnings: [],
  }));
}
