import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import { writeRuns } from '../analysis/fit-helpers.ts';
import { fitMultistep } from '../../src/app/fit-scheme.ts';
import { safetyModelFile, type SafetyModelFileResult } from '../../src/app/safety-model-file.ts';
import type { SavedSchemeModel } from '../../src/fit/saved-model.ts';
import { InputError } from '../../src/core/input-error.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';

const k = (Ea: number, lgA: number, T: number) =>
  Math.pow(10, lgA) * Math.exp((-Ea * 1000) / (R_J_PER_MOL_K * T));

/** A hand-written one-step F1 model file with a given (Ea, lgA) uncertainty. */
function f1Model(u?: SavedSchemeModel['uncertainty']): SavedSchemeModel {
  return {
    format: 'ckin-scheme-model',
    version: 1,
    scheme: 'A->B:F1',
    observable: 'heatflow',
    steps: [{ from: 'A', to: 'B', model: 'F1', Ea_kJ_mol: 150, lgA_s: 12, params: {}, dH_J_g: 800 }],
    fitted_to: { files: [], beta_K_min: [2, 5, 10], T_range_K: [450, 560] },
    statistics: { sse: 0, n_points: 0, n_params: 0, aicc: 0, bic: 0, min_r2: 1 },
    created_by: 'test',
    ...(u ? { uncertainty: u } : {}),
  };
}

const UNC = {
  parameter_names: ['step 1 Ea_kJ_mol', 'step 1 lgA_s', 'step 1 dH_J_g'],
  se: [3, 0.3, 20],
  correlation: [
    [1, 0.9, 0],
    [0.9, 1, 0],
    [0, 0, 1],
  ],
};

test('model file: a fitted one-step model saves its uncertainty, predicts t_α = −ln(1−α)/k(T) within 1 %, and flags extrapolation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-mf-'));
  const files = writeRuns(dir, { Ea_kJ_mol: 160, lgA_s: 12, n: 1 });
  const save = join(dir, 'model.json');
  const fit = fitMultistep({
    runs: files.map((path) => ({ path })),
    heatingRates_K_min: [10, 30, 60],
    scheme: 'A->B:F1',
    save,
  });
  const saved = parseJson<SavedSchemeModel>(readFileSync(save, 'utf8'));
  const u = saved.uncertainty!;
  assert.deepEqual(u.parameter_names, ['step 1 Ea_kJ_mol', 'step 1 lgA_s', 'step 1 mass_fraction']);
  assert.equal(u.se[0], fit.steps[0].se.Ea_kJ_mol);
  assert.equal(u.se[1], fit.steps[0].se.lgA_s);
  u.correlation.forEach((row, a) =>
    row.forEach((c, b) => assert.ok(Math.abs(c - u.correlation[b][a]) < 1e-12)),
  );
  assert.ok(u.correlation.every((row, a) => Math.abs(row[a] - 1) < 1e-12));
  // Inside the fitted range (the runs convert at ~470–560 K): the true first-order times.
  const T = 500;
  const res = safetyModelFile({ model: { path: save }, isothermal_K: T, alphas: [0.05, 0.5, 0.9] });
  for (const t of res.isothermal!.times) {
    const exact = -Math.log(1 - t.alpha) / k(160, 12, T);
    assert.ok(Math.abs(t.time_s.value / exact - 1) < 0.01, `α ${t.alpha}: ${t.time_s.value} vs ${exact}`);
    assert.ok(t.time_s.lo90! <= t.time_s.value && t.time_s.value <= t.time_s.hi90!);
  }
  assert.equal(res.isothermal!.times[0].time_s.warnings.length, 0);
  // Far below the data (100 °C): the extrapolation warning of the model-free path, on model files too.
  const cold = safetyModelFile({ model: { path: save }, isothermal_K: 373.15, alphas: [0.05] });
  const w = cold.isothermal!.times[0].time_s.warnings.find((x) => x.code === 'safety.extrapolation');
  assert.ok(w && w.severity !== 'info', JSON.stringify(cold.isothermal!.times[0].time_s.warnings));
  assert.notEqual(cold.quality, 'ok');
  // A TGA model: the adiabatic runaway needs --dH.
  assert.throws(
    () => safetyModelFile({ model: { path: save }, adiabatic: { cp_J_gK: 1, T0_K: 450 } }),
    (e: unknown) => e instanceof InputError && /--dH/.test(e.message),
  );
  const ad = safetyModelFile({ model: { path: save }, adiabatic: { cp_J_gK: 1, T0_K: 450, dH_J_g: 500 } });
  assert.ok(Math.abs(ad.adiabatic!.dT_ad_K.value - 500) < 0.5, `ΔT_ad ${ad.adiabatic!.dT_ad_K.value}`);
});

