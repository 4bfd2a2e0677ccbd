/**
 * Synthetic demonstration database with KNOWN effects, for the main job and the known-answer test of the whole
 * explainable-ML chain. Every record's provenance is `source_kind = synthetic`, `source = ckin demo generator …`.
 *
 * Materials: NCM (65 %), NCA (10 %), LCO (10 %), Li-rich (15 %); half of the non-Li-rich materials carry one dopant
 * (Al, Mg, Ti or Zr, 0.5–5 %), which spreads the TM radii independently of the Ni content. Conditions are drawn
 * independently: cut-off 4.2–4.6 V (Li-rich 4.5–4.8 V), electrolyte 0 (25 %) or 0.2–2 mg/mg, additive (30 %),
 * sealed crucible (70 %), scan rate 2/5/10/20 K/min, active ratio 0.80–0.96.
 *
 * Targets are ADDITIVE in the features (so the exact SHAP value of feature j is g_j(x_j) − E[g_j]):
 *   onset_T_K  = 500 − 90 (ni − 0.5) − 60 (V − 4.4) + 900 (r_std − 0.03) + 3 e + 4 add + 3 sealed + N(0, 3²)
 *   peak_T_K   = 540 − 90 (ni − 0.5) − 20 (V − 4.4) + 1300 (r_std − 0.03) − 25 (e − 0.8) + 5 add + N(0, 4²),
 *                at least onset + 5 K
 *   log10 P    = 0.5 + 0.35 e + 0.9 log10(β/5) + 0.5 (ni − 0.5) + 0.08 sealed + N(0, 0.04²)   (P in W/g)
 *   total heat = 600 + 800 ni + 300 e + N(0, 40²) J/g (not a model target)
 * with ni = ni_content, V = cutoff_voltage_V, r_std = radius_tm_std_A (Å), e = electrolyte_content_mg_mg,
 * add = electrolyte_additive, sealed = crucible is sealed, β = scan_rate_K_min.
 * Hence the true top-3 drivers (by mean |SHAP|) and signs:
 *   onset: ni_content −, radius_tm_std_A +, cutoff_voltage_V −
 *   peak:  ni_content −, electrolyte_content_mg_mg −, radius_tm_std_A +
 *   power: scan_rate_K_min +, electrolyte_content_mg_mg +, ni_content +
 */
import { createRng, type Rng } from '../core/random.ts';
import { tmDescriptors } from './descriptors.ts';
import type { DscRecord } from './schema.ts';

export const DEMO_TRUTH: Record<'onset' | 'peak' | 'power', { feature: string; sign: 1 | -1 }[]> = {
  onset: [
    { feature: 'ni_content', sign: -1 },
    { feature: 'radius_tm_std_A', sign: 1 },
    { feature: 'cutoff_voltage_V', sign: -1 },
  ],
  peak: [
    { feature: 'ni_content', sign: -1 },
    { feature: 'electrolyte_content_mg_mg', sign: -1 },
    { feature: 'radius_tm_std_A', sign: 1 },
  ],
  power: [
    { feature: 'scan_rate_K_min', sign: 1 },
    { feature: 'electrolyte_content_mg_mg', sign: 1 },
    { feature: 'ni_content', sign: 1 },
  ],
};

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.uniform();
const round = (v: number, digits: number): number => Number(v.toFixed(digits));

function composition(rng: Rng): { family: string; li: number; tm: Record<string, number> } {
  const u = rng.uniform();
  let family: string, li: number;
  let tm: Record<string, number>;
  if (u < 0.65) {
    family = 'ncm';
    li = 1;
    const ni = uniform(rng, 0.33, 0.92);
    const split = uniform(rng, 0.15, 0.85);
    tm = { Ni: ni, Co: (1 - ni) * split, Mn: (1 - ni) * (1 - split) };
  } else if (u < 0.75) {
    family = 'nca';
    li = 1;
    const ni = uniform(rng, 0.78, 0.92),
      al = uniform(rng, 0.02, 0.06);
    tm = { Ni: ni, Co: 1 - ni - al, Al: al };
  } else if (u < 0.85) {
    family = 'lco';
    li = 1;
    tm = { Co: 1 };
  } else {
    family = 'lr';
    li = uniform(rng, 1.1, 1.25);
    const total = 2 - li,
      mnFrac = uniform(rng, 0.55, 0.7),
      split = uniform(rng, 0.3, 0.7);
    tm = { Mn: total * mnFrac, Ni: total * (1 - mnFrac) * split, Co: total * (1 - mnFrac) * (1 - split) };
  }
  if (family !== 'lr' && rng.uniform() < 0.5) {
    const dop = pick(rng, ['Al', 'Mg', 'Ti', 'Zr']);
    const x = uniform(rng, 0.005, 0.05);
    for (const k of Object.keys(tm)) tm[k] *= 1 - x;
    tm[dop] = (tm[dop] ?? 0) + x;
  }
  for (const k of Object.keys(tm)) tm[k] = round(tm[k], 4);
  return { family, li: round(li, 4), tm };
}

