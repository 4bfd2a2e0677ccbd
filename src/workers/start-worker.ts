import { Worker, type ResourceLimits } from 'node:worker_threads';

/** True when this code runs compiled (dist/*.js, plain node), false when it runs from src/*.ts through tsx. */
const COMPILED = !import.meta.url.endsWith('.ts');

/**
 * Start a worker thread running one of our modules, given by its source URL (`new URL('./x.ts', import.meta.url)`).
 * Compiled (dist/, plain node): the module's .js file itself. From source (tsx, the dev path and the tests): the
 * plain-JavaScript entry tsx-worker-entry.mjs, which registers tsx inside the worker — Node 20 does not apply a
 * `--import tsx` to a Worker's own module loading — then imports the module; the module's URL travels in
 * `workerData.__module`, beside the worker's own data, which the module reads as usual.
 */
export function startWorker(
  module: URL,
  options: { workerData?: Record<string, unknown>; resourceLimits?: ResourceLimits } = {},
): Worker {
  if (COMPILED) {
    return new Worker(new URL(module.href.replace(/\.ts$/, '.js')), {
      workerData: options.workerData,
      resourceLimits: options.resourceLimits,
    });
  }
  return new Worker(new URL('./tsx-worker-entry.mjs', import.meta.url), {
    workerData: { ...options.workerData, __module: module.href },
    resourceLimits: options.resourceLimits,
  });
}
