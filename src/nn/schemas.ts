/**
 * TypeBox schemas of the CNN's JSON files (model manifest, network spec, preset file, train state, history,
 * ensemble manifest): what their readers check before trusting a file. Each schema is tied to its TypeScript
 * interface by a compile-time check below, so the two cannot drift apart.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { LayerSpec, NetSpec } from './spec.ts';
import type { TrainRecipe } from './presets.ts';
import type { Normalization } from './normalization.ts';
import type { EvalMetrics, ModelManifest } from './model.ts';
import type { HistoryEntry } from './history-svg.ts';
import type { EnsembleManifest } from './uncertainty/ensemble.ts';

/** A number, or null where the writer had a non-finite value (JSON has no NaN or Infinity). */
const JsonNumber = Type.Unsafe<number>(Type.Union([Type.Number(), Type.Null()]));
const Count = Type.Integer({ minimum: 0 });
const Positive = Type.Integer({ minimum: 1 });
const Pool = (type: 'maxpool1d' | 'avgpool1d') =>
  Type.Object({ type: Type.Literal(type), kernel: Positive, stride: Type.Optional(Positive) });

export const LayerSpecSchema = Type.Union([
  Type.Object({
    type: Type.Literal('conv1d'),
    out: Positive,
    kernel: Positive,
    padding: Type.Optional(Count),
    stride: Type.Optional(Positive),
  }),
  Type.Object({ type: Type.Literal('batchnorm1d') }),
  Type.Object({ type: Type.Literal('relu') }),
  Type.Object({ type: Type.Literal('gelu') }),
  Type.Object({ type: Type.Literal('dropout'), p: Type.Number({ minimum: 0, exclusiveMaximum: 1 }) }),
  Pool('maxpool1d'),
  Pool('avgpool1d'),
  Type.Object({ type: Type.Literal('global_avg_pool') }),
  Type.Object({ type: Type.Literal('global_max_pool') }),
  Type.Object({ type: Type.Literal('flatten') }),
  Type.Object({ type: Type.Literal('concat_aux') }),
  Type.Object({ type: Type.Literal('linear'), out: Positive }),
]);

export const NetSpecSchema = Type.Object({
  input: Type.Object({ channels: Positive, length: Positive }),
  aux: Count,
  outputs: Positive,
  layers: Type.Array(LayerSpecSchema),
});

export const TrainRecipeSchema = Type.Object({
  optimizer: Type.Union([Type.Literal('adam'), Type.Literal('adamw')]),
  lr: Type.Number({ exclusiveMinimum: 0 }),
  weightDecay: Type.Number({ minimum: 0 }),
  batch: Positive,
  epochs: Positive,
  schedule: Type.Union([Type.Literal('cosine'), Type.Literal('constant')]),
  lrMin: Type.Number({ minimum: 0 }),
  augmentNoise: Type.Optional(Type.Boolean()),
});

/** A preset file: the network, and optionally a name, a description and any part of the recipe. */
export const PresetFileSchema = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  net: NetSpecSchema,
  train: Type.Optional(Type.Partial(TrainRecipeSchema)),
});

const MeanStd = Type.Object({ mean: Type.Array(Type.Number()), std: Type.Array(Type.Number()) });
export const NormalizationSchema = Type.Object({ curves: MeanStd, aux: MeanStd, targets: MeanStd });

const EvalMetricsSchema = Type.Object({
  count: Count,
  r2_Ea: JsonNumber,
  r2_lgA: JsonNumber,
  rmse_Ea_kJ_mol: JsonNumber,
  rmse_lgA: JsonNumber,
  mae_Ea_kJ_mol: JsonNumber,
  mae_lgA: JsonNumber,
});

