import { createRng } from '../core/random.ts';
import type { SchemeModel } from './scheme-prediction.ts';
import type { SavedUncertainty } from '../fit/saved-model.ts';

/**
 * Parameter uncertainty of a saved multi-step model (the `uncertainty` block of the model file, src/fit/saved-model.ts):
 * standard errors and the correlation matrix of the fitted parameters from the fit's Jacobian, named as the fit
 * names them: `step j Ea_kJ_mol`, `step j lgA_s`, `step j <param>`, `step j dH_J_g` | `step j mass_fraction`
 * (j from 1). Parameters not listed are held at their fitted values.
 */
export type SchemeUncertainty = SavedUncertainty;

/**
 * Lower-triangular L with L·Lᵀ = C for a symmetric positive semi-definite C (row-major n×n). A pivot that is not
 * positive (a parameter perfectly correlated with earlier ones, or rounding on the Ea–lgA compensation ridge with
 * |ρ| → 1) gives a zero column instead of a failure: that direction carries no independent variation. Written here
 * because the package's Cholesky (src/analysis/fit/linear-solve.ts) solves systems and rejects semi-definite input.
 */
export function choleskySemidefinite(C: ArrayLike<number>, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = C[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    const scale = Math.abs(C[j * n + j]);
    if (!(d > 1e-12 * scale)) continue;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = C[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Where one named parameter lives in a SchemeModel: read and write. */
interface Slot {
  get(m: SchemeModel): number;
  set(m: SchemeModel, v: number): void;
  /** Allowed range of a draw (Ea > 0; model parameters inside the step model's bounds). */
  lo: number;
  hi: number;
}

function slotOf(model: SchemeModel, name: string): Slot | undefined {
  const m = /^step (\d+) (.+)$/.exec(name);
  if (!m) return undefined;
  const j = Number(m[1]) - 1;
  const what = m[2];
  const st = model.scheme.steps[j];
  if (!st) return undefined;
  if (what === 'Ea_kJ_mol')
    return {
      get: (x) => x.kinetics[j].Ea_kJ_mol,
      set: (x, v) => (x.kinetics[j].Ea_kJ_mol = v),
      lo: 1e-6,
      hi: Infinity,
    };
  if (what === 'lgA_s')
    return {
      get: (x) => x.kinetics[j].lgA_s,
      set: (x, v) => (x.kinetics[j].lgA_s = v),
      lo: -Infinity,
      hi: Infinity,
    };
  if (what === 'dH_J_g' || what === 'mass_fraction')
    return {
      get: (x) => x.amplitudes[j],
      set: (x, v) => (x.amplitudes[j] = v),
      lo: -Infinity,
      hi: Infinity,
    };
  const i = st.model.params.findIndex((q) => q.name === what);
  if (i < 0) return undefined;
  const q = st.model.params[i];
  return {
    get: (x) => x.kinetics[j].params[i],
    set: (x, v) => (x.kinetics[j].params[i] = v),
    lo: q.lower,
    hi: q.upper,
  };
}

function copyModel(m: SchemeModel): SchemeModel {
  return {
    scheme: m.scheme,
    kinetics: m.kinetics.map((k) => ({ ...k, params: k.params.slice() })),
    amplitudes: m.amplitudes.slice(),
  };
}

/**
 * Draw `count` models from the multivariate normal of the fitted parameters (mean = the fitted values,
 * covariance Σ_ab = se_a·se_b·ρ_ab), seeded and reproducible: x = x̂ + L·z with L·Lᵀ = Σ. A draw outside a
 * parameter's physical range (Ea ≤ 0, a model exponent outside its step model's bounds) is rejected and drawn again
 * (a truncated normal), at most 20·count attempts. Throws a RangeError when the block names no parameter of the model
 * or its sizes disagree.
 */
export function sampleSchemeModels(
  model: SchemeModel,
  u: SchemeUncertainty,
  count: number,
  seed = 1,
): SchemeModel[] {
  const q = u.parameter_names.length;
  if (u.se.length !== q || u.correlation.length !== q || u.correlation.some((r) => r.length !== q))
    throw new RangeError('uncertainty: parameter_names, se and correlation must have matching sizes');
  const slots: Slot[] = [];
  const idx: number[] = [];
  u.parameter_names.forEach((name, a) => {
    const s = slotOf(model, name);
    if (s && Number.isFinite(u.se[a]) && u.se[a] >= 0) {
      slots.push(s);
      idx.push(a);
    }
  });
  if (slots.length === 0) throw new RangeError('uncertainty: no parameter of the model is listed');
  const n = slots.length;
  const C = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const rho = a === b ? 1 : u.correlation[idx[a]][idx[b]];
      C[a * n + b] = u.se[idx[a]] * u.se[idx[b]] * (Number.isFinite(rho) ? rho : 0);
    }
  const L = choleskySemidefinite(C, n);
  const mean = slots.map((s) => s.get(model));
  const rng = createRng(seed);
  const out: SchemeModel[] = [];
  const z = new Float64Array(n);
  for (let tries = 0; out.length < count && tries < 20 * count; tries++) {
    for (let a = 0; a < n; a++) z[a] = rng.normal();
    const x = mean.map((m, a) => {
      let v = m;
      for (let b = 0; b <= a; b++) v += L[a * n + b] * z[b];
      return v;
    });
    if (x.some((v, a) => !(v >= slots[a].lo && v <= slots[a].hi))) continue;
    const draw = copyModel(model);
    slots.forEach((s, a) => s.set(draw, x[a]));
    out.push(draw);
  }
  return out;
}
