import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { checkJson, parseJson } from '../core/json.ts';
import { qualityOf, warning, type Quality, type ResultWarning } from '../core/warnings.ts';
import { checkWork } from '../core/work-limits.ts';
import { parseRecordCsv, type RejectedRow } from '../dsc/csv-import.ts';
import { conformalHalfWidth, minCalibrationRecords } from '../dsc/conformal.ts';
import { parseFixSpec, type Conditions } from '../dsc/fixed-conditions.ts';
import {
  SavedModelSchema,
  checkSavedModel,
  predictRecords,
  ternaryMaps,
  type SavedModel,
  type TargetPrediction,
  type TernaryMap,
} from '../dsc/saved-model.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

/**
 * `ckin xai predict --model MODEL records.csv`: predictions of a saved model (`ckin xai … --save MODEL`) with
 * split-conformal intervals (src/dsc/conformal.ts) and the domain checks (src/dsc/domain.ts), and optionally the
 * NCM ternary maps at fixed conditions (`--ternary --fix voltage_V=4.3,…`) masked where the model extrapolates.
 */
export interface XaiPredictOptions extends UseCaseCallbacks {
  /** The saved model: a path, or its JSON (already parsed, e.g. from an API request). */
  model: { path: string } | { json: unknown };
  /** Records to predict: a CSV in the `ckin db import` vocabulary (results optional); none for maps only. */
  records?: { path: string } | { name: string; content: string };
  /** Nominal coverage of the prediction intervals, 0 < level < 1 (default 0.9). */
  level?: number;
  /** Compute the ternary maps. */
  ternary?: boolean;
  /** Fixed conditions of the maps (unset: the training medians / modes). */
  fix?: Partial<Conditions>;
  /** Composition distance beyond which a record or grid point counts as outside the domain (default: the model's, 0.1). */
  maxDistance?: number;
  /** Grid intervals per ternary edge (default 40). */
  ternarySteps?: number;
  /** Work limits of the CLI (default) or of the API (work-limits.ts). */
  scope?: 'cli' | 'api';
}

export interface XaiPredictRecord {
  /** Line of the record in the CSV. */
  line: number;
  formula: string;
  predictions: TargetPrediction[];
  warnings: ResultWarning[];
  quality: Quality;
}

export interface XaiPredictResult {
  model: {
    source: string;
    synthetic: boolean;
    created: string;
    training_data_sha256: string;
    n_records: number;
    targets: string[];
  };
  interval: {
    method: 'split-conformal';
    level: number;
    per_target: { target: string; n_calibration: number; half_width: number }[];
  };
  max_distance: number;
  records: XaiPredictRecord[];
  rejected: RejectedRow[];
  /** Observed values inside their interval, per target, when the CSV carries results. */
  coverage: { target: string; n: number; covered: number; fraction: number }[];
  ternary: TernaryMap[];
  warnings: ResultWarning[];
  quality: Quality;
}

/** `--fix a=b,c=d` → conditions (InputError naming the item). */
export function parseFixOption(text: string): Partial<Conditions> {
  try {
    return parseFixSpec(text);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(e.message);
    throw e;
  }
}

