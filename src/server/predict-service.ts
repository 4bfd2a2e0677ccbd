import { createHash } from 'node:crypto';
import { CnnModel, resolveModelDir } from '../nn/model.ts';
import { prepareRunSample } from '../nn/preprocess.ts';
import { analyzeUpload, requireKinetics, requireStage } from './analysis-service.ts';
import { cnnCapability } from './capabilities.ts';
import { notImplemented } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';

const models = new Map<string, CnnModel>();

/** Load a model once per process (the worker of a screening job has its own). 501 when the CNN is unavailable. */
export function loadModel(name?: string): { model: CnnModel; dir: string } {
  const cap = cnnCapability(name);
  if (!cap.available) throw notImplemented('CNN prediction', cap.note!);
  const dir = resolveModelDir(name);
  let m = models.get(dir);
  if (!m) {
    m = CnnModel.load(dir);
    models.set(dir, m);
  }
  return { model: m, dir };
}

/** SHA-256 of an upload: file names, bytes as sent and read options (what makes two inputs the same). */
export function uploadHash(u: RunUpload): string {
  const h = createHash('sha256');
  for (const f of u.files) h.update(`${f.name}\0${f.rate_K_min ?? ''}\0${f.text ?? ''}\0${f.base64 ?? ''}\0`);
  h.update(
    JSON.stringify([u.columns, u.temperatureUnit, u.exoSign, u.sampleMass_mg, u.window_C, u.baseline]),
  );
  return h.digest('hex');
}

/**
 * CNN prediction for one sample, the way `ckin predict` does it (prepareRunSample on the stage's dα/dT curves,
 * then the model), with the Kissinger result of the same stage alongside.
 */
export function predictUpload(u: RunUpload & { stage?: number; model?: string }, limits: ServerLimits) {
  const { model, dir } = loadModel(u.model);
  const res = analyzeUpload(u, limits);
  requireKinetics(res);
  const stage = requireStage(res, u.stage ?? 1);
  const { rates_K_min, grid_C } = model.manifest.input;
  const prepared = prepareRunSample(stage.curves, rates_K_min, grid_C);
  const t0 = performance.now();
  const [Ea, lgA] = model.predict(prepared.set);
  return {
    model: dir,
    preset: model.manifest.preset,
    model_version: model.manifest.createdAt,
    stage: stage.stage,
    beta_K_min: prepared.curves.map((c) => c.beta_K_min),
    n: 3,
    cnn: { Ea_kJ_mol: Ea, lgA_s: lgA },
    test_metrics: model.manifest.metrics.test ?? null,
    kissinger: stage.kissinger
      ? { Ea_kJ_mol: stage.kissinger.Ea_kJ_mol, lgA_s: stage.kissinger.lgA_s }
      : null,
    cnn_ms: performance.now() - t0,
    warnings: prepared.warnings,
  };
}
