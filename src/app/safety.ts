import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { qualityOf, warning, type Quality, type ResultWarning } from '../core/warnings.ts';
import { kJPerMolToJPerMol, R_J_PER_MOL_K } from '../kinetics/constants.ts';
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
import { safetyNumber, type SafetyNumber } from '../safety/safety-number.ts';
import {
  extrapolationFactor,
  extrapolationWarning,
  singleStepOfMultiStepWarning,
  timeRangeWarning,
} from '../safety/safety-warnings.ts';
import { temperatureForTmr_K, TD_TIMES } from '../safety/tmrad-temperature.ts';
import {
  criticalConditions,
  sadtEstimate,
  FK_DELTA_CRITICAL,
  type CriticalNumbers,
  type HeatSource,
} from '../safety/thermal-explosion.ts';
import { fromUserValues, userModel } from './user-values.ts';
import { loadCurves, type RunReadOptions, type RunSource } from './run-sources.ts';
import {
  checkCriticalOptions,
  CRITICAL_LABELS,
  collectNumberWarnings,
  criticalJson,
  criticalSpec,
  loadProgram,
  processEvidence,
  SAFETY_TIMES,
  type CriticalJson,
  type CriticalOptions,
  type ProgramSource,
} from './safety-shared.ts';

/** `ckin safety`: isothermal lifetimes, any heating program, adiabatic runaway (TMRad), with propagated uncertainty. */
export interface SafetyOptions extends RunReadOptions {
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
  program?: ProgramSource;
  /** Adiabatic runaway from T0_K with enthalpy dH_J_g, heat capacity cp_J_gK and thermal inertia phi (≥ 1). */
  adiabatic?: { dH_J_g: number; cp_J_gK: number; T0_K: number; phi?: number };
  /** Semenov / Frank-Kamenetskii critical conditions and the SADT-style estimate. */
  critical?: CriticalOptions;
  /**
   * The runs the triplet came from (optional): their temperature range gives the extrapolation factor and their
   * Ea(α) (Friedman) flags a multi-step process (issue 16's trust checks).
   */
  runs?: RunSource[];
  /** Temperature range of the data behind the triplet, K, when the runs are not given. */
  data_T_range_K?: [number, number];
}

export { SAFETY_TIMES };

export interface ValueWithInterval {
  value: number;
  interval90?: Interval90;
}

