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
};
