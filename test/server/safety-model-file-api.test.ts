import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../../src/server/app.ts';
import { safetyModelFile } from '../../src/app/safety-model-file.ts';
import { asJson } from './helpers.ts';

const app = await createServer();
after(() => app.close());

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

const MODEL = {
  format: 'ckin-scheme-model',
  version: 1,
  scheme: 'A->B:Fn; B->C:F1',
  observable: 'heatflow',
  steps: [
    { from: 'A', to: 'B', model: 'Fn', Ea_kJ_mol: 100, lgA_s: 9, params: { n: 1.5 }, dH_J_g: 300 },
    { from: 'B', to: 'C', model: 'F1', Ea_kJ_mol: 160, lgA_s: 14, params: {}, dH_J_g: 500 },
  ],
  fitted_to: { files: [], beta_K_min: [2, 5, 10], T_range_K: [420, 560] },
  statistics: { sse: 0, n_points: 0, n_params: 0, aicc: 0, bic: 0, min_r2: 1 },
  created_by: 'test',
  uncertainty: {
    parameter_names: ['step 1 Ea_kJ_mol', 'step 1 lgA_s', 'step 2 Ea_kJ_mol', 'step 2 lgA_s'],
    se: [1, 0.1, 1.5, 0.15],
    correlation: [
      [1, 0.98, 0, 0],
      [0.98, 1, 0, 0],
      [0, 0, 1, 0.98],
      [0, 0, 0.98, 1],
    ],
  },
};
const PROGRAM = 'time_min,temperature_C\n0,120\n60,220\n';

test('POST /api/safety/model-file equals the model-file use case (`ckin safety --model-file --json`)', async () => {
  const r = await post('/api/safety/model-file', {
    model: MODEL,
    name: 'two-step.json',
    isothermal_C: 180,
    alphas: [0.1, 0.5],
    program: { name: 'ramp.csv', text: PROGRAM },
    samples: 20,
    seed: 2,
  });
  assert.equal(r.statusCode, 200, r.body);
  const direct = asJson(
    safetyModelFile({
      model: { name: 'two-step.json', json: MODEL },
      isothermal_K: 453.15,
      alphas: [0.1, 0.5],
      program: { name: 'ramp.csv', text: PROGRAM },
      samples: 20,
      seed: 2,
    }),
  );
  assert.deepEqual(r.json(), direct);
  const got = r.json<ReturnType<typeof safetyModelFile>>();
  assert.equal(got.program!.heat_flow_W_g!.length, got.program!.time_s.length);
  assert.ok(got.isothermal!.times.every((t) => t.time_s.lo90! < t.time_s.hi90!));
});

test('POST /api/safety/model-file: a bad model is 422 naming the field; too many draws are refused by the schema', async () => {
  const bad = await post('/api/safety/model-file', {
    model: { ...MODEL, observable: 'mass' },
    isothermal_C: 180,
  });
  assert.equal(bad.statusCode, 422, bad.body);
  assert.match(bad.body, /observable/);
  const many = await post('/api/safety/model-file', { model: MODEL, isothermal_C: 180, samples: 100000 });
  assert.equal(many.statusCode, 400, many.body);
});
