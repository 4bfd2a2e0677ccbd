import { fit } from '../app/fit.ts';
import { fitMultistep } from '../app/fit-scheme.ts';
import { uploadSources } from './uploads.ts';
import type { ServerLimits } from './limits.ts';
import type { FitRequest, FitSchemeRequest, ScreeningRequest, XaiRequest } from './schemas.ts';
import { runXai } from './dsc-service.ts';
import type { ModelRegistry } from './capabilities.ts';
import { predictUpload, uploadHash } from './predict-service.ts';
import { HttpError } from './http-error.ts';

/**
 * The long tasks the job queue runs, by kind, each in a worker thread (job-worker.ts). Inputs are plain JSON
 * (the validated request plus the server's limits); results are plain JSON.
 */
/** Each task returns its result or a promise of it (`unknown` covers both). */
export const JOB_TASKS: Record<string, (input: unknown) => unknown> = {
  /** Multi-rate JMA fit of one analysed stage (DE + local polish; src/app/fit.ts, as `ckin fit --stage`). */
  fit: (input) => {
    const { request, limits } = input as { request: FitRequest; limits: ServerLimits };
    const stage = request.stage ?? 1;
    const result = fit({
      ...uploadSources(request, limits),
      baseline: request.baseline,
      stage,
      minStageCurves: 3,
      n: request.n,
      seed: request.seed ?? 0,
    });
    return { stage, fit: result };
  },
  /** Multi-step scheme fit over all rates (src/app/fit-scheme.ts, as `ckin fit --scheme` / `--steps auto`). */
  'fit-scheme': (input) => {
    const { request, limits } = input as { request: FitSchemeRequest; limits: ServerLimits };
    const {
      scheme,
      steps,
      baseline,
      seed,
      T0_C,
      bootstrap,
      bootstrap_kind,
      deconvolution_start,
      window_C: _w,
      ...upload
    } = request;
    const src = uploadSources({ ...upload, window_C: request.window_C }, limits);
    return fitMultistep({
      ...src,
      stageWindows_K: undefined,
      scheme,
      steps,
      baseline,
      seed: seed ?? 0,
      T0_K: T0_C === undefined ? undefined : T0_C + 273.15,
      bootstrap,
      bootstrapKind: bootstrap_kind,
      deconvolutionStart: deconvolution_start,
    });
  },
};

/** Batch CNN prediction over many samples (each an upload of one run per heating rate); errors kept per sample. */
JOB_TASKS.screening = (input) => {
  const { request, limits, models } = input as {
    request: ScreeningRequest;
    limits: ServerLimits;
    models: ModelRegistry;
  };
  const results = request.samples.map(({ id, ...upload }) => {
    const input_sha256 = uploadHash(upload);
    try {
      // A batch is not refused sample by sample for being outside the model's domain: such a sample is predicted
      // and carries quality "unreliable" with its warnings (as batch mode of `ckin predict`).
      const r = predictUpload({ ...upload, model: request.model, force: true }, limits, models);
      return {
        sample_id: id,
        input_sha256,
        Ea_kJ_mol: r.cnn.Ea_kJ_mol,
        lgA_s: r.cnn.lgA_s,
        error: null,
        result: r,
      };
    } catch (e) {
      if (e instanceof HttpError && e.status === 501) throw e;
      return {
        sample_id: id,
        input_sha256,
        Ea_kJ_mol: null,
        lgA_s: null,
        error: (e as Error).message,
        result: null,
      };
    }
  });
  const first = results.find((r) => r.result) as
    { result: { model: string; model_version: string } } | undefined;
  return {
    results,
    model: first?.result.model ?? request.model ?? 'best',
    model_version: first?.result.model_version ?? 'unknown',
  };
};

/** Explainable ML on the DSC records (src/dsc/pipeline.ts); the database path comes from the server, not the request. */
JOB_TASKS.xai = (input) => {
  const { request, dscDb } = input as { request: XaiRequest; dscDb?: string };
  return runXai(request, dscDb);
};
