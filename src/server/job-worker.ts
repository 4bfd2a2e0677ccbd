/**
 * Worker-thread body of a job (started by src/workers/start-worker.ts). workerData: { kind, input }. Posts exactly one
 * message: { result } or { error: { status, message } } (user errors 4xx, anything else 500).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/input-error.ts';
import { HttpError } from './http-error.ts';
import { JOB_TASKS } from './job-tasks.ts';
import { registryLookup } from '../core/registry.ts';

const { kind, input } = workerData as { kind: string; input: unknown };
try {
  const task = registryLookup(JOB_TASKS, kind);
  if (!task) throw new HttpError(400, `unknown job kind "${kind}"`);
  const result = await task(input);
  parentPort!.postMessage({
    result: JSON.parse(
      JSON.stringify(result, (_k, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v)
          ? null
          : ArrayBuffer.isView(v)
            ? Array.from(v as unknown as ArrayLike<number>)
            : v,
      ),
    ) as unknown,
  });
} catch (e) {
  const status = e instanceof HttpError ? e.status : e instanceof InputError ? 422 : 500;
  // Anything but the user's input is a bug: the trace goes to the server's stderr, the job says so.
  if (status === 500)
    process.stderr.write(`job ${kind}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  const message =
    status === 500
      ? `internal error (a bug in the server, not a problem with the request): ${(e as Error).message}`
      : (e as Error).message;
  parentPort!.postMessage({ error: { status, message } });
}
