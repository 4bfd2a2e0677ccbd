import { fmtRate } from '../core/format.ts';
import { InputError } from '../core/input-error.ts';
import { qualityOf, warning, type Quality, type ResultWarning } from '../core/warnings.ts';
import { tCritical } from '../core/statistics.ts';
import { ISO_METHODS, isoconversional, type IsoMethod } from '../analysis/isoconversional/index.ts';
import { kPerMinToKPerS, R_J_PER_MOL_K } from '../kinetics/constants.ts';
import {
  adiabaticModelFree,
  conversionAlongProgramModelFree,
  conversionNodes,
  isothermalTemperatureForTime_K,
  isothermalTime_s,
  maxConversion,
  modelFreeKinetics,
  programTimeToConversion_s,
  type EaProfile,
  type ModelFreeKinetics,
  type ModelFreeRun,
} from '../safety/model-free.ts';
import { safetyNumber, type SafetyNumber } from '../safety/safety-number.ts';
import {
  eaVariation,
  extrapolationFactor,
  extrapolationWarning,
  MULTISTEP_EA_VARIATION,
  timeRangeWarning,
} from '../safety/safety-warnings.ts';
import { temperatureForTmr_K, TD_TIMES } from '../safety/tmrad-temperature.ts';
import { criticalConditions, sadtEstimate, FK_DELTA_CRITICAL } from '../safety/thermal-explosion.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { loadCurves, type RunsInput } from './run-sources.ts';
import {
  checkCriticalOptions,
  CRITICAL_LABELS,
  criticalJson,
  criticalSpec,
  loadProgram,
  type CriticalJson,
  type CriticalOptions,
  type ProgramPrediction,
  type ProgramSource,
  SAFETY_TIMES,
  collectNumberWarnings,
} from './safety-shared.ts';

/**
 * `ckin safety FILES… --model-free`: predictions straight from the runs' isoconversional Ea(α) and their recorded
 * T(t) (src/safety/model-free.ts), with 90 % bands from the Ea(α) limits and the trust warnings.
 */
export interface SafetyModelFreeOptions extends RunsInput, UseCaseCallbacks {
  /** Isoconversional method for Ea(α) (default friedman: differential, unbiased when Ea varies). */
  method?: IsoMethod;
  /** Isothermal temperature, K, for the times to each α. */
  isothermal_K?: number;
  /** Conversions of the isothermal times and of the tables (default 0.05, 0.1, 0.5). */
  alphas?: number[];
  /** Temperature program: α(t) along it and the time to each α. */
  program?: ProgramSource;
  /** Adiabatic runaway from T0_K: TMRad and T_D8/T_D24 (dH_J_g is the enthalpy of the whole conversion). */
  adiabatic?: { dH_J_g: number; cp_J_gK: number; T0_K: number; phi?: number };
  /** Semenov / Frank-Kamenetskii critical conditions and the SADT-style estimate. */
  critical?: CriticalOptions;
  /** Width of the conversion intervals of the Φ(α) table (default 0.005). */
  alphaStep?: number;
}

export interface SafetyModelFreeResult {
  mode: 'model-free';
  method: IsoMethod;
  note: string;
  files: string[];
  rates_K_min: number[];
  /** Ea(α) used, with its 90 % limits (Student t on the method's standard errors). */
  Ea_profile: { alpha: number[]; Ea_kJ_mol: number[]; Ea_lo90_kJ_mol: number[]; Ea_hi90_kJ_mol: number[] };
  /** (max − min)/mean of Ea over α 0.1–0.9. */
  Ea_variation: number;
  /** Temperatures over which the runs convert (the data range of the extrapolation factor), K. */
  data_T_range_K: [number, number];
  /** Highest conversion the runs support. */
  alpha_max: number;
  /** The reduced-time table Φ(α): ln ΔΦ per interval and its run-to-run spread. */
  table: {
    alpha: number[];
    Ea_kJ_mol: number[];
    lnDPhi_s: number[];
    lnDPhi_spread: number[];
    runs: number[];
  };
  isothermal_T_for_time: { alpha: number; T_K: Record<string, SafetyNumber> }[];
  isothermal?: {
    T_K: number;
    extrapolation_factor: number;
    times: { alpha: number; time_s: SafetyNumber }[];
  };
  program?: ProgramPrediction & { extrapolation_factor: number };
  adiabatic?: {
    T0_K: number;
    dT_ad_K: number;
    tmr_s: SafetyNumber;
    T_at_max_rate_K: number;
    max_dTdt_K_s: number;
    T_D8_K: SafetyNumber;
    T_D24_K: SafetyNumber;
  };
  critical?: CriticalJson;
  notes: string[];
  warnings: ResultWarning[];
  quality: Quality;
}

