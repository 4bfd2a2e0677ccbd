import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';
import { HttpError, errorBody } from './http-error.ts';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.ts';
import { JobQueue } from './job-queue.ts';
import { WorkerPool } from './worker-pool.ts';
import { registerAnalysisRoutes } from './routes/analysis.ts';
import { registerJobRoutes } from './routes/jobs.ts';
import { registerModelRoutes } from './routes/models.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerSafetyRoutes } from './routes/safety.ts';
import { ScreeningStore } from './screening-store.ts';
import { DEFAULT_MODELS, type ModelRegistry } from './capabilities.ts';

export interface ServerOptions {
  limits?: Partial<ServerLimits>;
  /** Directory of the built page (default web/dist); the API works without it. */
  webRoot?: string;
  /** DuckDB file of the screening runs (default: in memory, i.e. not kept across restarts). */
  screeningDb?: string;
  /**
   * Host names the server answers to (Host header), against DNS rebinding: a page on another site whose name
   * re-resolves to 127.0.0.1 would otherwise reach this API. Default: localhost, 127.0.0.1, [::1]. `null` = any
   * (needed when binding a non-loopback interface).
   */
  allowedHosts?: string[] | null;
  /** CNN models offered, by name (default: the shipped models/best and models/paper). */
  models?: ModelRegistry;
  /** DuckDB file of DSC records for the DSC tab (`ckin db`); without it the tab offers the synthetic demo records. */
  dscDb?: string;
  /** Fastify logger (default off; `ckin serve` turns it on at level info, on stderr). */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** Start one request worker at once (`ckin serve` does), so the page's first upload does not wait for it. */
  warmWorkers?: boolean;
}

/** Everything a route needs, decorated onto the app. */
export interface ServerContext {
  limits: ServerLimits;
  jobs: JobQueue;
  /** Worker threads for the heavy work of synchronous requests (see `runHeavy`). */
  pool: WorkerPool;
  screening: ScreeningStore;
  webRootPresent: boolean;
  dscDb?: string;
  models: ModelRegistry;
  /**
   * Whether the libtorch addon loads, asked of a request worker once (memoised): loading it takes 0.3–1.6 s, which
   * on the event loop held /api/health up for that long at the first /api/capabilities (found by the route fuzzer).
   */
  engineAvailable: () => Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: ServerContext;
  }
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The HTTP app of `ckin serve` (Fastify 5): JSON API under /api, OpenAPI at /openapi.json, the built page at /.
 * No CORS plugin is registered, so browsers refuse cross-origin reads, and JSON bodies (the only type parsed)
 * need a CORS preflight that is never granted. Bind it to loopback (`ckin serve` does by default).
 */
