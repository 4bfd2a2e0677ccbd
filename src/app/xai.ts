import { existsSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';
import { checkWork } from '../core/work-limits.ts';
import { generateDemoRecords } from '../dsc/demo-generator.ts';
import { openDatabase, readRecords } from '../dsc/database.ts';
import { runPipeline, type PipelineResult } from '../dsc/pipeline.ts';
import type { TargetName } from '../dsc/features.ts';
import type { DscRecord } from '../dsc/schema.ts';
import { loadLibsvm } from '../dsc/svr.ts';
import {
  MIN_TEST_RECORDS,
  crossValidate,
  learningCurve,
  type CvResult,
  type LearningCurvePoint,
} from '../dsc/cross-validation.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { packageVersion } from '../core/version.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { buildSavedModel, mapExtremes } from '../dsc/saved-model.ts';
import type { Conditions } from '../dsc/fixed-conditions.ts';

/** `ckin xai`: the explainable-ML pipeline (selection, SVR, Shapley values, ternary maps) on DSC records. */
export interface XaiOptions extends UseCaseCallbacks {
  /** DuckDB database from `ckin db`, or 'demo' for the synthetic demonstration records. */
  db: string;
  /** Targets (default all three; sparse targets are then skipped with a warning). */
  targets?: TargetName[];
  /** Write report.json, summary.json, SVG plots and index.html into this directory. */
  report?: string;
  shuffles?: number;
  seed?: number;
  demoN?: number;
  demoSeed?: number;
  explain?: number;
  background?: number;
  folds?: number;
  trees?: number;
  /** Cut-off voltage of the NCM ternary maps, V (3–5.2, default 4.3). */
  voltage_V?: number;
  maxExact?: number;
  kernelSamples?: number;
  /** Features protected from the Spearman filter and the null-importance screen (`--keep`). */
  keep?: string[];
  /** Spearman |ρ| threshold of the redundancy filter (`--spearman`, default 0.8). */
  spearman?: number;
  /** Cross-validate the whole procedure per target: random folds, folds grouped by source, or both (`--cv`). */
  cv?: ('random' | 'source')[];
  /** Learning curve (random folds, training folds subsampled) per target (`--learning-curve`). */
  learningCurve?: boolean;
  /** Write the fitted models (one JSON file, saved-model.ts) for `ckin xai predict --model` (`--save`). */
  save?: string;
  /** Fixed conditions of the ternary maps (`--fix`; a voltage here overrides `voltage_V`). */
  fix?: Partial<Conditions>;
  /** Composition distance beyond which a ternary grid point is masked as extrapolated (default 0.1; domain.ts). */
  maxDistance?: number;
}

export interface XaiValidation {
  cv: CvResult[];
  learning_curve: { target: TargetName; points: LearningCurvePoint[] }[];
  /** Caveats on the numbers (small test sets, too few sources). */
  caveats: string[];
}

export interface XaiRun {
  pipeline: PipelineResult;
  validation: XaiValidation;
  source: string;
  elapsed_s: number;
  report_files: string[];
  /** The saved model file (`--save`), or null. */
  model_file: string | null;
  warnings: ResultWarning[];
}

function int(v: number, name: string, min = 0): number {
  if (!Number.isInteger(v) || v < min)
    throw new InputError(`--${name}: expected an integer ≥ ${min}, got "${v}"`);
  return v;
}

/** Run the pipeline (and write the report when asked); the raw result, for the text summary. */
export async function xaiRun(opts: XaiOptions): Promise<XaiRun> {
  const all = opts.targets === undefined;
  const targets: TargetName[] = opts.targets ?? ['onset', 'peak', 'power'];
  for (const t of targets)
    if (!['onset', 'peak', 'power'].includes(t))
      throw new InputError(`--target: unknown target "${t}" (onset|peak|power|all)`);
  const voltage = opts.voltage_V ?? 4.3;
  if (!(voltage >= 3 && voltage <= 5.2))
    throw new InputError(`--voltage: expected 3–5.2 V, got "${voltage}"`);
  const spearman = opts.spearman ?? 0.8;
  if (!(spearman > 0 && spearman <= 1))
    throw new InputError(`--spearman: expected a threshold in (0, 1], got "${spearman}"`);
  const t0 = performance.now();
  let records: DscRecord[];
  let source: string;
  if (opts.db === 'demo') {
    const demoSeed = int(opts.demoSeed ?? 2025, 'demo-seed');
    records = generateDemoRecords(checkWork('demoRecords', opts.demoN ?? 600), demoSeed);
    source = `demo generator (synthetic, n=${records.length}, seed=${demoSeed})`;
  } else {
    if (!existsSync(opts.db))
      throw new InputError('database not found (create it with `ckin db init`)', { file: opts.db });
    const db = await openDatabase(opts.db, { readOnly: true });
    try {
      records = await readRecords(db);
    } finally {
      db.close();
    }
    source = opts.db;
  }
  opts.onLog?.(`xai: ${records.length} records from ${source}`);
  await loadLibsvm(); // its one-line wasm notice goes to stderr now, not through a progress bar
  const pipeline = await runPipeline(records, {
    keep: opts.keep,
    spearmanThreshold: spearman,
    targets,
    seed: int(opts.seed ?? 1, 'seed'),
    shuffles: checkWork('xaiShuffles', opts.shuffles ?? 100),
    maxExplain: checkWork('xaiExplain', opts.explain ?? 300),
    backgroundSize: checkWork('xaiBackground', opts.background ?? 100),
    folds: checkWork('xaiFolds', opts.folds ?? 5),
    forestTrees: checkWork('xaiTrees', opts.trees ?? 100),
    ternaryVoltage_V: voltage,
    ternaryFix: opts.fix,
    maxDistance: opts.maxDistance,
    maxExact: checkWork('xaiMaxExact', opts.maxExact ?? 12),
    kernelSamples: checkWork('xaiKernelSamples', opts.kernelSamples ?? 1024),
    skipSparseTargets: all,
    progress: (label, total) => ({
      tick: (done) => opts.onProgress?.(done, total, label),
      stop: () => undefined,
    }),
  }).catch((e: unknown) => {
    // an unusable --keep is the user's input (pipeline.ts names the feature and why)
    if (e instanceof RangeError && e.message.startsWith('--keep')) throw new InputError(e.message);
    throw e;
  });
  for (const s of pipeline.skipped_targets) opts.onLog?.(`warning: target ${s.target} skipped: ${s.reason}`);
  if (pipeline.targets.length === 0)
    throw new InputError('no target has enough records (20 needed per target)', { file: source });
  const validation = await validate(records, pipeline, opts);
  for (const c of validation.caveats) opts.onLog?.(`caveat: ${c}`);
  const synthetic = opts.db === 'demo' || records.every((r) => r.source_kind === 'synthetic');
  let model_file: string | null = null;
  if (opts.save) {
    const model = buildSavedModel(records, pipeline, {
      source,
      synthetic,
      created: new Date().toISOString(),
      ckin_version: packageVersion(),
    });
    writeFileAtomic(opts.save, JSON.stringify(model) + '\n');
    model_file = opts.save;
    opts.onLog?.(`xai: model saved to ${opts.save} (${model.targets.map((t) => t.target).join(', ')})`);
  }
  const elapsed_s = (performance.now() - t0) / 1000;
  let report_files: string[] = [];
  if (opts.report) {
    // The report module pulls in vega (~0.4 s to load): only when a report is written.
    const { writeReport } = await import('../dsc/report.ts');
    report_files = await writeReport(opts.report, pipeline, { source, elapsed_s, synthetic });
  }
  const warnings = xaiWarnings(pipeline, validation);
  return { pipeline, validation, source, elapsed_s, report_files, model_file, warnings };
}

/** Relative background-sampling error of a top-5 feature above which its rank is flagged. */
export const MAX_SHAP_RELATIVE_SE = 0.05;

/** The structured warnings of a pipeline run (docs/warnings.md, `dsc.*`). */
export function xaiWarnings(r: PipelineResult, v: XaiValidation): ResultWarning[] {
  const w: ResultWarning[] = [];
  for (const s of r.skipped_targets)
    w.push(warning('dsc.target-skipped', 'caution', `target ${s.target} skipped: ${s.reason}`));
  const imp = Object.entries(r.imputed);
  if (imp.length)
    w.push(
      warning(
        'dsc.imputed',
        'info',
        'missing values filled with the median: ' +
          imp.map(([f, x]) => `${f} ${x.count}× (${Number(x.median.toPrecision(4))})`).join(', '),
      ),
    );
  const rm = r.spearman.removal.removed;
  if (rm.length)
    w.push(
      warning(
        'dsc.spearman-dropped',
        'info',
        `Spearman |ρ| > ${r.spearman.removal.threshold} removed ` +
          rm.map((x) => `${x.feature} (vs ${x.partner}, ρ = ${x.rho.toFixed(2)})`).join(', '),
      ),
    );
  for (const t of r.targets) {
    const nTest = t.parity.filter((p) => p.split === 'test').length;
    if (nTest < MIN_TEST_RECORDS)
      w.push(
        warning(
          'dsc.test-small',
          'caution',
          `${t.target}: the test split has ${nTest} records (< ${MIN_TEST_RECORDS}); its R² is noisy — use --cv`,
        ),
      );
    const zero = t.null_importance.features.filter((f) => !f.kept && !(f.actual > 0)).map((f) => f.feature);
    if (zero.length)
      w.push(
        warning('dsc.zero-importance', 'info', `${t.target}: zero importance, dropped: ${zero.join(', ')}`),
      );
    // top-5 features that matter (≥ 10 % of the first): a negligible feature's relative error says nothing
    const top = t.ranking[0]?.mean_abs_shap ?? 0;
    const noisy = t.ranking
      .slice(0, 5)
      .filter((x) => x.mean_abs_shap >= 0.1 * top && x.relative_se > MAX_SHAP_RELATIVE_SE);
    if (noisy.length)
      w.push(
        warning(
          'dsc.shap-sampling-error',
          'caution',
          `${t.target}: Shapley sampling error > ${MAX_SHAP_RELATIVE_SE * 100} % for ` +
            noisy.map((x) => `${x.feature} (${(x.relative_se * 100).toFixed(1)} %)`).join(', ') +
            ' — raise --background',
        ),
      );
    const e = mapExtremes(t.ternary.points);
    for (const [which, x, inside] of [
      ['lowest', e.min, e.min_in_domain],
      ['highest', e.max, e.max_in_domain],
    ] as const)
      if (x.extrapolated)
        w.push(
          warning(
            'dsc.ternary-optimum-extrapolated',
            'caution',
            `${t.target}: the ${which} map value (${Number(x.value.toPrecision(4))} at Ni ${x.ni.toFixed(2)} Co ${x.co.toFixed(2)} Mn ${x.mn.toFixed(2)}) lies > ${t.ternary.max_distance} from every record; within the domain: ${inside ? Number(inside.value.toPrecision(4)) : 'no grid point'}`,
          ),
        );
  }
  for (const c of v.caveats)
    if (!/the test split has/.test(c)) w.push(warning('dsc.validation-caveat', 'caution', c));
  return w;
}

/** Cross-validation and learning curve as asked, with the same selection settings as the pipeline. */
async function validate(
  records: DscRecord[],
  pipeline: PipelineResult,
  opts: XaiOptions,
): Promise<XaiValidation> {
  const out: XaiValidation = { cv: [], learning_curve: [], caveats: [] };
  for (const t of pipeline.targets) {
    const nTest = t.parity.filter((p) => p.split === 'test').length;
    if (nTest < MIN_TEST_RECORDS)
      out.caveats.push(
        `${t.target}: the test split has ${nTest} records (< ${MIN_TEST_RECORDS}); its R² is noisy — use --cv`,
      );
  }
  const cvOpts = {
    folds: pipeline.options.folds,
    seed: pipeline.options.seed,
    shuffles: pipeline.options.shuffles,
    forestTrees: pipeline.options.forestTrees,
    spearmanThreshold: pipeline.options.spearmanThreshold,
    keep: pipeline.options.keep,
  };
  for (const t of pipeline.targets) {
    for (const scheme of opts.cv ?? []) {
      opts.onLog?.(`xai: ${t.target}: ${cvOpts.folds}-fold cross-validation (${scheme} folds)`);
      try {
        const r = await crossValidate(records, t.target, scheme, cvOpts);
        out.cv.push(r);
        for (const c of r.caveats) out.caveats.push(`${t.target} ${scheme} CV: ${c}`);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        out.caveats.push(`${t.target} ${scheme} CV not run: ${e.message}`);
      }
    }
    if (opts.learningCurve) {
      opts.onLog?.(`xai: ${t.target}: learning curve`);
      out.learning_curve.push({
        target: t.target,
        points: await learningCurve(records, t.target, undefined, cvOpts),
      });
    }
  }
  return out;
}

/** What `ckin xai --json` prints. */
export async function xaiJson(run: XaiRun) {
  const { summarizePipeline } = await import('../dsc/report.ts');
  return {
    source: run.source,
    elapsed_s: run.elapsed_s,
    report_files: run.report_files,
    model_file: run.model_file,
    ...summarizePipeline(run.pipeline),
    validation: run.validation,
    warnings: run.warnings,
    quality: qualityOf(run.warnings),
  };
}

export async function xai(opts: XaiOptions) {
  return xaiJson(await xaiRun(opts));
}
