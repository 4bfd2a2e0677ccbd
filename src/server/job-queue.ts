import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker.ts';
import { HttpError } from './http-error.ts';

/** A job's state as returned by GET /api/jobs/:id. */
export interface JobStatus {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'timeout';
  created: string;
  started?: string;
  finished?: string;
  elapsed_ms?: number;
  result?: unknown;
  /** Set when state is failed/timeout: what went wrong, for a person. */
  error?: { status: number; message: string };
}

interface Job extends JobStatus {
  input: unknown;
  /** Runs in the main thread on the worker's result (e.g. store it); its return value becomes the job's result. */
  after?: (result: unknown) => Promise<unknown>;
  done: Promise<void>;
  resolveDone: () => void;
}

export interface JobQueueOptions {
  /** Jobs queued or running at once; `submit` throws 503 beyond it. */
  maxQueued: number;
  concurrency: number;
  timeout_ms: number;
  keepFinished: number;
  /** Worker module (default job-worker.ts; started by src/workers/start-worker.ts); tests can pass their own. */
  workerUrl?: URL;
}

const DEFAULT_WORKER = new URL('./job-worker.ts', import.meta.url);

/**
 * A bounded queue of long jobs (JMA fit, screening, DSC pipeline). Each job runs in its own worker thread, so a job
 * that exceeds the time limit is stopped by terminating its worker — a synchronous CPU loop cannot be interrupted
 * otherwise — and the server's event loop stays free for other requests meanwhile.
 */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running = 0;
  private readonly workers = new Set<Worker>();
  private closed = false;
  readonly options: JobQueueOptions;

  constructor(options: JobQueueOptions) {
    this.options = options;
  }

  /** Queue a task (`kind` names a function in job-tasks.ts). Throws HttpError 503 when the queue is full. */
  submit(kind: string, input: unknown, after?: (result: unknown) => Promise<unknown>): JobStatus {
    if (this.closed) throw new HttpError(503, 'the server is shutting down');
    const active = [...this.jobs.values()].filter(
      (j) => j.state === 'queued' || j.state === 'running',
    ).length;
    if (active >= this.options.maxQueued) {
      throw new HttpError(
        503,
        `the job queue is full (${active} jobs waiting or running); try again in a moment`,
      );
    }
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const job: Job = {
      id: randomUUID(),
      kind,
      state: 'queued',
      created: new Date().toISOString(),
      input,
      after,
      done,
      resolveDone,
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    this.pump();
    return this.status(job.id)!;
  }

  /** Public view of a job (no input), or undefined when unknown or forgotten. */
  status(id: string): JobStatus | undefined {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    const { input: _i, after: _a, done: _d, resolveDone: _r, ...pub } = j;
    return pub;
  }

  /** Wait until the job has finished (any final state), at most `ms` milliseconds. */
  async wait(id: string, ms: number): Promise<JobStatus | undefined> {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([j.done, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    return this.status(id);
  }

  list(): JobStatus[] {
    return [...this.jobs.keys()].map((id) => this.status(id)!).reverse();
  }

  /** Stop every worker and fail the waiting jobs (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.waiting.splice(0))
      this.finish(j, 'failed', undefined, { status: 503, message: 'server stopped' });
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      this.run(job);
    }
  }

  private run(job: Job): void {
    job.state = 'running';
    job.started = new Date().toISOString();
    const t0 = performance.now();
    const worker = startWorker(this.options.workerUrl ?? DEFAULT_WORKER, {
      workerData: { kind: job.kind, input: job.input },
    });
    this.workers.add(worker);
    let settled = false;
    const settle = (state: JobStatus['state'], result?: unknown, error?: JobStatus['error']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      answered = true;
      job.elapsed_ms = performance.now() - t0;
      this.workers.delete(worker);
      void worker.terminate();
      this.finish(job, state, result, error);
      this.running--;
      this.pump();
    };
    const timer = setTimeout(
      () =>
        settle('timeout', undefined, {
          status: 504,
          message: `the job took longer than the ${this.options.timeout_ms / 1000} s limit and was stopped`,
        }),
      this.options.timeout_ms,
    );
    let answered = false;
    worker.on('message', (m: { result?: unknown; error?: { status: number; message: string } }) => {
      answered = true;
      if (m.error) settle('failed', undefined, m.error);
      else if (job.after) {
        job.after(m.result).then(
          (r) => settle('done', r),
          (e: Error) =>
            settle('failed', undefined, {
              status: 500,
              message: `internal error after the job: ${e.message}`,
            }),
        );
      } else settle('done', m.result);
    });
    worker.on('error', (e) =>
      settle('failed', undefined, { status: 500, message: `internal error in the job: ${e.message}` }),
    );
    worker.on(
      'exit',
      (code) =>
        answered ||
        settle('failed', undefined, {
          status: 500,
          message: `the job's worker exited (code ${code}) without a result`,
        }),
    );
  }

  private finish(job: Job, state: JobStatus['state'], result?: unknown, error?: JobStatus['error']): void {
    job.state = state;
    job.finished = new Date().toISOString();
    job.result = result;
    job.error = error;
    job.input = undefined;
    job.resolveDone();
    this.forgetOld();
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'queued' && j.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - this.options.keepFinished)))
      this.jobs.delete(j.id);
  }
}
