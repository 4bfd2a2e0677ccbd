import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { dormandPrince } from '../../src/kinetics/ode/dormand-prince.ts';
import { safetyModelFree } from '../../src/app/safety-model-free.ts';
import { safety } from '../../src/app/safety.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';

const R = 8.314462618;

/** Write runs as the CSV `ckin simulate` writes (time_min, temperature_C, alpha, dadT_per_K). */
function writeRuns(
  dir: string,
  runs: { beta: number; t_s: number[]; T_K: number[]; alpha: number[]; dadT: number[] }[],
) {
  return runs.map((r) => {
    const path = join(dir, `run_${r.beta}_K_min.csv`);
    const rows = ['time_min,temperature_C,alpha,dadT_per_K'];
    for (let i = 0; i < r.T_K.length; i++)
      rows.push(`${r.t_s[i] / 60},${r.T_K[i] - 273.15},${r.alpha[i]},${r.dadT[i]}`);
    writeFileSync(path, rows.join('\n') + '\n');
    return path;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ckin-safety-mf-'));
const firstOrder = writeRuns(
  join(dir),
  simulateRuns({
    model: nthOrder(1),
    params: { Ea_kJ_mol: 150, lgA_s: 12 },
    rates_K_min: [2, 5, 10, 20],
    T_start_K: 400,
    T_end_K: 720,
    step_K: 0.5,
  }).map((r) => ({
    beta: r.beta_K_min,
    t_s: Array.from(r.time_s),
    T_K: Array.from(r.temperature_K),
    alpha: Array.from(r.alpha),
    dadT: Array.from(r.dadT_per_K),
  })),
);

/** Ea rising 100 → 200 kJ/mol with α (the model-free test case), in its own folder. */
const varyingDir = mkdtempSync(join(tmpdir(), 'ckin-safety-mf-var-'));
const varying = writeRuns(
  varyingDir,
  [2, 5, 10, 20].map((beta) => {
    const E = (a: number) => (100 + 100 * a) * 1000;
    const rate = (a: number, T: number) =>
      Math.exp(E(a) / (R * 550) + Math.log(2e-3) - E(a) / (R * T)) * Math.max(0, 1 - a);
    const b = beta / 60;
    const T_K: number[] = [];
    for (let x = 380; x <= 760 + 1e-9; x += 0.5) T_K.push(x);
    const t_s = T_K.map((x) => (x - 380) / b);
    const res = dormandPrince(
      (t, y, d) => {
        d[0] = rate(Math.min(1, Math.max(0, y[0])), 380 + b * t);
      },
      0,
      [0],
      t_s,
      { rtol: 1e-11, atol: 1e-14 },
    );
    const alpha = res.y.map((y) => Math.min(1, Math.max(0, y[0])));
    return { beta, t_s, T_K, alpha, dadT: alpha.map((a, i) => rate(a, T_K[i]) / b) };
  }),
);

const ckin = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });

test('model-free use case: isothermal times vs the analytic first-order law, bands, extrapolation flagged, agrees with the triplet on the same process', () => {
  const res = safetyModelFree({
    runs: firstOrder.map((path) => ({ path })),
    isothermal_K: 120 + 273.15,
    alphas: [0.05, 0.1, 0.5],
    adiabatic: { dH_J_g: 600, cp_J_gK: 1.2, T0_K: 120 + 273.15 },
    critical: { dH_J_g: 600, density_kg_m3: 1500, size_m: 0.1, conductivity_W_mK: 0.2, U_W_m2K: 10 },
  });
  const k = 1e12 * Math.exp(-150e3 / (R * 393.15));
  for (const t of res.isothermal!.times) {
    const exact = -Math.log(1 - t.alpha) / k;
    assert.ok(Math.abs(t.time_s.value / exact - 1) < 0.01, `α=${t.alpha}: ${t.time_s.value} vs ${exact}`);
    assert.ok(t.time_s.lo90! <= t.time_s.value && t.time_s.hi90! >= t.time_s.value);
    assert.equal(t.time_s.unit, 's');
  }
  // 120 °C is far below the data (≈ 220–320 °C): a caution on each time, and on the result.
  assert.ok(res.isothermal!.extrapolation_factor > 2);
  assert.ok(
    res.isothermal!.times.every((t) => t.time_s.warnings.some((w) => w.code === 'safety.extrapolation')),
  );
  assert.notEqual(res.quality, 'ok');
  assert.ok(res.data_T_range_K[0] > 480 && res.data_T_range_K[1] < 620, res.data_T_range_K.join(', '));
  assert.ok(Math.abs(res.Ea_variation) < 0.01);
  assert.ok(!res.warnings.some((w) => w.code === 'safety.ea-varies'));
  // The same process as a triplet gives the same TMRad, T_D24 and critical temperatures.
  const tri = safety({
    Ea_kJ_mol: 150,
    lgA_s: 12,
    n: 1,
    model: 'nth-order',
    adiabatic: { dH_J_g: 600, cp_J_gK: 1.2, T0_K: 120 + 273.15 },
    critical: {
      dH_J_g: 600,
      density_kg_m3: 1500,
      size_m: 0.1,
      conductivity_W_mK: 0.2,
      U_W_m2K: 10,
      alpha0: 0.01,
    },
  });
  const mfA = res.adiabatic!;
  assert.ok(Math.abs(mfA.tmr_s.value / tri.adiabatic!.tmr_s.value - 1) < 0.01);
  assert.ok(Math.abs(mfA.T_D24_K.value - tri.adiabatic!.T_D24_K.value) < 0.5);
  const fk = res.critical!.frank_kamenetskii!.T_ambient_critical_K!.value;
  assert.ok(Math.abs(fk - tri.critical!.frank_kamenetskii!.T_ambient_critical_K!.value) < 0.5, `${fk}`);
  const se = res.critical!.semenov!.T_ambient_critical_K!.value;
  assert.ok(Math.abs(se - tri.critical!.semenov!.T_ambient_critical_K!.value) < 0.5, `${se}`);
});

test('a multi-step process: model-free says Ea varies; a triplet prediction from the same runs carries the single-step warning', () => {
  const mf = safetyModelFree({ runs: varying.map((path) => ({ path })), isothermal_K: 500 });
  assert.ok(mf.Ea_variation > 0.5, `${mf.Ea_variation}`);
  assert.ok(mf.warnings.some((w) => w.code === 'safety.ea-varies'));
  const tri = safety({
    Ea_kJ_mol: 150,
    lgA_s: 12,
    n: 1,
    model: 'nth-order',
    runs: varying.map((path) => ({ path })),
    adiabatic: { dH_J_g: 600, cp_J_gK: 1.2, T0_K: 420 },
  });
  assert.ok(tri.warnings.some((w) => w.code === 'safety.single-step-multistep' && w.severity === 'caution'));
  assert.ok(tri.adiabatic!.T_D24_K.warnings.some((w) => w.code === 'safety.single-step-multistep'));
  assert.ok(tri.data_T_range_K !== null);
  // Without runs or a range, the triplet says its extrapolation is not checked.
  const bare = safety({ Ea_kJ_mol: 150, lgA_s: 12 });
  assert.ok(bare.warnings.some((w) => w.code === 'safety.data-range-unknown'));
});

test('ckin safety FILES… --model-free: one JSON object; the text prints the 90 % bands and the warnings', () => {
  const args = ['safety', ...firstOrder, '--model-free', '--isothermal', '180', '--alpha', '0.05,0.1,0.5'];
  const j = ckin([...args, '--json']);
  assert.equal(j.status, 0, j.stderr);
  const out = JSON.parse(j.stdout) as {
    mode: string;
    isothermal: { times: { time_s: { value: number } }[] };
  };
  assert.equal(out.mode, 'model-free');
  const k = 1e12 * Math.exp(-150e3 / (R * 453.15));
  assert.ok(Math.abs(out.isothermal.times[2].time_s.value / (Math.log(2) / k) - 1) < 0.01);
  const text = ckin(args);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Isothermal at 180\.0 °C .*time to α/);
  assert.match(text.stdout, /0\.5\s+\d+\.\d+ \[\d+\.\d+, \d+\.\d+\]/);
  // Triplet text: the TMRad interval is printed (it used to be dropped).
  const tri = ckin([
    'safety',
    '--Ea',
    '150',
    '--lgA',
    '12',
    '--Ea-se',
    '2',
    '--lgA-se',
    '0.2',
    '--corr',
    '0.99',
    '--samples',
    '200',
    '--adiabatic',
    '--dH',
    '600',
    '--cp',
    '1.2',
    '--T0',
    '120',
  ]);
  assert.equal(tri.status, 0, tri.stderr);
  assert.match(tri.stdout, /TMRad = [\d.e+]+ \[[\d.e+]+, [\d.e+]+\] h/);
  assert.match(tri.stdout, /T_D24 = [\d.]+ \[[\d.]+, [\d.]+\]/);
  assert.match(tri.stdout, /safety\.data-range-unknown/);
  // Mode errors are user errors.
  const both = ckin(['safety', ...firstOrder, '--model-free', '--Ea', '150']);
  assert.equal(both.status, 2);
  const high = ckin(['safety', ...firstOrder, '--model-free', '--alpha', '0.99']);
  assert.equal(high.status, 2, high.stderr);
  assert.match(high.stderr, /reach only α = 0\.98/);
});

