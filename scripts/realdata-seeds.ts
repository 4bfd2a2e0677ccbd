/**
 * `npx tsx scripts/realdata-seeds.ts [--seeds 40]` — the known answer of issue 15 over many noise seeds, the number
 * the realdata tests check on seeds 1–10: first order, Ea 150 kJ/mol, lgA 12, 2–40 K/min, mass noise 0.3 % of the
 * step, (a) 2 K sampling, (b) 1 s sampling with σ 0.05 K temperature jitter. Prints, for Kissinger and Friedman (mean
 * over α 0.2–0.8), how many seeds land within ±2 kJ/mol and the mean bias.
 */
import { parseArgs } from 'node:util';
import { simulateRuns } from '../src/kinetics/simulate.ts';
import { nthOrder } from '../src/kinetics/models/index.ts';
import { mulberry32 } from '../src/core/random.ts';
import { runToConversionCurve } from '../src/analysis/conversion-curve.ts';
import { kissingerFromCurves } from '../src/analysis/kissinger.ts';
import { friedman } from '../src/analysis/isoconversional/friedman.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '40' } } });
const SEEDS = Number(values.seeds);
const RATES = [2, 5, 10, 20, 40];
const ALPHAS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

function curves(seed: number, everyS?: number, jitterK = 0) {
  const rng = mulberry32(seed);
  return RATES.map((beta) => {
    const [sim] = simulateRuns({
      model: nthOrder(1),
      params: { Ea_kJ_mol: 150, lgA_s: 12 },
      rates_K_min: [beta],
      T_start_K: 380,
      T_end_K: 680,
      step_K: everyS ? (beta / 60) * everyS : 2,
    });
    return runToConversionCurve({
      file: `b${beta}`,
      format: 'sim',
      sample: {},
      program: [],
      heatingRate_K_min: beta,
      time_s: Array.from(sim.time_s),
      temperature_K: Array.from(sim.temperature_K, (T) => T + jitterK * rng.normal()),
      mass_pct: Array.from(sim.mass_pct, (m) => m + 0.3 * rng.normal()),
      notes: [],
      warnings: [],
    });
  });
}

for (const [name, every, jitter] of [
  ['2 K sampling', undefined, 0],
  ['1 s sampling, σ 0.05 K jitter', 1, 0.05],
] as const) {
  const k: number[] = [];
  const f: number[] = [];
  for (let s = 1; s <= SEEDS; s++) {
    const c = curves(s, every, jitter);
    k.push(kissingerFromCurves(c).Ea_kJ_mol - 150);
    const rows = friedman(c, ALPHAS).rows;
    f.push(rows.reduce((a, r) => a + r.Ea_kJ_mol, 0) / rows.length - 150);
  }
  const line = (label: string, e: number[]) =>
    `  ${label}: ${e.filter((x) => Math.abs(x) <= 2).length}/${SEEDS} within ±2 kJ/mol, bias ${(e.reduce((a, b) => a + b, 0) / e.length).toFixed(2)}, worst ${e.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0).toFixed(2)}`;
  console.log(`${name}:\n${line('Kissinger', k)}\n${line('Friedman ', f)}`);
}
