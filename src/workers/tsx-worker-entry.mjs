// Plain-JavaScript entry for worker threads that run TypeScript modules: Node 20 does not apply a `--import tsx`
// given in a Worker's execArgv to the worker's own module loading, so register tsx here, then import the module
// named in workerData.module (a file URL string).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
