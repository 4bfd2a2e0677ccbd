/**
 * A saved explainable-ML model (`ckin xai … --save MODEL`, read by `ckin xai predict --model MODEL`): one JSON
 * object holding, per target, the fitted ε-SVR (support vectors, coefficients, input and target scaling), the
 * selected features, the split-conformal calibration residuals and the training domain; for all targets the
 * imputation medians, the Spearman selection and the defaults of the map conditions; and a SHA-256 of the
 * training records. Pure: building, checking and predicting; the use case (src/app/xai-predict.ts) does the I/O.
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { DscRecord } from './schema.ts';
import type { PipelineResult } from './pipeline.ts';
import { recordFeatures, type TargetName } from './features.ts';
import { svrFromData } from './svr.ts';
import { conformalHalfWidth } from './conformal.ts';
import {
  compositionOf,
  compositionTable,
  nearestComposition,
  outsideRange,
  type CompositionTable,
} from './domain.ts';
import { conditionsRecord, resolveConditions, type Conditions } from './fixed-conditions.ts';
import { ncmGrid, ternaryRecords, type TernaryPoint } from './ternary.ts';

export const MODEL_FORMAT = 'ckin-xai-model';
export const MODEL_VERSION = 1;

const Num = Type.Number();
const Nums = Type.Array(Type.Number());

const SvrDataSchema = Type.Object({
  params: Type.Object({ C: Num, gamma: Num, epsilon: Num }),
  d: Type.Integer({ minimum: 1 }),
  gamma: Num,
  rho: Num,
  coef: Nums,
  sv: Nums,
  x_mean: Nums,
  x_std: Nums,
  y_mean: Num,
  y_std: Num,
});

const SavedTargetSchema = Type.Object({
  target: Type.Union([Type.Literal('onset'), Type.Literal('peak'), Type.Literal('power')]),
  column: Type.String(),
  transform: Type.Union([Type.Literal('none'), Type.Literal('log10')]),
  label: Type.String(),
  features: Type.Array(Type.String(), { minItems: 1 }),
  svr: SvrDataSchema,
  n_train: Type.Integer(),
  /** |y − ŷ| of the held-out test split (split-conformal calibration set), sorted. */
  calibration_residuals: Nums,
  feature_min: Nums,
  feature_max: Nums,
  /** Rows of `domain.compositions` that were in this target's training split. */
  train_rows: Type.Array(Type.Integer({ minimum: 0 })),
  test_metrics: Type.Object({ r2: Num, rmse: Num, mae: Num }),
});

export const SavedModelSchema = Type.Object({
  format: Type.Literal(MODEL_FORMAT),
  version: Type.Literal(MODEL_VERSION),
  created: Type.String(),
  ckin_version: Type.String(),
  /** Where the training records came from (database path or the demo generator), and whether they are synthetic. */
  source: Type.String(),
  synthetic: Type.Boolean(),
  n_records: Type.Integer(),
  /** SHA-256 of the training records (canonical JSON, sorted keys, record order). */
  training_data_sha256: Type.String(),
  /** Imputation: the training median of every usable feature fills a missing value. */
  medians: Type.Record(Type.String(), Num),
  spearman: Type.Object({
    threshold: Num,
    removed: Type.Array(Type.Object({ feature: Type.String(), partner: Type.String(), rho: Num })),
    keep: Type.Array(Type.String()),
  }),
  condition_defaults: Type.Record(Type.String(), Num),
  domain: Type.Object({
    max_distance: Num,
    elements: Type.Array(Type.String()),
    compositions: Type.Array(Nums),
  }),
  targets: Type.Array(SavedTargetSchema, { minItems: 1 }),
});
export type SavedModel = Static<typeof SavedModelSchema>;
export type SavedTarget = Static<typeof SavedTargetSchema>;

/** SHA-256 (hex) of records as canonical JSON: keys sorted, undefined left out, record order kept. */
export function recordsSha256(records: DscRecord[]): string {
  const h = createHash('sha256');
  for (const r of records) {
    const keys = Object.keys(r)
      .filter((k) => r[k] !== undefined)
      .sort();
    h.update(JSON.stringify(keys.map((k) => [k, r[k]])) + '\n');
  }
  return h.digest('hex');
}