function formulaOf(li: number, tm: Record<string, number>): string {
  const order = ['Ni', 'Co', 'Mn', 'Al', 'Mg', 'Ti', 'Zr'];
  const fmtN = (v: number): string => (Math.abs(v - 1) < 1e-9 ? '' : String(round(v, 3)));
  return `Li${fmtN(li)}${order
    .filter((e) => tm[e] > 0)
    .map((e) => e + fmtN(tm[e]))
    .join('')}O2`;
}

/** Generate `n` synthetic DSC records (seeded, reproducible). */
export function generateDemoRecords(n = 600, seed = 2025): DscRecord[] {
  const rng = createRng(seed);
  const out: DscRecord[] = [];
  for (let i = 0; i < n; i++) {
    const { family, li, tm } = composition(rng);
    const rStd = tmDescriptors(tm).radius_tm_std_A;
    const ni = tm.Ni ?? 0;
    const V = family === 'lr' ? round(uniform(rng, 4.5, 4.8), 2) : pick(rng, [4.2, 4.3, 4.4, 4.5, 4.6]);
    const e = rng.uniform() < 0.25 ? 0 : round(uniform(rng, 0.2, 2), 3);
    const add = rng.uniform() < 0.3 ? 1 : 0;
    const sealed = rng.uniform() < 0.7 ? 1 : 0;
    const beta = pick(rng, [2, 5, 10, 20]);
    const active = round(uniform(rng, 0.8, 0.96), 3);
    const onset =
      500 -
      90 * (ni - 0.5) -
      60 * (V - 4.4) +
      900 * (rStd - 0.03) +
      3 * e +
      4 * add +
      3 * sealed +
      3 * rng.normal();
    let peak =
      540 -
      90 * (ni - 0.5) -
      20 * (V - 4.4) +
      1300 * (rStd - 0.03) -
      25 * (e - 0.8) +
      5 * add +
      4 * rng.normal();
    peak = Math.max(peak, onset + 5);
    const logP =
      0.5 + 0.35 * e + 0.9 * Math.log10(beta / 5) + 0.5 * (ni - 0.5) + 0.08 * sealed + 0.04 * rng.normal();
    const heat = 600 + 800 * ni + 300 * e + 40 * rng.normal();
    const rec: DscRecord = {
      formula: formulaOf(li, tm),
      family,
      li_content: li,
      cutoff_voltage_V: V,
      delithiation_fraction: null,
      electrolyte_content_mg_mg: e,
      electrolyte_composition: e > 0 ? '1 M LiPF6 in EC:DMC (1:1 v/v)' : null,
      electrolyte_additive: e > 0 ? add : 0,
      additives: e > 0 && add ? '2 wt% VC' : null,
      active_material_ratio: active,
      binder_carbon_ratio: round(1 - active, 3),
      crucible: sealed ? 'sealed' : 'open',
      scan_rate_K_min: beta,
      atmosphere: 'Ar',
      onset_T_K: round(onset, 2),
      peak_T_K: round(peak, 2),
      max_power_W_g: round(10 ** logP, 4),
      total_heat_J_g: round(Math.max(50, heat), 1),
      source: `ckin demo generator (seed ${seed}, record ${i + 1}/${n}) — SYNTHETIC, not measured`,
      source_kind: 'synthetic',
      added_by: 'ckin demo generator',
      note: 'synthetic record with known effects (docs/dsc-xai.md)',
    };
    for (const el of ['Ni', 'Co', 'Mn', 'Al', 'Mg', 'Ti', 'Zr', 'Fe', 'Nb', 'W'])
      rec[`${el.toLowerCase()}_content`] = tm[el] ?? 0;
    out.push(rec);
  }
  return out;
}
