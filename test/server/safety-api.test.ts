import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/app.ts';
import { safety } from '../../src/app/safety.ts';
import { fitCurves } from '../../src/app/fit.ts';
import { uploadSources } from '../../src/server/uploads.ts';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { bootstrapJmaFit } from '../../src/analysis/fit/bootstrap.ts';
import { ncm333Upload, asJson } from './helpers.ts';

const app = await createServer();
after(() => app.close());

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

const PROGRAM = 'time_min,temperature_C\n0,25\n30,175\n90,175\n100,200\n';

test('POST /api/safety equals runSafety (`ckin safety --json`) for the same inputs, program included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-safety-api-'));
  const file = join(dir, 'abuse.csv');
  writeFileSync(file, PROGRAM);
  const r = await post('/api/safety', {
    Ea_kJ_mol: 150,
    lgA_s: 11.5,
    n: 3,
    Ea_se_kJ_mol: 3,
    lgA_se: 0.3,
    corr: 0.999,
    samples: 500,
    seed: 4,
    isothermal_C: 150,
    alphas: [0.05, 0.1, 0.5],
    adiabatic: { dH_J_g: 800, cp_J_gK: 1, T0_C: 140, phi: 1.2 },
    program: { name: 'abuse.csv', text: PROGRAM },
  });
  assert.equal(r.statusCode, 200, r.body);
  const cli = asJson(
    safety({
      Ea_kJ_mol: 150,
      lgA_s: 11.5,
      n: 3,
      model: 'jma',
      Ea_se_kJ_mol: 3,
      lgA_se: 0.3,
      corr: 0.999,
      samples: 500,
      seed: 4,
      isothermal_K: 150 + 273.15,
      alphas: [0.05, 0.1, 0.5],
      program: { path: file },
      adiabatic: { dH_J_g: 800, cp_J_gK: 1, T0_K: 140 + 273.15, phi: 1.2 },
    }),
  );
  assert.deepEqual(r.json(), cli);
});

test('POST /api/safety: defaults as the CLI (n 1, jma, no uncertainty), readable 4xx on bad input', async () => {
  const r = await post('/api/safety', { Ea_kJ_mol: 120, lgA_s: 9 });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(
    r.json(),
    asJson(
      safety({
        Ea_kJ_mol: 120,
        lgA_s: 9,
        n: 1,
        model: 'jma',
        corr: 0,
        samples: 2000,
        seed: 1,
        alphas: [0.05, 0.1, 0.5],
      }),
    ),
  );
  const many = await post('/api/safety', { Ea_kJ_mol: 120, lgA_s: 9, samples: 5001 });
  assert.equal(many.statusCode, 400);
  assert.match(many.json().error.message, /samples must be <= 5000/);
  const rows = [
    'time_min,temperature_C',
    ...Array.from({ length: 10_001 }, (_, i) => `${i},${25 + i / 100}`),
  ];
  const big = await post('/api/safety', { Ea_kJ_mol: 120, lgA_s: 9, program: { text: rows.join('\n') } });
  assert.equal(big.statusCode, 413);
  assert.match(big.json().error.message, /10001 rows; at most 10000/);
  const bad = await post('/api/safety', {
    Ea_kJ_mol: 120,
    lgA_s: 9,
    program: { name: 'p.csv', text: 'a,b\n1,2\n' },
  });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.json().error.message, /p\.csv.*time and a temperature column/);
  const model = await post('/api/safety', { Ea_kJ_mol: 120, lgA_s: 9, model: 'nope' });
  assert.equal(model.statusCode, 400);
  const alpha = await post('/api/safety', { Ea_kJ_mol: 120, lgA_s: 9, alphas: [1.5] });
  assert.equal(alpha.statusCode, 400);
  assert.match(alpha.json().error.message, /alphas/);
});

test('POST /api/fit/bootstrap on the real NCM333 runs (n free): equals bootstrapJmaFit on the analysed stage; ridge with positive slope, isokinetic T near the peaks', async () => {
  const upload = ncm333Upload([2, 5, 10]);
  const stage = { curves: fitCurves({ ...uploadSources(upload, DEFAULT_LIMITS), stage: 1 }) };
  const fit = fitJma(stage.curves, { seed: 0 });
  const start = { Ea_kJ_mol: fit.Ea_kJ_mol, lgA_s: fit.lgA_s, n: fit.n };
  const t0 = performance.now();
  const r = await post('/api/fit/bootstrap', { ...upload, start, samples: 100, seed: 2 });
  const ms = performance.now() - t0;
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  process.stderr.write(`fit/bootstrap NCM333, 100 replicates: ${ms.toFixed(0)} ms\n`);
  assert.ok(Math.abs(body.Ea_kJ_mol - fit.Ea_kJ_mol) < 1e-3 * fit.Ea_kJ_mol);
  assert.equal(body.bootstrap.samples + body.bootstrap.failed, 100);
  assert.ok(body.bootstrap.Ea_kJ_mol.p025 < body.Ea_kJ_mol && body.Ea_kJ_mol < body.bootstrap.Ea_kJ_mol.p975);
  assert.ok(body.bootstrap.corr_Ea_lgA > 0.9, `corr ${body.bootstrap.corr_Ea_lgA}`);
  assert.ok(body.ridge.slope_per_kJ_mol > 0);
  // The compensation ridge's isokinetic temperature lies where the data are: the NCM333 peaks are at ≈ 280–300 °C
  // (data README); measured 552 K = 279 °C.
  assert.ok(body.ridge.T_iso_K > 500 && body.ridge.T_iso_K < 600, `T_iso ${body.ridge.T_iso_K} K`);
  const direct = bootstrapJmaFit(stage.curves, fit, {}, { samples: 100, seed: 2 });
  // Refit from the same optimum: the same intervals to a fraction of their width.
  const w = direct.Ea_kJ_mol.p975 - direct.Ea_kJ_mol.p025;
  assert.ok(Math.abs(body.bootstrap.Ea_kJ_mol.p025 - direct.Ea_kJ_mol.p025) < 0.01 * w);
  const bad = await post('/api/fit/bootstrap', { ...upload, start, samples: 5000 });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /samples must be <= 1000/);
});
