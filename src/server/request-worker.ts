/**
 * Body of a request worker thread (started by worker-pool.ts through src/workers/start-worker.ts). Unlike a job
 * worker it stays alive and serves one task at a time: it receives `{ id, kind, input }` and posts exactly one
 * `{ id, result }` or `{ id, error: { status, message, details? } }` per task (user errors 4xx, anything else 500).
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/input-error.ts';
import { registryLookup } from '../core/registry.ts';
import { HttpError } from './http-error.ts';
import { REQUEST_TASKS, type RequestTaskInput } from './request-tasks.ts';
import { jsonSafe } from './json-safe.ts';

parentPort!.on('message', (m: { id: number; kind: string; input: RequestTaskInput }) => {
  void serve(m);
});

async function serve({ id, kind, input }: { id: number; kind: string; input: RequestTaskInput }) {
  try {
    const task = registryLookup(REQUEST_TASKS, kind);
    if (!task) throw new HttpError(400, `unknown request kind "${kind}"`);
    const result = await task(input);
    parentPort!.postMessage({ id, result: jsonSafe(result) });
  } catch (e) {
    const status = e instanceof HttpError ? e.status : e instanceof InputError ? 422 : 500;
    if (status === 500)
      process.stderr.write(`request ${kind}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    const message =
      status === 500
        ? `internal error (a bug in the server, not a problem with the request): ${(e as Error)?.message}`
        : (e as Error).message;
    const details = e instanceof HttpError ? jsonSafe(e.details) : undefined;
    parentPort!.postMessage({ id, error: { status, message, details } });
  }
}
