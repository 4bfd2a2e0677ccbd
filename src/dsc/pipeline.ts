/**
 * The explainable-ML pipeline of Sun et al. 2025 on a set of DSC records:
 *   features (contents, conditions, TM descriptors) → Spearman redundancy removal (|ρ| > 0.8, shared by all
 *   targets) → per target: null-importance screening (random forest, `shuffles` permutations, 25th percentile) →
 *   train/test split → ε-SVR (RBF) with grid search by k-fold CV on the training set → R², RMSE, MAE →
 *   Shapley values (exact enumeration ≤ 12 features, Kernel SHAP beyond) with a background sample of the training
 *   set → ranking by mean |SHAP| with signs → feature dynamics across targets → NCM ternary maps at fixed
 *   conditions (default 4.3 V).
 * Pure computation (no I/O); progress is reported through the optional callback.
 */
import type { DscRecord } from './schema.ts';
import {
  TARGETS,
  buildFeatureTable,
  compositionGroups,
  featureRank,
  recordFeatures,
  type TargetName,
} from './features.ts';
import { spearmanMatrix, removeRedundant, type RedundancyRemoval } from './spearman-selection.ts';
import { nullImportance, type NullImportanceResult } from './null-importance.ts';
import { DEFAULT_GRID, gridSearchSvr, kFolds, trainTestSplit, type SvrGrid } from './grid-search.ts';
import { fitSvr, type SvrModelData, type SvrParams } from './svr.ts';
import { compositionOf, compositionTable, nearestComposition, DEFAULT_MAX_DISTANCE } from './domain.ts';
import { conditionsRecord, resolveConditions, type Conditions } from './fixed-conditions.ts';
import { regressionMetrics, type RegressionMetrics } from '../core/regression-metrics.ts';
import { explain } from './shapley.ts';
import { explainGrouped, meanAbsWithError } from './grouped-shapley.ts';
import { rankFeatures, featureDynamics, type RankedFeature, type FeatureDynamics } from './ranking.ts';
import { ncmGrid, ternaryRecords, ternaryXY, type TernaryPoint } from './ternary.ts';
import { createRng, permutation } from '../core/random.ts';

export type ProgressFactory = (label: string, total: number) => { tick(done: number): void; stop(): void };

export interface PipelineOptions {
  targets?: TargetName[];
  seed?: number;
  /** Null-importance permutations per target (paper: 100). */
  shuffles?: number;
  nullQuantile?: number;
  forestTrees?: number;
  spearmanThreshold?: number;
  testFraction?: number;
  folds?: number;
  grid?: SvrGrid;
  /** Background rows (random training rows) for Shapley values. */
  backgroundSize?: number;
  /** Records explained (random subset when the database is larger). */
  maxExplain?: number;
  /** Exact Shapley enumeration up to this many features, Kernel SHAP beyond. */
  maxExact?: number;
  kernelSamples?: number;
  ternarySteps?: number;
  ternaryVoltage_V?: number;
  /** Conditions of the ternary maps (feature → value, `--fix`); unset ones at the database median / mode. */
  ternaryFix?: Partial<Conditions>;
  /** Composition distance beyond which a ternary grid point counts as extrapolated (domain.ts). */
  maxDistance?: number;
  /** Skip (and list in `skipped_targets`) targets with fewer than 20 usable records instead of failing. */
  skipSparseTargets?: boolean;
  /** Features protected from the Spearman filter and the null-importance screen (`--keep`). */
  keep?: string[];
  /** Background batches for the Shapley sampling error (jackknife; grouped-shapley.ts). */
  shapBatches?: number;
  progress?: ProgressFactory;
}

/** Mean |value| of one feature or group with its background-sampling standard error (and se / mean). */
export interface AttributionWithError {
  mean_abs: number;
  se: number;
  relative_se: number;
}

