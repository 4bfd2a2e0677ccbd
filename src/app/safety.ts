import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { parseTemperatureProgramCsv } from '../io/temperature-program-csv.ts';
import type { KineticTriplet } from '../safety/kinetic-triplet.ts';
import { isothermalTimeToConversion_s, isothermalTemperatureForTime_K } from '../safety/isothermal.ts';
import { conversionAlongProgram } from '../safety/temperature-program.ts';
import { adiabaticRunaway, tmrSemenov_s } from '../safety/adiabatic.ts';
import {
  sampleTriplets,
  propagate,
  type ArrheniusUncertainty,
  type Interval90,
} from '../safety/propagate.ts';
import { fromUserValues, userModel } from './user-values.ts';

/** `ckin safety`: isothermal lifetimes, any heating program, adiabatic runaway (TMRad), with propagated uncertainty. */
export interface SafetyOptions {
  Ea_kJ_mol: number;
  lgA_s: number;
  /** Model exponent (JMA n, reaction order; default 1). */
  n?: number;
  /** Reaction model name (default jma). */
  model?: string;
  /** Standard errors of Ea and lgA: with either, every number gets a 90 % interval by sampling. */
  Ea_se_kJ_mol?: number;
  lgA_se?: number;
  /** Correlation of Ea and lgA (default 0; compensation: close to +1). */
  corr?: number;
  /** Monte Carlo samples (default 2000) and their seed (default 1). */
  samples?: number;
  seed?: number;
  /** Isothermal temperature, K, for the times to each α. */
  isothermal_K?: number;
  /** Conversions for the isothermal times (default 0.05, 0.1, 0.5). */
  alphas?: number[];
  /** A temperature program CSV (time, temperature): a file, or text in memory (an upload) with its name. */
  program?: { path: string } | { name: string; text: string };
  /** Adiabatic runaway from T0_K with enthalpy dH_J_g, heat capacity cp_J_gK and thermal inertia phi (≥ 1). */
  adiabatic?: { dH_J_g: number; cp_J_gK: number; T0_K: number; phi?: number };
}

/** Times of the isothermal-temperature table: label and seconds. */
export const SAFETY_TIMES: [string, number][] = [
  ['1 h', 3600],
  ['1 day', 86400],
  ['1 year', 365.25 * 86400],
];

export interface ValueWithInterval {
  value: number;
  interval90?: Interval90;
}

export interface SafetyResult {
  triplet: { Ea_kJ_mol: number; lgA_s: number; model: string };
  uncertainty: ArrheniusUncertainty | null;
  isothermal_T_for_time: { alpha: number; T_K: Record<string, ValueWithInterval> }[];
  isothermal?: { T_K: number; times: { alpha: number; time_s: ValueWithInterval }[] };
  program?: { file: string } & ReturnType<typeof conversionAlongProgram>;
  adiabatic?: {
    dT_ad_K: number;
    T_final_K: number;
    tmr_s: ValueWithInterval;
    tmr_semenov_s: number;
    T_at_max_rate_K: number;
    max_dTdt_K_s: number;
    curve: ReturnType<typeof adiabaticRunaway>['curve'];
  };
  warnings: string[];
}

function checkInputs(o: SafetyOptions): void {
  if (!(Number.isFinite(o.Ea_kJ_mol) && o.Ea_kJ_mol > 0))
    throw new InputError(`--Ea must be a positive number of kJ/mol, got ${o.Ea_kJ_mol}`);
  if (!Number.isFinite(o.lgA_s)) throw new InputError(`--lgA must be a finite log10(A/s⁻¹), got ${o.lgA_s}`);
  if (o.corr !== undefined && !(o.corr >= -1 && o.corr <= 1))
    throw new InputError(`--corr: the correlation must be in [−1, 1], got ${o.corr}`);
  for (const [name, v] of [
    ['--Ea-se', o.Ea_se_kJ_mol],
    ['--lgA-se', o.lgA_se],
  ] as const) {
    if (v !== undefined && !(v >= 0)) throw new InputError(`${name}: a standard error must be ≥ 0, got ${v}`);
  }
  if (o.samples !== undefined) checkWork('monteCarloSamples', o.samples);
  if (o.alphas !== undefined) checkWork('safetyAlphas', o.alphas.length);
  if (o.isothermal_K !== undefined && !(o.isothermal_K > 0))
    throw new InputError('--isothermal is below absolute zero (give °C)');
  const a = o.adiabatic;
  if (a) {
    if (!(a.dH_J_g > 0)) throw new InputError(`--dH: the reaction enthalpy must be > 0 J/g, got ${a.dH_J_g}`);
    if (!(a.cp_J_gK > 0))
      throw new InputError(`--cp: the heat capacity must be > 0 J/(g·K), got ${a.cp_J_gK}`);
    if (!(a.T0_K > 0)) throw new InputError('--T0 is below absolute zero (give °C)');
    if (a.phi !== undefined && !(a.phi >= 1))
      throw new InputError(`--phi: the thermal inertia must be ≥ 1, got ${a.phi}`);
  }
}