export interface SafetyResult {
  triplet: { Ea_kJ_mol: number; lgA_s: number; model: string };
  uncertainty: ArrheniusUncertainty | null;
  isothermal_T_for_time: { alpha: number; T_K: Record<string, ValueWithInterval> }[];
  isothermal?: {
    T_K: number;
    extrapolation_factor: number | null;
    times: { alpha: number; time_s: ValueWithInterval }[];
  };
  program?: { file: string } & ReturnType<typeof conversionAlongProgram>;
  adiabatic?: {
    /** Start temperatures at which TMRad = 8 h and 24 h, K. */
    T_D8_K: SafetyNumber;
    T_D24_K: SafetyNumber;
    dT_ad_K: number;
    T_final_K: number;
    tmr_s: ValueWithInterval;
    tmr_semenov_s: number;
    T_at_max_rate_K: number;
    max_dTdt_K_s: number;
    curve: ReturnType<typeof adiabaticRunaway>['curve'];
  };
  critical?: CriticalJson;
  /** Temperature range of the data (from the runs or the option), K; null when unknown. */
  data_T_range_K: [number, number] | null;
  /** Relative variation of Ea(α) over α 0.1–0.9 of the runs; null without runs. */
  Ea_variation: number | null;
  warnings: ResultWarning[];
  quality: Quality;
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

/** Monte Carlo draws behind the bands of T_D8/T_D24 (each draw is a root search over adiabatic integrations). */
export const TD_BAND_SAMPLES = 400;

export function safety(opts: SafetyOptions): SafetyResult {
  checkInputs(opts);
  if (opts.critical) checkCriticalOptions(opts.critical);
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
  const bandOf = (fn: (t: KineticTriplet) => number): number[] | undefined => {
    if (!samples) return undefined;
    const i = propagate(samples, fn);
    return [i.p05, i.p95];
  };
  const alphas = opts.alphas ?? [0.05, 0.1, 0.5];
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must be in (0, 1), got "${alphas.join(',')}"`);
  if (!triplet.model.g)
    throw new InputError(
      `--model: model ${triplet.model.name} has no closed-form g(α) for the isothermal times`,
    );
  const warnings: ResultWarning[] = [];
  // Trust evidence: the runs (their T range and Ea(α)), else a range the user states.
  let dataRange: [number, number] | null = opts.data_T_range_K ?? null;
  let variation: number | null = null;
  if (opts.runs && opts.runs.length) {
    const { curves } = loadCurves({ ...opts, runs: opts.runs });
    if (curves.length >= 2) {
      const ev = processEvidence(curves);
      dataRange = ev.T_range_K;
      variation = Number.isFinite(ev.Ea_variation) ? ev.Ea_variation : null;
    } else {
      const c = curves[0];
      dataRange = [c.T_K[0], c.T_K[c.T_K.length - 1]];
    }
  }
  if (!dataRange)
    warnings.push(
      warning(
        'safety.data-range-unknown',
        'info',
        'no runs or --data-range given: the extrapolation of these predictions is not checked',
      ),
    );
  if (!unc)
    warnings.push(
      warning(
        'safety.no-band',
        'caution',
        'no --Ea-se/--lgA-se: the predictions are point estimates without a 90 % band',
      ),
    );
  const multi =
    variation === null ? undefined : singleStepOfMultiStepWarning(variation, 'this single-step prediction');
  if (multi) warnings.push(multi);
  const extrapolation = (T_K: number, what: string) =>
    dataRange && Number.isFinite(T_K)
      ? extrapolationWarning(extrapolationFactor(dataRange, [T_K, T_K]), dataRange, [T_K, T_K], what)
      : undefined;
  const note = (w: ResultWarning | undefined) => {
    if (w) warnings.push(w);
  };
  const out: SafetyResult = {
    triplet: { Ea_kJ_mol: triplet.Ea_kJ_mol, lgA_s: triplet.lgA_s, model: triplet.model.label },
    uncertainty: unc ?? null,
    isothermal_T_for_time: alphas.map((alpha) => ({
      alpha,
      T_K: Object.fromEntries(
        SAFETY_TIMES.map(([label, t]) => {
          const v = withInterval((tr) => isothermalTemperatureForTime_K(tr, t, alpha));
          note(extrapolation(v.value, `T for α = ${alpha} in ${label}`));
          return [label, v];
        }),
      ),
    })),
    data_T_range_K: dataRange,
    Ea_variation: variation,
    warnings,
    quality: 'ok',
  };
  if (opts.isothermal_K !== undefined) {
    const T_K = opts.isothermal_K;
    note(extrapolation(T_K, `isothermal prediction`));
    out.isothermal = {
      T_K,
      extrapolation_factor: dataRange ? extrapolationFactor(dataRange, [T_K, T_K]) : null,
      times: alphas.map((alpha) => {
        const v = withInterval((tr) => isothermalTimeToConversion_s(tr, T_K, alpha));
        note(timeRangeWarning(v.value, `isothermal time to α = ${alpha}`));
        return { alpha, time_s: v };
      }),
    };
  }
  if (opts.program) {
    const { file, program, times_s } = loadProgram(opts.program);
    out.program = { file, ...conversionAlongProgram(triplet, program, times_s) };
  }
  if (opts.adiabatic) {
    const spec = { ...opts.adiabatic, phi: opts.adiabatic.phi ?? 1 };
    const r = fromUserValues('--adiabatic', () => adiabaticRunaway(triplet, spec));
    const tmr = withInterval((tr) => adiabaticRunaway(tr, spec, 2).tmr_s);
    note(timeRangeWarning(tmr.value, 'TMRad'));
    note(extrapolation(spec.T0_K, 'TMRad'));
    // T_D8/T_D24 solve for T0 (≈ 8 adiabatic integrations each): their band uses the first TD_BAND_SAMPLES draws.
    const tdSamples = samples?.slice(0, TD_BAND_SAMPLES);
    const td = (target: number, label: string): SafetyNumber => {
      const fn = (tr: KineticTriplet) =>
        temperatureForTmr_K((T0_K) => adiabaticRunaway(tr, { ...spec, T0_K }, 0).tmr_s, target);
      const v = fn(triplet);
      const i = tdSamples ? propagate(tdSamples, fn) : undefined;
      return safetyNumber(v, 'K', i && [i.p05, i.p95], [extrapolation(v, label), multi]);
    };
    out.adiabatic = {
      T_D8_K: td(TD_TIMES[0][1], 'T_D8'),
      T_D24_K: td(TD_TIMES[1][1], 'T_D24'),
      dT_ad_K: r.dT_ad_K,
      T_final_K: r.T_final_K,
      tmr_s: tmr,
      tmr_semenov_s: tmrSemenov_s(triplet, spec),
      T_at_max_rate_K: r.T_at_max_rate_K,
      max_dTdt_K_s: r.max_dTdt_K_s,
      curve: r.curve,
    };
  }
  if (opts.critical) out.critical = criticalTriplet(opts.critical, triplet, bandOf, extrapolation, warnings);
  out.quality = qualityOf([...warnings, ...collectNumberWarnings(out)]);
  return out;
}

/** The zero-order heat source of a triplet: Q0 = ΔH·A·f(α0) (W/kg), Ea. */
function heatSourceOfTriplet(tr: KineticTriplet, dH_J_g: number, alpha0: number): HeatSource {
  return {
    Ea_kJ_mol: tr.Ea_kJ_mol,
    lnQ0_W_kg: Math.log(dH_J_g * 1000) + tr.lgA_s * Math.LN10 + Math.log(tr.model.f(alpha0)),
  };
}

function criticalTriplet(
  c: CriticalOptions,
  triplet: KineticTriplet,
  bandOf: (fn: (t: KineticTriplet) => number) => number[] | undefined,
  extrapolation: (T_K: number, what: string) => ResultWarning | undefined,
  warnings: ResultWarning[],
): CriticalJson {
  const alpha0 = c.alpha0 ?? 0;
  const f0 = triplet.model.f(alpha0);
  if (!(f0 > 0 && Number.isFinite(f0)))
    throw new InputError(
      `critical conditions: the model's initial rate f(α0 = ${alpha0}) is ${f0} (an autocatalytic or unbounded start): give --alpha0 > 0`,
    );
  const spec = criticalSpec(c);
  const src = heatSourceOfTriplet(triplet, c.dH_J_g, alpha0);
  const central = criticalConditions(src, spec);
  warnings.push(
    warning(
      'safety.zero-order-heat-source',
      f0 < 0.1 ? 'caution' : 'info',
      `critical conditions use the initial heat release ΔH·A·f(α0 = ${alpha0}) with f = ${f0.toPrecision(3)}, consumption neglected`,
    ),
  );
  const sadt = c.package ? sadtEstimate(src, c.package) : undefined;
  const shape = spec.shape ?? 'sphere';
  return criticalJson(
    central,
    (key: keyof CriticalNumbers) =>
      bandOf((tr) => criticalConditions(heatSourceOfTriplet(tr, c.dH_J_g, alpha0), spec)[key] ?? NaN),
    {
      shape,
      delta_critical: FK_DELTA_CRITICAL[shape],
      heat_source: {
        Ea_kJ_mol: src.Ea_kJ_mol,
        q0_W_kg_at_ambient:
          c.ambient_K !== undefined
            ? Math.exp(src.lnQ0_W_kg - kJPerMolToJPerMol(src.Ea_kJ_mol) / (R_J_PER_MOL_K * c.ambient_K))
            : null,
        alpha0,
      },
    },
    sadt && { sadt_K: sadt.sadt_K, L_W_kgK: sadt.L_W_kgK, assumptions: sadt.assumptions },
    (key, v) => (key.endsWith('_K') ? [extrapolation(v, CRITICAL_LABELS[key])] : []),
  );
}
