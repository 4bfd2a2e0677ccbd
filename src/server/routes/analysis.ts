import type { FastifyInstance } from 'fastify';
import { runHeavy, runHeavyObject } from '../run-heavy.ts';
import {
  AnalyzeRequestSchema,
  DeconvolveRequestSchema,
  MasterPlotRequestSchema,
  ErrorSchema,
  IsoRequestSchema,
  KissingerRequestSchema,
  SimulateRequestSchema,
  type DeconvolveRequest,
  type MasterPlotRequest,
  type IsoRequest,
  type RunUpload,
  type SimulateRequest,
} from '../schemas.ts';
import {
  DeconvolveResponseSchema,
  MasterPlotResponseSchema,
  AnalyzeResponseSchema,
  IsoResponseSchema,
  KissingerResponseSchema,
  ReportResponseSchema,
  SimulateResponseSchema,
} from '../response-schemas.ts';

const errors = { 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema, 503: ErrorSchema, 504: ErrorSchema };

/**
 * Analysis endpoints. Each returns the same JSON as the matching CLI command's `--json`: both shells call the same
 * use case of src/app (`analyze`, `kissinger`, `iso`, `simulate`), so page, API and CLI agree number for number. The
 * work runs in the request worker pool (request-tasks.ts), never on the event loop.
 */
export async function registerAnalysisRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: RunUpload }>(
    '/api/analyze',
    {
      schema: {
        summary: 'ckin analyze: read runs, find stages, peak table, Kissinger, Friedman, Vyazovkin',
        description:
          'Returns `result` (= `ckin analyze --json`) and `plots` (Vega-Lite specs). 422 when no kinetics can be computed (e.g. one run only).',
        body: AnalyzeRequestSchema,
        response: { 200: AnalyzeResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'analyze'),
  );

  app.post<{ Body: RunUpload }>(
    '/api/report',
    {
      schema: {
        summary:
          'The HTML report of `ckin analyze --report` for an upload (self-contained, SVG plots inline)',
        body: AnalyzeRequestSchema,
        response: {
          200: { description: 'the report', content: { 'text/html': { schema: ReportResponseSchema } } },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { html } = (await runHeavyObject(req, reply, 'report')) as { html: string };
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', 'attachment; filename="ckin-report.html"')
        .send(html);
    },
  );

  app.post<{ Body: RunUpload }>(
    '/api/kissinger',
    {
      schema: {
        summary: 'ckin kissinger: Ea and lgA from the peak temperatures',
        body: KissingerRequestSchema,
        response: { 200: KissingerResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'kissinger'),
  );

  app.post<{ Body: IsoRequest }>(
    '/api/iso',
    {
      schema: {
        summary: 'ckin iso: Ea(α) by Friedman, KAS, FWO or Vyazovkin',
        body: IsoRequestSchema,
        response: { 200: IsoResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'iso'),
  );

  app.post<{ Body: DeconvolveRequest }>(
    '/api/deconvolve',
    {
      schema: {
        summary:
          'ckin deconvolve: Fraser–Suzuki peaks per run (data, model and each peak on one grid) and per-peak Kissinger/Friedman',
        body: DeconvolveRequestSchema,
        response: { 200: DeconvolveResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'deconvolve'),
  );

  app.post<{ Body: MasterPlotRequest }>(
    '/api/masterplot',
    {
      schema: {
        summary: 'ckin masterplot: master plots y(α), z(α) and the reaction models ranked against them',
        body: MasterPlotRequestSchema,
        response: { 200: MasterPlotResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'masterplot'),
  );

  app.post<{ Body: SimulateRequest }>(
    '/api/simulate',
    {
      schema: {
        summary: 'ckin simulate: peak temperatures of a reaction model at several heating rates',
        body: SimulateRequestSchema,
        response: { 200: SimulateResponseSchema, ...errors },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'simulate'),
  );
}
