import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/app.ts';
import { analyze } from '../../src/app/analyze.ts';
import { kissinger } from '../../src/app/kissinger.ts';
import { xaiPredict } from '../../src/app/xai-predict.ts';
import { ZHOU2026_TABLE2_EA_KJ_MOL } from '../../src/data/paper-zhou2026.ts';
import { NCM333_COLUMNS, ncm333Path, ncm333Upload, simulatedUpload, SIM, asJson } from './helpers.ts';

const app = await createServer();
after(() => app.close());

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

test('analyze: the API result equals `ckin analyze --json` on the real NCM333 runs (2, 5, 10 K/min)', async () => {
  const r = await post('/api/analyze', ncm333Upload([2, 5, 10]));
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  const cli = asJson(
    await analyze({
      runs: [2, 5, 10].map((r) => ({ path: ncm333Path(r) })),
      columns: NCM333_COLUMNS.split(','),
    }),
  );
  assert.deepEqual(body.result, cli);
  // Known answer (data README): main exotherm peaks ≈ 280 °C at 2 K/min, rising with the rate (≈ 302 °C at 20).
  const s1 = body.result.stages[0];
  assert.equal(s1.peaks.length, 3);
  assert.ok(Math.abs(s1.peaks[0].T_peak_C - 280) < 6, `T_peak at 2 K/min: ${s1.peaks[0].T_peak_C}`);
  assert.ok(s1.peaks[0].T_peak_C < s1.peaks[1].T_peak_C && s1.peaks[1].T_peak_C < s1.peaks[2].T_peak_C);
  assert.ok(body.plots.overview && body.plots.stages[0].kissinger, 'Vega-Lite specs for the page');
});

