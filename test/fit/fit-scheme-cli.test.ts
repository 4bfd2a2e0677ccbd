import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import { writeRuns } from '../analysis/fit-helpers.ts';
import { schemeRuns, fitMultistep } from '../../src/app/fit-scheme.ts';
import { chooseScheme } from '../../src/fit/model-choice.ts';
import { simulateScheme } from '../../src/fit/simulate-scheme.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { InputError } from '../../src/core/input-error.ts';

function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SchemeJson {
  scheme: string;
  observable: string;
  steps: {
    from: string;
    to: string;
    model: string;
    Ea_kJ_mol: number;
    lgA_s: number;
    params: Record<string, number>;
    mass_fraction?: number;
    se: { Ea_kJ_mol: number | null; lgA_s: number | null };
  }[];
  runs: { beta_K_min: number; r2: number; peak_T_data_K: number; peak_T_model_K: number }[];
  aicc: number;
  bic: number;
  candidates: unknown[];
  model_file: string | null;
  warnings: { code: string }[];
}

test('ckin fit --scheme --json --save on exact first-order runs; the model file simulates the runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-scheme-'));
  const files = writeRuns(dir, { Ea_kJ_mol: 160, lgA_s: 12, n: 1 });
  const modelFile = join(dir, 'model.json');
  const r = ckin([
    'fit',
    ...files,
    '--rates',
    '10,30,60',
    '--scheme',
    'A->B:F1',
    '--json',
    '--save',
    modelFile,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = parseJson<SchemeJson>(r.stdout);
  assert.equal(out.scheme, 'A->B:F1');
  assert.equal(out.observable, 'conversion-rate');
  assert.equal(out.steps.length, 1);
  assert.ok(Math.abs(out.steps[0].Ea_kJ_mol - 160) < 1.6, `Ea ${out.steps[0].Ea_kJ_mol}`);
  assert.ok(Math.abs(out.steps[0].lgA_s - 12) < 0.12, `lgA ${out.steps[0].lgA_s}`);
  assert.ok(Math.abs(out.steps[0].mass_fraction! - 1) < 0.01);
  assert.ok(out.steps[0].se.Ea_kJ_mol !== null);
  assert.deepEqual(
    out.runs.map((x) => x.beta_K_min),
    [10, 30, 60],
  );
  for (const run of out.runs) {
    assert.ok(run.r2 > 0.999, `R² ${run.r2}`);
    assert.ok(Math.abs(run.peak_T_model_K - run.peak_T_data_K) < 2);
  }
  assert.ok(Number.isFinite(out.aicc) && Number.isFinite(out.bic));
  assert.deepEqual(out.candidates, []);
  assert.equal(out.model_file, modelFile);
  // The saved model predicts α on a 10 K/min ramp like the exact first-order solution.
  const model: unknown = JSON.parse(readFileSync(modelFile, 'utf8'));
  const T0 = 303.15;
  const sim = simulateScheme(
    model,
    { time_s: [0, 3600], T_K: [T0, T0 + 600] },
    { times_s: [1800, 2400, 3000] },
  );
  sim.time_s.forEach((t, i) => {
    const T = T0 + t / 6;
    const exact = 1 - Math.exp(-(1e12 / (10 / 60)) * temperatureIntegralBetween_K(160, T0, T));
    assert.ok(Math.abs(sim.alpha![i] - exact) < 0.01, `α at ${T} K: ${sim.alpha![i]} vs ${exact}`);
  });

  const bad = ckin(['fit', ...files, '--rates', '10,30,60', '--scheme', 'A->B:Zz']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown model "Zz"/);
  const both = ckin(['fit', ...files, '--rates', '10,30,60', '--scheme', 'A->B', '--steps', 'auto']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /either --scheme or --steps/);
});

test('a bad model file is refused with the field it gets wrong', () => {
  assert.throws(() => simulateScheme({ format: 'x' }, { time_s: [0, 1], T_K: [300, 301] }), /"format"/);
  assert.throws(
    () =>
      simulateScheme(
        {
          format: 'ckin-scheme-model',
          version: 1,
          scheme: 'A->B:Fn',
          observable: 'heatflow',
          steps: [{ Ea_kJ_mol: 100, lgA_s: 10, params: {}, dH_J_g: 100 }],
        },
        { time_s: [0, 1], T_K: [300, 301] },
      ),
    /steps\[0\]\.params\.n/,
  );
});

