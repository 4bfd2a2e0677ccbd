import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import {
  fraserSuzuki,
  fraserSuzukiArea,
  fraserSuzukiFwhm,
  type FraserSuzukiPeak,
} from '../../src/analysis/deconvolution/fraser-suzuki.ts';
import { deconvolveCurve } from '../../src/analysis/deconvolution/deconvolve-curve.ts';
import { peakConversionCurve } from '../../src/analysis/deconvolution/peak-kinetics.ts';
import { integrateGaussLegendre } from '../../src/kinetics/quadrature.ts';
import { deconvolve, type DeconvolveJson } from '../../src/app/deconvolve.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { InputError } from '../../src/core/input-error.ts';

const TWO_STEPS = join(EXTERNAL_DATA, 'picnik-two-steps');
const twoStepFiles = () =>
  readdirSync(TWO_STEPS)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(TWO_STEPS, f));

function relClose(got: number, want: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(got - want) <= rel * Math.abs(want),
    `${what}: ${got} vs ${want} (tolerance ${100 * rel} %)`,
  );
}

test('Fraser–Suzuki: maximum h at T_p, half height at the FWHM ends, area formula of Perejón et al. against quadrature', () => {
  for (const p of [
    { h: 0.02, T_p_K: 560, w_K: 30, A_s: 0.4 },
    { h: 3, T_p_K: 700, w_K: 55, A_s: -0.7 },
    { h: 1, T_p_K: 500, w_K: 20, A_s: 0 },
  ] satisfies FraserSuzukiPeak[]) {
    assert.equal(fraserSuzuki(p, p.T_p_K), p.h);
    // Half-height points x± = w(e^{±A_s} − 1)/(2A_s) (Gaussian limit ±w/2): independent of the code's FWHM.
    const xs =
      p.A_s === 0
        ? [-p.w_K / 2, p.w_K / 2]
        : [-1, 1].map((sg) => (p.w_K * (Math.exp(sg * p.A_s) - 1)) / (2 * p.A_s));
    for (const x of xs) relClose(fraserSuzuki(p, p.T_p_K + x), p.h / 2, 1e-12, 'half height');
    relClose(fraserSuzukiFwhm(p), xs[1] - xs[0], 1e-12, 'FWHM');
    // Numerical area over the support (piecewise Gauss–Legendre), against the closed form.
    // The long tail reaches far (in s = ln(1 + 2A_s x/w) it is Gaussian): ±200 w leaves < 1e-12 of the area out.
    const lo = p.A_s > 0 ? p.T_p_K - p.w_K / (2 * p.A_s) : p.T_p_K - 200 * p.w_K;
    const hi = p.A_s < 0 ? p.T_p_K - p.w_K / (2 * p.A_s) : p.T_p_K + 200 * p.w_K;
    let area = 0;
    const pieces = 20000;
    for (let k = 0; k < pieces; k++) {
      const a = lo + ((hi - lo) * k) / pieces;
      const b = lo + ((hi - lo) * (k + 1)) / pieces;
      area += integrateGaussLegendre((t) => fraserSuzuki(p, t), a, b, 16);
    }
    relClose(fraserSuzukiArea(p), area, 1e-8, 'area');
    // Outside the support the peak is 0.
    if (p.A_s !== 0) assert.equal(fraserSuzuki(p, p.A_s > 0 ? lo - 1 : hi + 1), 0);
  }
});

test('deconvolveCurve: a sum of two Fraser–Suzuki peaks, separated or as a shoulder, is recovered within 1 %', () => {
  const cases: [FraserSuzukiPeak, FraserSuzukiPeak][] = [
    [
      { h: 0.012, T_p_K: 560, w_K: 30, A_s: 0.35 },
      { h: 0.008, T_p_K: 600, w_K: 40, A_s: -0.2 },
    ],
    // A shoulder: the sum has a single maximum.
    [
      { h: 0.02, T_p_K: 560, w_K: 30, A_s: -0.3 },
      { h: 0.008, T_p_K: 588, w_K: 28, A_s: 0.25 },
    ],
  ];
  for (const truth of cases) {
    const T = Array.from({ length: 901 }, (_, i) => 460.3 + i * 0.25);
    const y = T.map((t) => fraserSuzuki(truth[0], t) + fraserSuzuki(truth[1], t));
    const d = deconvolveCurve(T, y, { peaks: 2 });
    assert.ok(d.r2 > 0.99999, `R² ${d.r2}`);
    d.peaks.forEach((p, k) => {
      const t = truth[k];
      relClose(p.h, t.h, 0.01, `peak ${k + 1} h`);
      relClose(p.T_p_K, t.T_p_K, 0.01, `peak ${k + 1} T_p`);
      assert.ok(Math.abs(p.T_p_K - t.T_p_K) < 0.1, `peak ${k + 1} T_p ${p.T_p_K} K vs ${t.T_p_K} K`);
      relClose(p.w_K, t.w_K, 0.01, `peak ${k + 1} w`);
      relClose(p.A_s, t.A_s, 0.01, `peak ${k + 1} A_s`);
    });
    const a = truth.map(fraserSuzukiArea);
    relClose(d.peaks[0].areaFraction, a[0] / (a[0] + a[1]), 0.01, 'area fraction');
  }
});

