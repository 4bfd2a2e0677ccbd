import type { FastifyInstance } from 'fastify';
import { parseAlphaGrid } from '../../analysis/isoconversional/index.ts';
import { analyzeResultJson } from '../../app/analyze.ts';
import { kissinger } from '../../app/kissinger.ts';
import { iso } from '../../app/iso.ts';
import { simulate } from '../../app/simulate.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { analyzeReportHtml } from '../../report/html.ts';
import { renderVegaLiteSvg } from '../../report/render-svg.ts';
import { renderAnalysisSvgs } from '../../report/plots.ts';
import { packageVersion } from '../../core/version.ts';
import { checkWork } from '../../core/work-limits.ts';
import { analyzePlots, analyzeUpload, requireKinetics } from '../analysis-service.ts';
import { uploadSources } from '../uploads.ts';
import {
  AnalyzeRequestSchema,
  ErrorSchema,
  IsoRequestSchema,
  KissingerRequestSchema,
  SimulateRequestSchema,
  type IsoRequest,
  type RunUpload,
  type SimulateRequest,
} from '../schemas.ts';

const errors = { 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema };

/**
 * Analysis endpoints. Each returns the same JSON as the matching CLI command's `--json`: both shells call the same
 * use case of src/app (`analyze`, `kissinger`, `iso`, `simulate`), so page, API and CLI agree number for number.
 */
export async function registerAnalysisRoutes(app: FastifyInstance): Promise<void> {
  const { limits } = app.ctx;

  app.post<{ Body: RunUpload }>(
    '/api/analyze',
    {
      schema: {
        summary: 'ckin analyze: read runs, find stages, peak table, Kissinger, Friedman, Vyazovkin',
        description:
          'Returns `result` (= `ckin analyze --json`) and `plots` (Vega-Lite specs). 422 when no kinetics can be computed (e.g. one run only).',
        body: AnalyzeRequestSchema,
        response: errors,
      },
    },
    async (req) => {
      const t0 = performance.now();
      const res = analyzeUpload(req.body, limits);
      requireKinetics(res);
      return { result: analyzeResultJson(res), plots: analyzePlots(res), time_ms: performance.now() - t0 };
    },
  );

  app.post<{ Body: RunUpload }>(
    '/api/report',
    {
      schema: {
        summary:
          'The HTML report of `ckin analyze --report` for an upload (self-contained, SVG plots inline)',
        body: AnalyzeRequestSchema,
      },
    },
    async (req, reply) => {
      const res = analyzeUpload(req.body, limits);
      requireKinetics(res);
      const svgs = await renderAnalysisSvgs(analyzePlots(res), renderVegaLiteSvg);
      const html = analyzeReportHtml(res, svgs, {
        title: 'ckin analyze report',
        command: `ckin serve upload: ${req.body.files.map((f) => f.name).join(' ')}`,
        version: packageVersion(),
      });
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
        response: errors,
      },
    },
    async (req) => kissinger(uploadSources(req.body, limits)),
  );

  app.post<{ Body: IsoRequest }>(
    '/api/iso',
    {
      schema: {
        summary: 'ckin iso: Ea(α) by Friedman, KAS, FWO or Vyazovkin',
        body: IsoRequestSchema,
        response: errors,
      },
    },
    async (req) =>
      iso({
        ...uploadSources(req.body, limits),
        method: req.body.method === 'ofw' ? 'fwo' : (req.body.method ?? 'friedman'),
        alphaGrid: parseAlphaGrid(req.body.alpha ?? '0.05:0.95:0.05'),
      }),
  );

  app.post<{ Body: SimulateRequest }>(
    '/api/simulate',
    {
      schema: {
        summary: 'ckin simulate: peak temperatures of a reaction model at several heating rates',
        body: SimulateRequestSchema,
        response: errors,
      },
    },
    async (req) => {
      const b = req.body;
      const from_C = b.from_C ?? 30;
      const to_C = b.to_C ?? 800;
      const step_K = b.step_K ?? 0.5;
      if (to_C > from_C)
        checkWork('simulatePoints', Math.floor((to_C - from_C) / step_K) + 1, 'step_K', 'api');
      return simulate({
        model: b.model ?? 'jma',
        Ea_kJ_mol: b.Ea_kJ_mol,
        lgA_s: b.lgA_s,
        n: b.n,
        m: b.m,
        p: b.p,
        heatingRates_K_min: b.rates_K_min ?? [10, 30, 60],
        T_start_K: celsiusToKelvin(from_C),
        T_end_K: celsiusToKelvin(to_C),
        step_K,
        massLoss_pct: b.massLoss_pct ?? 100,
      });
    },
  );
}