/** The composition block as one player, each condition on its own (Owen values; grouped-shapley.ts). */
export interface GroupedAttribution {
  groups: { name: string; features: string[] }[];
  /** Groups by mean |group value|, each with its members' within-group (Owen) attributions. */
  ranking: (AttributionWithError & {
    group: string;
    features: string[];
    within: (AttributionWithError & { feature: string })[];
  })[];
  /** Group totals per explained record (columns = `groups`). */
  values: number[][];
  /** Owen value per explained record and feature (columns = target `features`). */
  owen: number[][];
}

export interface TargetResult {
  target: TargetName;
  column: string;
  transform: 'none' | 'log10';
  label: string;
  n_records: number;
  null_importance: NullImportanceResult;
  features: string[];
  svr: { params: SvrParams; n_support_vectors: number; cv: { params: SvrParams; cv_mse: number }[] };
  metrics: { train: RegressionMetrics; test: RegressionMetrics };
  parity: { split: 'train' | 'test'; y_true: number; y_pred: number }[];
  shap: {
    method: 'exact' | 'kernel';
    base_value: number;
    background_size: number;
    values: number[][];
    X: number[][];
    record_ids: (number | null)[];
  };
  ranking: (RankedFeature & { se: number; relative_se: number })[];
  /** Null when Kernel SHAP was used (more than `maxExact` features): Owen values need exact coalition values. */
  grouped: GroupedAttribution | null;
  ternary: {
    voltage_V: number;
    conditions: Record<string, number>;
    /** Grid points with the prediction, the composition distance to the nearest record with this target and
     * whether that distance exceeds `max_distance` (extrapolated: masked in the maps). */
    points: (TernaryPoint & { value: number; distance: number; extrapolated: boolean })[];
    max_distance: number;
    /** Records of this target that are (nearly) NCM, Ni + Co + Mn ≥ 95 % of their cations, at their
     * normalised (Ni, Co, Mn): the data points drawn on the map. */
    records: { ni: number; co: number; mn: number; x: number; y: number }[];
  };
}

/** What a saved model needs of one fitted target (saved-model.ts); not part of the report. */
export interface FittedTarget {
  target: TargetName;
  svr: SvrModelData;
  /** Indices (into the pipeline's records) of the training split. */
  train_records: number[];
  /** |y − ŷ| of the held-out test split: the split-conformal calibration residuals (conformal.ts). */
  calibration_residuals: number[];
  /** Range of each selected feature over the training split (after imputation). */
  feature_min: number[];
  feature_max: number[];
}

export interface PipelineResult {
  n_records: number;
  all_features: string[];
  dropped_features: { feature: string; reason: string }[];
  imputed: Record<string, { median: number; count: number }>;
  spearman: { names: string[]; rho: number[][]; removal: RedundancyRemoval };
  targets: TargetResult[];
  skipped_targets: { target: TargetName; reason: string }[];
  dynamics: FeatureDynamics[];
  /** Medians of every usable feature (the documented imputation), and the conditions of the maps (`--fix`, else
   * the map voltage and the database medians / modes: the defaults of `xai predict --ternary`). */
  medians: Record<string, number>;
  condition_defaults: Conditions;
  /** Fitted models per target, for `--save` (large; left out of report.json). */
  fitted: FittedTarget[];
  options: Required<Omit<PipelineOptions, 'progress' | 'targets' | 'skipSparseTargets' | 'ternaryFix'>> & {
    targets: TargetName[];
    ternaryFix: Partial<Conditions>;
  };
}

const noProgress: ProgressFactory = () => ({ tick() {}, stop() {} });

