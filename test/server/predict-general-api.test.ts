import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type { Static, TSchema } from '@sinclair/typebox';
import { engineAvailable } from '../../src/nn/engine.ts';
import { SHIPPED_GENERAL_MODEL } from '../../src/nn/general/model.ts';
import { SHIPPED_MODELS } from '../../src/nn/model.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { simulatedRunFileName, simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { createServer } from '../../src/server/app.ts';
import { PredictResponseSchema } from '../../src/server/response-schemas.ts';
import type { predictLoaded } from '../../src/app/predict.ts';
import { kissingerLgA } from '../nn/fixtures.ts';

/**
 * `POST /api/predict` and screening jobs make the model choice of `ckin predict` (src/app/predict.ts
 * `predictChosenModel`) with the shipped models: a 5/20/40 K/min run goes to the general model, a 10/30/60 K/min
 * n = 3 run stays with the paper-domain model. Truths are set here (simulated JMA runs), not taken from the code.
 */
type Fits<S extends TSchema, T extends Static<S>> = T;
export type PredictSchemaFits = Fits<typeof PredictResponseSchema, ReturnType<typeof predictLoaded>>;

const skip =
  !engineAvailable() ||
  !existsSync(join(SHIPPED_GENERAL_MODEL, 'model.pt')) ||
  !existsSync(join(SHIPPED_MODELS.best, 'model.pt'))
    ? 'libtorch addon or shipped models missing'
    : false;
const app = skip ? undefined : await createServer();
after(() => app?.close());

function upload(Ea: number, lgA: number, n: number, rates: number[]) {
  const runs = simulateRuns({
    model: modelByName('jma', { n }),
    params: { Ea_kJ_mol: Ea, lgA_s: lgA },
    rates_K_min: rates,
    T_start_K: 303.15,
    T_end_K: 1073.15,
    step_K: 1,
  });
  return {
    files: runs.map((r) => ({ name: simulatedRunFileName(r.beta_K_min), text: simulatedRunToCsv(r) })),
  };
}

function schemaErrors(body: unknown): string[] {
  return [...Value.Errors(PredictResponseSchema, body)].slice(0, 5).map((e) => `${e.path}: ${e.message}`);
}

// JMA n = 2, Ea 180 kJ/mol, peak near 650 K at 10 K/min: outside the paper model (rates and n).
const Ea = 180;
const lgA = kissingerLgA(Ea, 650, 10);

test(
  '5/20/40 K/min, n = 2: the general model answers, Ea within 5 kJ/mol, n and intervals reported',
  { skip },
  async () => {
    const r = await app!.inject({
      method: 'POST',
      url: '/api/predict',
      payload: upload(Ea, lgA, 2, [5, 20, 40]),
    });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    const label = `Ea ${body.cnn.Ea_kJ_mol} (true ${Ea}), lgA ${body.cnn.lgA_s} (true ${lgA}), n ${body.n}`;
    assert.equal(body.model_used, 'general', label);
    assert.ok(
      body.warnings.some((w: { code: string }) => w.code === 'cnn.model-switched'),
      label,
    );
    assert.ok(Math.abs(body.cnn.Ea_kJ_mol - Ea) < 5, label);
    assert.ok(Math.abs(body.cnn.lgA_s - lgA) < 0.5, label);
    assert.ok(Math.abs(body.n - 2) < 0.4, label);
    assert.equal(body.model_family, 'jma', label);
    // the shipped input-dependent intervals (models/general/conformal-mondrian.json)
    assert.match(
      body.interval_90.method,
      /^Mondrian split-conformal .*: bin \S+ of \d+ calibration samples$/,
    );
    const iv = body.interval_90.Ea_kJ_mol;
    assert.ok(iv.lo < body.cnn.Ea_kJ_mol && body.cnn.Ea_kJ_mol < iv.hi, JSON.stringify(iv));
    assert.deepEqual(
      body.files,
      upload(Ea, lgA, 2, [5, 20, 40]).files.map((f) => f.name),
    );
    assert.ok(body.kissinger && Math.abs(body.kissinger.Ea_kJ_mol - Ea) < 5, JSON.stringify(body.kissinger));
    assert.deepEqual(schemaErrors(body), []);
  },
);

test(
  '10/30/60 K/min, n = 3: the paper-domain model answers (n = 3); model general on request',
  { skip },
  async () => {
    const lgA3 = kissingerLgA(165, 600, 10);
    const up = upload(165, lgA3, 3, [10, 30, 60]);
    const r = await app!.inject({ method: 'POST', url: '/api/predict', payload: up });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.model_used, 'best', JSON.stringify(body.warnings));
    assert.equal(body.n, 3);
    assert.ok(Math.abs(body.cnn.Ea_kJ_mol - 165) < 5, `Ea ${body.cnn.Ea_kJ_mol}`);
    assert.deepEqual(schemaErrors(body), []);
    const g = (
      await app!.inject({ method: 'POST', url: '/api/predict', payload: { ...up, model: 'general' } })
    ).json();
    assert.equal(g.model_used, 'general');
    assert.ok(!g.warnings.some((w: { code: string }) => w.code === 'cnn.model-switched'));
    assert.ok(Math.abs(g.cnn.Ea_kJ_mol - 165) < 5, `general Ea ${g.cnn.Ea_kJ_mol}`);
    assert.deepEqual(schemaErrors(g), []);
  },
);

test('screening: the same choice per sample (5/20/40 → general, 10/30/60 → best)', { skip }, async () => {
  const r = await app!.inject({
    method: 'POST',
    url: '/api/screening',
    payload: {
      name: 'mixed rates',
      samples: [
        { id: 'general', ...upload(Ea, lgA, 2, [5, 20, 40]) },
        { id: 'paper', ...upload(165, kissingerLgA(165, 600, 10), 3, [10, 30, 60]) },
      ],
    },
  });
  assert.equal(r.statusCode, 202, r.body);
  const st = (await app!.inject({ method: 'GET', url: `/api/jobs/${r.json().id}?wait_ms=60000` })).json();
  assert.equal(st.state, 'done', JSON.stringify(st.error));
  const [g, p] = st.result.results;
  assert.equal(g.result.model_used, 'general');
  assert.ok(Math.abs(g.Ea_kJ_mol - Ea) < 5, `screening general Ea ${g.Ea_kJ_mol}`);
  assert.equal(p.result.model_used, 'best');
});