/** Ea limits at 90 % (two-sided): Ea ± t(0.90, n − 2)·SE. */
function profiles(
  rows: { alpha: number; Ea_kJ_mol: number; Ea_se_kJ_mol: number }[],
  runs: number,
): { mid: EaProfile; lo: EaProfile; hi: EaProfile; banded: boolean } {
  const t = tCritical(0.9, runs - 2);
  const alpha = rows.map((r) => r.alpha);
  const mid = rows.map((r) => r.Ea_kJ_mol);
  const half = rows.map((r) => t * r.Ea_se_kJ_mol);
  const banded = half.some((h, i) => Number.isFinite(h) && Number.isFinite(mid[i]));
  return {
    mid: { alpha, Ea_kJ_mol: mid },
    lo: { alpha, Ea_kJ_mol: mid.map((e, i) => (Number.isFinite(half[i]) ? e - half[i] : e)) },
    hi: { alpha, Ea_kJ_mol: mid.map((e, i) => (Number.isFinite(half[i]) ? e + half[i] : e)) },
    banded,
  };
}

function checkOptions(o: SafetyModelFreeOptions, alphas: number[]): void {
  if (o.method !== undefined && !ISO_METHODS.includes(o.method))
    throw new InputError(`--method: unknown method "${String(o.method)}" (use ${ISO_METHODS.join(', ')})`);
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must be in (0, 1), got "${alphas.join(',')}"`);
  if (o.isothermal_K !== undefined && !(o.isothermal_K > 0))
    throw new InputError('--isothermal is below absolute zero (give °C)');
  if (o.alphaStep !== undefined && !(o.alphaStep >= 1e-4 && o.alphaStep <= 0.05))
    throw new InputError(`--alpha-step must be in [0.0001, 0.05], got ${o.alphaStep}`);
  const a = o.adiabatic;
  if (a) {
    if (!(a.dH_J_g > 0)) throw new InputError(`--dH: the reaction enthalpy must be > 0 J/g, got ${a.dH_J_g}`);
    if (!(a.cp_J_gK > 0))
      throw new InputError(`--cp: the heat capacity must be > 0 J/(g·K), got ${a.cp_J_gK}`);
    if (!(a.T0_K > 0)) throw new InputError('--T0 is below absolute zero (give °C)');
    if (a.phi !== undefined && !(a.phi >= 1))
      throw new InputError(`--phi: the thermal inertia must be ≥ 1, got ${a.phi}`);
  }
  if (o.critical) checkCriticalOptions(o.critical);
}

export function safetyModelFree(opts: SafetyModelFreeOptions): SafetyModelFreeResult {
  const alphas = opts.alphas ?? [0.05, 0.1, 0.5];
  checkOptions(opts, alphas);
  const method = opts.method ?? 'friedman';
  const { curves } = loadCurves(opts);
  if (curves.length < 2)
    throw new InputError('model-free predictions need at least two runs at different heating rates');
  const notes: string[] = [];
  const runs: ModelFreeRun[] = curves.map((c) => {
    if (c.time_s && c.time_s.every(Number.isFinite))
      return { file: c.file, time_s: c.time_s, T_K: c.T_K, alpha: c.alpha };
    notes.push(
      `${c.file ?? `${fmtRate(c.beta_K_min)} K/min`}: no time column; t = (T − T_first)/β with the nominal β`,
    );
    const b = kPerMinToKPerS(c.beta_K_min);
    return { file: c.file, time_s: c.T_K.map((T) => (T - c.T_K[0]) / b), T_K: c.T_K, alpha: c.alpha };
  });
  const grid = Array.from({ length: 49 }, (_, i) => Math.round(2 * (i + 1)) / 100);
  const iso = isoconversional(method, curves, grid);
  for (const w of iso.warnings) opts.onLog?.(`warning: ${w}`);
  const finite = iso.rows.filter((r) => Number.isFinite(r.Ea_kJ_mol));
  if (finite.length === 0) throw new InputError(`${method}: no conversion gives a finite Ea; check the runs`);
  const prof = profiles(finite, curves.length);
  const warnings: ResultWarning[] = [];
  for (const w of iso.warnings) warnings.push(warning('generic.note', 'info', `${method}: ${w}`));
  if (!prof.banded)
    warnings.push(
      warning(
        'safety.no-band',
        'caution',
        `no 90 % band: ${method} gives no standard error of Ea(α) with ${curves.length} runs (need ≥ 3)`,
      ),
    );
  const nodes = conversionNodes(0.98, opts.alphaStep ?? 0.005);
  const build = (p: EaProfile) => modelFreeKinetics(runs, p, nodes);
  const kin = build(prof.mid);
  const kinBand = prof.banded ? [build(prof.lo), build(prof.hi)] : [];
  const aMax = maxConversion(kin);
  const tooHigh = alphas.filter((a) => a > aMax);
  if (tooHigh.length)
    throw new InputError(
      `--alpha ${tooHigh.join(',')}: the runs reach only α = ${aMax.toFixed(3)}; ask for lower conversions`,
    );
  const variation = eaVariation(prof.mid);
  if (variation > MULTISTEP_EA_VARIATION)
    warnings.push(
      warning(
        'safety.ea-varies',
        'info',
        `Ea(α) varies by ${(100 * variation).toFixed(0)} % over α 0.1–0.9: multi-step; the model-free prediction follows it`,
      ),
    );
  const dataRange = kin.T_range_K;
  // Band: the same prediction with Ea(α) at its lower and its upper 90 % limit at every α.
  const banded = (fn: (k: ModelFreeKinetics) => number) => ({
    value: fn(kin),
    band: kinBand.length ? kinBand.map(fn) : undefined,
  });
  const timeNumber = (fn: (k: ModelFreeKinetics) => number, what: string, at: [number, number]) => {
    const { value, band } = banded(fn);
    return safetyNumber(value, 's', band, [
      timeRangeWarning(value, what),
      extrapolationWarning(extrapolationFactor(dataRange, at), dataRange, at, what),
    ]);
  };
  const tempNumber = (fn: (k: ModelFreeKinetics) => number, what: string) => {
    const { value, band } = banded(fn);
    return safetyNumber(value, 'K', band, [
      Number.isFinite(value)
        ? extrapolationWarning(
            extrapolationFactor(dataRange, [value, value]),
            dataRange,
            [value, value],
            what,
          )
        : undefined,
    ]);
  };
  const out: SafetyModelFreeResult = {
    mode: 'model-free',
    method,
    note:
      `${iso.note} Predictions: Vyazovkin's model-free method in incremental form over each run's recorded T(t) ` +
      '(reduced time Φ(α) per Δα interval; A(α)·f(α) enters only through Φ), runs combined by the geometric mean.',
    files: curves.map((c) => c.file ?? ''),
    rates_K_min: iso.rates_K_min,
    Ea_profile: {
      alpha: prof.mid.alpha as number[],
      Ea_kJ_mol: prof.mid.Ea_kJ_mol as number[],
      Ea_lo90_kJ_mol: prof.lo.Ea_kJ_mol as number[],
      Ea_hi90_kJ_mol: prof.hi.Ea_kJ_mol as number[],
    },
    Ea_variation: variation,
    data_T_range_K: dataRange,
    alpha_max: aMax,
    table: {
      alpha: kin.alpha,
      Ea_kJ_mol: kin.Ea_kJ_mol,
      lnDPhi_s: kin.lnDPhi,
      lnDPhi_spread: kin.lnDPhiSpread,
      runs: kin.runs,
    },
    isothermal_T_for_time: alphas.map((alpha) => ({
      alpha,
      T_K: Object.fromEntries(
        SAFETY_TIMES.map(([label, t]) => [
          label,
          tempNumber((k) => isothermalTemperatureForTime_K(k, t, alpha), `T for α = ${alpha} in ${label}`),
        ]),
      ),
    })),
    notes,
    warnings,
    quality: 'ok',
  };
  if (opts.isothermal_K !== undefined) {
    const T = opts.isothermal_K;
    out.isothermal = {
      T_K: T,
      extrapolation_factor: extrapolationFactor(dataRange, [T, T]),
      times: alphas.map((alpha) => ({
        alpha,
        time_s: timeNumber((k) => isothermalTime_s(k, T, alpha), `time to α = ${alpha}`, [T, T]),
      })),
    };
  }
  if (opts.program) {
    const { file, program, times_s } = loadProgram(opts.program);
    const run = (k: ModelFreeKinetics) => conversionAlongProgramModelFree(k, program, times_s);
    const mid = run(kin);
    const band = kinBand.map(run);
    // Temperatures where the conversion happened (the nodes reached), for the extrapolation factor.
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 1; k < mid.nodeTimes_s.length; k++) {
      const t = mid.nodeTimes_s[k];
      if (!Number.isFinite(t)) break;
      const T = mid.T_K.length ? programTemperatureAt(program, t) : NaN;
      lo = Math.min(lo, T);
      hi = Math.max(hi, T);
    }
    const at: [number, number] = Number.isFinite(lo) ? [lo, hi] : dataRange;
    const end = program.time_s[program.time_s.length - 1];
    const held = alphas.filter((a) => !(programTimeToConversion_s(kin, program, a, mid.nodeTimes_s) <= end));
    if (held.length)
      warnings.push(
        warning(
          'generic.note',
          'info',
          `program: α = ${held.join(', ')} is reached only after the program ends (${(end / 3600).toPrecision(3)} h); the final temperature is held`,
        ),
      );
    out.program = {
      file,
      time_s: mid.time_s,
      T_K: mid.T_K,
      alpha: mid.alpha,
      alpha_lo90: band.length
        ? mid.alpha.map((_, i) => Math.min(band[0].alpha[i], band[1].alpha[i], mid.alpha[i]))
        : [],
      alpha_hi90: band.length
        ? mid.alpha.map((_, i) => Math.max(band[0].alpha[i], band[1].alpha[i], mid.alpha[i]))
        : [],
      dadt_per_s: mid.dadt_per_s,
      times: alphas.map((alpha) => ({
        alpha,
        time_s: timeNumber(
          (k) =>
            programTimeToConversion_s(k, program, alpha, k === kin ? mid.nodeTimes_s : run(k).nodeTimes_s),
          `program time to α = ${alpha}`,
          at,
        ),
      })),
      extrapolation_factor: extrapolationFactor(dataRange, at),
    };
  }
  if (opts.adiabatic) {
    const spec = { ...opts.adiabatic, phi: opts.adiabatic.phi ?? 1 };
    const r = adiabaticModelFree(kin, spec);
    const T0: [number, number] = [spec.T0_K, spec.T0_K];
    const td = (target: number, label: string) =>
      tempNumber(
        (k) => temperatureForTmr_K((T0_K) => adiabaticModelFree(k, { ...spec, T0_K }).tmr_s, target),
        label,
      );
    out.adiabatic = {
      T0_K: spec.T0_K,
      dT_ad_K: r.dT_ad_K,
      tmr_s: timeNumber((k) => adiabaticModelFree(k, spec).tmr_s, 'TMRad', T0),
      T_at_max_rate_K: r.T_at_max_rate_K,
      max_dTdt_K_s: r.max_dTdt_K_s,
      T_D8_K: td(TD_TIMES[0][1], 'T_D8'),
      T_D24_K: td(TD_TIMES[1][1], 'T_D24'),
    };
  }
  if (opts.critical) out.critical = criticalModelFree(opts.critical, kin, kinBand, dataRange, warnings);
  out.quality = qualityOf([...warnings, ...collectNumberWarnings(out)]);
  return out;
}

/** Temperature of a program at time t (linear between breakpoints, held at the ends). */
function programTemperatureAt(p: { time_s: number[]; T_K: number[] }, t: number): number {
  const n = p.time_s.length;
  if (t <= p.time_s[0]) return p.T_K[0];
  if (t >= p.time_s[n - 1]) return p.T_K[n - 1];
  let i = 1;
  while (p.time_s[i] < t) i++;
  const w = (t - p.time_s[i - 1]) / (p.time_s[i] - p.time_s[i - 1]);
  return p.T_K[i - 1] + w * (p.T_K[i] - p.T_K[i - 1]);
}

/** The heat source of the Φ table at α0: Ea and Q0 = ΔH·(Δα/ΔΦ) of the interval containing α0. */
function heatSourceOf(kin: ModelFreeKinetics, dH_J_g: number, alpha0: number) {
  let k = 0;
  while (k < kin.lnDPhi.length - 1 && kin.alpha[k + 1] <= alpha0) k++;
  const da = kin.alpha[k + 1] - kin.alpha[k];
  return { Ea_kJ_mol: kin.Ea_kJ_mol[k], lnQ0_W_kg: Math.log(dH_J_g * 1000) + Math.log(da) - kin.lnDPhi[k] };
}

function criticalModelFree(
  c: CriticalOptions,
  kin: ModelFreeKinetics,
  kinBand: ModelFreeKinetics[],
  dataRange: [number, number],
  warnings: ResultWarning[],
): CriticalJson {
  const alpha0 = c.alpha0 ?? 0.01;
  const spec = criticalSpec(c);
  const src = heatSourceOf(kin, c.dH_J_g, alpha0);
  const central = criticalConditions(src, spec);
  const bands = kinBand.map((k) => criticalConditions(heatSourceOf(k, c.dH_J_g, alpha0), spec));
  warnings.push(
    warning(
      'safety.zero-order-heat-source',
      'info',
      `critical conditions use the heat release at α = ${alpha0} (model-free rate of that interval) with consumption neglected`,
    ),
  );
  const sadt = c.package ? sadtEstimate(src, c.package) : undefined;
  return criticalJson(
    central,
    (key) => (bands.length ? bands.map((b) => b[key] ?? NaN) : undefined),
    {
      shape: spec.shape ?? 'sphere',
      delta_critical: FK_DELTA_CRITICAL[spec.shape ?? 'sphere'],
      heat_source: {
        Ea_kJ_mol: src.Ea_kJ_mol,
        q0_W_kg_at_ambient:
          c.ambient_K !== undefined
            ? Math.exp(src.lnQ0_W_kg - (src.Ea_kJ_mol * 1000) / (R_J_PER_MOL_K * c.ambient_K))
            : null,
        alpha0,
      },
    },
    sadt && { sadt_K: sadt.sadt_K, L_W_kgK: sadt.L_W_kgK, assumptions: sadt.assumptions },
    (key, v) =>
      key.endsWith('_K') && Number.isFinite(v)
        ? [
            extrapolationWarning(
              extrapolationFactor(dataRange, [v, v]),
              dataRange,
              [v, v],
              CRITICAL_LABELS[key],
            ),
          ]
        : [],
  );
}
