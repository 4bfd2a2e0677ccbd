/**
 * Each trust check with one input that triggers it and one that does not (issue 16). Known answers are built by hand
 * (rates, peaks, Ea series), never by the code under test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Run } from '../../src/io/run.ts';
import { InputError } from '../../src/core/input-error.ts';
import { qualityOf } from '../../src/core/warnings.ts';
import {
  assertEnoughDistinctRates,
  checkHeatingRates,
  measuredHeatingRate_K_min,
} from '../../src/trust/rates.ts';
import { kissingerChecks } from '../../src/trust/kissinger.ts';
import { eaVariation, isoChecks } from '../../src/trust/isoconversional.ts';
import { signalChecks, signalJumps } from '../../src/trust/signal.ts';
import { exoDownRefusal } from '../../src/trust/dsc-sign.ts';
import { stageOverlapChecks } from '../../src/trust/stages.ts';
import type { IsoResult } from '../../src/analysis/isoconversional/result.ts';

/** A linear ramp at `beta` K/min from 300 K, 1 point per 6 s, with the declared rate and its source. */
function ramp(
  file: string,
  beta: number,
  declared?: number,
  source: Run['heatingRateSource'] = 'option',
): Run {
  const t = Array.from({ length: 400 }, (_, i) => i * 6);
  return {
    file,
    format: 'csv',
    sample: {},
    program: [],
    time_s: t,
    temperature_K: t.map((s) => 300 + (beta * s) / 60),
    heatingRate_K_min: declared ?? beta,
    heatingRateSource: declared === undefined ? 'slope' : source,
    notes: [],
    warnings: [],
  };
}
const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

test('rates: the measured T(t) slope of a linear ramp is its rate', () => {
  assert.ok(Math.abs(measuredHeatingRate_K_min(ramp('a.csv', 7.5))! - 7.5) < 1e-9);
  const noTime = { ...ramp('a.csv', 7.5), time_s: undefined };
  assert.equal(measuredHeatingRate_K_min(noTime), undefined);
});

test('rates: a declared rate > 5 % off the slope is replaced by it, with a caution; within 5 % nothing', () => {
  const r = checkHeatingRates([ramp('a.csv', 5, 5), ramp('b.csv', 10, 10.4), ramp('c.csv', 20, 10)]);
  assert.deepEqual(codes(r.warnings), ['rate.declared_mismatch']);
  assert.equal(r.warnings[0].file, 'c.csv');
  assert.equal(r.warnings[0].severity, 'caution');
  assert.ok(Math.abs(r.runs[2].heatingRate_K_min! - 20) < 1e-9);
  assert.equal(r.runs[1].heatingRate_K_min, 10.4, 'within 5 %: the declared rate is kept');
});

test('rates: declared rates that are the files’ rates in another order are refused, naming the files', () => {
  const runs = [ramp('cath_10.csv', 10, 2), ramp('cath_2.csv', 2, 5), ramp('cath_5.csv', 5, 10)];
  assert.throws(
    () => checkHeatingRates(runs),
    (e: unknown) => e instanceof InputError && /cath_10\.csv declared 2 K\/min/.test(e.message),
  );
  // the same against file names when there is no time column
  const noTime = runs.map((r) => ({ ...r, time_s: undefined }));
  assert.throws(() => checkHeatingRates(noTime), /file name says/);
  // in order: accepted
  const ok = [ramp('cath_2.csv', 2, 2), ramp('cath_5.csv', 5, 5), ramp('cath_10.csv', 10, 10)];
  assert.deepEqual(checkHeatingRates(ok).warnings, []);
});

test('rates: without a time column a rate contradicting the file name cautions; an absurd rate is refused', () => {
  const r = { ...ramp('x_20Kmin.csv', 20, 10), time_s: undefined };
  assert.deepEqual(codes(checkHeatingRates([r]).warnings), ['rate.filename_mismatch']);
  const absurd = { ...ramp('x.csv', 20, 1e-300), time_s: undefined };
  assert.throws(() => checkHeatingRates([absurd]), /outside the plausible range/);
  // with a time column the absurd rate is simply replaced by the measured one
  const fixed = checkHeatingRates([ramp('x.csv', 20, 1e-300)]);
  assert.ok(Math.abs(fixed.runs[0].heatingRate_K_min! - 20) < 1e-9);
});

