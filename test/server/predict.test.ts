import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { engineAvailable } from '../../src/nn/engine.ts';
import { trainModel } from '../../src/nn/train.ts';
import { readCurveDataset } from '../../src/nn/dataset.ts';
import { CnnModel } from '../../src/nn/model.ts';
import { prepareRunSample } from '../../src/nn/preprocess.ts';
import { loadCurves } from '../../src/app/run-sources.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { simulatedRunFileName, simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { createServer } from '../../src/server/app.ts';
import { uploadHash } from '../../src/server/predict-service.ts';
import { writeTinyDataset, kissingerLgA } from '../nn/fixtures.ts';
import { tinyPreset } from '../nn/tiny-preset.ts';

/**
 * CNN endpoints with a tiny model trained here (the shipped models may be absent): the API's prediction must equal
 * what `ckin predict` computes from the same files (same curves, same preprocessing, same network), and a screening
 * run must be stored with its input hashes and model version.
 */
const skip = !engineAvailable() && 'libtorch addon not built (npm run build:native): CNN endpoints untested';
let app: FastifyInstance;
let modelDir: string;
let work: string;

const Ea = 165;
const lgA = kissingerLgA(Ea, 530);
function sample(rates = [10, 30, 60]) {
  const runs = simulateRuns({
    model: modelByName('jma', { n: 3 }),
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

before(async () => {
  if (skip) return;
  const data = writeTinyDataset(200, 3);
  work = dirname(data);
  modelDir = join(work, 'model');
  trainModel({ preset: tinyPreset(2), data: readCurveDataset(data), outDir: modelDir, seed: 1, threads: 1 });
  app = await createServer({ models: { best: modelDir } });
});
after(async () => {
  await app?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('predict equals `ckin predict` on the same files; Kissinger alongside', { skip }, async () => {
  const up = sample();
  const r = await app.inject({ method: 'POST', url: '/api/predict', payload: up });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  const dir = mkdtempSync(join(tmpdir(), 'ckin-pred-'));
  try {
    const paths = up.files.map((f) => {
      writeFileSync(join(dir, f.name), f.text);
      return join(dir, f.name);
    });
    const model = CnnModel.load(modelDir);
    const prepared = prepareRunSample(
      loadCurves({ runs: paths.map((path) => ({ path })) }).curves,
      model.manifest.input.rates_K_min,
      model.manifest.input.grid_C,
    );
    const [pEa, plgA] = model.predict(prepared.set);
    assert.deepEqual(body.cnn, { Ea_kJ_mol: pEa, lgA_s: plgA });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  body.beta_K_min.forEach((b: number, i: number) =>
    assert.ok(Math.abs(b - [10, 30, 60][i]) < 1e-9, `rate ${b}`),
  ); // from the T(t) slope
  assert.ok(Math.abs(body.kissinger.Ea_kJ_mol - Ea) < 3, `Kissinger Ea ${body.kissinger.Ea_kJ_mol}`);
  const unknown = await app.inject({
    method: 'POST',
    url: '/api/predict',
    payload: { ...up, model: '/etc' },
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /unknown model "\/etc": this server offers best/);
});

test(
  'screening: a batch job stored in DuckDB with input hashes, model version and per-sample errors',
  { skip },
  async () => {
    const good = { id: 'good', ...sample() };
    const short = { id: 'two-rates', ...sample([10, 30]) };
    const r = await app.inject({
      method: 'POST',
      url: '/api/screening',
      payload: { name: 'batch 1', samples: [good, short] },
    });
    assert.equal(r.statusCode, 202, r.body);
    const st = (await app.inject({ method: 'GET', url: `/api/jobs/${r.json().id}?wait_ms=60000` })).json();
    assert.equal(st.state, 'done', JSON.stringify(st.error));
    const list = (await app.inject({ method: 'GET', url: '/api/screening' })).json();
    assert.equal(list[0].name, 'batch 1');
    assert.equal(list[0].samples, 2);
    assert.equal(list[0].failed, 1);
    const stored = (await app.inject({ method: 'GET', url: `/api/screening/${list[0].id}` })).json();
    assert.match(stored.run.model_version, /^tiny /);
    const { id: _g, ...goodUpload } = good;
    assert.equal(stored.results[0].input_sha256, uploadHash(goodUpload));
    assert.equal(typeof stored.results[0].Ea_kJ_mol, 'number');
    assert.match(stored.results[1].error, /three or more heating rates|the model takes 3 runs/);
  },
);

test('50 concurrent prediction requests over loopback: all answered, all equal', { skip }, async () => {
  const live = await createServer({ models: { best: modelDir } });
  try {
    await live.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(live.server.address() as { port: number }).port}/api/predict`;
    const body = JSON.stringify(sample());
    const t0 = performance.now();
    const res = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
          async (r) => ({
            status: r.status,
            json: await r.json(),
          }),
        ),
      ),
    );
    process.stderr.write(
      `load: 50 concurrent predict requests in ${(performance.now() - t0).toFixed(0)} ms\n`,
    );
    assert.deepEqual(
      res.map((r) => r.status),
      Array(50).fill(200),
    );
    for (const r of res) assert.deepEqual(r.json.cnn, res[0].json.cnn);
  } finally {
    await live.close();
  }
});