/** The saved model of a pipeline run on `records` (the same records, in the same order). */
export function buildSavedModel(
  records: DscRecord[],
  r: PipelineResult,
  meta: { source: string; synthetic: boolean; created: string; ckin_version: string },
): SavedModel {
  const comps = compositionTable(records.map(compositionOf));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    ...meta,
    n_records: records.length,
    training_data_sha256: recordsSha256(records),
    medians: { ...r.medians },
    spearman: {
      threshold: r.spearman.removal.threshold,
      removed: r.spearman.removal.removed.map(({ feature, partner, rho }) => ({ feature, partner, rho })),
      keep: [...r.options.keep],
    },
    condition_defaults: { ...r.condition_defaults },
    domain: { max_distance: r.options.maxDistance, elements: comps.elements, compositions: comps.rows },
    targets: r.targets.map((t) => {
      const f = r.fitted.find((x) => x.target === t.target)!;
      return {
        target: t.target,
        column: t.column,
        transform: t.transform,
        label: t.label,
        features: [...t.features],
        svr: f.svr,
        n_train: f.train_records.length,
        calibration_residuals: [...f.calibration_residuals].sort((a, b) => a - b),
        feature_min: f.feature_min,
        feature_max: f.feature_max,
        train_rows: f.train_records,
        test_metrics: { r2: t.metrics.test.r2, rmse: t.metrics.test.rmse, mae: t.metrics.test.mae },
      };
    }),
  };
}

/** Consistency checks beyond the schema (RangeError naming the first problem). */
export function checkSavedModel(m: SavedModel): void {
  for (const t of m.targets) {
    const d = t.features.length;
    if (t.svr.d !== d)
      throw new RangeError(`target ${t.target}: the SVR has ${t.svr.d} inputs, ${d} features`);
    if (t.feature_min.length !== d || t.feature_max.length !== d)
      throw new RangeError(`target ${t.target}: feature ranges do not match the ${d} features`);
    for (const f of t.features)
      if (!(f in m.medians)) throw new RangeError(`target ${t.target}: no imputation median for ${f}`);
    if (t.train_rows.some((i) => i >= m.domain.compositions.length))
      throw new RangeError(`target ${t.target}: training row beyond the stored compositions`);
    svrFromData(t.svr);
  }
  if (m.domain.compositions.some((row) => row.length !== m.domain.elements.length))
    throw new RangeError('domain: composition rows do not match the elements');
}

/** One record's prediction for one target, in target units (log10 W/g for power: also given in W/g). */
export interface TargetPrediction {
  target: TargetName;
  column: string;
  label: string;
  /** Prediction on the model's scale (K, or log10 W/g). */
  predicted: number;
  /** Conformal interval on the model's scale; ±Infinity when the calibration set is too small for the level. */
  lower: number;
  upper: number;
  /** For `power`: prediction and interval back-transformed to W/g. */
  predicted_W_g?: number;
  lower_W_g?: number;
  upper_W_g?: number;
  /** The record's measured value (model scale), when the CSV has it, and whether it lies in the interval. */
  observed?: number;
  covered?: boolean;
  /** Composition distance to the nearest training record of this target, and the features outside the training range. */
  composition_distance: number;
  outside_range: { feature: string; value: number; min: number; max: number }[];
  /** Features missing in the record and filled with the training median. */
  imputed: string[];
}

export interface PredictOptions {
  /** Nominal coverage 1 − α of the intervals (default 0.9). */
  level?: number;
}

interface PreparedTarget {
  spec: SavedTarget;
  predict: (x: ArrayLike<number>) => number;
  half: number;
  domain: CompositionTable;
}

function prepare(m: SavedModel, level: number): PreparedTarget[] {
  return m.targets.map((t) => ({
    spec: t,
    predict: (() => {
      const svr = svrFromData(t.svr);
      return (x: ArrayLike<number>) => svr.predict(x);
    })(),
    half: conformalHalfWidth(t.calibration_residuals, 1 - level),
    domain: { elements: m.domain.elements, rows: t.train_rows.map((i) => m.domain.compositions[i]) },
  }));
}