test('every safety.* warning code is documented in docs/warnings.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'warnings.md'), 'utf8');
  for (const code of Object.keys(WARNING_CODES)) {
    if (code.startsWith('safety.'))
      assert.ok(doc.includes(`\`${code}\``), `${code} missing from docs/warnings.md`);
  }
});

test('external data (pICNIK constant-E TGA: first order, 75 kJ/mol, ln(A/min⁻¹) = 12): model-free times at 100 °C within 2 % of the stated law', () => {
  const D = join(EXTERNAL_DATA, 'picnik-constant-E');
  const res = safetyModelFree({
    runs: ['2.5', '5', '10', '15', '20'].map((b) => ({ path: join(D, `E_cnt_${b}.csv`) })),
    isothermal_K: 373.15,
    alphas: [0.1, 0.5, 0.9],
  });
  const k = (Math.exp(12) / 60) * Math.exp(-75e3 / (R * 373.15));
  for (const t of res.isothermal!.times) {
    const exact = -Math.log(1 - t.alpha) / k;
    assert.ok(
      Math.abs(t.time_s.value / exact - 1) < 0.02,
      `α=${t.alpha}: ${t.time_s.value / 3600} h vs ${exact / 3600} h`,
    );
  }
  // 100 °C is ~150 K below the data: flagged.
  assert.ok(res.isothermal!.times.every((t) => t.time_s.quality === 'caution'));
});
