import type { FastifyInstance } from 'fastify';
import { analyzeResultJson } from '../../analysis/analyze.ts';
import { runToConversionCurve } from '../../analysis/conversion-curve.ts';
import { kissingerFromCurves } from '../../analysis/kissinger.ts';
import { isoconversional } from '../../analysis/isoconversional/index.ts';
import { kissingerJson } from '../../cli/commands/kissinger.ts';
import { isoJson, parseAlphaGrid } from '../../cli/commands/iso.ts';
import { runSimulate } from '../../cli/commands/simulate.ts';
import { parseWindowC } from '../../cli/options.ts';
import { analyzeReportHtml } from '../../report/html.ts';
import { renderVegaLiteSvg } from '../../report/render-svg.ts';
import { packageVersion } from '../../core/version.ts';
import { analyzePlots, analyzeUpload, requireKinetics } from '../analysis-service.ts';
import { parseUploads, requireRuns } from '../uploads.ts';
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
 * Analysis endpoints. Each returns the same JSON as the matching CLI command's `--json` (the same functions build
 * it: `analyzeResultJson`, `kissingerJson`, `isoJson`, `runSimulate`), so page, API and CLI agree number for number.
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
      const plots = analyzePlots(res);
      const stages = [];
      for (const s of plots.stages) {
        stages.push({
          curves: await renderVegaLiteSvg(s.curves),
          kissinger: s.kissinger ? await renderVegaLiteSvg(s.kissinger) : undefined,
          ea: s.ea ? await renderVegaLiteSvg(s.ea) : undefined,
        });
      }
      const html = analyzeReportHtml(
        res,
        { overview: await renderVegaLiteSvg(plots.overview), stages },
        {
          title: 'ckin analyze report',
          command: `ckin serve upload: ${req.body.files.map((f) => f.name).join(' ')}`,
          version: packageVersion(),
        },
      );
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
    async (req) => {
      const runs = requireRuns(parseUploads(req.body, limits));
      const window_K = parseWindowC(req.body.window_C);
      const res = kissingerFromCurves(runs.map((r) => runToConversionCurve(r, { window_K })));
      return kissingerJson(res);
    },
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
    async (req) => {
      const runs = requireRuns(parseUploads(req.body, limits));
      const window_K = parseWindowC(req.body.window_C);
      const curves = runs.map((r) => runToConversionCurve(r, { window_K }));
      return isoJson(
        isoconversional(
          req.body.method ?? 'friedman',
          curves,
          parseAlphaGrid(req.body.alpha ?? '0.05:0.95:0.05'),
        ),
      );
    },
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
      const s = (v: number | undefined) => (v === undefined ? undefined : String(v));
      return runSimulate({
        model: b.model ?? 'jma',
        Ea: String(b.Ea_kJ_mol),
        lgA: String(b.lgA_s),
        n: s(b.n),
        m: s(b.m),
        p: s(b.p),
        rates: (b.rates_K_min ?? [10, 30, 60]).join(','),
        from: String(b.from_C ?? 30),
        to: String(b.to_C ?? 800),
        step: String(b.step_K ?? 0.5),
        massLoss: String(b.massLoss_pct ?? 100),
      });
    },
  );
}
