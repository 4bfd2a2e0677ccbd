import { parseScheme, schemeText, type Scheme } from './scheme.ts';
import type { StepKinetics } from './scheme-kinetics.ts';
import type { Observable } from './multistep-problem.ts';

/**
 * The model file of a multi-step fit (`ckin fit --scheme … --save MODEL.json`), read by simulations and
 * predictions (`simulateScheme`). Format documented in docs/fitting.md ("The model file"); version 1.
 */
export interface SavedSchemeModel {
  format: 'ckin-scheme-model';
  version: 1;
  /** The scheme in canonical text, e.g. `A->B:Fn; B->C:Fn`. */
  scheme: string;
  /** What the amplitudes mean: `heatflow` → dH_J_g per step, `conversion-rate` → mass_fraction per step. */
  observable: Observable;
  steps: SavedStep[];
  /** The data the model was fitted to (predictions far outside this range are extrapolations). */
  fitted_to: { files: (string | null)[]; beta_K_min: number[]; T_range_K: [number, number] };
  statistics: { sse: number; n_points: number; n_params: number; aicc: number; bic: number; min_r2: number };
  created_by: string;
  /**
   * Optional (files written before it was added have none): standard errors and correlation of the kinetic and
   * amplitude parameters from the fit's Jacobian (baseline terms left out: marginalising a normal drops their rows),
   * named `step j Ea_kJ_mol`, `step j lgA_s`, `step j <param>`, `step j dH_J_g` | `step j mass_fraction`. Read by
   * the predictions' 90 % bands (src/safety/scheme-sampling.ts).
   */
  uncertainty?: SavedUncertainty;
}

/** The `uncertainty` block of a model file. */
export interface SavedUncertainty {
  parameter_names: string[];
  se: number[];
  correlation: number[][];
}

export interface SavedStep {
  from: string;
  to: string;
  model: string;
  Ea_kJ_mol: number;
  lgA_s: number;
  params: Record<string, number>;
  dH_J_g?: number;
  mass_fraction?: number;
}

/** Scheme, kinetics and amplitudes of a saved model, checked (RangeError naming the field on bad content). */
export function loadSavedModel(m: unknown): {
  scheme: Scheme;
  kinetics: StepKinetics[];
  amplitudes: number[];
  observable: Observable;
  fitted_T_range_K: [number, number] | null;
  uncertainty: SavedUncertainty | null;
} {
  const fail = (what: string): never => {
    throw new RangeError(`model file: ${what}`);
  };
  if (typeof m !== 'object' || m === null) fail('expected a JSON object');
  const o = m as Partial<SavedSchemeModel>;
  if (o.format !== 'ckin-scheme-model') fail('"format" must be "ckin-scheme-model"');
  if (o.version !== 1) fail(`unsupported "version" ${String(o.version)} (this version reads 1)`);
  if (o.observable !== 'heatflow' && o.observable !== 'conversion-rate')
    fail('"observable" must be "heatflow" or "conversion-rate"');
  if (typeof o.scheme !== 'string') fail('"scheme" must be a string');
  const scheme = parseScheme(o.scheme!);
  if (!Array.isArray(o.steps) || o.steps.length !== scheme.steps.length)
    fail(`"steps" must list the ${scheme.steps.length} steps of the scheme`);
  const heat = o.observable === 'heatflow';
  const kinetics: StepKinetics[] = [];
  const amplitudes: number[] = [];
  o.steps!.forEach((s, j) => {
    const st = scheme.steps[j];
    const where = `steps[${j}]`;
    if (typeof s !== 'object' || s === null) fail(`${where} must be an object`);
    if (!Number.isFinite(s.Ea_kJ_mol) || !(s.Ea_kJ_mol > 0))
      fail(`${where}.Ea_kJ_mol must be a positive number`);
    if (!Number.isFinite(s.lgA_s)) fail(`${where}.lgA_s must be a number`);
    const params = st.model.params.map((q) => {
      const v = s.params?.[q.name];
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${where}.params.${q.name} must be a number`);
      return v;
    });
    const a = heat ? s.dH_J_g : s.mass_fraction;
    if (typeof a !== 'number' || !Number.isFinite(a))
      fail(`${where}.${heat ? 'dH_J_g' : 'mass_fraction'} must be a number`);
    kinetics.push({ Ea_kJ_mol: s.Ea_kJ_mol, lgA_s: s.lgA_s, params });
    amplitudes.push(a!);
  });
  const range = o.fitted_to?.T_range_K;
  const fitted_T_range_K: [number, number] | null =
    Array.isArray(range) && range.length === 2 && range.every((v) => Number.isFinite(v) && v > 0)
      ? [Math.min(range[0], range[1]), Math.max(range[0], range[1])]
      : null;
  let uncertainty: SavedUncertainty | null = null;
  if (o.uncertainty !== undefined && o.uncertainty !== null) {
    const u = o.uncertainty;
    const q = Array.isArray(u.parameter_names) ? u.parameter_names.length : -1;
    const ok =
      q > 0 &&
      u.parameter_names.every((x) => typeof x === 'string') &&
      Array.isArray(u.se) &&
      u.se.length === q &&
      u.se.every((x) => typeof x === 'number' && x >= 0) &&
      Array.isArray(u.correlation) &&
      u.correlation.length === q &&
      u.correlation.every(
        (r) =>
          Array.isArray(r) &&
          r.length === q &&
          r.every((x) => typeof x === 'number' && Math.abs(x) <= 1 + 1e-9),
      );
    if (!ok)
      fail(
        '"uncertainty" must hold parameter_names, se (≥ 0) and a correlation matrix (|ρ| ≤ 1) of one size',
      );
    uncertainty = { parameter_names: u.parameter_names, se: u.se, correlation: u.correlation };
  }
  return { scheme, kinetics, amplitudes, observable: o.observable!, fitted_T_range_K, uncertainty };
}

/** The saved form of a fitted scheme. */
export function toSavedModel(
  scheme: Scheme,
  kinetics: StepKinetics[],
  amplitudes: number[],
  observable: Observable,
  fitted: SavedSchemeModel['fitted_to'],
  statistics: SavedSchemeModel['statistics'],
  createdBy: string,
  uncertainty?: SavedUncertainty,
): SavedSchemeModel {
  const out: SavedSchemeModel = {
    format: 'ckin-scheme-model',
    version: 1,
    scheme: schemeText(scheme),
    observable,
    steps: scheme.steps.map((st, j) => {
      const params: Record<string, number> = {};
      st.model.params.forEach((q, i) => (params[q.name] = kinetics[j].params[i]));
      const out: SavedStep = {
        from: scheme.species[st.from],
        to: scheme.species[st.to],
        model: st.model.name,
        Ea_kJ_mol: kinetics[j].Ea_kJ_mol,
        lgA_s: kinetics[j].lgA_s,
        params,
      };
      if (observable === 'heatflow') out.dH_J_g = amplitudes[j];
      else out.mass_fraction = amplitudes[j];
      return out;
    }),
    fitted_to: fitted,
    statistics,
    created_by: createdBy,
  };
  if (uncertainty) out.uncertainty = uncertainty;
  return out;
}