export function safety(opts: SafetyOptions): SafetyResult {
  checkInputs(opts);
  const triplet: KineticTriplet = {
    Ea_kJ_mol: opts.Ea_kJ_mol,
    lgA_s: opts.lgA_s,
    model: userModel(opts.model ?? 'jma', { n: opts.n ?? 1 }),
  };
  const unc: ArrheniusUncertainty | undefined =
    opts.Ea_se_kJ_mol !== undefined || opts.lgA_se !== undefined
      ? { Ea_se_kJ_mol: opts.Ea_se_kJ_mol ?? 0, lgA_se: opts.lgA_se ?? 0, corr: opts.corr ?? 0 }
      : undefined;
  const samples = unc ? sampleTriplets(triplet, unc, opts.samples ?? 2000, opts.seed ?? 1) : undefined;
  // The central value is computed on the user's own scalars: its RangeError (e.g. A·t ≤ g(α)) is an input problem.
  const withInterval = (fn: (t: KineticTriplet) => number): ValueWithInterval => ({
    value: fromUserValues('safety', () => fn(triplet)),
    ...(samples ? { interval90: propagate(samples, fn) } : {}),
  });
  const alphas = opts.alphas ?? [0.05, 0.1, 0.5];
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must be in (0, 1), got "${alphas.join(',')}"`);
  if (!triplet.model.g)
    throw new InputError(
      `--model: model ${triplet.model.name} has no closed-form g(α) for the isothermal times`,
    );
  const out: SafetyResult = {
    triplet: { Ea_kJ_mol: triplet.Ea_kJ_mol, lgA_s: triplet.lgA_s, model: triplet.model.label },
    uncertainty: unc ?? null,
    isothermal_T_for_time: alphas.map((alpha) => ({
      alpha,
      T_K: Object.fromEntries(
        SAFETY_TIMES.map(([label, t]) => [
          label,
          withInterval((tr) => isothermalTemperatureForTime_K(tr, t, alpha)),
        ]),
      ),
    })),
    warnings: [],
  };
  if (opts.isothermal_K !== undefined) {
    const T_K = opts.isothermal_K;
    out.isothermal = {
      T_K,
      times: alphas.map((alpha) => ({
        alpha,
        time_s: withInterval((tr) => isothermalTimeToConversion_s(tr, T_K, alpha)),
      })),
    };
  }
  const program = opts.program
    ? 'path' in opts.program
      ? { name: opts.program.path, text: readProgramFile(opts.program.path) }
      : opts.program
    : undefined;
  if (program) {
    const prog = parseTemperatureProgramCsv(program.text, program.name);
    const t0 = prog.time_s[0];
    const t1 = prog.time_s[prog.time_s.length - 1];
    const times = Array.from({ length: 201 }, (_, i) => t0 + ((t1 - t0) * i) / 200);
    out.program = { file: program.name, ...conversionAlongProgram(triplet, prog, times) };
  }
  if (opts.adiabatic) {
    const spec = { ...opts.adiabatic, phi: opts.adiabatic.phi ?? 1 };
    const r = fromUserValues('--adiabatic', () => adiabaticRunaway(triplet, spec));
    out.adiabatic = {
      dT_ad_K: r.dT_ad_K,
      T_final_K: r.T_final_K,
      tmr_s: withInterval((tr) => adiabaticRunaway(tr, spec, 2).tmr_s),
      tmr_semenov_s: tmrSemenov_s(triplet, spec),
      T_at_max_rate_K: r.T_at_max_rate_K,
      max_dTdt_K_s: r.max_dTdt_K_s,
      curve: r.curve,
    };
  }
  return out;
}

function readProgramFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError('file not found or not readable', { file: path });
  }
}
