import type { SimulatedRun } from '../kinetics/simulate.ts';
import { kelvinToCelsius } from '../kinetics/constants.ts';

/** CSV header of simulated runs; every column states its unit, and the generic CSV reader reads it back. */
export const SIMULATED_CSV_HEADER = 'time_min,temperature_C,mass_pct,alpha,dadT_per_K';

/** Format one simulated run as CSV (full double precision, so a round trip loses nothing). */
export function simulatedRunToCsv(run: SimulatedRun): string {
  const lines = [SIMULATED_CSV_HEADER];
  for (let i = 0; i < run.temperature_K.length; i++) {
    lines.push(
      [
        run.time_s[i] / 60,
        kelvinToCelsius(run.temperature_K[i]),
        run.mass_pct[i],
        run.alpha[i],
        run.dadT_per_K[i],
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** File name of a simulated run: `beta_10_K_min.csv`. */
export function simulatedRunFileName(beta_K_min: number): string {
  return `beta_${String(beta_K_min).replace('.', 'p')}_K_min.csv`;
}
