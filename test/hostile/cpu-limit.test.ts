/**
 * Issue 22 item 2: a CPU-time limit per request, measured per worker thread (src/server/thread-cpu.ts), beside the
 * wall-clock limit. Known answers: a /proc stat line with known ticks; a thread's CPU time against process.cpuUsage()
 * while only that thread works; a task that sleeps past the CPU budget is not stopped, one that burns past it is (413).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { WorkerPool } from '../../src/server/worker-pool.ts';
import { HttpError } from '../../src/server/http-error.ts';
import { currentThreadId, parseStatCpu_ms, threadCpu_ms } from '../../src/server/thread-cpu.ts';
import { createServer } from '../../src/server/app.ts';
import { simulatedUpload } from '../server/helpers.ts';

const linux = existsSync('/proc/thread-self');
const skip = linux ? false : 'no /proc/thread-self (not Linux): only the wall limit applies';

test('parseStatCpu_ms: utime + stime ticks (100 per s) after the last ")" of the command name', () => {
  // Fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
  const line = '4242 (we) ird (name) R 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 8 0';
  assert.equal(parseStatCpu_ms(line), 3000);
  assert.equal(parseStatCpu_ms('garbage'), undefined);
});

test('threadCpu_ms of the main thread follows process.cpuUsage() while only it works', { skip }, () => {
  const tid = currentThreadId()!;
  assert.ok(tid > 0);
  const c0 = process.cpuUsage();
  const t0 = threadCpu_ms(tid)!;
  let x = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < 400) x += Math.sqrt(w0);
  const proc_ms = (() => {
    const d = process.cpuUsage(c0);
    return (d.user + d.system) / 1000;
  })();
  const thread_ms = threadCpu_ms(tid)! - t0;
  assert.ok(x > 0);
  // 10 ms resolution; other threads (GC helpers) may add a little to the process figure, never to the thread's.
  assert.ok(thread_ms <= proc_ms + 20, `thread ${thread_ms} ms, process ${proc_ms} ms`);
  assert.ok(thread_ms >= 0.8 * proc_ms - 20, `thread ${thread_ms} ms, process ${proc_ms} ms`);
  assert.ok(proc_ms > 50, `the spin used only ${proc_ms} ms of CPU`);
});

test(
  'pool: a task over its CPU budget is stopped with 413; a task sleeping past it is not; the pool goes on',
  { skip },
  async (t) => {
    const pool = new WorkerPool({
      size: 1,
      maxPending: 8,
      timeout_ms: 30_000,
      cpuLimit_ms: 300,
      maxHeap_MB: 256,
      workerUrl: new URL('./cpu-test-worker.ts', import.meta.url),
    });
    t.after(() => pool.close());
    // Worker start-up (loading tsx and the modules) is not counted against the first task.
    const first = (await pool.run('spin', { ms: 150 })) as { x: number };
    assert.equal(typeof first.x, 'number');
    const w0 = performance.now();
    assert.deepEqual(await pool.run('sleep', { ms: 1200 }), { slept_ms: 1200 });
    assert.ok(performance.now() - w0 >= 1100);
    const w1 = performance.now();
    await assert.rejects(pool.run('spin', { ms: 60_000 }), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.equal(e.status, 413);
      assert.match(e.message, /0\.3 s CPU-time limit of one request/);
      return true;
    });
    // Stopped at the budget (polled every 100 ms), not after the 30 s wall limit.
    assert.ok(performance.now() - w1 < 10_000, `${performance.now() - w1} ms`);
    assert.equal(pool.pending, 0);
    assert.deepEqual(await pool.run('sleep', { ms: 10 }), { slept_ms: 10 });
  },
);

test(
  'server: a bootstrap over requestCpu_ms gets 413 naming the CPU limit; /health and the next request are fine',
  { skip },
  async (t) => {
    const app = await createServer({
      limits: { requestWorkers: 1, requestTimeout_ms: 120_000, requestCpu_ms: 300 },
    });
    t.after(() => app.close());
    const upload = simulatedUpload();
    const r = await app.inject({
      method: 'POST',
      url: '/api/fit/bootstrap',
      payload: { ...upload, start: { Ea_kJ_mol: 150, lgA_s: 12 }, samples: 1000 },
    });
    assert.equal(r.statusCode, 413, r.body);
    const err = r.json<{ error: { message: string } }>().error;
    assert.match(err.message, /more than the 0\.3 s CPU-time limit/);
    assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
    const next = await app.inject({ method: 'POST', url: '/api/kissinger', payload: upload });
    assert.equal(next.statusCode, 200, next.body);
  },
);
