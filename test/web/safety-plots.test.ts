import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safety } from '../../src/app/safety.ts';
import { SAFETY_TIMES } from '../../src/app/safety-shared.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import {
  banded,
  isoTemperatureBandSpec,
  programBandSpec,
  timeToAlphaBandSpec,
} from '../../web/src/safety-plots.ts';

/**
 * The Safety tab's band plots (no browser): built from a real `ckin safety --json` answer for a first-order triplet
 * (JMA n = 1), the plotted values are the analytic ones — t_α = −ln(1 − α)/k(T), and at the isothermal temperature
 * for time t, k(T)·t = −ln(1 − α) — and the plotted bars are exactly the answer's 90 % limits.
 */
const Ea = 120;
const lgA = 10;
const k = (T: number) => 10 ** lgA * Math.exp(-(Ea * 1000) / (R_J_PER_MOL_K * T));
const res = safety({
  Ea_kJ_mol: Ea,
  lgA_s: lgA,
  n: 1,
  Ea_se_kJ_mol: 2,
  lgA_se: 0.2,
  isothermal_K: 400,
  alphas: [0.1, 0.5],
});
type Spec = { data: { values: Record<string, number | string>[] } };

test('time to α at the isothermal temperature: plotted t equals −ln(1 − α)/k, the bars are the 90 % interval', () => {
  const spec = timeToAlphaBandSpec(res.isothermal!.times, 'time to α') as Spec;
  const rows = spec.data.values;
  assert.equal(rows.length, 2);
  rows.forEach((r, i) => {
    const alpha = r.alpha as number;
    const exact_h = -Math.log(1 - alpha) / k(400) / 3600;
    assert.ok(Math.abs((r.t_h as number) / exact_h - 1) < 1e-3, `α ${alpha}: ${r.t_h} h vs ${exact_h} h`);
    const iv = res.isothermal!.times[i].time_s.interval90!;
    assert.equal(r.lo_h, iv.p05 / 3600);
    assert.equal(r.hi_h, iv.p95 / 3600);
    assert.ok(r.lo_h < (r.t_h as number) && (r.t_h as number) < r.hi_h);
    assert.equal(r.band, '90 %');
  });
});

test('isothermal temperature for each time: k(T)·t = −ln(1 − α) at the plotted T, bars in °C from the interval', () => {
  const times = SAFETY_TIMES.map(([label]) => label);
  assert.deepEqual(times, ['1 h', '1 day', '1 year']); // the page's columns (web/src/safety-tab.ts TIMES)
  const spec = isoTemperatureBandSpec(res.isothermal_T_for_time, times, 'iso') as Spec;
  const rows = spec.data.values;
  assert.equal(rows.length, res.isothermal_T_for_time.length * times.length);
  for (const r of rows) {
    const t = SAFETY_TIMES.find(([l]) => l === r.time)![1];
    const T_K = (r.T_C as number) + 273.15;
    const alpha = Number(r.alpha);
    assert.ok(Math.abs((k(T_K) * t) / -Math.log(1 - alpha) - 1) < 1e-3, `α ${alpha}, ${r.time}: T ${T_K} K`);
    const v = res.isothermal_T_for_time.find((x) => x.alpha === alpha)!.T_K[r.time as string];
    assert.equal(r.lo_C, v.interval90!.p05 - 273.15);
    assert.equal(r.hi_C, v.interval90!.p95 - 273.15);
  }
});

test('banded reads every shape of a predicted number; the program band falls back to the curve without limits', () => {
  assert.deepEqual(banded(3), { value: 3, lo: null, hi: null });
  assert.deepEqual(banded({ value: 2, lo90: 1, hi90: 4, quality: 'ok' }), { value: 2, lo: 1, hi: 4 });
  assert.deepEqual(banded({ value: 2, interval90: { p05: 1, p95: 3 } }), { value: 2, lo: 1, hi: 3 });
  assert.deepEqual(banded({ value: 2, lo90: null, hi90: null }), { value: 2, lo: null, hi: null });
  assert.equal(banded({ value: null }), undefined);
  const p = {
    time_s: [0, 60, 120],
    alpha: [0, 0.2, 0.5],
    alpha_lo90: [0, 0.1, 0.4],
    alpha_hi90: [0, 0.3, 0.6],
  };
  const rows = (programBandSpec(p, 'program') as Spec).data.values;
  assert.deepEqual(rows[2], { t_min: 2, alpha: 0.5, lo: 0.4, hi: 0.6 });
  const none = (programBandSpec({ ...p, alpha_lo90: [], alpha_hi90: [] }, 'program') as Spec).data.values;
  assert.deepEqual(none[2], { t_min: 2, alpha: 0.5, lo: 0.5, hi: 0.5 });
});
