import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { parseJson } from '../core/json.ts';
import { checkWork } from '../core/work-limits.ts';
import { qualityOf, warning, type Quality, type ResultWarning } from '../core/warnings.ts';
import { quantileSorted } from '../core/statistics.ts';
import { loadSavedModel } from '../fit/saved-model.ts';
import type { Observable } from '../fit/multistep-problem.ts';
import {
  schemeAdiabatic,
  schemeAlongProgram,
  schemeIsothermalTimes_s,
  schemeProgramTimes_s,
  type SchemeModel,
} from '../safety/scheme-prediction.ts';
import { sampleSchemeModels } from '../safety/scheme-sampling.ts';
import { safetyNumber, type SafetyNumber } from '../safety/safety-number.ts';
import { extrapolationFactor, extrapolationWarning, timeRangeWarning } from '../safety/safety-warnings.ts';
import { temperatureForTmr_K, TD_TIMES } from '../safety/tmrad-temperature.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import {
  collectNumberWarnings,
  loadProgram,
  type ProgramPrediction,
  type ProgramSource,
} from './safety-shared.ts';

/** A model file (`ckin fit --scheme … --save MODEL.json`): a path, or its parsed JSON (an upload) with a name. */
export type ModelFileSource = { path: string } | { name: string; json: unknown };

/**
 * `ckin safety --model-file MODEL.json`: predictions from a saved multi-step model — isothermal times to α, α(t)
 * and the heat-release rate along a program, the adiabatic runaway with the model's step heats (TMRad, ΔT_ad,
 * T_D8/T_D24) — each with a 90 % band from parameter draws of the fit's covariance (the model file's
 * `uncertainty` block) and the extrapolation warnings against the fitted temperature range.
 */
export interface SafetyModelFileOptions extends UseCaseCallbacks {
  model: ModelFileSource;
  /** Isothermal temperature, K, for the times to each α. */
  isothermal_K?: number;
  /** Conversions (default 0.05, 0.1, 0.5). */
  alphas?: number[];
  program?: ProgramSource;
  /**
   * Adiabatic runaway from T0_K. `dH_J_g` (J/g, exothermic positive) is needed for TGA models (it is shared over the
   * steps by their mass-loss fractions); for DSC models it rescales the model's step heats to that total.
   */
  adiabatic?: { cp_J_gK: number; T0_K: number; phi?: number; dH_J_g?: number };
  /** Heat of a TGA model for the heat-release-rate curve of a program, J/g (as `adiabatic.dH_J_g`). */
  dH_J_g?: number;
  /** Parameter draws of the bands (default 100; T_D8/T_D24 bands use the first 20). */
  samples?: number;
  seed?: number;
}

export interface SafetyModelFileResult {
  mode: 'model-file';
  file: string;
  scheme: string;
  observable: Observable;
  steps: { from: string; to: string; model: string; Ea_kJ_mol: number; lgA_s: number; amplitude: number }[];
  /** The temperature range the model was fitted to (the data range of the extrapolation factor), K. */
  data_T_range_K: [number, number] | null;
  /** Heats per step used for heat release and the adiabatic runaway, J/g (null: TGA model without --dH). */
  heats_J_g: number[] | null;
  band: { method: string; samples: number; seed: number } | null;
  isothermal?: {
    T_K: number;
    extrapolation_factor: number | null;
    times: { alpha: number; time_s: SafetyNumber }[];
  };
  program?: ProgramPrediction & {
    /** Heat-release rate Σ q_j·r_j, W/g (null without heats). */
    heat_flow_W_g: number[] | null;
    heat_flow_lo90_W_g: number[] | null;
    heat_flow_hi90_W_g: number[] | null;
    extrapolation_factor: number | null;
  };
  adiabatic?: {
    T0_K: number;
    phi: number;
    dT_ad_K: SafetyNumber;
    tmr_s: SafetyNumber;
    T_at_max_rate_K: number;
    max_dTdt_K_s: number;
    T_D8_K: SafetyNumber;
    T_D24_K: SafetyNumber;
    curve: { time_s: number[]; T_K: number[]; dTdt_K_s: number[] };
  };
  notes: string[];
  warnings: ResultWarning[];
  quality: Quality;
}

const TD_DRAWS = 20;

