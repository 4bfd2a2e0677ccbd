import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../../src/server/app.ts';
import { simulatedUpload, SIM } from './helpers.ts';
import { simulateScheme } from '../../src/fit/simulate-scheme.ts';
import { Value } from '@sinclair/typebox/value';
import { SchemeBootstrapSchema } from '../../src/server/response-schemas.ts';

const app = await createServer();
after(() => app.close());

test('POST /api/fit/scheme runs a scheme fit as a job: simulated JMA runs recovered by an An step', async () => {
  const r = await app.inject({
    method: 'POST',
    url: '/api/fit/scheme?wait_ms=60000',
    payload: { ...simulatedUpload(), scheme: 'A->B:An' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const job = r.json();
  assert.equal(job.state, 'done', JSON.stringify(job.error ?? null));
  const f = job.result;
  assert.equal(f.method, 'multistep-fit');
  assert.equal(f.scheme, 'A->B:An');
  assert.ok(
    Math.abs(f.steps[0].Ea_kJ_mol - SIM.Ea_kJ_mol) < 0.01 * SIM.Ea_kJ_mol,
    `Ea ${f.steps[0].Ea_kJ_mol}`,
  );
  assert.ok(Math.abs(f.steps[0].lgA_s - SIM.lgA_s) < 0.01 * SIM.lgA_s, `lgA ${f.steps[0].lgA_s}`);
  assert.ok(Math.abs(f.steps[0].params.n - SIM.n) < 0.01 * SIM.n, `n ${f.steps[0].params.n}`);
  f.runs.forEach((x: { beta_K_min: number; r2: number }, i: number) => {
    assert.ok(Math.abs(x.beta_K_min - SIM.rates[i]) < 1e-9 * SIM.rates[i]);
    assert.ok(x.r2 > 0.9999, `R² ${x.r2}`);
  });
  // The result carries the model file; it simulates.
  const sim = simulateScheme(f.model, { time_s: [0, 3600], T_K: [400, 1000] });
  assert.ok(sim.alpha![sim.alpha!.length - 1] > 0.99);

  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  assert.ok(spec.paths['/api/fit/scheme'], 'OpenAPI lists /api/fit/scheme');
  const bad = await app.inject({
    method: 'POST',
    url: '/api/fit/scheme?wait_ms=60000',
    payload: { ...simulatedUpload(), scheme: 'A->B:Nope' },
  });
  const badJob = bad.json();
  assert.equal(badJob.state, 'failed');
  assert.equal(badJob.error.status, 422);
  assert.match(badJob.error.message, /unknown model "Nope"/);
});

test('POST /api/fit/scheme with bootstrap and bootstrap_kind cases: the result carries the case bootstrap (schema-valid); too many refits is a 400', async () => {
  const r = await app.inject({
    method: 'POST',
    url: '/api/fit/scheme?wait_ms=60000',
    payload: { ...simulatedUpload(), scheme: 'A->B:An', bootstrap: 3, bootstrap_kind: 'cases' },
  });
  assert.equal(r.statusCode, 200, r.body);
  const job = r.json();
  assert.equal(job.state, 'done', JSON.stringify(job.error ?? null));
  const b = job.result.bootstrap;
  assert.ok(
    Value.Check(SchemeBootstrapSchema, b),
    JSON.stringify([...Value.Errors(SchemeBootstrapSchema, b)][0]),
  );
  assert.equal(b.kind, 'cases');
  assert.equal(b.replicates, 3);
  assert.equal(b.distinct_runs, SIM.rates.length);
  // Noise-free runs: every resample of the runs gives back the simulated Ea.
  for (const e of b.steps[0].Ea_kJ_mol)
    assert.ok(e !== null && Math.abs(e - SIM.Ea_kJ_mol) < 0.01 * SIM.Ea_kJ_mol, `Ea ${e}`);
  // …and the Avrami exponent of the An step, with its interval.
  const n = b.steps[0].params.n;
  assert.ok(n.p025 !== null && n.p975 !== null && n.p025 <= n.p975);
  assert.ok(
    Math.abs(n.p025 - SIM.n) < 0.01 * SIM.n && Math.abs(n.p975 - SIM.n) < 0.01 * SIM.n,
    JSON.stringify(n),
  );
  const tooMany = await app.inject({
    method: 'POST',
    url: '/api/fit/scheme',
    payload: { ...simulatedUpload(), scheme: 'A->B:An', bootstrap: 10_000 },
  });
  assert.equal(tooMany.statusCode, 400);
  const badKind = await app.inject({
    method: 'POST',
    url: '/api/fit/scheme',
    payload: { ...simulatedUpload(), scheme: 'A->B:An', bootstrap: 3, bootstrap_kind: 'pairs' },
  });
  assert.equal(badKind.statusCode, 400);
});