test('rates: rates within 2 % count as one; fewer than 3 distinct are refused', () => {
  assert.throws(
    () =>
      assertEnoughDistinctRates(
        [{ beta_K_min: 5 }, { beta_K_min: 5.0000000039 }, { beta_K_min: 10 }],
        'Kissinger',
      ),
    /at least 3 distinct heating rates.*got 2/,
  );
  assert.throws(() =>
    assertEnoughDistinctRates([{ beta_K_min: 5 }, { beta_K_min: 5.09 }, { beta_K_min: 10 }], 'K'),
  );
  assert.deepEqual(
    assertEnoughDistinctRates([{ beta_K_min: 5 }, { beta_K_min: 10 }, { beta_K_min: 20 }], 'K'),
    [],
  );
  const merged = assertEnoughDistinctRates(
    [{ beta_K_min: 5 }, { beta_K_min: 10 }, { beta_K_min: 10.1 }, { beta_K_min: 20 }],
    'K',
  );
  assert.deepEqual(codes(merged), ['rate.merged']);
  assert.equal(merged[0].severity, 'info');
});

/** Kissinger-shaped input: points at 5/10/20 K/min with peaks at these temperatures. */
const kPoints = (T: number[]) =>
  T.map((T_peak_K, i) => ({ beta_K_min: [5, 10, 20][i], T_peak_K, file: `r${i}.csv` }));
const kRes = (Ea: number, r2: number, T = [550, 560, 570]) => ({
  Ea_kJ_mol: Ea,
  r2,
  Ea_ci95_kJ_mol: 1,
  points: kPoints(T),
});
/** An isoconversional series with Ea(α) given at α 0.1…0.9. */
function isoRes(method: IsoResult['method'], Ea: number[], se = 0.5): IsoResult {
  return {
    method,
    rates_K_min: [5, 10, 20],
    warnings: [],
    note: '',
    rows: Ea.map((E, i) => ({
      alpha: Math.round((0.1 + 0.1 * i) * 10) / 10,
      Ea_kJ_mol: E,
      Ea_se_kJ_mol: se,
      Ea_ci95_low_kJ_mol: E - 2 * se,
      Ea_ci95_high_kJ_mol: E + 2 * se,
      T_K: [],
    })),
  };
}
const flat = (E: number) => Array.from({ length: 9 }, () => E);
const rising = (a: number, b: number) => Array.from({ length: 9 }, (_, i) => a + ((b - a) * i) / 8);

test('kissinger: a plausible line on rising peaks consistent with Ea(α) gives no warning', () => {
  assert.deepEqual(kissingerChecks(kRes(150, 0.999), { iso: isoRes('friedman', flat(150)) }), []);
});

test('kissinger: implausible Ea, peaks not rising, low R², peaks below 0 °C', () => {
  assert.deepEqual(codes(kissingerChecks(kRes(-80.8, 0.999))), ['kissinger.ea_implausible']);
  assert.deepEqual(codes(kissingerChecks(kRes(650, 0.999))), ['kissinger.ea_implausible']);
  assert.deepEqual(codes(kissingerChecks(kRes(15, 0.999))), ['kissinger.ea_implausible']);
  assert.deepEqual(codes(kissingerChecks(kRes(150, 0.999, [560, 550, 570]))), ['kissinger.peaks_not_rising']);
  const low = kissingerChecks(kRes(150, 0.95));
  assert.deepEqual(codes(low), ['kissinger.r2_low']);
  assert.equal(qualityOf(low), 'caution');
  assert.equal(qualityOf(kissingerChecks(kRes(150, 0.44))), 'unreliable');
  assert.ok(codes(kissingerChecks(kRes(150, 0.999, [250, 260, 270]))).includes('kissinger.peak_below_0C'));
});