test('model-file band: the sampled 90 % interval of an F1 isothermal time equals the exact interval of ln t (linear in Ea, lgA) within 5 %', () => {
  const T = 480;
  const res = safetyModelFile({
    model: { name: 'f1.json', json: f1Model(UNC) },
    isothermal_K: T,
    alphas: [0.5],
    samples: 2000,
    seed: 3,
  });
  // ln t = ln(ln 2) − lgA·ln10 + Ea·1000/(RT): normal with σ² = (ln10·σ_A)² + (1000σ_E/RT)² − 2ρ·ln10·σ_A·1000σ_E/RT.
  const a = Math.LN10 * 0.3;
  const b = (1000 * 3) / (R_J_PER_MOL_K * T);
  const sd = Math.sqrt(a * a + b * b - 2 * 0.9 * a * b);
  const t = res.isothermal!.times[0].time_s;
  const center = Math.log(Math.LN2 / k(150, 12, T));
  assert.ok(Math.abs(Math.log(t.value) - center) < 1e-4);
  const halfLo = center - Math.log(t.lo90!);
  const halfHi = Math.log(t.hi90!) - center;
  for (const h of [halfLo, halfHi])
    assert.ok(Math.abs(h / (1.6449 * sd) - 1) < 0.05, `${h} vs ${1.6449 * sd}`);
  assert.deepEqual(res.band, {
    method: 'parameter draws from the fit covariance (5th–95th percentile)',
    samples: 2000,
    seed: 3,
  });
});

test('model file without an uncertainty block: no band, a safety.no-band caution; bad content is an InputError naming the file', () => {
  const res = safetyModelFile({
    model: { name: 'old.json', json: f1Model() },
    isothermal_K: 500,
    alphas: [0.1],
  });
  assert.equal(res.isothermal!.times[0].time_s.lo90, null);
  assert.ok(res.warnings.some((w) => w.code === 'safety.no-band'));
  assert.equal(res.band, null);
  assert.throws(
    () => safetyModelFile({ model: { name: 'bad.json', json: { ...f1Model(), version: 2 } } }),
    (e: unknown) => e instanceof InputError && /bad\.json/.test(e.message) && /version/.test(e.message),
  );
  assert.throws(
    () =>
      safetyModelFile({
        model: { name: 'bad.json', json: f1Model({ ...UNC, se: [1, 2] }) },
      }),
    /uncertainty/,
  );
});

test('ckin safety --model-file prints the bands in text and one JSON object with --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-mf-cli-'));
  const file = join(dir, 'm.json');
  writeFileSync(file, JSON.stringify(f1Model(UNC)));
  const prog = join(dir, 'p.csv');
  writeFileSync(prog, 'time_min,temperature_C\n0,150\n60,250\n');
  const run = (extra: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'src/main.ts'),
        'safety',
        '--model-file',
        file,
        '--isothermal',
        '200',
        '--program',
        prog,
        '--adiabatic',
        '--cp',
        '1.1',
        '--T0',
        '150',
        '--samples',
        '30',
        ...extra,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
  const text = run([]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /90 % band: 30 parameter draws/);
  assert.match(text.stdout, /TMRad = [\d.e+]+ \[[\d.e+]+, [\d.e+]+\]/);
  assert.match(text.stdout, /T_D24 = [\d.]+ \[[\d.]+, [\d.]+\]/);
  assert.match(text.stdout, /peak heat-release rate: [\d.]+ \[[\d.]+, [\d.]+\] W\/g/);
  const json = run(['--json']);
  assert.equal(json.status, 0, json.stderr);
  const out = parseJson<SafetyModelFileResult>(json.stdout);
  assert.equal(out.mode, 'model-file');
  assert.equal(out.band!.samples, 30);
  assert.ok(out.adiabatic!.tmr_s.lo90! < out.adiabatic!.tmr_s.hi90!);
  assert.ok(Math.abs(out.adiabatic!.dT_ad_K.value - 800 / 1.1) < 0.1);
  const bad = run(['--Ea', '100']);
  assert.equal(bad.status, 2);
});
