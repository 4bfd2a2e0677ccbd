// Plain-JavaScript entry of the synth worker threads: registers tsx inside the worker (Node 20 does not apply a
// `--import tsx` given in a Worker's execArgv to the worker's own module loading), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
