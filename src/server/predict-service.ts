import { createHash } from 'node:crypto';
import { CnnModel } from '../nn/model.ts';
import { GeneralModel } from '../nn/general/model.ts';
import { predictLoaded, type ModelSource } from '../app/predict.ts';
import { registryLookup } from '../core/registry.ts';
import { cnnCapability, modelDir, type ModelRegistry } from './capabilities.ts';
import { notImplemented } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';
import { uploadSources } from './uploads.ts';

const loaded = new Map<string, CnnModel>();
const loadedGeneral = new Map<string, GeneralModel>();
/** Whether a registry directory holds a general model (its manifest read once per process). */
const generalDirs = new Map<string, boolean>();

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

/** A general model (`general` in the registry) loaded once per process, like the paper-domain ones. */
export function loadGeneralModel(
  models: ModelRegistry,
  name = 'general',
): { model: GeneralModel; dir: string } {
  const dir = modelDir(models, name);
  const cap = cnnCapability(models, name);
  if (!cap.available) throw notImplemented('CNN prediction (general model)', cap.note!);
  let m = loadedGeneral.get(dir);
  if (!m) {
    m = GeneralModel.load(dir);
    loadedGeneral.set(dir, m);
  }
  return { model: m, dir };
}

/** The server's models for `predictChosenModel`: the general one only when the registry offers a model `general`. */
export function serverModels(models: ModelRegistry): ModelSource {
  const isGeneral = (name: string) => {
    const dir = registryLookup(models, name);
    if (dir === undefined) return false;
    let g = generalDirs.get(dir);
    if (g === undefined) generalDirs.set(dir, (g = GeneralModel.isGeneralDir(dir)));
    return g;
  };
  return {
    paper: (name) => loadModel(models, name),
    general: isGeneral('general') ? (name) => loadGeneralModel(models, name) : undefined,
    isGeneral,
  };
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
 * CNN prediction for one sample: `predictLoaded` of src/app/predict.ts (the model choice of `ckin predict`, its JSON
 * plus Kissinger of the same runs) with the server's loaded models.
 */
export function predictUpload(
  u: RunUpload & { stage?: number; model?: string; force?: boolean },
  limits: ServerLimits,
  models: ModelRegistry,
) {
  if (u.model !== undefined) modelDir(models, u.model); // 400 for an unknown name
  const input = uploadSources(u, limits);
  const res = predictLoaded({
    ...input,
    model: u.model,
    models: serverModels(models),
    stage: u.stage,
    baseline: u.baseline,
    force: u.force,
  });
  // Names as uploaded (the reports and the screening table show them so).
  return { ...res, files: u.files.map((f) => f.name) };
}