test('kissinger: apparent when Ea(α) varies > 20 %; outside the Ea(α) range', () => {
  const w = kissingerChecks(kRes(150, 0.999), { iso: isoRes('friedman', rising(100, 200)) });
  assert.deepEqual(codes(w), ['kinetics.apparent']);
  const out = kissingerChecks(kRes(270.7, 0.9988), { iso: isoRes('friedman', rising(138, 166)) });
  assert.deepEqual(codes(out), ['kinetics.apparent', 'kissinger.outside_iso_range'].slice(1));
  // a 15 % variation is not "apparent"
  assert.deepEqual(
    codes(kissingerChecks(kRes(150, 0.999), { iso: isoRes('friedman', rising(140, 162)) })),
    [],
  );
});

test('iso: a flat, tight series is clean; implausible rows are flagged at their α', () => {
  assert.deepEqual(isoChecks(isoRes('friedman', flat(150))), []);
  const E = flat(150);
  E[2] = -22.7;
  const w = isoChecks(isoRes('friedman', E));
  assert.ok(w.some((x) => x.code === 'iso.ea_implausible' && x.alpha === 0.3 && x.severity === 'unreliable'));
  const all = isoChecks(isoRes('friedman', flat(-235.6)));
  assert.equal(qualityOf(all), 'unreliable');
});

test('iso: variation > 20 % is noted; KAS/FWO are then biased; disagreement with Friedman beyond the limits', () => {
  assert.ok(Math.abs(eaVariation(isoRes('friedman', rising(100, 200)))!.variation - 100 / 150) < 1e-12);
  const F = isoRes('friedman', rising(100, 200));
  assert.deepEqual(codes(isoChecks(F)), ['iso.ea_varies']);
  assert.equal(
    qualityOf(isoChecks(F)),
    'ok',
    'a varying Friedman series is the right tool, not a wrong number',
  );
  // KAS off by 36 kJ/mol with ±1 kJ/mol limits on a 100→200 process
  const kas = isoRes('kas', rising(136, 164), 0.5);
  const w = isoChecks(kas, { friedman: F });
  assert.ok(codes(w).includes('iso.integral_biased'));
  assert.ok(codes(w).includes('iso.methods_disagree'));
  // single-step: KAS within 1 % of Friedman → nothing
  assert.deepEqual(isoChecks(isoRes('kas', flat(149.7)), { friedman: isoRes('friedman', flat(150)) }), []);
});

test('iso: a large standard error and a jumping value are cautioned at their α', () => {
  const se = isoChecks(isoRes('vyazovkin', flat(150), 10));
  assert.ok(se.every((w) => w.code === 'iso.uncertain') && se.length === 9);
  const E = flat(150);
  E[4] = 200;
  const w = isoChecks(isoRes('friedman', E));
  assert.deepEqual(
    w.filter((x) => x.code === 'iso.scatter').map((x) => x.alpha),
    [0.5],
  );
});

/** A first-order-like mass curve (logistic in T), n points, with optional noise and a glitch. */
function massCurve(n: number, glitchAt?: number, glitch = 0): number[] {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.002;
  return Array.from({ length: n }, (_, i) => {
    const a = 1 / (1 + Math.exp(-(i - n / 2) / (n / 30)));
    return 100 - 40 * a + rnd() - (glitchAt !== undefined && i >= glitchAt ? glitch : 0);
  });
}

test('signal: a balance jump is found; a smooth noisy decomposition is not', () => {
  assert.deepEqual(signalJumps(massCurve(2000)), []);
  const j = signalJumps(massCurve(2000, 1500, 6));
  assert.equal(j.length, 1);
  assert.equal(j[0].index, 1499);
  assert.ok(Math.abs(j[0].fraction - 6 / 46) < 0.01);
  const run: Run = {
    ...ramp('g.csv', 10),
    temperature_K: Array.from({ length: 2000 }, (_, i) => 300 + i * 0.25),
    mass_pct: massCurve(2000, 1500, 6),
  };
  const w = signalChecks(run);
  assert.deepEqual(codes(w), ['signal.jump']);
  assert.equal(w[0].severity, 'unreliable');
  assert.deepEqual(signalChecks({ ...run, mass_pct: massCurve(2000) }), []);
});

