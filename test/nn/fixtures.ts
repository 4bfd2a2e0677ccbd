/**
 * Small synthetic multi-rate datasets for the CNN tests, written in the `ckin synth` directory format.
 * Curves are exact JMA dα/dT (n = 3) on the paper's 200-point 30–800 °C grid, peak-normalized. Labels: Ea uniform in
 * [130, 190] kJ/mol and lgA from the Kissinger relation for a 10 K/min peak temperature uniform in [480, 580] K, so
 * every peak lies well inside the window.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { R_J_PER_MOL_K, celsiusToKelvin } from '../../src/kinetics/constants.ts';
import { mulberry32 } from '../../src/core/random.ts';

export const RATES = [10, 30, 60];
export const GRID_K = Array.from({ length: 200 }, (_, i) => celsiusToKelvin(30 + (i * 770) / 199));

/** lgA (s⁻¹) that puts the 10 K/min Kissinger peak at Tp (n-independent first-order approximation). */
export function kissingerLgA(Ea_kJ_mol: number, Tp_K: number, beta_K_min = 10): number {
  const E = Ea_kJ_mol * 1000;
  return (
    Math.log10(((beta_K_min / 60) * E) / (R_J_PER_MOL_K * Tp_K * Tp_K)) +
    E / (R_J_PER_MOL_K * Tp_K) / Math.LN10
  );
}

/** Peak-normalized exact curves [3 × 200] for one (Ea, lgA), n = 3. */
export function exactCurves(Ea_kJ_mol: number, lgA_s: number): Float32Array {
  const out = new Float32Array(RATES.length * GRID_K.length);
  RATES.forEach((beta, r) => {
    const { dadT_per_K } = jmaExactCurve({ Ea_kJ_mol, lgA_s, n: 3 }, beta, GRID_K[0], GRID_K);
    let max = 0;
    for (const v of dadT_per_K) max = Math.max(max, v);
    for (let p = 0; p < GRID_K.length; p++) out[r * GRID_K.length + p] = dadT_per_K[p] / max;
  });
  return out;
}

/** Write a dataset of `count` samples (split 70/15/15 by index) into a new temporary directory; returns it. */
export function writeTinyDataset(count: number, seed = 1): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ckin-nn-')), 'data');
  mkdirSync(dir);
  const rng = mulberry32(seed);
  const rnd = () => rng.uniform();
  const P = GRID_K.length;
  const curves = new Float32Array(count * 3 * P);
  const aux = new Float32Array(count * 3);
  const labels = new Float32Array(count * 3);
  const split = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const Ea = 130 + 60 * rnd();
    const lgA = kissingerLgA(Ea, 480 + 100 * rnd());
    curves.set(exactCurves(Ea, lgA), i * 3 * P);
    aux.set(RATES, i * 3);
    labels.set([Ea, lgA, 3], i * 3);
    split[i] = i % 20 < 14 ? 0 : i % 20 < 17 ? 1 : 2;
  }
  const manifest = {
    format: 'cathode-kinetics-dataset',
    formatVersion: 1,
    seed,
    count,
    points: P,
    rates_K_min: RATES,
    grid_C: { start: 30, end: 800, points: P },
    materials: ['TEST'],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'curves.f32'), curves);
  writeFileSync(join(dir, 'aux.f32'), aux);
  writeFileSync(join(dir, 'labels.f32'), labels);
  writeFileSync(join(dir, 'material.u8'), new Uint8Array(count));
  writeFileSync(join(dir, 'share.u8'), new Uint8Array(count));
  writeFileSync(join(dir, 'flags.u8'), new Uint8Array(count).fill(1));
  writeFileSync(join(dir, 'split.u8'), split);
  return dir;
}