export async function runPipeline(records: DscRecord[], opts: PipelineOptions = {}): Promise<PipelineResult> {
  const o = {
    targets: opts.targets ?? (['onset', 'peak', 'power'] as TargetName[]),
    seed: opts.seed ?? 1,
    shuffles: opts.shuffles ?? 100,
    nullQuantile: opts.nullQuantile ?? 0.25,
    forestTrees: opts.forestTrees ?? 100,
    spearmanThreshold: opts.spearmanThreshold ?? 0.8,
    testFraction: opts.testFraction ?? 0.2,
    folds: opts.folds ?? 5,
    grid: opts.grid ?? DEFAULT_GRID,
    backgroundSize: opts.backgroundSize ?? 100,
    maxExplain: opts.maxExplain ?? 300,
    maxExact: opts.maxExact ?? 12,
    kernelSamples: opts.kernelSamples ?? 1024,
    ternarySteps: opts.ternarySteps ?? 40,
    ternaryVoltage_V: opts.ternaryFix?.cutoff_voltage_V ?? opts.ternaryVoltage_V ?? 4.3,
    ternaryFix: opts.ternaryFix ?? {},
    maxDistance: opts.maxDistance ?? DEFAULT_MAX_DISTANCE,
    keep: opts.keep ?? [],
    shapBatches: opts.shapBatches ?? 5,
  };
  const keep = new Set(o.keep);
  const progress = opts.progress ?? noProgress;
  if (records.length < 20)
    throw new RangeError(`need at least 20 records for the pipeline, got ${records.length}`);

  const table = buildFeatureTable(records);
  const rho = spearmanMatrix(table.X, table.names.length);
  for (const k of keep)
    if (!table.names.includes(k)) {
      const why = table.dropped.find((d) => d.feature === k);
      throw new RangeError(
        `--keep ${k}: ${why ? `not usable (${why.reason})` : `not a feature (${table.names.join(', ')})`}`,
      );
    }
  const removal = removeRedundant(table.names, rho, featureRank, o.spearmanThreshold, keep);
  const selectedIdx = removal.kept.map((n) => table.names.indexOf(n));

  const conditionDefaults = ternaryConditionDefaults(table.names, table.X);
  const mapConditions = resolveConditions(conditionDefaults, {
    ...o.ternaryFix,
    cutoff_voltage_V: o.ternaryVoltage_V,
  });
  const comps = records.map(compositionOf);
  const fitted: FittedTarget[] = [];
  const targets: TargetResult[] = [];
  const skipped: PipelineResult['skipped_targets'] = [];
  for (const tName of o.targets) {
    const spec = TARGETS.find((t) => t.name === tName)!;
    const rows: number[] = [];
    const yAll: number[] = [];
    records.forEach((r, i) => {
      const v = r[spec.column];
      if (typeof v === 'number' && Number.isFinite(v) && (spec.transform !== 'log10' || v > 0)) {
        rows.push(i);
        yAll.push(spec.transform === 'log10' ? Math.log10(v) : v);
      }
    });
    if (rows.length < 20) {
      const reason = `only ${rows.length} records with ${spec.column}${spec.transform === 'log10' ? ' > 0' : ''} (need 20)`;
      if (!opts.skipSparseTargets) throw new RangeError(`target ${tName}: ${reason}`);
      skipped.push({ target: tName, reason });
      continue;
    }
    const Xsel = rows.map((i) => Float64Array.from(selectedIdx, (j) => table.X[i][j]));
    const y = Float64Array.from(yAll);

    // 1. null importance (per target)
    const bar = progress(`${tName}: null importance`, o.shuffles);
    const ni = nullImportance(removal.kept, Xsel, y, {
      shuffles: o.shuffles,
      q: o.nullQuantile,
      seed: o.seed,
      forest: { nTrees: o.forestTrees },
      onProgress: (d) => bar.tick(d),
      keep,
    });
    bar.stop();
    const features = ni.kept.length ? ni.kept : removal.kept;
    const fIdx = features.map((f) => removal.kept.indexOf(f));
    const X = Xsel.map((r) => Float64Array.from(fIdx, (j) => r[j]));

    // 2. SVR: split, grid search by k-fold CV on the training set, final fit on the training set
    const rng = createRng(o.seed + 17);
    const split = trainTestSplit(X.length, o.testFraction, rng);
    const Xtr = split.train.map((i) => X[i]),
      ytr = Float64Array.from(split.train, (i) => y[i]);
    const folds = kFolds(Xtr.length, o.folds, rng);
    const nGrid = o.grid.C.length * o.grid.gamma.length * o.grid.epsilon.length;
    const gbar = progress(`${tName}: SVR grid search`, nGrid);
    const gs = await gridSearchSvr(Xtr, ytr, o.grid, folds, (d) => gbar.tick(d));
    gbar.stop();
    const model = await fitSvr(Xtr, ytr, gs.best);
    const predTr = Xtr.map((x) => model.predict(x));
    const predTe = split.test.map((i) => model.predict(X[i]));
    const metrics = {
      train: regressionMetrics({ predicted: predTr, observed: ytr }),
      test: regressionMetrics({ predicted: predTe, observed: split.test.map((i) => y[i]) }),
    };
    const lo = features.map(() => Infinity),
      hi = features.map(() => -Infinity);
    for (const x of Xtr)
      x.forEach((v, j) => {
        if (v < lo[j]) lo[j] = v;
        if (v > hi[j]) hi[j] = v;
      });
    fitted.push({
      target: tName,
      svr: model.data(),
      train_records: split.train.map((i) => rows[i]),
      calibration_residuals: split.test.map((i, k) => Math.abs(y[i] - predTe[k])),
      feature_min: lo,
      feature_max: hi,
    });
    const parity = [
      ...split.train.map((i, k) => ({ split: 'train' as const, y_true: y[i], y_pred: predTr[k] })),
      ...split.test.map((i, k) => ({ split: 'test' as const, y_true: y[i], y_pred: predTe[k] })),
    ];

    // 3. Shapley values
    const bgIdx = Array.from(permutation(Xtr.length, rng)).slice(0, Math.min(o.backgroundSize, Xtr.length));
    const background = bgIdx.map((i) => Xtr[i]);
    const explainIdx = Array.from(permutation(X.length, rng))
      .slice(0, Math.min(o.maxExplain, X.length))
      .sort((a, b) => a - b);
    const sbar = progress(`${tName}: Shapley values`, explainIdx.length);
    const values: number[][] = [];
    let method: 'exact' | 'kernel' = 'exact';
    let base = NaN;
    const shapRng = createRng(o.seed + 29);
    const groups = compositionGroups(features);
    const groupIdx = groups.map((g) => g.features.map((f) => features.indexOf(f)));
    const grouped = features.length <= o.maxExact;
    const owen: number[][] = [],
      groupVals: number[][] = [];
    const batch = {
      shap: [] as Float64Array[][],
      owen: [] as Float64Array[][],
      group: [] as Float64Array[][],
    };
    let sizes: number[] = [];
    explainIdx.forEach((i, k) => {
      if (grouped) {
        const e = explainGrouped(model, X[i], background, groupIdx, o.shapBatches);
        values.push(Array.from(e.shapley));
        owen.push(Array.from(e.phi));
        groupVals.push(Array.from(e.group));
        batch.shap.push(e.batchShapley);
        batch.owen.push(e.batchPhi);
        batch.group.push(e.batchGroup);
        sizes = e.batchSizes;
        base = e.base;
      } else {
        const e = explain(model, X[i], background, {
          rng: shapRng,
          maxExact: o.maxExact,
          nSamples: o.kernelSamples,
        });
        values.push(Array.from(e.phi));
        method = e.method;
        base = e.base;
      }
      if (k % 10 === 9 || k === explainIdx.length - 1) sbar.tick(k + 1);
    });
    sbar.stop();
    const Xexp = explainIdx.map((i) => Array.from(X[i]));
    const withErr = (m: number, se: number): AttributionWithError => ({
      mean_abs: m,
      se,
      relative_se: m > 0 ? se / m : NaN,
    });
    const shapErr = grouped ? meanAbsWithError(values, batch.shap, sizes) : undefined;
    const ranking = rankFeatures(features, Xexp, values).map((r) => {
      const j = features.indexOf(r.feature);
      const se = shapErr ? shapErr.se[j] : NaN;
      return { ...r, se, relative_se: r.mean_abs_shap > 0 ? se / r.mean_abs_shap : NaN };
    });
    let groupedResult: GroupedAttribution | null = null;
    if (grouped) {
      const ge = meanAbsWithError(groupVals, batch.group, sizes);
      const oe = meanAbsWithError(owen, batch.owen, sizes);
      groupedResult = {
        groups,
        ranking: groups
          .map((g, k) => ({
            group: g.name,
            features: g.features,
            ...withErr(ge.mean_abs[k], ge.se[k]),
            within: g.features
              .map((f) => {
                const j = features.indexOf(f);
                return { feature: f, ...withErr(oe.mean_abs[j], oe.se[j]) };
              })
              .sort((a, b) => b.mean_abs - a.mean_abs),
          }))
          .sort((a, b) => b.mean_abs - a.mean_abs),
        values: groupVals,
        owen,
      };
    }

    // 4. NCM ternary map at fixed conditions, masked where no record with this target is near
    const grid = ncmGrid(o.ternarySteps);
    const vrecs = ternaryRecords(grid, conditionsRecord(mapConditions));
    const known = compositionTable(rows.map((i) => comps[i]));
    const points = grid.map((p, k) => {
      const f = recordFeatures(vrecs[k]);
      const v = model.predict(features.map((n) => f[n]));
      const distance = nearestComposition(compositionOf(vrecs[k]), known).distance;
      return { ...p, value: v, distance, extrapolated: distance > o.maxDistance };
    });

    targets.push({
      target: tName,
      column: spec.column,
      transform: spec.transform,
      label: spec.label,
      n_records: rows.length,
      null_importance: ni,
      features,
      svr: { params: gs.best, n_support_vectors: model.nSupportVectors, cv: gs.scores },
      metrics,
      parity,
      shap: {
        method,
        base_value: base,
        background_size: background.length,
        values,
        X: Xexp,
        record_ids: explainIdx.map((i) =>
          typeof records[rows[i]].record_id === 'number' ? (records[rows[i]].record_id as number) : null,
        ),
      },
      ranking,
      grouped: groupedResult,
      ternary: {
        voltage_V: o.ternaryVoltage_V,
        conditions: { ...mapConditions },
        points,
        max_distance: o.maxDistance,
        records: ncmRecords(rows.map((i) => comps[i])),
      },
    });
  }
  const rankings: Record<string, RankedFeature[]> = {};
  for (const t of targets) rankings[t.target] = t.ranking;
  return {
    n_records: records.length,
    all_features: table.names,
    dropped_features: table.dropped,
    imputed: table.imputed,
    spearman: { names: table.names, rho, removal },
    targets,
    skipped_targets: skipped,
    dynamics: featureDynamics(rankings),
    medians: table.medians,
    condition_defaults: mapConditions,
    fitted,
    options: o,
  };
}

