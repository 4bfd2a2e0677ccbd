import type { Command } from 'commander';
import { printJson, log, formatWarnings, noteResult } from '../output.ts';
import { InputError } from '../../core/input-error.ts';
import { parseFixOption, xaiPredict, type XaiPredictResult } from '../../app/xai-predict.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { progressBars } from '../progress.ts';
import { xaiJson, xaiRun, type XaiValidation } from '../../app/xai.ts';
import type { PipelineResult } from '../../dsc/pipeline.ts';
import type { TargetName } from '../../dsc/features.ts';
import { parseChoice, parseIntegerOption, parseNumberOption } from '../options.ts';

interface XaiCliOptions {
  db?: string;
  save?: string;
  fix?: string;
  maxDistance?: string;
  target: string;
  report?: string;
  json?: boolean;
  shuffles: string;
  seed: string;
  demoN: string;
  demoSeed: string;
  explain: string;
  background: string;
  folds: string;
  trees: string;
  voltage: string;
  keep?: string[];
  spearman: string;
  cv?: string;
  learningCurve?: boolean;
  maxExact: string;
  kernelSamples: string;
}

/** `ckin xai`: the explainable-ML pipeline (selection, SVR, Shapley values, ternary maps) on a DSC database or the demo. */
export function register(program: Command): void {
  const xai = program
    .command('xai')
    .option(
      '--db <file|demo>',
      'DuckDB database from `ckin db`, or "demo" for the synthetic demonstration database (required)',
    )
    .option('--target <onset|peak|power|all>', 'target(s)', 'all')
    .option('--report <dir>', 'write report.json, summary.json, SVG plots and index.html into DIR')
    .option('--shuffles <n>', 'null-importance shuffles per target', '100')
    .option('--seed <n>', 'random seed (splits, forests, background, Kernel SHAP)', '1')
    .option('--demo-n <n>', 'records in the demo database', '600')
    .option('--demo-seed <n>', 'seed of the demo generator', '2025')
    .option('--explain <n>', 'records explained with Shapley values (random subset if more)', '300')
    .option(
      '--background <n>',
      'background rows for Shapley values (100: sampling error < 5 % for the top features on the demo)',
      '100',
    )
    .option(
      '--keep <feature>',
      'protect a feature from the Spearman filter and the null-importance screen (repeatable, or comma-separated)',
      (v: string, prev: string[] = []) => [
        ...prev,
        ...v
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ],
    )
    .option('--spearman <threshold>', 'Spearman |ρ| above which one feature of a pair is dropped', '0.8')
    .option(
      '--cv <random|source|both>',
      'cross-validate the whole procedure (selection inside the folds): random folds, folds grouped by source (paper), or both',
    )
    .option('--learning-curve', 'test error against training-set size (random folds)')
    .option('--folds <k>', 'cross-validation folds of the grid search', '5')
    .option('--trees <n>', 'trees per random forest (null importance)', '100')
    .option('--voltage <V>', 'cut-off voltage of the NCM ternary maps', '4.3')
    .option(
      '--fix <conditions>',
      'conditions of the ternary maps, e.g. voltage_V=4.3,electrolyte_uL_mg=2,crucible=sealed (others: database medians)',
    )
    .option(
      '--max-distance <d>',
      'composition distance (per formula unit) beyond which the maps are masked as extrapolated (default 0.1)',
    )
    .option(
      '--save <model.json>',
      'save the fitted models (SVR, features, imputation, scaling, conformal calibration, domain) for `ckin xai predict`',
    )
    .option('--max-exact <n>', 'exact Shapley enumeration up to n features, Kernel SHAP beyond', '12')
    .option('--kernel-samples <n>', 'coalitions per record for Kernel SHAP', '1024')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: XaiCliOptions) => {
      if (!opts.db) throw new InputError("required option '--db <file|demo>' not specified");
      const int = (name: string, v: string) => parseIntegerOption(name, v, 0);
      const bars = await progressBars();
      const run = await xaiRun({
        db: opts.db,
        targets: opts.target === 'all' ? undefined : (opts.target.split(',') as TargetName[]),
        report: opts.report,
        shuffles: int('--shuffles', opts.shuffles),
        seed: int('--seed', opts.seed),
        demoN: int('--demo-n', opts.demoN),
        demoSeed: int('--demo-seed', opts.demoSeed),
        explain: int('--explain', opts.explain),
        background: int('--background', opts.background),
        folds: int('--folds', opts.folds),
        trees: int('--trees', opts.trees),
        voltage_V: parseNumberOption('--voltage', opts.voltage),
        maxExact: int('--max-exact', opts.maxExact),
        kernelSamples: int('--kernel-samples', opts.kernelSamples),
        keep: opts.keep,
        spearman: parseNumberOption('--spearman', opts.spearman),
        cv:
          opts.cv === undefined
            ? undefined
            : opts.cv === 'both'
              ? ['random', 'source']
              : [parseChoice('--cv', opts.cv, ['random', 'source'] as const)],
        learningCurve: opts.learningCurve,
        save: opts.save,
        fix: opts.fix === undefined ? undefined : parseFixOption(opts.fix),
        maxDistance: parseNumberOption('--max-distance', opts.maxDistance),
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(await xaiJson(run));
      else {
        process.stdout.write(formatXai(run.pipeline) + '\n');
        const v = formatValidation(run.validation);
        if (v) process.stdout.write(v + '\n');
        if (run.warnings.length)
          process.stdout.write(['', ...formatWarnings(run.warnings)].join('\n') + '\n');
        noteResult({ warnings: run.warnings });
        if (run.report_files.length) log(`report: ${run.report_files.length} files in ${opts.report}`);
        log(`elapsed: ${run.elapsed_s.toFixed(1)} s`);
      }
    });

  xai
    .command('predict')
    .description(
      'predict records with a saved model (`ckin xai --save`): split-conformal intervals, domain warnings, ternary maps at fixed conditions',
    )
    .argument('[records.csv]', 'records to predict (the `ckin db import` vocabulary; results optional)')
    .requiredOption('--model <model.json>', 'model saved by `ckin xai … --save`')
    .option('--level <p>', 'nominal coverage of the prediction intervals', '0.9')
    .option('--ternary', 'also compute the NCM ternary maps of every target')
    .option(
      '--fix <conditions>',
      'conditions of the maps, e.g. voltage_V=4.3,electrolyte_uL_mg=2,crucible=sealed',
    )
    .option(
      '--max-distance <d>',
      'composition distance beyond which a record or map point is outside the domain',
    )
    .option('--steps <n>', 'grid intervals per edge of the ternary maps', '40')
    .option('--json', 'print one JSON object on stdout')
    .action(
      (
        file: string | undefined,
        o: {
          model: string;
          level: string;
          ternary?: boolean;
          fix?: string;
          maxDistance?: string;
          steps: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        // `xai` has --json, --fix and --max-distance too and takes them wherever they stand: read both levels
        Object.assign(o, { ...cmd.optsWithGlobals(), ...o });
        const r = xaiPredict({
          model: { path: o.model },
          records: file === undefined ? undefined : { path: file },
          level: parseNumberOption('--level', o.level),
          ternary: o.ternary || o.fix !== undefined,
          fix: o.fix === undefined ? undefined : parseFixOption(o.fix),
          maxDistance: parseNumberOption('--max-distance', o.maxDistance),
          ternarySteps: parseIntegerOption('--steps', o.steps, 2),
        });
        if (o.json) printJson(r);
        else {
          noteResult(r);
          process.stdout.write(formatPredict(r) + '\n');
        }
      },
    );
}

const num = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? '∞' : '−∞');

