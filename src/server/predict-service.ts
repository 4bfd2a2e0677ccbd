import { createHash } from 'node:crypto';
import { CnnModel } from '../nn/model.ts';
import { prepareRunSample, type RateCurve } from '../nn/preprocess.ts';
import { runToConversionCurve } from '../analysis/conversion-curve.ts';
import { parseWindowC } from '../cli/options.ts';
import { analyzeInputs, requireStage } from './analysis-service.ts';
import { cnnCapability, modelDir, type ModelRegistry } from './capabilities.ts';
import { notImplemented } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';
import { parseUploads, requireRuns } from './uploads.ts';

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
    JSON.stringify([u.columns, u.temperatureUnit, u.exoSign, u.sampleMass_mg, u.window_C, u.baseline]),
  );
  return h.digest('hex');
}

/**
 * The dα/dT curves the network sees. TGA/α/DTG runs: exactly as `ckin predict` builds them (runToConversionCurve over
 * the window), so the API equals `ckin predict --json`. DSC heat-flow runs, which that path cannot convert: the
 * baseline-corrected curves of the analysed stage (as `ckin analyze`).
 */
function predictionCurves(
  u: RunUpload & { stage?: number },
  limits: ServerLimits,
): { curves: RateCurve[]; source: string; kissinger: { Ea_kJ_mol: number; lgA_s: number } | null } {
  const inputs = parseUploads(u, limits);
  const runs = requireRuns(inputs);
  // the CLI path first (analyzeRuns may add notes to the runs it is given)
  const window_K = parseWindowC(u.window_C);
  const isDsc = runs.some((r) => r.heatFlow_W_g && !r.mass_mg && !r.mass_pct && !r.alpha && !r.dadT_per_K);
  const cliCurves = isDsc ? undefined : runs.map((r) => runToConversionCurve(r, { window_K }));
  const res = analyzeInputs(inputs, u);
  const stage = res.stages.find((s) => s.stage === (u.stage ?? 1));
  const kissinger = stage?.kissinger
    ? { Ea_kJ_mol: stage.kissinger.Ea_kJ_mol, lgA_s: stage.kissinger.lgA_s }
    : null;
  if (!cliCurves) {
    return {
      curves: requireStage(res, u.stage ?? 1).curves,
      source: `stage ${u.stage ?? 1} of the analysis (DSC, baseline-corrected)`,
      kissinger,
    };
  }
  return { curves: cliCurves, source: 'runs over the window (as ckin predict)', kissinger };
}

/** CNN prediction for one sample (the JSON of `ckin predict --json`, plus Kissinger of the same runs and the model's test metrics). */
export function predictUpload(
  u: RunUpload & { stage?: number; model?: string },
  limits: ServerLimits,
  models: ModelRegistry,
) {
  const { model, dir } = loadModel(models, u.model);
  const { curves, source, kissinger } = predictionCurves(u, limits);
  const { rates_K_min, grid_C } = model.manifest.input;
  const prepared = prepareRunSample(curves, rates_K_min, grid_C);
  const t0 = performance.now();
  const [Ea, lgA] = model.predict(prepared.set);
  return {
    model: dir,
    preset: model.manifest.preset,
    model_version: `${model.manifest.preset} ${model.manifest.createdAt}`,
    files: u.files.map((f) => f.name),
    beta_K_min: prepared.curves.map((c) => c.beta_K_min),
    n: 3,
    cnn: { Ea_kJ_mol: Ea, lgA_s: lgA },
    curves_from: source,
    kissinger,
    test_metrics: model.manifest.metrics.test ?? null,
    cnn_ms: performance.now() - t0,
    warnings: prepared.warnings,
  };
}