/** Normalised (Ni, Co, Mn) of the compositions whose cations are ≥ 95 % Ni + Co + Mn, with map coordinates. */
function ncmRecords(comps: Record<string, number>[]): TargetResult['ternary']['records'] {
  const out: TargetResult['ternary']['records'] = [];
  for (const c of comps) {
    const ni = c.Ni ?? 0,
      co = c.Co ?? 0,
      mn = c.Mn ?? 0;
    let cations = 0;
    for (const [el, v] of Object.entries(c)) if (el !== 'Li') cations += v;
    const s = ni + co + mn;
    if (s > 0 && s >= 0.95 * cations)
      out.push({ ni: ni / s, co: co / s, mn: mn / s, ...ternaryXY(ni, co, mn) });
  }
  return out;
}

/** Defaults of the map conditions: each condition's median over the database (after imputation); binary ones at their mode. */
function ternaryConditionDefaults(names: string[], X: Float64Array[]): Conditions {
  const med = (name: string): number | undefined => {
    const j = names.indexOf(name);
    if (j < 0) return undefined;
    const v = X.map((r) => r[j]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  return resolveConditions({
    electrolyte_content_mg_mg: med('electrolyte_content_mg_mg'),
    electrolyte_additive: med('electrolyte_additive'),
    active_material_ratio: med('active_material_ratio'),
    crucible_sealed: med('crucible_sealed'),
    scan_rate_K_min: med('scan_rate_K_min'),
    cutoff_voltage_V: med('cutoff_voltage_V'),
  });
}
