/**
 * Body of a request worker thread (started by worker-pool.ts through src/workers/start-worker.ts). Unlike a job
 * worker it stays alive and serves one task at a time (serve-tasks.ts): the CPU-heavy work of the synchronous API
 * routes, by name (request-tasks.ts).
 */
import { REQUEST_TASKS } from './request-tasks.ts';
import { serveTasks } from './serve-tasks.ts';

serveTasks(REQUEST_TASKS);
