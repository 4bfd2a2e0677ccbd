import { parseAlphaGrid } from '../analysis/isoconversional/index.ts';
import { analyzeResultJson } from '../app/analyze.ts';
import { kissinger } from '../app/kissinger.ts';
import { iso } from '../app/iso.ts';
import { deconvolve } from '../app/deconvolve.ts';
import { masterplot } from '../app/masterplot.ts';
import { simulate } from '../app/simulate.ts';
import { fitBootstrap } from '../app/fit.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { packageVersion } from '../core/version.ts';
import { engineAvailable } from '../nn/engine.ts';
import { checkWork } from '../core/work-limits.ts';
import { analyzePlots, analyzeUpload, requireKinetics } from './analysis-service.ts';
import { uploadSources } from './uploads.ts';
import type { ModelRegistry } from './capabilities.ts';
import type { ServerLimits } from './limits.ts';
import type {
  DeconvolveRequest,
  IsoRequest,
  MasterPlotRequest,
  PredictRequest,
  RunUpload,
  SimulateRequest,
  XaiPredictRequest,
} from './schemas.ts';
import { parseFixOption, xaiPredict } from '../app/xai-predict.ts';
import {
  safetyFromRequest,
  safetyModelFreeFromRequest,
  safetyModelFileFromRequest,
  type FitBootstrapRequest,
  type SafetyModelFreeRequest,
  type SafetyModelFileRequest,
  type SafetyRequest,
} from './routes/safety.ts';

/**
 * The CPU-heavy work of the synchronous API routes, by name, run in the request worker pool (worker-pool.ts,
 * request-worker.ts) so that the event loop — /api/health, uploads, every other request — never waits for it, and so
 * that a request over its time limit or whose client went away is stopped by terminating its worker. Input: the
 * validated request body plus the server's limits (and model registry); output: the route's JSON (or, for the report,
 * `{ html }`). Errors: `HttpError` / `InputError` as in the routes.
 */
export interface RequestTaskInput {
  body: unknown;
  limits: ServerLimits;
  models: ModelRegistry;
}

export const REQUEST_TASKS: Record<string, (input: RequestTaskInput) => unknown> = {
  /** Whether the libtorch addon loads (asked once per server, off the event loop: app.ts `engineAvailable`). */
  engine: () => engineAvailable(),

  analyze: ({ body, limits }) => {
    const t0 = performance.now();
    const res = analyzeUpload(body as RunUpload, limits);
    requireKinetics(res);
    return { result: analyzeResultJson(res), plots: analyzePlots(res), time_ms: performance.now() - t0 };
  },

  report: async ({ body, limits }) => {
    // vega (~0.4 s to load) and the report only when a report is asked for.
    const { analyzeReportHtml } = await import('../report/html.ts');
    const { renderVegaLiteSvg } = await import('../report/render-svg.ts');
    const b = body as RunUpload;
    const res = analyzeUpload(b, limits);
    requireKinetics(res);
    const { renderAnalysisSvgs } = await import('../report/plots.ts');
    const svgs = await renderAnalysisSvgs(analyzePlots(res), renderVegaLiteSvg);
    const html = analyzeReportHtml(
      res,
      svgs,
      {
        title: 'ckin analyze report',
        command: `ckin serve upload: ${b.files.map((f) => f.name).join(' ')}`,
        version: packageVersion(),
      },
      analyzeResultJson(res),
    );
    return { html };
  },

  kissinger: ({ body, limits }) => kissinger(uploadSources(body as RunUpload, limits)),

  iso: ({ body, limits }) => {
    const b = body as IsoRequest;
    return iso({
      ...uploadSources(b, limits),
      method: b.method === 'ofw' ? 'fwo' : (b.method ?? 'friedman'),
      alphaGrid: parseAlphaGrid(b.alpha ?? '0.05:0.95:0.05'),
    });
  },

  deconvolve: ({ body, limits }) => {
    const b = body as DeconvolveRequest;
    return deconvolve({ ...uploadSources(b, limits), peaks: b.peaks ?? 2 });
  },

  masterplot: ({ body, limits }) => {
    const b = body as MasterPlotRequest;
    return masterplot({ ...uploadSources(b, limits), Ea_kJ_mol: b.Ea_kJ_mol });
  },

  simulate: ({ body }) => {
    const b = body as SimulateRequest;
    const from_C = b.from_C ?? 30;
    const to_C = b.to_C ?? 800;
    const step_K = b.step_K ?? 0.5;
    if (to_C > from_C) checkWork('simulatePoints', Math.floor((to_C - from_C) / step_K) + 1, 'step_K', 'api');
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

  predict: async ({ body, limits, models }) => {
    // The CNN engine (libtorch addon) only when a prediction is asked for.
    const { predictUpload } = await import('./predict-service.ts');
    return predictUpload(body as PredictRequest, limits, models);
  },

  safety: ({ body }) => safetyFromRequest(body as SafetyRequest),

  xaiPredict: ({ body }) => {
    const b = body as XaiPredictRequest;
    return xaiPredict({
      model: { json: b.model },
      records: b.records ? { name: b.records.name, content: b.records.text } : undefined,
      level: b.level,
      ternary: b.ternary || b.fix !== undefined,
      fix: b.fix === undefined ? undefined : parseFixOption(b.fix),
      maxDistance: b.maxDistance,
      ternarySteps: b.steps,
      scope: 'api',
    });
  },

  safetyModelFree: ({ body, limits }) => safetyModelFreeFromRequest(body as SafetyModelFreeRequest, limits),

  safetyModelFile: ({ body }) => safetyModelFileFromRequest(body as SafetyModelFileRequest),

  fitBootstrap: ({ body, limits }) => {
    const b = body as FitBootstrapRequest;
    return fitBootstrap({
      ...uploadSources(b, limits),
      baseline: b.baseline,
      stage: b.stage ?? 1,
      minStageCurves: 3,
      n: b.n,
      start: b.start,
      samples: b.samples ?? 200,
      seed: b.seed ?? 1,
    });
  },
};
