// Plain-JavaScript entry of the job worker threads: registers tsx inside the worker (Node 20 does not apply the
// parent's `--import tsx` to a Worker's own module loading), then loads the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