/** Everything of a model manifest after `format` and `formatVersion` (checked first, with their own messages). */
export const ModelManifestSchema = Type.Object({
  format: Type.Literal('cathode-kinetics-cnn'),
  formatVersion: Type.Literal(1),
  preset: Type.String(),
  description: Type.String(),
  net: NetSpecSchema,
  parameterCount: Count,
  train: Type.Intersect([
    TrainRecipeSchema,
    Type.Object({ seed: Type.Number(), threads: Positive, timeLimit_min: Type.Optional(Type.Number()) }),
  ]),
  normalization: NormalizationSchema,
  input: Type.Object({
    rates_K_min: Type.Array(Type.Number()),
    grid_C: Type.Object({ start: Type.Number(), end: Type.Number(), points: Positive }),
  }),
  dataset: Type.Object({
    dir: Type.String(),
    seed: Type.Optional(Type.Number()),
    count: Count,
    splitCounts: Type.Optional(Type.Record(Type.String(), Count)),
    noise: Type.Optional(Type.Unknown()),
  }),
  epochsPlanned: Count,
  epochsRun: Count,
  bestEpoch: Type.Integer(),
  wallTime_s: Type.Number(),
  libtorchVersion: Type.String(),
  createdAt: Type.String(),
  metrics: Type.Object({
    val: Type.Optional(EvalMetricsSchema),
    test: Type.Optional(EvalMetricsSchema),
    test_valid: Type.Optional(EvalMetricsSchema),
  }),
});

/** train-state.json: where a run stopped, for --resume (bestValLoss is null before the first validation). */
export const TrainStateSchema = Type.Object({
  epochsDone: Count,
  bestEpoch: Type.Integer(),
  bestValLoss: JsonNumber,
  wallTime_s: Type.Number(),
  seed: Type.Number(),
  preset: Type.String(),
});

export const HistorySchema = Type.Array(
  Type.Object({
    epoch: Count,
    lr: JsonNumber,
    train_loss: JsonNumber,
    val_loss: JsonNumber,
    train_r2_Ea: Type.Optional(JsonNumber),
    train_r2_lgA: Type.Optional(JsonNumber),
    val_r2_Ea: JsonNumber,
    val_r2_lgA: JsonNumber,
    val_rmse_Ea_kJ_mol: JsonNumber,
    val_rmse_lgA: JsonNumber,
    seconds: Type.Number(),
  }),
);

/** Everything of an ensemble manifest after `format` and `formatVersion`. */
export const EnsembleManifestSchema = Type.Object({
  format: Type.Literal('cathode-kinetics-cnn-ensemble'),
  formatVersion: Type.Literal(1),
  members: Type.Array(Type.String(), { minItems: 2 }),
  calibration: Type.Union([
    Type.Object({
      scale_Ea: Type.Number(),
      scale_lgA: Type.Number(),
      level: Type.Number(),
      dataset: Type.String(),
      split: Type.String(),
      count: Count,
    }),
    Type.Null(),
  ]),
  coverage: Type.Optional(Type.Unknown()),
  createdAt: Type.String(),
});

/**
 * The parts of a dataset manifest (docs/synthetic-dataset.md) the CNN reads; the generator's spec is checked where
 * it is used (material specs, label prior).
 */
export const CurveDatasetManifestSchema = Type.Object({
  count: Positive,
  points: Positive,
  rates_K_min: Type.Array(Type.Number(), { minItems: 1 }),
  materials: Type.Optional(Type.Array(Type.String())),
  seed: Type.Optional(Type.Number()),
  grid_C: Type.Optional(Type.Object({ start: Type.Number(), end: Type.Number(), points: Positive })),
  splitCounts: Type.Optional(Type.Record(Type.String(), Count)),
  files: Type.Optional(Type.Record(Type.String(), Type.Object({ sha256: Type.Optional(Type.String()) }))),
  spec: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

// Compile-time ties: each schema's static type equals (both ways assignable) its interface.
type Same<S extends TSchema, T> = [Static<S>] extends [T] ? ([T] extends [Static<S>] ? true : false) : false;
const tied: [
  Same<typeof LayerSpecSchema, LayerSpec>,
  Same<typeof NetSpecSchema, NetSpec>,
  Same<typeof TrainRecipeSchema, TrainRecipe>,
  Same<typeof NormalizationSchema, Normalization>,
  Same<typeof EvalMetricsSchema, EvalMetrics>,
  Same<typeof ModelManifestSchema, ModelManifest>,
  Same<typeof HistorySchema, HistoryEntry[]>,
  Same<typeof EnsembleManifestSchema, EnsembleManifest>,
] = [true, true, true, true, true, true, true, true];
void tied;