test('peakConversionCurve: α runs 0 → 1 with α(T_p) of the closed-form Fraser–Suzuki CDF', () => {
  // In s = ln(1 + 2A_s x/w) the peak is a Gaussian of mean A_s²/(2 ln2) and sd |A_s|/√(2 ln2); T_p is s = 0, so
  // α(T_p) = Φ(−mean/sd) = Φ(−|A_s|/√(2 ln2)) for A_s > 0 (and 1 − that for A_s < 0).
  const p = { h: 0.02, T_p_K: 600, w_K: 40, A_s: 0.5 };
  const c = peakConversionCurve(p, 10);
  assert.ok(Math.abs(c.alpha[0]) < 1e-9 && Math.abs(c.alpha[c.alpha.length - 1] - 1) < 1e-12);
  let i = 0;
  while (c.T_K[i + 1] < p.T_p_K) i++;
  const f = (p.T_p_K - c.T_K[i]) / (c.T_K[i + 1] - c.T_K[i]);
  const aTp = c.alpha[i] + f * (c.alpha[i + 1] - c.alpha[i]);
  // Φ(−0.5/√(2 ln2)) = Φ(−0.424661) = 0.335539 (normal table).
  assert.ok(Math.abs(aTp - 0.335539) < 2e-4, `α(T_p) ${aTp}`);
});

test('deconvolve on picnik-two-steps (75 and 115 kJ/mol): per-peak Kissinger and Friedman near the truth', () => {
  const res = deconvolve({ runs: twoStepFiles().map((path) => ({ path })), peaks: 2 });
  assert.equal(res.peaks_preferred, 2);
  assert.equal(res.quality, 'ok', JSON.stringify(res.warnings));
  const truth = [75, 115];
  res.peaks.forEach((p, k) => {
    assert.ok(
      Math.abs(p.kissinger!.Ea_kJ_mol - truth[k]) < 1.5,
      `peak ${k + 1} Kissinger ${p.kissinger!.Ea_kJ_mol}`,
    );
    assert.ok(
      Math.abs(p.friedman!.Ea_mean_kJ_mol! - truth[k]) < 1.5,
      `peak ${k + 1} Friedman ${p.friedman!.Ea_mean_kJ_mol}`,
    );
  });
  for (const r of res.runs) assert.ok(r.r2 > 0.999, `${r.file} R² ${r.r2}`);
  // The scheme-fit guess: one step per peak, Ea as the per-peak kinetics, shares summing to 1.
  assert.equal(res.initial_guess.length, 2);
  assert.ok(
    Math.abs(res.initial_guess[0].Ea_kJ_mol - 75) < 1.5 &&
      Math.abs(res.initial_guess[1].Ea_kJ_mol - 115) < 1.5,
  );
  assert.ok(Math.abs(res.initial_guess[0].fraction + res.initial_guess[1].fraction - 1) < 1e-9);
  // Plot-friendly: per run the grid, data, model and each peak's curve on the same grid.
  for (const r of res.runs) {
    assert.equal(r.y.length, r.T_K.length);
    assert.equal(r.model.length, r.T_K.length);
    for (const p of r.peaks) assert.equal(p.curve.length, r.T_K.length);
  }
});

function singleStepRuns(model: string, n: number) {
  return simulateRuns({
    model: modelByName(model, { n }),
    params: { Ea_kJ_mol: 150, lgA_s: 12 },
    rates_K_min: [2, 5, 10, 20],
    T_start_K: 400,
    T_end_K: 800,
    step_K: 0.5,
  }).map((r) => ({ name: `sim_${r.beta_K_min}.csv`, content: simulatedRunToCsv(r) }));
}

test('deconvolve on single-step sets: two peaks asked, one preferred and the second flagged; one peak gives the truth', () => {
  for (const [model, n] of [
    ['first-order', 1],
    ['jma', 2],
  ] as const) {
    const two = deconvolve({ runs: singleStepRuns(model, n), peaks: 2 });
    assert.equal(two.peaks_preferred, 1, `${model}: ${JSON.stringify(two.warnings)}`);
    assert.ok(two.warnings.some((w) => w.code === 'deconv.extra_peak'));
    assert.notEqual(two.quality, 'ok');
  }
  const one = deconvolve({ runs: singleStepRuns('first-order', 1), peaks: 1 });
  assert.equal(one.peaks_preferred, 1);
  // Kissinger is exact for a first-order step: the FS maximum must carry that over.
  assert.ok(
    Math.abs(one.peaks[0].kissinger!.Ea_kJ_mol - 150) < 0.5,
    `Ea ${one.peaks[0].kissinger!.Ea_kJ_mol}`,
  );
  assert.ok(Math.abs(one.peaks[0].kissinger!.lgA_s - 12) < 0.05, `lgA ${one.peaks[0].kissinger!.lgA_s}`);
  assert.ok(
    Math.abs(one.peaks[0].friedman!.Ea_mean_kJ_mol! - 150) < 1,
    `Friedman ${one.peaks[0].friedman!.Ea_mean_kJ_mol}`,
  );
});

test('deconvolve: --peaks out of bounds is an InputError; fewer than three rates give no per-peak kinetics', () => {
  assert.throws(() => deconvolve({ runs: singleStepRuns('first-order', 1), peaks: 0 }), InputError);
  assert.throws(() => deconvolve({ runs: singleStepRuns('first-order', 1), peaks: 99 }), InputError);
  const two = deconvolve({ runs: singleStepRuns('first-order', 1).slice(0, 2), peaks: 1 });
  assert.equal(two.peaks[0].kissinger, null);
  assert.ok(two.warnings.some((w) => w.code === 'deconv.no_kinetics'));
});

test('ckin deconvolve --json prints one JSON object equal to the use case', () => {
  const files = twoStepFiles();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'deconvolve', ...files, '--peaks', '2', '--json'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(r.status, 0, r.stderr);
  const j = parseJson<DeconvolveJson>(r.stdout);
  assert.equal(j.method, 'fraser-suzuki');
  assert.equal(j.runs.length, 4);
  assert.ok(Math.abs(j.peaks[1].kissinger!.Ea_kJ_mol - 115) < 1.5);
});
