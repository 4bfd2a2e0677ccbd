import { createHash } from 'node:crypto';
import { CnnModel } from '../nn/model.ts';
import { predictLoaded } from '../app/predict.ts';
import { cnnCapability, modelDir, type ModelRegistry } from './capabilities.ts';
import { notImplemented } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';
import { uploadSources } from './uploads.ts';

const loaded = new Map<string, CnnModel>();

/** Load a model once per process (a screening job's worker has its own). 501 when the CNN is unavailable here. */
export function loadModel(models: ModelRegistry, name = 'best'): { model: CnnModel; dir: string } {
  const dir = modelDir(models, name);
  const cap = cnnCapability(models, name);
  if (!cap.available) throw notImplemented('CNN prediction', cap.note!);
  let m = loaded.get(dir);
  if (!m) {
    m = CnnModel.load(dir);
    loaded.set(dir, m);
  }
  return { model: m, dir };
}

/** SHA-256 of an upload: file names, bytes as sent and read options (what makes two inputs the same). */
export function uploadHash(u: RunUpload): string {
  const h = createHash('sha256');
  for (const f of u.files) h.update(`${f.name}\0${f.rate_K_min ?? ''}\0${f.text ?? ''}\0${f.base64 ?? ''}\0`);
  h.update(
    JSON.stringify([
      u.columns,
      u.temperatureUnit,
      u.exoSign,
      u.sampleMass_mg,
      u.window_C,
      u.baseline,
      ...(u.signal ? [u.signal] : []),
    ]),
  );
  return h.digest('hex');
}

/**
 * CNN prediction for one sample: `predictLoaded` of src/app/predict.ts (the JSON of `ckin predict --json`, plus
 * Kissinger of the same runs and the model's test metrics) with the server's loaded model.
 */
export function predictUpload(
  u: RunUpload & { stage?: number; model?: string; force?: boolean },
  limits: ServerLimits,
  models: ModelRegistry,
) {
  const { model, dir } = loadModel(models, u.model);
  const input = uploadSources(u, limits);
  const res = predictLoaded({
    ...input,
    model,
    modelDir: dir,
    stage: u.stage,
    baseline: u.baseline,
    force: u.force,
  });
  // Names as uploaded (the reports and the screening table show them so).
  return { ...res, files: u.files.map((f) => f.name) };
}
