import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobQueue } from '../../src/server/job-queue.ts';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import { ScreeningStore } from '../../src/server/screening-store.ts';
import { simulatedUpload } from './helpers.ts';

const fitInput = () => ({ request: { ...simulatedUpload() }, limits: DEFAULT_LIMITS });

test('a job over its time limit is stopped and reported as timeout; the queue refuses work beyond its bound', async () => {
  const q = new JobQueue({ maxQueued: 2, concurrency: 1, timeout_ms: 30, keepFinished: 10 });
  try {
    const a = q.submit('fit', fitInput());
    const b = q.submit('fit', fitInput());
    assert.throws(
      () => q.submit('fit', fitInput()),
      (e: Error & { status?: number }) => e.status === 503 && /queue is full/.test(e.message),
    );
    const sa = await q.wait(a.id, 20_000);
    assert.equal(sa?.state, 'timeout');
    assert.match(sa.error!.message, /longer than the 0\.03 s limit/);
    const sb = await q.wait(b.id, 20_000);
    assert.equal(sb?.state, 'timeout');
  } finally {
    await q.close();
  }
});

test('a failing job reports the library message (422), an unknown kind 400', async () => {
  const q = new JobQueue({ maxQueued: 4, concurrency: 2, timeout_ms: 60_000, keepFinished: 10 });
  try {
    const bad = q.submit('fit', {
      request: { files: [{ name: 'a.csv', text: 'T (C),m (mg)\n30,1\n' }] },
      limits: DEFAULT_LIMITS,
    });
    const unk = q.submit('nope', {});
    const sb = await q.wait(bad.id, 30_000);
    assert.equal(sb?.state, 'failed');
    assert.equal(sb?.error?.status, 422, sb?.error?.message);
    const su = await q.wait(unk.id, 30_000);
    assert.equal(su?.error?.status, 400);
    assert.match(su.error.message, /unknown job kind "nope"/);
  } finally {
    await q.close();
  }
});

test('screening store keeps runs with input hashes, model version and results (DuckDB)', async () => {
  const s = await ScreeningStore.open(':memory:');
  try {
    const run = await s.save({ name: 'batch A', model: 'best', model_version: '2026-11-22T00:00:00Z' }, [
      {
        sample_id: 's1',
        input_sha256: 'ab'.repeat(32),
        Ea_kJ_mol: 180.5,
        lgA_s: 9.25,
        error: null,
        result: { x: 1 },
      },
      {
        sample_id: 's2',
        input_sha256: 'cd'.repeat(32),
        Ea_kJ_mol: null,
        lgA_s: null,
        error: 'no peak',
        result: null,
      },
    ]);
    assert.equal(run.samples, 2);
    assert.equal(run.failed, 1);
    const list = await s.list();
    assert.deepEqual(
      list.map((r) => r.id),
      [run.id],
    );
    const got = await s.get(run.id);
    assert.equal(got?.run.model_version, '2026-11-22T00:00:00Z');
    assert.deepEqual(
      got?.results.map((r) => [r.sample_id, r.input_sha256.slice(0, 4), r.Ea_kJ_mol, r.error]),
      [
        ['s1', 'abab', 180.5, null],
        ['s2', 'cdcd', null, 'no peak'],
      ],
    );
    assert.deepEqual(got?.results[0].result, { x: 1 });
    assert.equal(await s.get('missing'), undefined);
  } finally {
    s.close();
  }
});