test('DSC sign: an exotherm recorded negative (sign as recorded) is refused with --exo-sign; declared signs are trusted', () => {
  const T = Array.from({ length: 600 }, (_, i) => 350 + i);
  const peak = T.map((t) => 0.05 + 2 * Math.exp(-(((t - 600) / 15) ** 2)));
  const base = { ...ramp('d.csv', 10), temperature_K: T };
  const asRecorded = ['heat flow sign as recorded (exothermic assumed positive; use --exo-sign -1 to flip)'];
  assert.match(
    exoDownRefusal({ ...base, heatFlow_W_g: peak.map((q) => -q), notes: asRecorded })!,
    /recorded negative.*--exo-sign -1/,
  );
  assert.equal(exoDownRefusal({ ...base, heatFlow_W_g: peak, notes: asRecorded }), undefined);
  assert.equal(
    exoDownRefusal({ ...base, heatFlow_W_g: peak.map((q) => -q), notes: ['exothermic sign − by option'] }),
    undefined,
  );
});

test('stages: a window cutting through a neighbouring process is flagged; a complete peak is not', () => {
  const T = Array.from({ length: 200 }, (_, i) => 500 + i);
  const g = (c: number) => T.map((t) => Math.exp(-(((t - c) / 10) ** 2)));
  const curve = (d: number[]) => ({
    beta_K_min: 10,
    T_K: T,
    alpha: T.map(() => 0),
    dadT_per_K: d,
    notes: [],
    warnings: [],
  });
  assert.deepEqual(stageOverlapChecks([curve(g(600))], 1), []);
  assert.deepEqual(codes(stageOverlapChecks([curve(g(690))], 1)), ['kinetics.stage_overlap']);
});

test('fits: a good fit is clean; low R², peak offset, structured residuals, bounds say "model inadequate"', async () => {
  const { fitChecks, durbinWatson } = await import('../../src/trust/fits.ts');
  // Durbin–Watson of alternating residuals is ≈ 4, of a constant run ≈ 0
  assert.ok(Math.abs(durbinWatson([1, -1, 1, -1, 1, -1]) - 20 / 6) < 1e-12);
  assert.equal(durbinWatson([1, 1, 1, 1]), 0);
  const rate = (r2: number, dT: number, residuals: number[]) => ({
    beta_K_min: 10,
    file: 'a.csv',
    points: residuals.length,
    r2,
    rmse: 0,
    T_peak_data_K: 600,
    T_peak_model_K: 600 + dT,
    scale: 1,
    residuals,
    model: [],
    T_K: [],
  });
  const white = [0.1, -0.2, 0.15, -0.05, 0.1, -0.1, 0.2, -0.15];
  assert.deepEqual(fitChecks({ rates: [rate(0.9995, 0.5, white)], onBound: [] }), []);
  const low = fitChecks({ rates: [rate(0.17, 0.5, white)], onBound: [] });
  assert.deepEqual(codes(low), ['fit.r2_low']);
  assert.equal(low[0].severity, 'unreliable');
  assert.match(low[0].message, /model inadequate/);
  assert.deepEqual(codes(fitChecks({ rates: [rate(0.995, 4, white)], onBound: [] })), ['fit.peak_offset']);
  const smooth = [1, 1.1, 1.2, 1.1, 1, 0.8, 0.6, 0.5];
  assert.deepEqual(codes(fitChecks({ rates: [rate(0.995, 0.5, smooth)], onBound: [] })), [
    'fit.residuals_structured',
  ]);
  assert.deepEqual(codes(fitChecks({ rates: [rate(0.9995, 0.5, white)], onBound: ['n:lower'] })), [
    'fit.on_bound',
  ]);
  assert.deepEqual(
    codes(
      fitChecks(
        { rates: [rate(0.9995, 0.5, white)], onBound: [] },
        { iso: isoRes('friedman', rising(100, 200)) },
      ),
    ),
    ['kinetics.apparent'],
  );
});
