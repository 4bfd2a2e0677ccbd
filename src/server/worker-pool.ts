import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker.ts';
import { HttpError } from './http-error.ts';
import { threadCpu_ms } from './thread-cpu.ts';

export interface WorkerPoolOptions {
  /** Worker threads at most (each runs one task at a time). */
  size: number;
  /** Tasks waiting or running at once; more get 503. */
  maxPending: number;
  /** Time limit of one task, ms: its worker is terminated (a synchronous CPU loop cannot be stopped otherwise). */
  timeout_ms: number;
  /**
   * CPU-time limit of one task, ms (the worker thread's own user + system time, thread-cpu.ts): over it the worker is
   * terminated and the task fails with 413. Unlike the wall limit it does not depend on how loaded the machine is.
   * Omitted, or where the thread's CPU time cannot be read (not Linux): only the wall limit applies.
   */
  cpuLimit_ms?: number;
  /** How often the CPU time of a busy worker is read, ms (default 100). */
  cpuPoll_ms?: number;
  /** Heap limit of one worker, MB: a task that needs more fails alone (HTTP 413), the server stays up. */
  maxHeap_MB: number;
  /** Worker module (default request-worker.ts). */
  workerUrl?: URL;
}

interface Task {
  id: number;
  kind: string;
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Polls the CPU time of the running task (cpuLimit_ms). */
  cpuTimer?: NodeJS.Timeout;
}

const DEFAULT_WORKER = new URL('./request-worker.ts', import.meta.url);

