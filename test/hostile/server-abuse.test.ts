/**
 * Item 2 and 5 of issue 22, over loopback: heavy requests run in the request worker pool, so /api/health answers in
 * < 50 ms while they run; a request over its time limit is stopped (504); a client that disconnects cancels its
 * work; a body trickled slower than the body timeout is cut; the server stays up throughout. Bounded: small limits
 * (1 s body timeout, 4 s request limit, one worker), a few dozen requests, ≈ 15 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createServer } from '../../src/server/app.ts';
import { simulatedUpload } from '../server/helpers.ts';

async function live() {
  const app = await createServer({
    limits: { requestWorkers: 1, requestTimeout_ms: 4000, bodyTimeout_ms: 1000, maxPendingRequests: 8 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { app, port, url: `http://127.0.0.1:${port}` };
}

async function healthTimes(url: string, n: number, gap_ms: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await fetch(`${url}/api/health`);
    await r.text();
    out.push(performance.now() - t0);
    assert.equal(r.status, 200);
    await new Promise((res) => setTimeout(res, gap_ms));
  }
  return out;
}

const post = (url: string, path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });

test('loopback abuse: /health < 50 ms while the heaviest requests run; over the limit 504; the server stays up', async (t) => {
  const { app, url } = await live();
  t.after(() => app.close());
  const upload = simulatedUpload();
  // Warm the worker (its first start loads the TypeScript sources), then keep it busy with the heaviest allowed work.
  assert.equal((await post(url, '/api/kissinger', upload)).status, 200);
  const heavy = [
    post(url, '/api/iso', { ...upload, method: 'vyazovkin', alpha: '0.0001:0.9999:0.0001' }),
    post(url, '/api/iso', { ...upload, method: 'vyazovkin', alpha: '0.0001:0.9999:0.0001' }),
    post(url, '/api/fit/bootstrap', { ...upload, start: { Ea_kJ_mol: 150, lgA_s: 12 }, samples: 1000 }),
    post(url, '/api/analyze', upload),
    post(url, '/api/iso', { ...upload, alpha: '0.1:0.9:1e-300' }),
  ];
  await new Promise((res) => setTimeout(res, 200));
  const times = await healthTimes(url, 25, 80);
  const statuses = await Promise.all(heavy.map(async (p) => (await p).status));
  times.sort((a, b) => a - b);
  process.stdout.write(
    `health while heavy requests ran: median ${times[12].toFixed(1)} ms, max ${times[24].toFixed(1)} ms; statuses ${statuses.join(' ')}\n`,
  );
  assert.ok(times[24] < 50, `slowest /health ${times[24].toFixed(1)} ms`);
  // Every answer is a bounded 2xx or a 4xx/503/504; never a 500, never a hang.
  for (const s of statuses) assert.ok([200, 422, 503, 504].includes(s), String(statuses));
  assert.equal(statuses[4], 422);
  // Still up and serving ordinary work.
  const after = await post(url, '/api/kissinger', upload);
  assert.equal(after.status, 200);
});

test('a client that disconnects cancels its work: the worker is stopped and the next request is served at once', async (t) => {
  const { app, url } = await live();
  t.after(() => app.close());
  const upload = simulatedUpload();
  assert.equal((await post(url, '/api/kissinger', upload)).status, 200);
  const ctl = new AbortController();
  const gone = post(
    url,
    '/api/fit/bootstrap',
    { ...upload, start: { Ea_kJ_mol: 150, lgA_s: 12 }, samples: 1000 },
    ctl.signal,
  );
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(app.ctx.pool.pending, 1);
  ctl.abort();
  await assert.rejects(gone);
  const t0 = performance.now();
  while (app.ctx.pool.pending > 0 && performance.now() - t0 < 2000)
    await new Promise((r) => setTimeout(r, 20));
  assert.equal(app.ctx.pool.pending, 0, 'the cancelled task still holds the worker');
  const next = await post(url, '/api/kissinger', upload);
  assert.equal(next.status, 200);
  // Served at once, not after the cancelled 1000-replicate bootstrap (several seconds).
  assert.ok(performance.now() - t0 < 3000, `${performance.now() - t0} ms`);
});

test('a request over its time limit is stopped with 504 and its worker replaced', async (t) => {
  const app = await createServer({ limits: { requestWorkers: 1, requestTimeout_ms: 300 } });
  t.after(() => app.close());
  const upload = simulatedUpload();
  const r = await app.inject({
    method: 'POST',
    url: '/api/fit/bootstrap',
    payload: { ...upload, start: { Ea_kJ_mol: 150, lgA_s: 12 }, samples: 1000 },
  });
  // The first request also starts the worker: the limit covers that, so a 300 ms limit always stops it.
  assert.equal(r.statusCode, 504, r.body);
  assert.match(r.json<{ error: { message: string } }>().error.message, /longer than the 0\.3 s limit/);
  assert.equal(app.ctx.pool.pending, 0);
});

test('a body trickled one byte every 200 ms is cut after the body timeout (1 s here, 30 s by default)', async (t) => {
  const { app, port, url } = await live();
  t.after(() => app.close());
  const t0 = performance.now();
  const closed = new Promise<{ ms: number; answer: string }>((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let answer = '';
    sock.on('data', (d) => (answer += String(d)));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clearInterval(timer);
      resolve({ ms: performance.now() - t0, answer });
    });
    sock.write(
      'POST /api/kissinger HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
    );
    const timer = setInterval(() => sock.write(' '), 200);
  });
  // Meanwhile the server answers others.
  const times = await healthTimes(url, 5, 100);
  assert.ok(Math.max(...times) < 50, String(times));
  const r = await closed;
  process.stdout.write(
    `slow body cut after ${r.ms.toFixed(0)} ms: ${r.answer.split('\r\n')[0] || '(connection closed)'}\n`,
  );
  assert.ok(r.ms >= 900 && r.ms < 4000, `${r.ms} ms`);
  assert.match(r.answer, /^$|^HTTP\/1\.1 408/);
});

test('the default limits: body cut after 30 s, idle above the request limit, heavy work off the event loop', async () => {
  const { DEFAULT_LIMITS } = await import('../../src/server/limits.ts');
  assert.equal(DEFAULT_LIMITS.bodyTimeout_ms, 30_000);
  assert.ok(DEFAULT_LIMITS.idleTimeout_ms > DEFAULT_LIMITS.requestTimeout_ms);
  const app = await createServer();
  try {
    assert.equal(app.server.requestTimeout, 60_000, "Node's backstop, twice the body timeout");
  } finally {
    await app.close();
  }
});
