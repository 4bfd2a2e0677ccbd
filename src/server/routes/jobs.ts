import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { HttpError } from '../http-error.ts';
import {
  ErrorSchema,
  FitRequestSchema,
  FitSchemeRequestSchema,
  type FitRequest,
  type FitSchemeRequest,
} from '../schemas.ts';
import { JobListSchema, JobStatusSchema, JobSubmitResponses } from '../response-schemas.ts';

const WaitQuery = Type.Object({ wait_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })) });

/** Long work: the JMA fit runs as a job (worker thread, time limit, bounded queue); job status by id. */
export async function registerJobRoutes(app: FastifyInstance): Promise<void> {
  const { jobs, limits } = app.ctx;

  app.post<{ Body: FitRequest; Querystring: { wait_ms?: number } }>(
    '/api/fit',
    {
      schema: {
        summary: 'ckin fit on one analysed stage: multi-rate JMA fit (DE + local polish) as a job',
        description:
          'Answers 202 with the job; poll GET /api/jobs/{id}. With ?wait_ms=N waits up to N ms and answers 200 when done by then.',
        body: FitRequestSchema,
        querystring: WaitQuery,
        response: { ...JobSubmitResponses, 400: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (req, reply) => {
      const job = jobs.submit('fit', { request: req.body, limits });
      const wait = req.query.wait_ms ?? 0;
      const st = wait > 0 ? await jobs.wait(job.id, wait) : job;
      return reply.status(st && st.state !== 'queued' && st.state !== 'running' ? 200 : 202).send(st);
    },
  );

  app.post<{ Body: FitSchemeRequest; Querystring: { wait_ms?: number } }>(
    '/api/fit/scheme',
    {
      schema: {
        summary:
          'ckin fit --scheme / --steps auto: a multi-step reaction scheme fitted to all rates at once (DE + LM), as a job',
        description:
          'TGA dα/dT or DSC heat flow (signal: heatflow). The result carries `model`, the model file of `ckin fit --save`. Answers 202 with the job; poll GET /api/jobs/{id}, or ?wait_ms=N.',
        body: FitSchemeRequestSchema,
        querystring: WaitQuery,
        response: { ...JobSubmitResponses, 400: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (req, reply) => {
      const job = jobs.submit('fit-scheme', { request: req.body, limits });
      const wait = req.query.wait_ms ?? 0;
      const st = wait > 0 ? await jobs.wait(job.id, wait) : job;
      return reply.status(st && st.state !== 'queued' && st.state !== 'running' ? 200 : 202).send(st);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { wait_ms?: number } }>(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'status (and result) of a job',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: WaitQuery,
        response: { 200: JobStatusSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const st = req.query.wait_ms
        ? await jobs.wait(req.params.id, req.query.wait_ms)
        : jobs.status(req.params.id);
      if (!st)
        throw new HttpError(404, `no job ${req.params.id} (unknown, or finished long ago and forgotten)`);
      return st;
    },
  );

  app.get(
    '/api/jobs',
    { schema: { summary: 'recent jobs (without results)', response: { 200: JobListSchema } } },
    async () => jobs.list().map(({ result: _r, ...j }) => j),
  );
}
