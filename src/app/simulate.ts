import { join } from 'node:path';
import { simulateRuns } from '../kinetics/simulate.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { simulatedRunFileName, simulatedRunToCsv } from '../io/simulated-run-csv.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { peakOfCurve } from '../analysis/peaks.ts';
import { userModel } from './user-values.ts';

/** `ckin simulate`: multi-rate runs of a single-step model; one CSV per heating rate when `out` is given. */
export interface SimulateOptions {
  /** Reaction model name (default jma): jma, nth-order, first-order, sb, R2, R3, D1, D3. */
  model?: string;
  Ea_kJ_mol: number;
  lgA_s: number;
  /** Model exponents (JMA n, reaction order n, Šesták–Berggren m, n, p). */
  n?: number;
  m?: number;
  p?: number;
  /** Heating rates, K/min (default 10, 30, 60). */
  heatingRates_K_min?: number[];
  /** Start and end temperature, K (default 30 °C and 800 °C). */
  T_start_K?: number;
  T_end_K?: number;
  /** Temperature step, K (default 0.5). */
  step_K?: number;
  /** Mass loss of the step, % of the initial mass (default 100). */
  massLoss_pct?: number;
  /** Directory for the CSV files; without it only the summary is returned. */
  out?: string;
}

export type SimulateResult = ReturnType<typeof simulate>;

export function simulate(opts: SimulateOptions) {
  const { Ea_kJ_mol: Ea, lgA_s: lgA } = opts;
  if (!(Number.isFinite(Ea) && Ea > 0))
    throw new InputError(`--Ea must be a positive number of kJ/mol, got ${Ea}`);
  if (!Number.isFinite(lgA)) throw new InputError(`--lgA must be a finite log10(A/s⁻¹), got ${lgA}`);
  const model = userModel(opts.model ?? 'jma', { n: opts.n, m: opts.m, p: opts.p });
  const rates = opts.heatingRates_K_min ?? [10, 30, 60];
  if (rates.length === 0 || rates.some((r) => !(Number.isFinite(r) && r > 0)))
    throw new InputError(`--rates: heating rates must be positive numbers of K/min, got ${rates.join(', ')}`);
  const T_start_K = opts.T_start_K ?? 303.15;
  const T_end_K = opts.T_end_K ?? 1073.15;
  if (!(T_start_K >= 0)) throw new InputError('--from is below absolute zero (give °C)');
  if (!(T_end_K > T_start_K)) throw new InputError('--to must be above --from');
  const step_K = opts.step_K ?? 0.5;
  if (!(step_K > 0)) throw new InputError(`--step must be > 0 K, got ${step_K}`);
  checkWork('simulateRates', rates.length);
  checkWork('simulatePoints', Math.floor((T_end_K - T_start_K) / step_K) + 1);
  const runs = simulateRuns({
    model,
    params: { Ea_kJ_mol: Ea, lgA_s: lgA },
    rates_K_min: rates,
    T_start_K,
    T_end_K,
    step_K,
    massLoss_pct: opts.massLoss_pct,
  });
  const files: (string | undefined)[] = runs.map((r) => {
    if (!opts.out) return undefined;
    const path = join(opts.out, simulatedRunFileName(r.beta_K_min));
    writeFileAtomic(path, simulatedRunToCsv(r));
    return path;
  });
  return {
    model: model.label,
    Ea_kJ_mol: Ea,
    lgA_s: lgA,
    params: model.params,
    method: runs[0].method,
    runs: runs.map((r, i) => {
      const pk = peakOfCurve(r.temperature_K, r.dadT_per_K);
      return {
        beta_K_min: r.beta_K_min,
        T_peak_K: pk.x,
        T_peak_C: pk.x - 273.15,
        alpha_end: r.alpha[r.alpha.length - 1],
        points: r.temperature_K.length,
        file: files[i],
      };
    }),
    warnings: [] as string[],
  };
}
