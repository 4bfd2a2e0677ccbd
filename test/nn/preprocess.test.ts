import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { celsiusToKelvin } from '../../src/kinetics/constants.ts';
import { prepareRunSample } from '../../src/nn/preprocess.ts';
import { exactCurves, kissingerLgA } from './fixtures.ts';

const GRID = { start: 30, end: 800, points: 200 };

test('a finely sampled run, resampled and peak-normalized, matches the synthetic representation', () => {
  const Ea = 170;
  const lgA = kissingerLgA(Ea, 540);
  // Runs as an instrument would give them: 0.5 K steps from 40 °C (later than the grid start), given out of order.
  const T = Array.from({ length: 1500 }, (_, i) => celsiusToKelvin(40 + 0.5 * i));
  const runs = [60, 10, 30].map((beta) => ({
    beta_K_min: beta,
    T_K: T,
    dadT_per_K: Array.from(
      jmaExactCurve({ Ea_kJ_mol: Ea, lgA_s: lgA, n: 3 }, beta, celsiusToKelvin(30), T).dadT_per_K,
    ),
    file: `run-${beta}.csv`,
  }));
  const p = prepareRunSample(runs, [10, 30, 60], GRID);
  assert.deepEqual(Array.from(p.set.aux), [10, 30, 60]);
  const expected = exactCurves(Ea, lgA);
  let maxErr = 0;
  for (let i = 0; i < expected.length; i++)
    maxErr = Math.max(maxErr, Math.abs(p.set.curves[i] - expected[i]));
  // Linear interpolation from a 0.5 K grid of a peak ~20 K wide: error ~ (0.5 K)²·|y''|/8 ≲ 1e-3 of the peak.
  assert.ok(maxErr < 2e-3, `max deviation ${maxErr}`);
  // every run is finished well inside the grid: dα/dT at its last point is ~0 of the peak
  for (const f of p.endFraction) assert.ok(f < 1e-6, `end fraction ${f}`);
});

test('wrong number of runs is refused; a run stopped mid-reaction shows in endFraction', () => {
  const T = Array.from({ length: 400 }, (_, i) => celsiusToKelvin(30 + 2 * i));
  const run = (beta: number) => ({
    beta_K_min: beta,
    T_K: T,
    dadT_per_K: Array.from(jmaExactCurve({ Ea_kJ_mol: 170, lgA_s: 14, n: 3 }, beta, T[0], T).dadT_per_K),
  });
  assert.throws(() => prepareRunSample([run(10), run(30)], [10, 30, 60], GRID), /takes 3 runs/);
  // the 60 K/min run cut at its peak temperature: dα/dT at the last point is the peak itself
  const full = run(60);
  let k = 0;
  full.dadT_per_K.forEach((v, i) => (v > full.dadT_per_K[k] ? (k = i) : 0));
  const cut = { ...full, T_K: full.T_K.slice(0, k + 1), dadT_per_K: full.dadT_per_K.slice(0, k + 1) };
  const p = prepareRunSample([run(10), run(30), cut], [10, 30, 60], GRID);
  assert.ok(p.endFraction[0] < 1e-6 && p.endFraction[1] < 1e-6, String(p.endFraction));
  assert.equal(p.endFraction[2], 1);
});
