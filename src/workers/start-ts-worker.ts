import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Start a worker thread running a TypeScript module (through tsx-worker-entry.mjs). */
export function startTsWorker(module: URL, resourceLimits?: ResourceLimits): Worker {
  return new Worker(new URL('./tsx-worker-entry.mjs', import.meta.url), {
    workerData: { module: module.href },
    resourceLimits,
  });
}