/** Predictions with split-conformal intervals and domain checks for every record and target of the model. */
export function predictRecords(
  m: SavedModel,
  records: DscRecord[],
  opts: PredictOptions = {},
): TargetPrediction[][] {
  const level = opts.level ?? 0.9;
  const prepared = prepare(m, level);
  return records.map((rec) => {
    const raw = recordFeatures(rec);
    const comp = compositionOf(rec);
    return prepared.map(({ spec: t, predict, half, domain }) => {
      const imputed = t.features.filter((f) => !Number.isFinite(raw[f]));
      const x = t.features.map((f) => (Number.isFinite(raw[f]) ? raw[f] : m.medians[f]));
      const yhat = predict(x);
      const out: TargetPrediction = {
        target: t.target,
        column: t.column,
        label: t.label,
        predicted: yhat,
        lower: yhat - half,
        upper: yhat + half,
        composition_distance: nearestComposition(comp, domain).distance,
        outside_range: outsideRange(t.features, x, t.feature_min, t.feature_max),
        imputed,
      };
      if (t.transform === 'log10') {
        out.predicted_W_g = 10 ** yhat;
        out.lower_W_g = 10 ** out.lower;
        out.upper_W_g = 10 ** out.upper;
      }
      const obs = rec[t.column];
      if (typeof obs === 'number' && Number.isFinite(obs) && (t.transform !== 'log10' || obs > 0)) {
        out.observed = t.transform === 'log10' ? Math.log10(obs) : obs;
        out.covered = out.observed >= out.lower && out.observed <= out.upper;
      }
      return out;
    });
  });
}

export interface TernaryMap {
  target: TargetName;
  label: string;
  conditions: Conditions;
  max_distance: number;
  points: (TernaryPoint & { value: number; distance: number; extrapolated: boolean })[];
  /** Extremes over the grid points within `max_distance` of a training record (null if none is). */
  min_in_domain: { ni: number; co: number; mn: number; value: number } | null;
  max_in_domain: { ni: number; co: number; mn: number; value: number } | null;
  /** Extremes over the whole grid, and whether each lies in the extrapolated region. */
  min: { ni: number; co: number; mn: number; value: number; extrapolated: boolean };
  max: { ni: number; co: number; mn: number; value: number; extrapolated: boolean };
  extrapolated_fraction: number;
}

/** Extremes of a map: over the whole grid (flagged when extrapolated) and over its unmasked part. */
export function mapExtremes(
  points: { ni: number; co: number; mn: number; value: number; extrapolated: boolean }[],
) {
  const pick = (ps: typeof points, sign: 1 | -1) =>
    ps.length ? ps.reduce((a, b) => (sign * b.value > sign * a.value ? b : a)) : null;
  const strip = (p: (typeof points)[number] | null) =>
    p ? { ni: p.ni, co: p.co, mn: p.mn, value: p.value } : null;
  const inside = points.filter((p) => !p.extrapolated);
  const gmin = pick(points, -1)!,
    gmax = pick(points, 1)!;
  return {
    min_in_domain: strip(pick(inside, -1)),
    max_in_domain: strip(pick(inside, 1)),
    min: { ...strip(gmin)!, extrapolated: gmin.extrapolated },
    max: { ...strip(gmax)!, extrapolated: gmax.extrapolated },
    extrapolated_fraction: points.length ? (points.length - inside.length) / points.length : 0,
  };
}

/**
 * NCM ternary maps of every target at fixed conditions (`fix`, else the training medians / modes), masked where
 * the composition distance to the nearest training record of the target exceeds the model's `max_distance`.
 */
export function ternaryMaps(
  m: SavedModel,
  fix: Partial<Conditions> = {},
  steps = 40,
  maxDistance = m.domain.max_distance,
): TernaryMap[] {
  const conditions = resolveConditions(m.condition_defaults, fix);
  const grid = ncmGrid(steps);
  const vrecs = ternaryRecords(grid, conditionsRecord(conditions));
  const feats = vrecs.map(recordFeatures);
  const comps = vrecs.map(compositionOf);
  return prepare(m, 0.9).map(({ spec: t, predict, domain }) => {
    const points = grid.map((p, k) => {
      const x = t.features.map((f) => (Number.isFinite(feats[k][f]) ? feats[k][f] : m.medians[f]));
      const distance = nearestComposition(comps[k], domain).distance;
      return { ...p, value: predict(x), distance, extrapolated: distance > maxDistance };
    });
    return {
      target: t.target,
      label: t.label,
      conditions,
      max_distance: maxDistance,
      points,
      ...mapExtremes(points),
    };
  });
}