/** Read and check a saved model (InputError naming the file and the problem). */
export function loadSavedModel(src: XaiPredictOptions['model']): SavedModel {
  const file = 'path' in src ? src.path : 'model';
  let json: unknown;
  if ('path' in src) {
    let text: string;
    try {
      text = readFileSync(src.path, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read the model: ${(e as Error).message}`, { file });
    }
    json = parseJson(text, file);
  } else json = src.json;
  const fmt = (json as { format?: unknown } | null)?.format;
  if (fmt !== 'ckin-xai-model')
    throw new InputError('not a saved xai model (save one with `ckin xai --db … --save MODEL`)', { file });
  const m = checkJson(SavedModelSchema, json, 'xai model', file);
  try {
    checkSavedModel(m);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(`xai model: ${e.message}`, { file });
    throw e;
  }
  return m;
}

const fmt3 = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v));

export function xaiPredict(opts: XaiPredictOptions): XaiPredictResult {
  const level = opts.level ?? 0.9;
  if (!(level > 0 && level < 1)) throw new InputError(`--level: expected 0 < level < 1, got ${level}`);
  const model = loadSavedModel(opts.model);
  const maxDistance = opts.maxDistance ?? model.domain.max_distance;
  if (!(maxDistance > 0)) throw new InputError(`--max-distance: expected > 0, got ${maxDistance}`);
  if (!opts.records && !opts.ternary)
    throw new InputError('give a records CSV to predict, or --ternary for the maps');
  const warnings: ResultWarning[] = [];
  if (model.synthetic)
    warnings.push(
      warning('generic.note', 'info', `the model was trained on synthetic records (${model.source})`),
    );
  const per_target = model.targets.map((t) => ({
    target: t.target,
    n_calibration: t.calibration_residuals.length,
    half_width: conformalHalfWidth(t.calibration_residuals, 1 - level),
  }));
  for (const t of per_target)
    if (!Number.isFinite(t.half_width))
      warnings.push(
        warning(
          'dsc.interval-unbounded',
          'unreliable',
          `${t.target}: ${t.n_calibration} calibration records cannot give a ${level * 100} % interval (needs ≥ ${minCalibrationRecords(1 - level)}); the interval is unbounded`,
        ),
      );

  const records: XaiPredictRecord[] = [];
  let rejected: RejectedRow[] = [];
  const coverage: XaiPredictResult['coverage'] = [];
  if (opts.records) {
    const file = 'path' in opts.records ? opts.records.path : opts.records.name;
    let text: string;
    if ('path' in opts.records) {
      try {
        text = readFileSync(opts.records.path, 'utf8');
      } catch (e) {
        throw new InputError(`cannot read the records: ${(e as Error).message}`, { file });
      }
    } else text = opts.records.content;
    const parsed = parseRecordCsv(text, file, { requireResult: false });
    checkWork('xaiPredictRecords', parsed.records.length, undefined, opts.scope);
    rejected = parsed.rejected;
    if (rejected.length)
      warnings.push(
        warning(
          'dsc.rows-rejected',
          'caution',
          `${rejected.length} row(s) not predicted: ` +
            rejected.map((r) => `line ${r.line}: ${r.reasons.join('; ')}`).join(' | '),
          { file },
        ),
      );
    if (parsed.records.length === 0)
      throw new InputError('no record could be read', { file, line: rejected[0]?.line });
    const preds = predictRecords(model, parsed.records, { level });
    preds.forEach((ps, k) => {
      const w: ResultWarning[] = [];
      for (const p of ps) {
        if (p.composition_distance > maxDistance)
          w.push(
            warning(
              'dsc.predict-outside-domain',
              'caution',
              `${p.target}: composition ${fmt3(p.composition_distance)} from the nearest training record (domain: ≤ ${maxDistance})`,
              { file },
            ),
          );
        if (p.outside_range.length)
          w.push(
            warning(
              'dsc.predict-outside-range',
              'caution',
              `${p.target}: outside the training range: ` +
                p.outside_range
                  .map((o) => `${o.feature} = ${fmt3(o.value)} (${fmt3(o.min)}–${fmt3(o.max)})`)
                  .join(', '),
              { file },
            ),
          );
        if (p.imputed.length)
          w.push(
            warning(
              'dsc.imputed',
              'info',
              `${p.target}: ${p.imputed.join(', ')} missing, filled with the training median`,
              { file },
            ),
          );
      }
      records.push({
        line: parsed.lines[k],
        formula: String(parsed.records[k].formula ?? ''),
        predictions: ps,
        warnings: w,
        quality: qualityOf(w),
      });
    });
    for (const t of model.targets) {
      const obs = records
        .map((r) => r.predictions.find((p) => p.target === t.target)!)
        .filter((p) => p.observed !== undefined);
      if (obs.length) {
        const covered = obs.filter((p) => p.covered).length;
        coverage.push({ target: t.target, n: obs.length, covered, fraction: covered / obs.length });
      }
    }
  }

  let ternary: TernaryMap[] = [];
  if (opts.ternary) {
    ternary = ternaryMaps(
      model,
      opts.fix ?? {},
      checkWork('xaiTernarySteps', opts.ternarySteps ?? 40, undefined, opts.scope),
      maxDistance,
    );
    for (const m of ternary)
      for (const [which, e] of [
        ['lowest', m.min],
        ['highest', m.max],
      ] as const)
        if (e.extrapolated)
          warnings.push(
            warning(
              'dsc.ternary-optimum-extrapolated',
              'caution',
              `${m.target}: the ${which} prediction (${fmt3(e.value)} at Ni ${fmt3(e.ni)} Co ${fmt3(e.co)} Mn ${fmt3(e.mn)}) lies in the extrapolated region; within the domain: ${
                (which === 'lowest' ? m.min_in_domain : m.max_in_domain)
                  ? fmt3((which === 'lowest' ? m.min_in_domain : m.max_in_domain)!.value)
                  : 'no grid point'
              }`,
            ),
          );
  }
  const all = [...warnings, ...records.flatMap((r) => r.warnings)];
  return {
    model: {
      source: model.source,
      synthetic: model.synthetic,
      created: model.created,
      training_data_sha256: model.training_data_sha256,
      n_records: model.n_records,
      targets: model.targets.map((t) => t.target),
    },
    interval: { method: 'split-conformal', level, per_target },
    max_distance: maxDistance,
    records,
    rejected,
    coverage,
    ternary,
    warnings,
    quality: qualityOf(all),
  };
}