test('kissinger: known answer on simulated JMA runs, and equal to the CLI function on the same files', async () => {
  const up = simulatedUpload();
  const r = await post('/api/kissinger', up);
  assert.equal(r.statusCode, 200, r.body);
  const k = r.json();
  assert.ok(Math.abs(k.Ea_kJ_mol - SIM.Ea_kJ_mol) < 1.5, `Ea ${k.Ea_kJ_mol}`);
  assert.ok(
    Math.abs(k.lgA_s - SIM.lgA_s) < 0.15,
    `lgA ${k.lgA_s} (a K/min vs K/s slip would shift it by 1.78)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ckin-api-'));
  const paths = up.files.map((f) => {
    writeFileSync(join(dir, f.name), f.text);
    return join(dir, f.name);
  });
  assert.deepEqual(k, asJson(kissinger({ runs: paths.map((path) => ({ path })) })));
});

test('iso and simulate answer with the CLI shapes', async () => {
  const iso = await post('/api/iso', { ...simulatedUpload(), method: 'vyazovkin', alpha: '0.2:0.8:0.1' });
  assert.equal(iso.statusCode, 200, iso.body);
  for (const e of iso.json().Ea_kJ_mol) assert.ok(Math.abs(e - SIM.Ea_kJ_mol) < 1, `Ea(α) ${e}`);
  const sim = await post('/api/simulate', { Ea_kJ_mol: 150, lgA_s: 12, n: 1, rates_K_min: [10] });
  assert.equal(sim.statusCode, 200, sim.body);
  // First order, β = 10 K/min: Kissinger's peak condition Ea·β/(R·Tp²) = A·exp(−Ea/RTp) is exact; solve it here.
  const R = 8.314462618;
  const beta = 10 / 60;
  let Tp = 500;
  for (let i = 0; i < 60; i++) Tp = 150e3 / R / Math.log((1e12 * R * Tp * Tp) / (150e3 * beta));
  assert.ok(
    Math.abs(sim.json().runs[0].T_peak_K - Tp) < 0.3,
    `T_peak ${sim.json().runs[0].T_peak_K} vs ${Tp}`,
  );
});

test('JMA fit runs as a job in a worker and recovers the simulated parameters', async () => {
  const r = await app.inject({ method: 'POST', url: '/api/fit?wait_ms=60000', payload: simulatedUpload() });
  assert.equal(r.statusCode, 200, r.body);
  const job = r.json();
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const f = job.result.fit;
  assert.ok(Math.abs(f.Ea_kJ_mol - SIM.Ea_kJ_mol) / SIM.Ea_kJ_mol < 0.005, `Ea ${f.Ea_kJ_mol}`);
  assert.ok(Math.abs(f.lgA_s - SIM.lgA_s) < 0.05, `lgA ${f.lgA_s}`);
  assert.ok(Math.abs(f.n - SIM.n) < 0.01, `n ${f.n}`);
  const again = await app.inject({ method: 'GET', url: `/api/jobs/${job.id}` });
  assert.equal(again.json().state, 'done');
});

test('KCE placement: a point of Zhou Table 2 lies on its material line', async () => {
  const Ea = ZHOU2026_TABLE2_EA_KJ_MOL.ncm811[2]; // printed Ea at lgA = 9
  const r = await post('/api/kce', { Ea_kJ_mol: Ea, lgA_s: 9 });
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json().placements[0];
  assert.equal(p.nearest, 'ncm811');
  // Table 2 comes from unrounded coefficients: 0.1 kJ/mol ≈ 0.007 in lgA.
  assert.ok(Math.abs(p.lines.find((l: { material: string }) => l.material === 'ncm811').delta_lgA) < 0.01);
});

test('bad uploads get a 4xx with a message naming the problem', async () => {
  const junk = Buffer.alloc(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
  const cases: [string, unknown, number, RegExp][] = [
    [
      'binary junk',
      { files: [{ name: 'junk.bin', base64: junk.toString('base64') }] },
      422,
      /junk\.bin.*not a text file/,
    ],
    [
      'invalid base64',
      { files: [{ name: 'x.csv', base64: 'not base64!' }] },
      400,
      /x\.csv.*not valid base64/,
    ],
    [
      'wrong encoding (Shift-JIS header)',
      {
        files: [
          {
            name: 'sjis.csv',
            base64: Buffer.from([
              0x83, 0x65, 0x83, 0x58, 0x2c, 0x82, 0xa0, 0x0a, 0x31, 0x2c, 0x32, 0x0a,
            ]).toString('base64'),
          },
        ],
      },
      422,
      /sjis\.csv:1: no temperature column/,
    ],
    [
      'one run where three are needed',
      ncm333Upload([10]),
      422,
      /three or more heating rates.*1 readable run/,
    ],
    ['no files', { files: [] }, 400, /files must NOT have fewer than 1 items/],
    [
      'unknown field',
      { files: [{ name: 'a.csv', text: '1' }], colums: 'x' },
      400,
      /must NOT have additional properties/,
    ],
    [
      'text and base64',
      { files: [{ name: 'a.csv', text: '1', base64: 'MQ==' }] },
      400,
      /either as "text" or as "base64"/,
    ],
    [
      'headerless without columns',
      { files: ncm333Upload([2, 5, 10]).files },
      422,
      /no header naming its 2 columns/,
    ],
  ];
  cases.push(
    [
      'a 17 MB file (limit 16 MB per file)',
      { files: [{ name: 'big.csv', text: 'x'.repeat(17 * 2 ** 20) }] },
      413,
      /big\.csv: the file is 17\.0 MB, above the 16 MB limit per file/,
    ],
    [
      '25 files (limit 24)',
      { files: Array.from({ length: 25 }, (_, k) => ({ name: `f${k}.csv`, text: '1' })) },
      413,
      /25 files in one request, above the limit of 24/,
    ],
  );
  for (const [what, payload, status, re] of cases) {
    const r = await post('/api/analyze', payload);
    assert.equal(r.statusCode, status, `${what}: ${r.body}`);
    assert.match(r.json().error.message, re, what);
  }
  const ct = await app.inject({
    method: 'POST',
    url: '/api/analyze',
    headers: { 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assert.equal(ct.statusCode, 415);
  assert.match(ct.json().error.message, /as JSON/);
  const rebound = await app.inject({
    method: 'GET',
    url: '/api/health',
    headers: { host: 'evil.example:8080' },
  });
  assert.equal(rebound.statusCode, 421);
  assert.match(rebound.json().error.message, /answers only to localhost/);
  const nf = await app.inject({ method: 'GET', url: '/api/nope' });
  assert.equal(nf.statusCode, 404);
  assert.match(nf.json().error.message, /no such endpoint/);
});

test('capabilities, OpenAPI, and 501 for the CNN when no model is built', async () => {
  const caps = (await app.inject({ method: 'GET', url: '/api/capabilities' })).json();
  assert.equal(caps.capabilities.analyze.available, true);
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  assert.equal(spec.openapi, '3.1.0');
  for (const p of [
    '/api/analyze',
    '/api/kissinger',
    '/api/iso',
    '/api/fit',
    '/api/predict',
    '/api/screening',
    '/api/kce',
    '/api/jobs/{id}',
  ]) {
    assert.ok(spec.paths[p], `OpenAPI lacks ${p}`);
  }
  assert.ok(spec.paths['/api/analyze'].post.requestBody.content['application/json'].schema.properties.files);
  const pr = await post('/api/predict', simulatedUpload());
  if (caps.capabilities.predict.available) assert.notEqual(pr.statusCode, 501);
  else {
    assert.equal(pr.statusCode, 501);
    assert.match(pr.json().error.message, /CNN prediction is not available in this build/);
  }
});

/** Send a body of `size` bytes over loopback (Content-Length set, or chunked), stopping as soon as an answer comes. */
function sendLargeBody(
  port: number,
  size: number,
  chunked: boolean,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = size;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/analyze', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body });
        req.destroy();
      });
    });
    // The server may close the connection right after its 413 while we are still writing: give the answer a moment.
    req.on('error', (e) => (answered ? undefined : setTimeout(() => answered || reject(e), 1000)));
    const chunk = Buffer.alloc(1 << 20, 0x20);
    chunk.write('{"files":[{"name":"big.csv","text":"');
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

test('over loopback: a 200 MB body gets 413 (with and without Content-Length), 50 concurrent requests all succeed, the server stays up', async () => {
  const live = await createServer();
  try {
    await live.listen({ port: 0, host: '127.0.0.1' });
    const port = (live.server.address() as { port: number }).port;
    for (const chunked of [false, true]) {
      // The server answers 413 and closes the connection while the client still writes; the client's TCP stack may
      // then see a reset before it has read the answer (a client-side race, not a server failure): try up to 3 times.
      let r: { status: number; body: string } | undefined;
      for (let attempt = 0; attempt < 3 && !r; attempt++) {
        r = await sendLargeBody(port, 200 * 1024 * 1024, chunked).catch((e: Error) => {
          process.stderr.write(`413 test: attempt ${attempt + 1}: ${e.message}\n`);
          return undefined;
        });
      }
      assert.ok(r, 'no answer to the 200 MB body in 3 attempts');
      assert.equal(r.status, 413, r.body);
      assert.match(JSON.parse(r.body).error.message, /larger than the 32 MB limit/);
    }
    const payload = JSON.stringify(simulatedUpload());
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`http://127.0.0.1:${port}/api/kissinger`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        }).then(async (res) => ({ status: res.status, json: await res.json() })),
      ),
    );
    const ms = performance.now() - t0;
    process.stderr.write(`load: 50 concurrent kissinger requests (3 runs each) in ${ms.toFixed(0)} ms\n`);
    assert.deepEqual(
      results.map((r) => r.status),
      Array(50).fill(200),
    );
    for (const r of results) assert.deepEqual(r.json, results[0].json);
    const h = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal(h.status, 200);
  } finally {
    await live.close();
  }
});

