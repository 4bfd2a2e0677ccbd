// Plain-JavaScript entry for worker threads that run TypeScript modules from source (see start-worker.ts): Node 20
// does not apply a `--import tsx` given in a Worker's execArgv to the worker's own module loading, so register tsx
// here, then import the module named in workerData.__module (a file URL string). Compiled code never comes here.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__module);