/** The text output of `ckin xai predict`. */
export function formatPredict(r: XaiPredictResult): string {
  const out: string[] = [
    `model: ${r.model.source}${r.model.synthetic ? ' (synthetic records)' : ''}, ${r.model.n_records} records, sha256 ${r.model.training_data_sha256.slice(0, 12)}…`,
    `intervals: split-conformal, ${r.interval.level * 100} % — ` +
      r.interval.per_target
        .map((t) => `${t.target} ± ${num(t.half_width, 3)} (${t.n_calibration} calibration records)`)
        .join(', '),
  ];
  if (r.records.length) {
    const targets = r.model.targets;
    out.push(
      '',
      formatTable(
        ['line', 'formula', ...targets.map((t) => `${t} [lower, upper]`), 'quality'],
        r.records.map((rec) => [
          String(rec.line),
          rec.formula,
          ...targets.map((t) => {
            const p = rec.predictions.find((x) => x.target === t)!;
            const d = t === 'power' ? 3 : 1;
            return `${num(p.predicted, d)} [${num(p.lower, d)}, ${num(p.upper, d)}]${p.observed !== undefined ? ` obs ${num(p.observed, d)}${p.covered ? '' : ' (outside)'}` : ''}`;
          }),
          rec.quality,
        ]),
      ),
    );
    for (const rec of r.records)
      if (rec.warnings.length) out.push(`line ${rec.line}:\n${formatWarnings(rec.warnings).join('\n')}`);
  }
  for (const c of r.coverage)
    out.push(
      `coverage ${c.target}: ${c.covered}/${c.n} observed values inside (${(c.fraction * 100).toFixed(1)} %)`,
    );
  for (const m of r.ternary) {
    const e = (x: { ni: number; co: number; mn: number; value: number } | null) =>
      x ? `${num(x.value, 3)} at Ni ${x.ni.toFixed(2)} Co ${x.co.toFixed(2)} Mn ${x.mn.toFixed(2)}` : 'none';
    out.push(
      `ternary ${m.target} (${m.label}): ${(m.extrapolated_fraction * 100).toFixed(0)} % of the grid > ${m.max_distance} from every record (masked); within the domain min ${e(m.min_in_domain)}, max ${e(m.max_in_domain)}`,
    );
  }
  if (r.ternary.length)
    out.push(
      `map conditions: ${Object.entries(r.ternary[0].conditions)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  if (r.warnings.length) out.push('', formatWarnings(r.warnings).join('\n'));
  return out.join('\n');
}

export function formatXai(r: PipelineResult): string {
  const out: string[] = [];
  const rm = r.spearman.removal.removed;
  out.push(
    `Spearman |rho| > ${r.spearman.removal.threshold}: removed ${rm.length ? rm.map((x) => `${x.feature} (vs ${x.partner}, rho=${fmt(x.rho, 2)})`).join(', ') : 'none'}`,
  );
  for (const t of r.targets) {
    out.push('', `== ${t.target} (${t.label}), ${t.n_records} records ==`);
    const dropped = t.null_importance.features.filter((f) => !f.kept).map((f) => f.feature);
    out.push(
      `null importance (${t.null_importance.shuffles} shuffles): dropped ${dropped.join(', ') || 'none'}`,
    );
    out.push(
      `SVR C=${t.svr.params.C} gamma=${t.svr.params.gamma} epsilon=${t.svr.params.epsilon} (${t.svr.n_support_vectors} SV)`,
    );
    out.push(
      `train R2=${fmt(t.metrics.train.r2, 3)} RMSE=${fmt(t.metrics.train.rmse, 3)}  test R2=${fmt(t.metrics.test.r2, 3)} RMSE=${fmt(t.metrics.test.rmse, 3)} MAE=${fmt(t.metrics.test.mae, 3)}`,
    );
    out.push(
      formatTable(
        ['feature', 'mean_abs_shap', '± se', 'sign'],
        t.ranking.map((x) => [
          x.feature,
          fmt(x.mean_abs_shap, 4),
          fmt(x.se, 2),
          x.sign > 0 ? '+' : x.sign < 0 ? '-' : '0',
        ]),
      ),
    );
    if (t.grouped)
      out.push(
        'grouped (composition block as one player; within-group Owen values):',
        formatTable(
          ['group', 'mean_abs', '± se', 'members (within-group mean_abs)'],
          t.grouped.ranking.map((g) => [
            g.group,
            fmt(g.mean_abs, 4),
            fmt(g.se, 2),
            g.within.length > 1 ? g.within.map((w) => `${w.feature} ${fmt(w.mean_abs, 3)}`).join(', ') : '',
          ]),
        ),
      );
    else
      out.push(
        'grouped attributions: not computed (Kernel SHAP; lower the feature count or raise --max-exact)',
      );
  }
  if (r.dynamics.length && r.targets.length === 3)
    out.push(
      '',
      'feature dynamics (onset -> peak -> power): ' +
        r.dynamics.map((d) => `${d.feature}:${d.class}`).join(', '),
    );
  return out.join('\n');
}

function formatValidation(v: XaiValidation): string {
  const out: string[] = [];
  if (v.cv.length)
    out.push(
      '',
      'cross-validation (whole procedure inside the folds; mean ± sd over folds):',
      formatTable(
        ['target', 'folds', 'k', 'R2', 'RMSE', 'MAE'],
        v.cv.map((c) => [
          c.target,
          c.scheme,
          String(c.k),
          `${fmt(c.r2.mean, 3)} ± ${fmt(c.r2.sd, 2)}`,
          `${fmt(c.rmse.mean, 3)} ± ${fmt(c.rmse.sd, 2)}`,
          `${fmt(c.mae.mean, 3)} ± ${fmt(c.mae.sd, 2)}`,
        ]),
      ),
    );
  for (const lc of v.learning_curve)
    out.push(
      '',
      `learning curve ${lc.target}: ` +
        lc.points.map((p) => `n=${Math.round(p.n_train_mean)} R2=${fmt(p.r2.mean, 3)}`).join(', '),
    );
  for (const c of v.caveats) out.push(`caveat: ${c}`);
  return out.join('\n');
}
