import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchStages, peaksRiseWithBeta, type RunStages } from '../../src/analysis/stage-matching.ts';
import { amountWarnings } from '../../src/analysis/analyze.ts';

const w = (lo: number, hi: number, peak: number) => ({
  lo_K: lo,
  hi_K: hi,
  peak_K: peak,
  source: 'auto' as const,
});
const run = (file: string, beta: number, windows: RunStages['windows']): RunStages => ({
  file,
  beta_K_min: beta,
  T_range_K: [400, 800],
  windows,
});

test('two steps separate at low β and merged at high β: one stage definition in every run, with the runs named', () => {
  const res = matchStages([
    run('b2', 2, [w(400, 520, 500), w(520, 800, 540)]),
    run('b5', 5, [w(400, 530, 510), w(530, 800, 552)]),
    run('b10', 10, [w(400, 540, 520), w(540, 800, 560)]),
    run('b20', 20, [w(400, 800, 545)]),
    run('b40', 40, [w(400, 800, 560)]),
  ]);
  assert.equal(res.count, 1);
  // every run has the one merged window over its whole range
  for (const ws of res.windows) assert.deepEqual([ws[0]!.lo_K, ws[0]!.hi_K], [400, 800]);
  const m = res.warnings.find((x) => x.code === 'stages.merged' && x.severity === 'caution');
  assert.ok(
    m && /b2, b5, b10/.test(m.message) && /b20, b40/.test(m.message) && /--window/.test(m.message),
    m?.message,
  );
});

test('a stage beyond a run’s data is missing in that run, not merged in the others', () => {
  const res = matchStages([
    run('b2', 2, [w(400, 520, 500), w(520, 700, 600)]),
    run('b5', 5, [w(400, 530, 510), w(530, 720, 615)]),
    { ...run('b40', 40, [w(400, 620, 540)]), T_range_K: [400, 620] },
  ]);
  assert.equal(res.count, 2);
  assert.ok(!res.warnings.some((x) => x.code === 'stages.merged'));
  assert.equal(res.windows[2][0]!.peak_K, 540);
  assert.equal(res.windows[2][1], undefined);
});

test('peaks that do not rise with β: the stage is refused, naming the runs', () => {
  const msg = peaksRiseWithBeta([
    { file: 'b2', beta_K_min: 2, T_peak_K: 540 },
    { file: 'b10', beta_K_min: 10, T_peak_K: 511 },
    { file: 'b20', beta_K_min: 20, T_peak_K: 560 },
  ]);
  assert.ok(msg && /b10 \(10\.0 K\/min\) peaks 29\.0 K below b2/.test(msg), msg);
  assert.equal(
    peaksRiseWithBeta([
      { file: 'a', beta_K_min: 2, T_peak_K: 500 },
      { file: 'b', beta_K_min: 5, T_peak_K: 499 },
    ]),
    undefined,
  );
});

test('an extra (noise or shoulder) peak in one run is merged into its neighbour in that run only', () => {
  const res = matchStages([
    run('b2', 2, [w(400, 600, 500)]),
    run('b5', 5, [w(400, 505, 503), w(505, 600, 512)]),
    run('b10', 10, [w(400, 600, 525)]),
  ]);
  assert.equal(res.count, 1);
  assert.deepEqual([res.windows[1][0]!.lo_K, res.windows[1][0]!.hi_K], [400, 600]);
  assert.ok(res.warnings.some((x) => x.code === 'stages.merged' && x.file === 'b5'));
});

test('mass loss or ΔH of a stage differing by more than 20 % between runs is a warning', () => {
  const row = (file: string, massLoss_pct: number) => ({
    file,
    beta_K_min: 1,
    T_onset_K: null,
    T_peak_K: 500,
    massLoss_pct,
    window_K: [400, 600] as [number, number],
  });
  assert.deepEqual(amountWarnings([row('a', 30), row('b', 35.9)], 1), []);
  const w2 = amountWarnings([row('a', 30), row('b', 36.1)], 2);
  assert.equal(w2.length, 1);
  assert.equal(w2[0].code, 'stages.amount-differs');
  assert.ok(/30\.0 % \(a\) to 36\.1 % \(b\)/.test(w2[0].message), w2[0].message);
});
