/**
 * Honest validation of the explainable-ML model (docs/dsc-xai.md, "Validation"): K-fold cross-validation of the
 * WHOLE fitting procedure — median imputation, Spearman redundancy filter, null-importance screen, SVR grid search
 * (inner k-fold), final SVR — so feature selection sees only the training folds and the test fold is never used
 * for any choice. Two fold schemes:
 *   random   records assigned to K folds at random;
 *   source   folds grouped by `source` (the paper/DOI): every record of a paper is in the same fold, so the score
 *            says how well the model predicts a paper it has not seen (records from one lab share biases).
 * Reported per fold (R², RMSE, MAE, features) and as mean ± sample sd over folds. The learning curve repeats the
 * random scheme with the training folds subsampled to fractions of their size (test folds unchanged).
 */
import type { DscRecord } from './schema.ts';
import { TARGETS, buildFeatureTable, featureMatrix, featureRank, type TargetName } from './features.ts';
import { spearmanMatrix, removeRedundant } from './spearman-selection.ts';
import { nullImportance } from './null-importance.ts';
import { DEFAULT_GRID, gridSearchSvr, kFolds, type SvrGrid } from './grid-search.ts';
import { fitSvr } from './svr.ts';
import { regressionMetrics } from '../core/regression-metrics.ts';
import { createRng, permutation } from '../core/random.ts';
import { mean, sampleStandardDeviation } from '../core/statistics.ts';

/** Test folds smaller than this make a fold's R² too noisy to read alone (caveat). */
export const MIN_TEST_RECORDS = 20;

export interface CvOptions {
  folds?: number;
  seed?: number;
  shuffles?: number;
  forestTrees?: number;
  spearmanThreshold?: number;
  keep?: string[];
  grid?: SvrGrid;
  innerFolds?: number;
  nullQuantile?: number;
}