/**
 * A pool of long-lived worker threads for the CPU-heavy work of synchronous API requests (analyze, report, iso,
 * kissinger, simulate, predict, safety, fit bootstrap). The event loop only parses, validates and forwards, so
 * /api/health and light requests answer in milliseconds while the heaviest allowed requests run. Each task has a
 * wall-time limit (504), a CPU-time limit (413, measured per worker thread: thread-cpu.ts) and is cancelled when its client disconnects (the request's AbortSignal): its worker is
 * terminated and replaced on demand. Hand-written because the pools on npm (piscina, workerpool) would be a new
 * dependency for ~150 lines, and neither runs TypeScript sources through tsx in the worker (start-worker.ts does).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;
  readonly options: WorkerPoolOptions;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
  }

  /** Tasks waiting or running. */
  get pending(): number {
    return this.waiting.length + this.slots.filter((s) => s.task).length;
  }

  /**
   * Run a task (`kind` names a function in request-tasks.ts) and resolve with its result. Rejects with an HttpError:
   * 503 when the pool is full or closing, 504 over the time limit, 413 over the CPU or heap limit, 499 when `signal` aborts (the client went away),
   * the task's own status (4xx/500) when it fails.
   */
  run(kind: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.closed) return Promise.reject(new HttpError(503, 'the server is shutting down'));
    if (this.pending >= this.options.maxPending)
      return Promise.reject(
        new HttpError(
          503,
          `the server is busy (${this.pending} heavy requests running or waiting); try again in a moment`,
        ),
      );
    if (signal?.aborted) return Promise.reject(new HttpError(499, 'the client closed the request'));
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, kind, input, resolve, reject, signal };
      if (signal) {
        task.onAbort = () => this.cancel(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.waiting.push(task);
      this.pump();
    });
  }

  /**
   * Start up to `count` workers now instead of at the first heavy request, so that the first upload of an interactive
   * session does not wait for a worker to load the science modules (≈ 1–3 s from the TypeScript sources).
   */
  warm(count = 1): void {
    while (!this.closed && this.slots.length < Math.min(count, this.options.size)) this.spawn();
  }

  /** Terminate every worker; waiting and running tasks fail with 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.waiting.splice(0)) this.fail(t, new HttpError(503, 'the server is shutting down'));
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.task) this.fail(s.task, new HttpError(503, 'the server is shutting down'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot) {
        if (this.slots.length >= this.options.size) return;
        slot = this.spawn();
      }
      this.assign(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.options.workerUrl ?? DEFAULT_WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeap_MB },
    });
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on(
      'message',
      (m: {
        id: number;
        started?: { tid?: number; cpu_ms?: number };
        result?: unknown;
        error?: { status: number; message: string; details?: unknown };
      }) => {
        const t = slot.task;
        if (!t || t.id !== m.id) return;
        if (m.started) {
          this.watchCpu(slot, t, m.started.tid, m.started.cpu_ms);
          return;
        }
        this.release(slot);
        if (m.error) this.fail(t, new HttpError(m.error.status, m.error.message, m.error.details));
        else this.succeed(t, m.result);
        this.pump();
      },
    );
    const lost = (why: string, status = 500) => {
      const t = slot.task;
      this.drop(slot);
      if (t) this.fail(t, new HttpError(status, why));
      this.pump();
    };
    worker.on('error', (e: Error & { code?: string }) =>
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? lost(
            `the request needs more than the ${this.options.maxHeap_MB} MB memory limit of one request`,
            413,
          )
        : lost(`internal error in the request worker: ${e.message}`),
    );
    worker.on('exit', (code) => lost(`the request worker exited (code ${code}) without an answer`));
    // An idle worker does not keep the process alive (tests and `ckin serve` shutdown).
    worker.unref();
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.drop(slot, true);
      this.fail(
        task,
        new HttpError(
          504,
          `the request took longer than the ${this.options.timeout_ms / 1000} s limit of one request and was stopped; use the CLI (or a job) for bigger work`,
        ),
      );
      this.pump();
    }, this.options.timeout_ms);
    slot.worker.postMessage({ id: task.id, kind: task.kind, input: task.input });
  }

  /**
   * Start polling the CPU time the worker's thread has used since the task began (`cpu0_ms`, read by the worker
   * itself just before it started the task); over `cpuLimit_ms` the worker is terminated and the task fails with 413.
   */
  private watchCpu(slot: Slot, task: Task, tid?: number, cpu0_ms?: number): void {
    const limit = this.options.cpuLimit_ms;
    if (limit === undefined || tid === undefined || cpu0_ms === undefined) return;
    slot.cpuTimer = setInterval(() => {
      if (slot.task !== task) return;
      const now = threadCpu_ms(tid);
      if (now === undefined || now - cpu0_ms <= limit) return;
      this.drop(slot, true);
      this.fail(
        task,
        new HttpError(
          413,
          `the request needs more than the ${limit / 1000} s CPU-time limit of one request and was stopped after ${((now - cpu0_ms) / 1000).toFixed(2)} s of CPU; ask for less work (a coarser α grid, fewer replicates or rows) or use the CLI`,
          { limit: 'cpu', cpuLimit_ms: limit, cpu_ms: now - cpu0_ms },
        ),
      );
      this.pump();
    }, this.options.cpuPoll_ms ?? 100);
    slot.cpuTimer.unref();
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    clearInterval(slot.cpuTimer);
    slot.task = undefined;
    slot.worker.unref();
  }

  /** Forget a slot (and terminate its worker when asked: timeout, cancellation). */
  private drop(slot: Slot, terminate = false): void {
    clearTimeout(slot.timer);
    clearInterval(slot.cpuTimer);
    slot.task = undefined;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.removeAllListeners('exit');
    slot.worker.removeAllListeners('message');
    if (terminate) void slot.worker.terminate();
  }

  private cancel(task: Task): void {
    const w = this.waiting.indexOf(task);
    if (w >= 0) this.waiting.splice(w, 1);
    const slot = this.slots.find((s) => s.task === task);
    if (slot) this.drop(slot, true);
    this.fail(task, new HttpError(499, 'the client closed the request'));
    this.pump();
  }

  private succeed(t: Task, v: unknown): void {
    if (t.onAbort) t.signal?.removeEventListener('abort', t.onAbort);
    t.resolve(v);
  }

  private fail(t: Task, e: Error): void {
    if (t.onAbort) t.signal?.removeEventListener('abort', t.onAbort);
    t.reject(e);
  }
}
