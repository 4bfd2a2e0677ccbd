import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { parseJson } from '../core/json.ts';
import { checkWork } from '../core/work-limits.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { peakOfCurve } from '../analysis/peaks.ts';
import { kPerMinToKPerS } from '../kinetics/constants.ts';
import { rampProgram, type ProgramPoints } from '../fit/scheme-kinetics.ts';
import { simulateScheme } from '../fit/simulate-scheme.ts';
import { schemeRunToCsv, simulatedRunFileName } from '../io/simulated-run-csv.ts';
import { loadProgram, type ProgramSource } from './safety-shared.ts';

/**
 * `ckin simulate --model-file MODEL.json`: runs of a saved multi-step model (`ckin fit --scheme … --save`) at
 * constant heating rates, or along one temperature program, with the model's signal (DSC heat flow Σ ΔH_j·r_j in
 * W/g, or TGA dα/dT = Σ w_j·r_j / (β·Σ w_j) in K⁻¹); one CSV per run when `out` is given.
 */
export interface SimulateModelFileOptions {
  model: string;
  /** Heating rates, K/min (default: the rates the model was fitted to). */
  heatingRates_K_min?: number[];
  /** Start and end temperature, K (default 30 °C and 800 °C), temperature step, K (default 0.5). */
  T_start_K?: number;
  T_end_K?: number;
  step_K?: number;
  /** Instead of ramps: one run along this program (201 outputs). */
  program?: ProgramSource;
  out?: string;
}

export function simulateModelFile(opts: SimulateModelFileOptions) {
  let text: string;
  try {
    text = readFileSync(opts.model, 'utf8');
  } catch {
    throw new InputError('file not found or not readable', { file: opts.model });
  }
  const json = parseJson(text, opts.model) as { fitted_to?: { beta_K_min?: number[] }; observable?: string };
  const heat = json.observable === 'heatflow';
  const sim = (program: ProgramPoints, times?: number[]) => {
    try {
      return simulateScheme(json, program, times ? { times_s: times } : {});
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(e.message, { file: opts.model });
      throw e;
    }
  };
  const runs: {
    beta_K_min: number | null;
    T_peak_K: number;
    T_peak_C: number;
    alpha_end: number;
    points: number;
    file?: string;
  }[] = [];
  const write = (name: string, r: { time_s: number[]; T_K: number[]; alpha: number[]; signal: number[] }) => {
    if (!opts.out) return undefined;
    const path = join(opts.out, name);
    writeFileAtomic(path, schemeRunToCsv(r, heat));
    return path;
  };
  const steps = (json as { steps?: { dH_J_g?: number; mass_fraction?: number }[] }).steps ?? [];
  const total = steps.reduce((t, x) => t + ((heat ? x.dH_J_g : x.mass_fraction) ?? 0), 0);
  /** Heat flow (W/g); or dα/dt = Σ w_j·r_j / Σ w_j (s⁻¹), divided by β (K/s) on a ramp to give dα/dT (K⁻¹). */
  const signalOf = (s: ReturnType<typeof simulateScheme>, beta_K_s: number | undefined) =>
    heat ? s.heat_flow_W_g! : s.mass_loss_rate_per_s!.map((r) => r / total / (beta_K_s ?? 1));
  /** α: the fraction of the total heat (DSC) or of the total mass loss (TGA). */
  const alphaOf = (s: ReturnType<typeof simulateScheme>) =>
    heat ? s.heat_released_J_g!.map((q) => q / total) : s.alpha!;
  if (opts.program) {
    const { file, program, times_s } = loadProgram(opts.program);
    checkWork('programRows', program.time_s.length);
    const s = sim(program, times_s);
    const r = { time_s: s.time_s, T_K: s.T_K, alpha: alphaOf(s), signal: signalOf(s, undefined) };
    const pk = peakOfCurve(r.T_K, r.signal);
    runs.push({
      beta_K_min: null,
      T_peak_K: pk.x,
      T_peak_C: pk.x - 273.15,
      alpha_end: r.alpha[r.alpha.length - 1],
      points: r.T_K.length,
      file: write(file.replace(/^.*[\\/]/, '').replace(/\.\w+$/, '') + '_simulated.csv', r),
    });
  } else {
    const rates = opts.heatingRates_K_min ?? json.fitted_to?.beta_K_min ?? [10, 30, 60];
    if (rates.length === 0 || rates.some((b) => !(Number.isFinite(b) && b > 0)))
      throw new InputError(
        `--rates: heating rates must be positive numbers of K/min, got ${rates.join(', ')}`,
      );
    checkWork('simulateRates', rates.length);
    const T0 = opts.T_start_K ?? 303.15;
    const T1 = opts.T_end_K ?? 1073.15;
    const step = opts.step_K ?? 0.5;
    if (!(T0 >= 0)) throw new InputError('--from is below absolute zero (give °C)');
    if (!(T1 > T0)) throw new InputError('--to must be above --from');
    if (!(step > 0)) throw new InputError(`--step must be > 0 K, got ${step}`);
    const nPts = checkWork('simulatePoints', Math.floor((T1 - T0) / step) + 1);
    for (const beta of rates) {
      const b = kPerMinToKPerS(beta);
      const times = Array.from({ length: nPts }, (_, i) => (i * step) / b);
      const s = sim(rampProgram(T0, T1, beta), times);
      const r = { time_s: s.time_s, T_K: s.T_K, alpha: alphaOf(s), signal: signalOf(s, b) };
      const pk = peakOfCurve(r.T_K, r.signal);
      runs.push({
        beta_K_min: beta,
        T_peak_K: pk.x,
        T_peak_C: pk.x - 273.15,
        alpha_end: r.alpha[r.alpha.length - 1],
        points: r.T_K.length,
        file: write(simulatedRunFileName(beta), r),
      });
    }
  }
  return {
    model_file: opts.model,
    scheme: (json as { scheme?: string }).scheme ?? '',
    observable: heat ? 'heatflow' : 'conversion-rate',
    signal_unit: heat ? 'W/g' : opts.program ? '1/s' : '1/K',
    runs,
    warnings: [] as string[],
  };
}