export interface FoldScore {
  n_train: number;
  n_test: number;
  r2: number;
  rmse: number;
  mae: number;
  features: string[];
  /** Sources (papers) in the test fold, for the grouped scheme. */
  test_sources?: string[];
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export interface CvResult {
  target: TargetName;
  scheme: 'random' | 'source';
  k: number;
  folds: FoldScore[];
  r2: MeanSd;
  rmse: MeanSd;
  mae: MeanSd;
  caveats: string[];
}

/** Records usable for `target` (finite value; > 0 for the log target) and their target values. */
export function targetRows(records: DscRecord[], target: TargetName): { recs: DscRecord[]; y: number[] } {
  const spec = TARGETS.find((t) => t.name === target)!;
  const recs: DscRecord[] = [];
  const y: number[] = [];
  for (const r of records) {
    const v = r[spec.column];
    if (typeof v === 'number' && Number.isFinite(v) && (spec.transform !== 'log10' || v > 0)) {
      recs.push(r);
      y.push(spec.transform === 'log10' ? Math.log10(v) : v);
    }
  }
  return { recs, y };
}

/**
 * Folds grouped by source: the distinct sources are shuffled (seeded) and each goes, whole, to the fold with the
 * fewest records so far (largest sources first), so fold sizes stay balanced.
 */
export function sourceFolds(sources: string[], k: number, seed: number): number[][] {
  const bySource = new Map<string, number[]>();
  sources.forEach((s, i) => {
    const list = bySource.get(s) ?? [];
    list.push(i);
    bySource.set(s, list);
  });
  const keys = [...bySource.keys()];
  const order = Array.from(permutation(keys.length, createRng(seed)), (i) => keys[i]);
  order.sort((a, b) => bySource.get(b)!.length - bySource.get(a)!.length); // stable: ties keep the shuffled order
  const folds: number[][] = Array.from({ length: Math.min(k, keys.length) }, () => []);
  for (const s of order) {
    let f = 0;
    for (let j = 1; j < folds.length; j++) if (folds[j].length < folds[f].length) f = j;
    for (const i of bySource.get(s)!) folds[f].push(i);
  }
  return folds.map((f) => f.sort((a, b) => a - b));
}

/** Fit the whole procedure on `train` and score it on `test` (indices into recs / y). */
async function fitAndScore(
  recs: DscRecord[],
  y: number[],
  train: number[],
  test: number[],
  o: Required<CvOptions>,
  seed: number,
): Promise<FoldScore> {
  const trRecs = train.map((i) => recs[i]);
  const table = buildFeatureTable(trRecs);
  const rho = spearmanMatrix(table.X, table.names.length);
  const keep = new Set(o.keep.filter((k) => table.names.includes(k)));
  const removal = removeRedundant(table.names, rho, featureRank, o.spearmanThreshold, keep);
  const idx = removal.kept.map((n) => table.names.indexOf(n));
  const Xsel = table.X.map((r) => Float64Array.from(idx, (j) => r[j]));
  const ytr = Float64Array.from(train, (i) => y[i]);
  const ni = nullImportance(removal.kept, Xsel, ytr, {
    shuffles: o.shuffles,
    q: o.nullQuantile,
    seed,
    forest: { nTrees: o.forestTrees },
    keep,
  });
  const features = ni.kept.length ? ni.kept : removal.kept;
  const Xtr = featureMatrix(trRecs, features, table.medians);
  const Xte = featureMatrix(
    test.map((i) => recs[i]),
    features,
    table.medians,
  );
  const rng = createRng(seed + 17);
  const gs = await gridSearchSvr(
    Xtr,
    ytr,
    o.grid,
    kFolds(Xtr.length, Math.min(o.innerFolds, Xtr.length), rng),
  );
  const model = await fitSvr(Xtr, ytr, gs.best);
  const m = regressionMetrics({
    predicted: Xte.map((x) => model.predict(x)),
    observed: test.map((i) => y[i]),
  });
  return { n_train: train.length, n_test: test.length, r2: m.r2, rmse: m.rmse, mae: m.mae, features };
}

const meanSd = (v: number[]): MeanSd => ({
  mean: mean(v),
  sd: v.length > 1 ? sampleStandardDeviation(v) : NaN,
});

function summarise(
  target: TargetName,
  scheme: CvResult['scheme'],
  folds: FoldScore[],
  extraCaveats: string[] = [],
): CvResult {
  const caveats = [...extraCaveats];
  const small = folds.filter((f) => f.n_test < MIN_TEST_RECORDS).length;
  if (small)
    caveats.push(
      `${small} of ${folds.length} test folds have fewer than ${MIN_TEST_RECORDS} records: their R² is noisy; read the mean ± sd`,
    );
  return {
    target,
    scheme,
    k: folds.length,
    folds,
    r2: meanSd(folds.map((f) => f.r2)),
    rmse: meanSd(folds.map((f) => f.rmse)),
    mae: meanSd(folds.map((f) => f.mae)),
    caveats,
  };
}

function withDefaults(opts: CvOptions): Required<CvOptions> {
  return {
    folds: opts.folds ?? 5,
    seed: opts.seed ?? 1,
    shuffles: opts.shuffles ?? 100,
    forestTrees: opts.forestTrees ?? 100,
    spearmanThreshold: opts.spearmanThreshold ?? 0.8,
    keep: opts.keep ?? [],
    grid: opts.grid ?? DEFAULT_GRID,
    innerFolds: opts.innerFolds ?? 5,
    nullQuantile: opts.nullQuantile ?? 0.25,
  };
}

/**
 * K-fold cross-validation of the whole procedure for one target, folds `random` or grouped by `source`.
 * Throws RangeError when there are fewer than 2 folds' worth of records or sources.
 */
export async function crossValidate(
  records: DscRecord[],
  target: TargetName,
  scheme: CvResult['scheme'],
  opts: CvOptions = {},
): Promise<CvResult> {
  const o = withDefaults(opts);
  const { recs, y } = targetRows(records, target);
  if (recs.length < 2 * o.folds)
    throw new RangeError(`target ${target}: ${recs.length} records, too few for ${o.folds}-fold CV`);
  const caveats: string[] = [];
  let folds: number[][];
  if (scheme === 'random') folds = kFolds(recs.length, o.folds, createRng(o.seed + 101));
  else {
    const sources = recs.map((r) => String(r.source ?? ''));
    folds = sourceFolds(sources, o.folds, o.seed + 101);
    if (folds.length < 2)
      throw new RangeError(`target ${target}: all records come from one source; grouped CV needs at least 2`);
    if (folds.length < o.folds)
      caveats.push(`only ${folds.length} distinct sources: ${folds.length} folds instead of ${o.folds}`);
  }
  const scores: FoldScore[] = [];
  for (let f = 0; f < folds.length; f++) {
    const testSet = new Set(folds[f]);
    const train = recs.map((_, i) => i).filter((i) => !testSet.has(i));
    const s = await fitAndScore(recs, y, train, folds[f], o, o.seed + f);
    if (scheme === 'source')
      s.test_sources = [...new Set(folds[f].map((i) => String(recs[i].source)))].sort();
    scores.push(s);
  }
  return summarise(target, scheme, scores, caveats);
}

export interface LearningCurvePoint {
  train_fraction: number;
  n_train_mean: number;
  r2: MeanSd;
  rmse: MeanSd;
}

/**
 * Learning curve: random K-fold CV with the training folds subsampled (seeded) to each fraction; the test folds
 * are the same at every fraction, so the curve shows what more data would buy.
 */
export async function learningCurve(
  records: DscRecord[],
  target: TargetName,
  fractions: number[] = [0.2, 0.4, 0.6, 0.8, 1],
  opts: CvOptions = {},
): Promise<LearningCurvePoint[]> {
  const o = withDefaults(opts);
  const { recs, y } = targetRows(records, target);
  if (recs.length < 2 * o.folds)
    throw new RangeError(`target ${target}: ${recs.length} records, too few for ${o.folds}-fold CV`);
  const folds = kFolds(recs.length, o.folds, createRng(o.seed + 101));
  const out: LearningCurvePoint[] = [];
  for (const frac of fractions) {
    if (!(frac > 0 && frac <= 1)) throw new RangeError(`learning curve: fraction ${frac} outside (0, 1]`);
    const scores: FoldScore[] = [];
    for (let f = 0; f < folds.length; f++) {
      const testSet = new Set(folds[f]);
      const all = recs.map((_, i) => i).filter((i) => !testSet.has(i));
      const p = permutation(all.length, createRng(o.seed + 211 + f));
      const n = Math.max(10, Math.round(frac * all.length));
      const train = Array.from(p.slice(0, n), (k) => all[k]).sort((a, b) => a - b);
      scores.push(await fitAndScore(recs, y, train, folds[f], o, o.seed + f));
    }
    out.push({
      train_fraction: frac,
      n_train_mean: mean(scores.map((s) => s.n_train)),
      r2: meanSd(scores.map((s) => s.r2)),
      rmse: meanSd(scores.map((s) => s.rmse)),
    });
  }
  return out;
}