test('DSC tab: records query and explainable ML (job) on the demo database recover its known top driver', async () => {
  const q = await app.inject({ method: 'GET', url: '/api/dsc/records?limit=5' });
  assert.equal(q.statusCode, 200, q.body);
  assert.equal(q.json().rows.length, 5);
  assert.match(q.json().source, /synthetic demonstration records/);
  const r = await app.inject({
    method: 'POST',
    url: '/api/dsc/xai',
    payload: { targets: ['power'], shuffles: 5, trees: 20, explain: 60, demoN: 200, save: true },
  });
  assert.equal(r.statusCode, 202, r.body);
  const st = (await app.inject({ method: 'GET', url: `/api/jobs/${r.json().id}?wait_ms=60000` })).json();
  assert.equal(st.state, 'done', JSON.stringify(st.error));
  // The demo generator's truth (src/dsc/demo-generator.ts): log10 P rises with the scan rate most of all.
  const top = st.result.targets.power.ranking[0];
  assert.deepEqual([top.feature, top.sign], ['scan_rate_K_min', 1]);
  assert.ok(st.result.plots[0].ternary && st.result.plots[0].shap);
  // the job's saved model, used by the prediction route (worker pool) exactly as `ckin xai predict` uses the file
  const records = {
    name: 'new.csv',
    text: 'formula,cut-off voltage (V),electrolyte (mg/mg),crucible,scan rate (K/min),max power (W/g)\nNCM811,4.3,1,sealed,5,3.1\nLiNi0.5Fe0.5O2,4.3,1,sealed,5,\n',
  };
  const body = { model: st.result.model, records, fix: 'voltage_V=4.5,scan_rate_K_min=10' };
  const p = await post('/api/dsc/xai/predict', body);
  assert.equal(p.statusCode, 200, p.body);
  const direct = asJson(
    xaiPredict({
      model: { json: st.result.model },
      records: { name: records.name, content: records.text },
      ternary: true,
      fix: { cutoff_voltage_V: 4.5, scan_rate_K_min: 10 },
      scope: 'api',
    }),
  );
  assert.deepEqual(p.json(), direct);
  assert.equal(p.json().records.length, 2);
  assert.ok(
    p.json().records[1].warnings.some((w: { code: string }) => w.code === 'dsc.predict-outside-domain'),
  );
  assert.equal(p.json().ternary[0].conditions.cutoff_voltage_V, 4.5);
  const badModel = await post('/api/dsc/xai/predict', { model: { format: 'x' }, ternary: true });
  assert.equal(badModel.statusCode, 422, badModel.body);
  const badFix = await post('/api/dsc/xai/predict', { model: st.result.model, fix: 'ni=1' });
  assert.equal(badFix.statusCode, 422, badFix.body);
  const nodb = await app.inject({ method: 'GET', url: '/api/dsc/records?source=db' });
  assert.equal(nodb.statusCode, 404);
  assert.match(nodb.json().error.message, /no DSC database is configured/);
});
