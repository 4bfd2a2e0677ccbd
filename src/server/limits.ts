/**
 * Size and count limits of the API (documented in docs/web.md). Uploads travel as JSON with the file content as
 * text or base64, so the request body limit bounds the total upload; per-file and count limits are checked after
 * decoding.
 */
export interface ServerLimits {
  /** Largest request body, bytes (Fastify answers 413 above it without reading the rest). */
  bodyLimit_bytes: number;
  /** Largest single decoded file, bytes. */
  fileLimit_bytes: number;
  /** Most files in one request. */
  maxFiles: number;
  /** Most samples in one screening (batch prediction) request. */
  maxScreeningSamples: number;
  /** Jobs waiting or running at once; more get 503. */
  maxQueuedJobs: number;
  /** Jobs running at once (each in its own worker thread). */
  jobConcurrency: number;
  /** Time limit of one job, ms (the worker is terminated after it). */
  jobTimeout_ms: number;
  /** Finished jobs kept for status queries. */
  keepFinishedJobs: number;
  /** Worker threads for the heavy work of synchronous requests (analyze, report, iso, predict, …; worker-pool.ts). */
  requestWorkers: number;
  /** Heavy synchronous requests waiting or running at once; more get 503. */
  maxPendingRequests: number;
  /** Time limit of one synchronous request's work, ms (its worker is terminated; 504). */
  requestTimeout_ms: number;
  /**
   * CPU-time limit of one synchronous request's work, ms: the request worker thread's own CPU time (Linux; elsewhere
   * only the wall limit applies). Over it the worker is terminated and the request gets 413 naming the limit — the
   * request asked for more work than one request may do. Half the wall limit, so that a request that shares a core
   * with another still gets its whole CPU budget before the wall limit.
   */
  requestCpu_ms: number;
  /** Heap limit of one request worker, MB (a request needing more gets 413; the server stays up). */
  requestHeap_MB: number;
  /** Time to receive a whole request (headers and body), ms: a body trickled slower is cut (408 / socket closed). */
  bodyTimeout_ms: number;
  /** A connection with no traffic for this long is closed, ms (above `requestTimeout_ms`, so work is not cut). */
  idleTimeout_ms: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyLimit_bytes: 32 * 1024 * 1024,
  fileLimit_bytes: 16 * 1024 * 1024,
  maxFiles: 24,
  maxScreeningSamples: 200,
  maxQueuedJobs: 16,
  jobConcurrency: 1,
  jobTimeout_ms: 120_000,
  keepFinishedJobs: 100,
  requestWorkers: 2,
  maxPendingRequests: 512,
  requestTimeout_ms: 60_000,
  requestCpu_ms: 30_000,
  requestHeap_MB: 2048,
  bodyTimeout_ms: 30_000,
  idleTimeout_ms: 120_000,
};
