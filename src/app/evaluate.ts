import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { readCurveDataset, splitIndices, subset, type SplitName } from '../nn/dataset.ts';
import { CnnModel, resolveModelDir } from '../nn/model.ts';
import { evalMetrics, validRows } from '../nn/evaluate.ts';
import { kceReconstruction, kceSamples } from '../nn/kce.ts';
import { compareMethods } from '../nn/compare.ts';
import { paritySvg } from '../nn/parity-svg.ts';
import { setThreads } from '../nn/engine.ts';
import { NCM_MATERIALS } from '../synth/materials.ts';
import { gridTemperatures_K } from '../synth/grid.ts';
import { lgAInformationLimit } from '../nn/identifiability.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

/** `ckin evaluate`: accuracy of a trained CNN on a dataset split, KCE reconstruction, and a side-by-side. */
export interface EvaluateOptions extends UseCaseCallbacks {
  /** Model directory or shipped name (best, paper); default best. */
  model?: string;
  /** Dataset directory written by `ckin synth`. */
  data: string;
  /** train, val, test (default) or all. */
  split?: SplitName;
  /** Side-by-side on the first N valid samples of the split (default 20; 0 = skip). */
  compare?: number;
  /** Include the (slow) DE fit in the side-by-side (default true). */
  de?: boolean;
  /** KCE reconstruction (default true). */
  kce?: boolean;
  /** Write parity plots (SVG) into this directory. */
  plots?: string;
  /** libtorch threads. */
  threads?: number;
}

export type EvaluateResult = ReturnType<typeof evaluate>;

export function evaluate(opts: EvaluateOptions) {
  const split = opts.split ?? 'test';
  if (!['train', 'val', 'test', 'all'].includes(split)) {
    throw new InputError(`--split must be train, val, test or all, got "${split}"`);
  }
  const nCompare = opts.compare ?? 20;
  if (!Number.isInteger(nCompare) || nCompare < 0) throw new InputError(`--compare must be an integer ≥ 0`);
  const withDe = opts.de ?? true;
  if (opts.threads !== undefined) setThreads(checkWork('threads', opts.threads));
  const modelDir = resolveModelDir(opts.model);
  const model = CnnModel.load(modelDir);
  const { set, info } = readCurveDataset(resolve(opts.data));
  const rows = splitIndices(set, split);
  if (rows.length === 0) throw new InputError(`split "${split}" has no samples`, { file: opts.data });
  const sub = subset(set, rows);
  const t0 = performance.now();
  const pred = model.predict(sub);
  const msBatched = (performance.now() - t0) / sub.count;
  const valid = validRows(sub.flags, sub.count);
  const all = evalMetrics(pred, sub.targets);
  const validM = evalMetrics(pred, sub.targets, valid);
  const perMaterial = (info.materials ?? []).map((name, k) => {
    const r = Array.from({ length: sub.count }, (_, i) => i).filter((i) => sub.material?.[i] === k);
    const v = r.filter((i) => (sub.flags![i] & 1) === 1);
    return {
      material: name,
      all: evalMetrics(pred, sub.targets, r),
      valid: evalMetrics(pred, sub.targets, v),
    };
  });

  const grid_K = gridTemperatures_K(model.manifest.input.grid_C);
  // The ceiling on R²(lgA) set by the peak-normalized input itself (src/nn/identifiability.ts).
  const limit =
    info.labelPrior && sub.n
      ? lgAInformationLimit(
          sub.targets,
          sub.n,
          sub.count,
          info.labelPrior,
          info.rates_K_min,
          celsiusToKelvin(info.grid_C.start),
          celsiusToKelvin(info.grid_C.end),
        )
      : undefined;
  let kce: ReturnType<typeof kceReconstruction>[] = [];
  if (opts.kce ?? true) {
    kce = (info.materialSpecs ?? NCM_MATERIALS).map((m) => {
      const s = kceSamples(m, model.manifest.input.rates_K_min, grid_K);
      return kceReconstruction(m, model.predict(s), s.count);
    });
  }

  let comparison: ReturnType<typeof compareMethods> = [];
  if (nCompare > 0) {
    const pick = Array.from(valid).slice(0, nCompare);
    opts.onLog?.(
      `evaluate: side-by-side on ${pick.length} valid ${split} samples${withDe ? ' (DE fit included)' : ''}…`,
    );
    comparison = compareMethods(model, sub, pick, grid_K, withDe);
  }

  if (opts.plots) {
    mkdirSync(opts.plots, { recursive: true });
    writeFileAtomic(
      join(opts.plots, `parity-${split}.svg`),
      paritySvg(pred, sub.targets, `${model.manifest.preset} ${split}`),
    );
  }

  return {
    model: modelDir,
    preset: model.manifest.preset,
    data: opts.data,
    split,
    ...all,
    valid: validM,
    lgA_information_limit: limit ?? null,
    cnn_ms_per_sample_batched: msBatched,
    per_material: perMaterial,
    kce,
    comparison,
    warnings: [] as string[],
  };
}
