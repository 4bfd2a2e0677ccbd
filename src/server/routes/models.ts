import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { HttpError, notImplemented } from '../http-error.ts';
import { cnnCapability, modelDir } from '../capabilities.ts';
import { runHeavy } from '../run-heavy.ts';
import type { ScreeningResult } from '../screening-store.ts';
import {
  DscQuerySchema,
  ErrorSchema,
  PredictRequestSchema,
  ScreeningRequestSchema,
  XaiRequestSchema,
  XaiPredictRequestSchema,
  type XaiPredictRequest,
  type DscQuery,
  type PredictRequest,
  type ScreeningRequest,
  type XaiRequest,
} from '../schemas.ts';
import { dscQuery } from '../dsc-service.ts';
import {
  XaiPredictResponseSchema,
  DscRecordsResponseSchema,
  JobStatusSchema,
  PredictResponseSchema,
  ScreeningDetailSchema,
  ScreeningRunSchema,
} from '../response-schemas.ts';

/** CNN prediction (single, and batch "screening" stored in DuckDB) and the DSC database (query, explainable ML as a job). */
export async function registerModelRoutes(app: FastifyInstance): Promise<void> {
  const { jobs, limits, screening, models } = app.ctx;

  app.post<{ Body: PredictRequest }>(
    '/api/predict',
    {
      schema: {
        summary:
          'ckin predict: CNN from one run per heating rate, next to Kissinger — the paper-domain model (Ea, lgA, n = 3) for 10/30/60 K/min runs it reproduces, the general model (Ea, lgA, n, family, 90 % intervals) otherwise; model_used says which',
        body: PredictRequestSchema,
        response: { 200: PredictResponseSchema, 400: ErrorSchema, 422: ErrorSchema, 501: ErrorSchema },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'predict'),
  );

  app.post<{ Body: ScreeningRequest }>(
    '/api/screening',
    {
      schema: {
        summary:
          'batch CNN prediction over many samples as a job; stored (input hashes, model version, results)',
        body: ScreeningRequestSchema,
        response: {
          202: JobStatusSchema,
          400: ErrorSchema,
          413: ErrorSchema,
          501: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      modelDir(models, req.body.model); // 400 for an unknown name
      const cap = cnnCapability(models, req.body.model, await app.ctx.engineAvailable());
      if (!cap.available) throw notImplemented('screening (batch CNN prediction)', cap.note!);
      if (req.body.samples.length > limits.maxScreeningSamples) {
        throw new HttpError(
          413,
          `${req.body.samples.length} samples in one screening, above the limit of ${limits.maxScreeningSamples}`,
        );
      }
      const name = req.body.name ?? `screening ${new Date().toISOString()}`;
      const job = jobs.submit('screening', { request: req.body, limits, models }, async (r) => {
        const out = r as { results: ScreeningResult[]; model: string; model_version: string };
        const run = await screening.save(
          { name, model: out.model, model_version: out.model_version },
          out.results,
        );
        return { run, results: out.results };
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/screening',
    { schema: { summary: 'stored screening runs', response: { 200: Type.Array(ScreeningRunSchema) } } },
    async () => screening.list(),
  );

  app.get<{ Params: { id: string } }>(
    '/api/screening/:id',
    {
      schema: {
        summary: 'one stored screening run with its results',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ScreeningDetailSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const r = await screening.get(req.params.id);
      if (!r) throw new HttpError(404, `no screening run ${req.params.id}`);
      return r;
    },
  );

  app.get<{ Querystring: DscQuery }>(
    '/api/dsc/records',
    {
      schema: {
        summary:
          'DSC database query: the first records of the flat dsc_record view (server database or demo)',
        querystring: DscQuerySchema,
        response: { 200: DscRecordsResponseSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) =>
      dscQuery(req.query.source ?? (app.ctx.dscDb ? 'db' : 'demo'), app.ctx.dscDb, req.query.limit ?? 200),
  );

  app.post<{ Body: XaiRequest }>(
    '/api/dsc/xai',
    {
      schema: {
        summary:
          'ckin xai as a job: feature selection, SVR, Shapley values, ternary NCM maps (with Vega-Lite plots)',
        body: XaiRequestSchema,
        response: { 202: JobStatusSchema, 400: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (req, reply) =>
      reply.status(202).send(jobs.submit('xai', { request: req.body, dscDb: app.ctx.dscDb })),
  );

  app.post<{ Body: XaiPredictRequest }>(
    '/api/dsc/xai/predict',
    {
      schema: {
        summary:
          'ckin xai predict: predictions of a saved xai model with split-conformal intervals and domain warnings, and NCM ternary maps at fixed conditions (extrapolated region masked)',
        body: XaiPredictRequestSchema,
        response: { 200: XaiPredictResponseSchema, 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'xaiPredict'),
  );
}