export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyLimit_bytes,
    // Slow bodies and idle connections (issue 22: a body trickled one byte every 5 s stayed open for minutes). Node's
    // own `requestTimeout` is a backstop (it is checked only every 30 s); the hook below cuts at `bodyTimeout_ms`.
    requestTimeout: 2 * limits.bodyTimeout_ms,
    connectionTimeout: limits.idleTimeout_ms,
    // A request id that a person can quote: it is in every 500 answer and beside the trace in the server log.
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  });
  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const jobs = new JobQueue({
    maxQueued: limits.maxQueuedJobs,
    concurrency: limits.jobConcurrency,
    timeout_ms: limits.jobTimeout_ms,
    keepFinished: limits.keepFinishedJobs,
  });
  const pool = new WorkerPool({
    size: limits.requestWorkers,
    maxPending: limits.maxPendingRequests,
    timeout_ms: limits.requestTimeout_ms,
    cpuLimit_ms: limits.requestCpu_ms,
    maxHeap_MB: limits.requestHeap_MB,
  });
  if (options.warmWorkers) pool.warm(1);
  const screening = await ScreeningStore.open(options.screeningDb ?? ':memory:');
  // JSON only: without a text/plain parser, a cross-site "simple" POST (no CORS preflight) is refused with 415.
  app.removeContentTypeParser('text/plain');
  let engine: Promise<boolean> | undefined;
  const engineAvailable = () =>
    (engine ??= pool.run('engine', {}).then(
      (v) => v === true,
      (e: unknown) => {
        engine = undefined; // a busy pool (503) is not an answer: ask again next time
        throw e;
      },
    ));
  app.decorate('ctx', {
    engineAvailable,
    limits,
    jobs,
    pool,
    screening,
    webRootPresent: existsSync(webRoot),
    dscDb: options.dscDb,
    models: options.models ?? DEFAULT_MODELS,
  });
  app.addHook('onClose', async () => {
    await jobs.close();
    await pool.close();
    screening.close();
  });

  // The whole request (headers and body) must arrive within `bodyTimeout_ms`: else 408 and the connection is closed.
  app.addHook('onRequest', async (req) => {
    const timer = setTimeout(() => {
      if (req.raw.complete) return;
      const sock = req.raw.socket;
      const body = JSON.stringify(
        errorBody(408, `the request body did not arrive within ${limits.bodyTimeout_ms / 1000} s`),
      );
      sock.end(
        `HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      sock.destroySoon();
    }, limits.bodyTimeout_ms);
    timer.unref();
    req.raw.once('end', () => clearTimeout(timer));
    req.raw.once('close', () => clearTimeout(timer));
  });

  const allowedHosts =
    options.allowedHosts === undefined ? ['localhost', '127.0.0.1', '[::1]'] : options.allowedHosts;
  if (allowedHosts) {
    app.addHook('onRequest', async (req, reply) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!allowedHosts.includes(host)) {
        return reply
          .status(421)
          .send(
            errorBody(421, `this server answers only to ${allowedHosts.join(', ')} (got Host "${host}")`),
          );
      }
    });
  }

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const described = describeError(err, limits);
    let { message, details } = described;
    const { status } = described;
    if (status === 500) {
      // An internal error is a bug: the trace goes to the server log under the request id, the answer says so.
      req.log.error({ err, request_id: req.id }, 'internal error');
      if (!app.log.level || app.log.level === 'silent')
        process.stderr.write(`${req.id}: ${err.stack ?? err}\n`);
      message = `internal error (a bug in the server, not a problem with the request); request id ${req.id}`;
      details = { request_id: req.id };
    } else if (status >= 500) req.log.error(err);
    void reply
      .status(status)
      .type('application/json')
      .send(errorBody(status, message, details));
  });
  // Response schemas (response-schemas.ts) document the answers in /openapi.json; they do not filter them: every
  // answer is serialised as JSON.stringify would (a field a schema does not list is kept, NaN/±∞ become null).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // 405 for a known path asked with another method (GET on a POST route), with the Allow header.
  const routeMethods: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routeMethods.push({ pattern: routePattern(route.url), methods: methods.map(String) });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const allowed = new Set<string>();
    for (const r of routeMethods) if (r.pattern.test(path)) for (const m of r.methods) allowed.add(m);
    if (allowed.size > 0 && !allowed.has(req.method)) {
      const allow = [...allowed].sort().join(', ');
      return reply
        .status(405)
        .header('allow', allow)
        .send(errorBody(405, `${req.method} is not allowed on ${path}: use ${allow}`));
    }
    void reply
      .status(404)
      .send(errorBody(404, `no such endpoint: ${req.method} ${req.url.split('?')[0]} (see /openapi.json)`));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cathode-kinetics API',
        version: packageVersion(),
        description:
          'Kinetics of Li-ion cathode decomposition from multi-heating-rate thermal analysis. Uploads are JSON: each file as "text" or "base64". Errors: {"error":{"status","message"}}.',
      },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(registerMetaRoutes);
  await app.register(registerAnalysisRoutes);
  await app.register(registerJobRoutes);
  await app.register(registerModelRoutes);
  await app.register(registerSafetyRoutes);

  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>ckin serve</title><p>The page is not built: run <code>npm run build:web</code>. The API is at <a href="/openapi.json">/openapi.json</a>.</p>',
        ),
    );
  }
  return app;
}

/** A route URL (`/api/jobs/:id`) as a regular expression of the paths it matches. */
function routePattern(url: string): RegExp {
  const parts = url
    .split('/')
    .map((seg) =>
      seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${parts.join('/')}/?$`);
}

/** Map any thrown error to a status and a message a person understands. */
export function describeError(
  err: FastifyError | Error,
  limits: ServerLimits,
): { status: number; message: string; details?: unknown } {
  if (err instanceof HttpError) return { status: err.status, message: err.message, details: err.details };
  const fe = err as FastifyError;
  // Only the user's input is a user error: an InputError, or a validation error of the request (below).
  if (err instanceof InputError) return { status: 422, message: err.message };
  if (fe.validation) {
    const v = fe.validation[0];
    const where = (v?.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || 'the request body';
    return {
      status: 400,
      message: `invalid request: ${where} ${v?.message ?? 'is not valid'}`.trim(),
      details: fe.validation,
    };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        message: `the upload is larger than the ${(limits.bodyLimit_bytes / 2 ** 20).toFixed(0)} MB limit of one request`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'send the request as JSON (Content-Type: application/json)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'the request body is empty: send a JSON object' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'the request body is shorter or longer than its Content-Length' };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const msg =
      fe instanceof SyntaxError || /JSON/i.test(fe.message)
        ? `the request body is not valid JSON (${fe.message})`
        : fe.message;
    return { status: fe.statusCode, message: msg };
  }
  return { status: 500, message: `internal error: ${err.message}` };
}
