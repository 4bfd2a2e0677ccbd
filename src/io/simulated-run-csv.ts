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

/** CSV header of a run simulated from a saved multi-step model: the DSC or the TGA signal with its unit. */
export function schemeRunCsvHeader(heatflow: boolean): string {
  return `time_min,temperature_C,alpha,${heatflow ? 'heatflow_W_g' : 'dadT_per_K'}`;
}

/** One run simulated from a saved multi-step model as CSV (full precision; read back by the generic CSV reader). */
export function schemeRunToCsv(
  run: { time_s: number[]; T_K: number[]; alpha: number[]; signal: number[] },
  heatflow: boolean,
): string {
  const lines = [schemeRunCsvHeader(heatflow)];
  for (let i = 0; i < run.T_K.length; i++)
    lines.push([run.time_s[i] / 60, kelvinToCelsius(run.T_K[i]), run.alpha[i], run.signal[i]].join(','));
  return lines.join('\n') + '\n';
}
