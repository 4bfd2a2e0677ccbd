import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServer } from '../../src/server/app.ts';
import { simulatedUpload } from './helpers.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** `total` POSTs at `concurrency` in flight; returns the statuses. */
async function burst(url: string, body: string, total: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
  });
  await Promise.all(workers);
  return statuses;
}

test('loopback load: 200 requests at concurrency 50, repeated 4×: no error, no memory growth', async () => {
  const app = await createServer();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/api/kissinger`;
  const body = JSON.stringify(simulatedUpload());
  const heapMb: number[] = [];
  let requests = 0;
  let errors = 0;
  const t0 = performance.now();
  try {
    for (let rep = 0; rep < 4; rep++) {
      const statuses = await burst(url, body, 200, 50);
      requests += statuses.length;
      errors += statuses.filter((s) => s !== 200).length;
      gc();
      gc();
      heapMb.push(process.memoryUsage().heapUsed / 1e6);
    }
  } finally {
    await app.close();
  }
  const growth = heapMb[heapMb.length - 1] - heapMb[1]; // after warm-up (the first repeat fills caches)
  process.stdout.write(
    `load test: ${requests} requests at concurrency 50 in ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
      `${errors} errors, heap after each repeat ${heapMb.map((h) => h.toFixed(1)).join(' / ')} MB (growth ${growth.toFixed(1)} MB)\n`,
  );
  assert.equal(requests, 800);
  assert.equal(errors, 0);
  assert.ok(growth < 15, `heap grew ${growth.toFixed(1)} MB between repeats 2 and 4`);
});
