/**
 * The loop of a request worker thread (worker-pool.ts): receive `{ id, kind, input }`, run `tasks[kind]`, post
 * exactly one `{ id, result }` or `{ id, error: { status, message, details? } }` (user errors 4xx, anything else 500);
 * with `input.serialize` the result is its JSON text.
 * Before each task it posts `{ id, started: { tid, cpu_ms } }` — its kernel thread id and CPU time so far — so that
 * the pool can measure the CPU time of this task while the thread is busy (thread-cpu.ts).
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/input-error.ts';
import { registryLookup } from '../core/registry.ts';
import { HttpError } from './http-error.ts';
import { jsonSafe } from './json-safe.ts';
import { currentThreadId, threadCpu_ms } from './thread-cpu.ts';

export type WorkerTask<I> = (input: I) => unknown;

export function serveTasks<I>(tasks: Record<string, WorkerTask<I>>): void {
  const port = parentPort!;
  const tid = currentThreadId();
  port.on('message', (m: { id: number; kind: string; input: I }) => {
    void serve(m);
  });

  async function serve({ id, kind, input }: { id: number; kind: string; input: I }) {
    port.postMessage({ id, started: { tid, cpu_ms: tid === undefined ? undefined : threadCpu_ms(tid) } });
    try {
      const task = registryLookup(tasks, kind);
      if (!task) throw new HttpError(400, `unknown request kind "${kind}"`);
      const result = await task(input);
      // `serialize`: the answer goes back as its JSON text, so the main thread sends bytes instead of rebuilding and
      // re-serializing a large object graph (a 10,000-point Ea(α) is 3.4 MB: ~100 ms of the event loop, during which
      // /api/health would wait).
      const serialize = (input as { serialize?: boolean } | null)?.serialize === true;
      port.postMessage({ id, result: serialize ? JSON.stringify(jsonSafe(result)) : jsonSafe(result) });
    } catch (e) {
      const status = e instanceof HttpError ? e.status : e instanceof InputError ? 422 : 500;
      if (status === 500)
        process.stderr.write(`request ${kind}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      const message =
        status === 500
          ? `internal error (a bug in the server, not a problem with the request): ${(e as Error)?.message}`
          : (e as Error).message;
      const details = e instanceof HttpError ? jsonSafe(e.details) : undefined;
      port.postMessage({ id, error: { status, message, details } });
    }
  }
}