function readModel(src: ModelFileSource): { name: string; json: unknown } {
  if ('json' in src) return src;
  let text: string;
  try {
    text = readFileSync(src.path, 'utf8');
  } catch {
    throw new InputError('file not found or not readable', { file: src.path });
  }
  return { name: src.path, json: parseJson(text, src.path) };
}

/** Value of `fn` on every draw (failed draws: NaN). */
function onDraws(draws: SchemeModel[], fn: (m: SchemeModel) => number): number[] {
  return draws.map((d) => {
    try {
      return fn(d);
    } catch {
      return NaN;
    }
  });
}

/** 5th and 95th percentiles of the finite values (undefined when fewer than 10 are finite). */
function band90(values: number[]): number[] | undefined {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length < 10) return undefined;
  return [quantileSorted(v, 0.05), quantileSorted(v, 0.95)];
}

function checkOptions(o: SafetyModelFileOptions, alphas: number[]): void {
  if (alphas.length === 0 || alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must be in (0, 1), got "${alphas.join(',')}"`);
  checkWork('safetyAlphas', alphas.length);
  if (o.isothermal_K !== undefined && !(o.isothermal_K > 0))
    throw new InputError('--isothermal is below absolute zero (give °C)');
  const a = o.adiabatic;
  if (a) {
    if (!(a.cp_J_gK > 0))
      throw new InputError(`--cp: the heat capacity must be > 0 J/(g·K), got ${a.cp_J_gK}`);
    if (!(a.T0_K > 0)) throw new InputError('--T0 is below absolute zero (give °C)');
    if (a.phi !== undefined && !(a.phi >= 1))
      throw new InputError(`--phi: the thermal inertia must be ≥ 1, got ${a.phi}`);
  }
  for (const dH of [o.dH_J_g, a?.dH_J_g])
    if (dH !== undefined && !(dH > 0))
      throw new InputError(`--dH: the reaction enthalpy must be > 0 J/g, got ${dH}`);
}

/** Heats per step (J/g): the model's ΔH_j (DSC), rescaled to dH when given; dH shared by mass fractions (TGA). */
function stepHeats(model: SchemeModel, observable: Observable, dH?: number): number[] | null {
  const total = model.amplitudes.reduce((s, a) => s + a, 0);
  if (observable === 'heatflow') {
    if (dH === undefined) return model.amplitudes.slice();
    return model.amplitudes.map((a) => (dH * a) / total);
  }
  if (dH === undefined) return null;
  return model.amplitudes.map((w) => (dH * w) / total);
}

export function safetyModelFile(opts: SafetyModelFileOptions): SafetyModelFileResult {
  const alphas = opts.alphas ?? [0.05, 0.1, 0.5];
  checkOptions(opts, alphas);
  const samples = checkWork('schemeSamples', opts.samples ?? 100);
  const seed = opts.seed ?? 1;
  const { name, json } = readModel(opts.model);
  let loaded: ReturnType<typeof loadSavedModel>;
  try {
    loaded = loadSavedModel(json);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(e.message, { file: name });
    throw e;
  }
  const model: SchemeModel = {
    scheme: loaded.scheme,
    kinetics: loaded.kinetics,
    amplitudes: loaded.amplitudes,
  };
  const total = model.amplitudes.reduce((s, a) => s + a, 0);
  if (!(total > 0))
    throw new InputError(
      `the step amplitudes sum to ${total}: predictions need a positive total heat (exothermic positive) or mass loss`,
      { file: name },
    );
  const warnings: ResultWarning[] = [];
  const notes: string[] = [];
  const dataRange = loaded.fitted_T_range_K;
  if (!dataRange)
    warnings.push(
      warning(
        'safety.data-range-unknown',
        'caution',
        'the model file gives no fitted temperature range (fitted_to.T_range_K): extrapolation cannot be checked',
      ),
    );
  let draws: SchemeModel[] = [];
  if (loaded.uncertainty) {
    draws = sampleSchemeModels(model, loaded.uncertainty, samples, seed);
    if (draws.length < samples)
      notes.push(
        `${draws.length} of ${samples} parameter draws kept (the others fell outside the parameters' physical ranges)`,
      );
  } else
    warnings.push(
      warning(
        'safety.no-band',
        'caution',
        'no 90 % band: the model file has no "uncertainty" block (written by an older version, or the fit gave no standard errors); refit with `ckin fit --scheme … --save` to get one',
      ),
    );
  const observable = loaded.observable;
  const extrap = (at: [number, number], what: string) =>
    dataRange ? extrapolationWarning(extrapolationFactor(dataRange, at), dataRange, at, what) : undefined;
  const factor = (at: [number, number]) => (dataRange ? extrapolationFactor(dataRange, at) : null);
  const heatDefault = opts.dH_J_g ?? opts.adiabatic?.dH_J_g;
  const heats = stepHeats(model, observable, heatDefault);
  if (observable === 'heatflow' && heatDefault !== undefined)
    notes.push(
      `step heats rescaled to a total of ${heatDefault} J/g (the model's total is ${total.toPrecision(4)} J/g)`,
    );
  const out: SafetyModelFileResult = {
    mode: 'model-file',
    file: name,
    scheme: (json as { scheme: string }).scheme,
    observable,
    steps: model.scheme.steps.map((st, j) => ({
      from: model.scheme.species[st.from],
      to: model.scheme.species[st.to],
      model: st.model.name,
      Ea_kJ_mol: model.kinetics[j].Ea_kJ_mol,
      lgA_s: model.kinetics[j].lgA_s,
      amplitude: model.amplitudes[j],
    })),
    data_T_range_K: dataRange,
    heats_J_g: heats,
    band: draws.length
      ? {
          method: 'parameter draws from the fit covariance (5th–95th percentile)',
          samples: draws.length,
          seed,
        }
      : null,
    notes,
    warnings,
    quality: 'ok',
  };
  if (opts.isothermal_K !== undefined) {
    const T = opts.isothermal_K;
    // One integration per draw gives every α: evaluate all conversions together, then split.
    const central = schemeIsothermalTimes_s(model, T, alphas);
    const perDraw = draws.map((d) => {
      try {
        return schemeIsothermalTimes_s(d, T, alphas);
      } catch {
        return alphas.map(() => NaN);
      }
    });
    out.isothermal = {
      T_K: T,
      extrapolation_factor: factor([T, T]),
      times: alphas.map((alpha, i) => {
        const what = `time to α = ${alpha}`;
        return {
          alpha,
          time_s: safetyNumber(central[i], 's', draws.length ? band90(perDraw.map((r) => r[i])) : undefined, [
            timeRangeWarning(central[i], what),
            extrap([T, T], what),
          ]),
        };
      }),
    };
  }
  if (opts.program) {
    const { file, program, times_s } = loadProgram(opts.program);
    checkWork('programRows', program.time_s.length);
    const mid = schemeAlongProgram(model, program, times_s, heats ?? undefined);
    const drawn = draws.map((d) => {
      try {
        return schemeAlongProgram(
          d,
          program,
          times_s,
          heats ? stepHeats(d, observable, heatDefault)! : undefined,
        );
      } catch {
        return undefined;
      }
    });
    const ok = drawn.filter((d) => d !== undefined);
    const pointBand = (get: (p: (typeof ok)[number]) => number[] | undefined, i: number) =>
      band90(ok.map((p) => get(p)?.[i] ?? NaN));
    const lo: number[] = [];
    const hi: number[] = [];
    const qlo: number[] = [];
    const qhi: number[] = [];
    if (ok.length >= 10)
      for (let i = 0; i < times_s.length; i++) {
        const b = pointBand((p) => p.alpha, i)!;
        lo.push(Math.min(b[0], mid.alpha[i]));
        hi.push(Math.max(b[1], mid.alpha[i]));
        if (mid.heat_flow_W_g) {
          const q = pointBand((p) => p.heat_flow_W_g, i)!;
          qlo.push(Math.min(q[0], mid.heat_flow_W_g[i]));
          qhi.push(Math.max(q[1], mid.heat_flow_W_g[i]));
        }
      }
    // Temperatures over which the conversion happens (α from 1 % to 99 %), for the extrapolation factor.
    let tlo = Infinity;
    let thi = -Infinity;
    mid.alpha.forEach((a, i) => {
      if (a >= 0.01 && a <= 0.99) {
        tlo = Math.min(tlo, mid.T_K[i]);
        thi = Math.max(thi, mid.T_K[i]);
      }
    });
    const at: [number, number] = Number.isFinite(tlo)
      ? [tlo, thi]
      : [mid.T_K[mid.T_K.length - 1], mid.T_K[mid.T_K.length - 1]];
    const central = schemeProgramTimes_s(model, program, alphas);
    const perDraw = draws.map((d) => {
      try {
        return schemeProgramTimes_s(d, program, alphas);
      } catch {
        return alphas.map(() => NaN);
      }
    });
    const end = program.time_s[program.time_s.length - 1];
    const late = alphas.filter((_, i) => !Number.isFinite(central[i]));
    if (late.length)
      warnings.push(
        warning(
          'generic.note',
          'info',
          `program: α = ${late.join(', ')} is not reached before the program ends (${(end / 3600).toPrecision(3)} h)`,
        ),
      );
    out.program = {
      file,
      time_s: mid.time_s,
      T_K: mid.T_K,
      alpha: mid.alpha,
      alpha_lo90: lo,
      alpha_hi90: hi,
      dadt_per_s: mid.dadt_per_s,
      heat_flow_W_g: mid.heat_flow_W_g ?? null,
      heat_flow_lo90_W_g: mid.heat_flow_W_g && qlo.length ? qlo : null,
      heat_flow_hi90_W_g: mid.heat_flow_W_g && qhi.length ? qhi : null,
      times: alphas.map((alpha, i) => ({
        alpha,
        time_s: safetyNumber(
          central[i],
          's',
          draws.length ? band90(perDraw.map((r) => r[i])) : undefined,
          Number.isFinite(central[i]) ? [extrap(at, `program time to α = ${alpha}`)] : [],
        ),
      })),
      extrapolation_factor: factor(at),
    };
    if (!heats)
      notes.push(
        'no heat-release curve: a TGA model carries mass-loss fractions, not heats; give --dH (J/g) for one',
      );
  }
  if (opts.adiabatic) {
    const a = opts.adiabatic;
    const h = stepHeats(model, observable, a.dH_J_g ?? opts.dH_J_g);
    if (!h)
      throw new InputError(
        'adiabatic runaway from a TGA model needs --dH (J/g, exothermic positive): the model carries mass-loss fractions, not heats',
      );
    if (!(h.reduce((s, q) => s + q, 0) > 0))
      throw new InputError('adiabatic runaway needs an exothermic model (step heats summing to > 0 J/g)');
    const phi = a.phi ?? 1;
    const spec = (m: SchemeModel, T0_K: number) => ({
      heats_J_g: stepHeats(m, observable, a.dH_J_g ?? opts.dH_J_g)!,
      cp_J_gK: a.cp_J_gK,
      T0_K,
      phi,
    });
    const r = schemeAdiabatic(model, spec(model, a.T0_K));
    const T0: [number, number] = [a.T0_K, a.T0_K];
    const drawsTd = draws.slice(0, TD_DRAWS);
    const td = (target: number, label: string) => {
      const fn = (m: SchemeModel) =>
        temperatureForTmr_K((T0_K) => schemeAdiabatic(m, { ...spec(m, T0_K), zooms: 2 }).tmr_s, target);
      const value = fn(model);
      return safetyNumber(value, 'K', drawsTd.length ? band90(onDraws(drawsTd, fn)) : undefined, [
        Number.isFinite(value) ? extrap([value, value], label) : undefined,
      ]);
    };
    const adi = draws.map((d) => {
      try {
        return schemeAdiabatic(d, spec(d, a.T0_K));
      } catch {
        return undefined;
      }
    });
    const drawBand = (get: (x: ReturnType<typeof schemeAdiabatic>) => number) =>
      draws.length ? band90(adi.map((x) => (x ? get(x) : NaN))) : undefined;
    out.adiabatic = {
      T0_K: a.T0_K,
      phi,
      dT_ad_K: safetyNumber(
        r.dT_ad_K,
        'K',
        drawBand((x) => x.dT_ad_K),
      ),
      tmr_s: safetyNumber(
        r.tmr_s,
        's',
        drawBand((x) => x.tmr_s),
        [timeRangeWarning(r.tmr_s, 'TMRad'), extrap(T0, 'TMRad')],
      ),
      T_at_max_rate_K: r.T_at_max_rate_K,
      max_dTdt_K_s: r.max_dTdt_K_s,
      T_D8_K: td(TD_TIMES[0][1], 'T_D8'),
      T_D24_K: td(TD_TIMES[1][1], 'T_D24'),
      curve: r.curve,
    };
    if (drawsTd.length) notes.push(`T_D8/T_D24 bands from the first ${drawsTd.length} parameter draws`);
  }
  out.quality = qualityOf([...warnings, ...collectNumberWarnings(out)]);
  return out;
}