test('picnik-two-steps (simulated TGA) is not described as one step', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-two-steps');
  const { runs, observable } = schemeRuns({
    runs: ['2.5', '5', '10', '20'].map((b) => ({ path: join(dir, `E_2S_${b}.csv`) })),
    heatingRates_K_min: [2.5, 5, 10, 20],
    maxPointsPerRun: 120,
  });
  assert.equal(observable, 'conversion-rate');
  const choice = chooseScheme(runs, { observable, candidates: ['A->B:Fn', 'parallel:2'] });
  assert.equal(choice.best.steps.length, 2, `chose ${choice.best.scheme}`);
  const one = choice.candidates.find((c) => c.steps === 1)!;
  assert.ok(one.min_r2 < 0.95, `one step fits with R² ${one.min_r2}`);
  assert.ok(one.f_test?.significant);
  for (const r of choice.best.runs) assert.ok(r.r2 > 0.999);
});

test('NCM333 DSC, three consecutive nth-order steps: at least as good as the scipy peer (SSE 1.4096)', () => {
  const dir = join(EXTERNAL_DATA, 'crnn-ncm333-dsc');
  const rates = [2, 5, 10, 15, 20];
  const res = fitMultistep({
    runs: rates.map((b) => ({ path: join(dir, `cath_1_${b}.csv`) })),
    heatingRates_K_min: rates,
    columns: ['temperature_C', 'heatflow_W_g'],
    scheme: 'consecutive:3',
  });
  assert.equal(res.observable, 'heatflow');
  // The peer (shared/bench/scipy_multistep_peer.py --scheme cons3) reaches SSE 1.4096 with every rate weighted by
  // 1/peak height, as here; its R² per rate 0.89/0.97/0.99/0.96/0.98.
  assert.ok(res.sse <= 1.4097, `SSE ${res.sse}`);
  assert.ok(res.runs.every((r) => r.r2 > 0.88));
  assert.ok(res.steps.every((s) => s.dH_J_g! > 0));
  // The honest report: this scheme misses the 2 K/min main peak by about 11 K and says it fits poorly.
  assert.ok(res.warnings.some((w) => w.code === 'multistep.poor-fit'));
});

test('NCM333 DSC, four parallel nth-order steps with a linear baseline per run: the best scheme found (pinned)', () => {
  // What issue 17 achieves on the real runs (docs/fitting.md, "NCM333: which scheme"): every rate at R² ≥ 0.98; the
  // main peaks within 5 K (−1.9/+3.5/−4.4/−2.2/−1.0 K at 2/5/10/15/20 K/min; the 3 K is not met at 5 and
  // 10 K/min). consecutive:3 without a baseline (the peer's scheme) gives SSE 1.4096 and R² down to 0.893.
  const dir = join(EXTERNAL_DATA, 'crnn-ncm333-dsc');
  const rates = [2, 5, 10, 15, 20];
  // Found only from the warm start of the three-step fit (as --steps grows a scheme): alone, parallel:4 ends in a
  // local optimum (SSE 0.95).
  const { runs, observable } = schemeRuns({
    runs: rates.map((b) => ({ path: join(dir, `cath_1_${b}.csv`) })),
    heatingRates_K_min: rates,
    columns: ['temperature_C', 'heatflow_W_g'],
    T0_K: 323.15,
  });
  const choice = chooseScheme(runs, {
    observable,
    baseline: 'linear',
    candidates: ['parallel:3', 'parallel:4'],
  });
  const res = choice.best;
  assert.equal(res.steps.length, 4, `chose ${res.scheme}`);
  assert.ok(res.sse <= 0.3628 * 1.01, `SSE ${res.sse}`);
  for (const r of res.runs) {
    assert.ok(r.r2 >= 0.98, `${r.beta_K_min} K/min: R² ${r.r2}`);
    assert.ok(Math.abs(r.peak_T_model_K - r.peak_T_data_K) <= 5, `${r.beta_K_min} K/min: main peak off`);
  }
  // A high-temperature step (the second exotherm, ≈ 420–450 °C) among the four.
  assert.ok(res.steps.some((s) => s.Ea_kJ_mol > 200 && s.dH_J_g! > 50));
});

test('scheme fits refuse bad options as input errors', () => {
  const base = {
    runs: [{ path: join(EXTERNAL_DATA, 'picnik-two-steps', 'E_2S_5.csv') }],
    heatingRates_K_min: [5],
  };
  assert.throws(() => fitMultistep({ ...base }), InputError);
  assert.throws(() => fitMultistep({ ...base, scheme: 'A->B', seed: 0.5 }), /--seed/);
  assert.throws(() => fitMultistep({ ...base, steps: 9 }), /--steps/);
  assert.throws(() => fitMultistep({ ...base, scheme: 'A->B; B->A' }), /cycle/);
  assert.throws(() => fitMultistep({ ...base, scheme: 'A->B', signal: 'heatflow' }), /no heat-flow column/);
});
