import type { Command } from 'commander';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { createProgress } from '../progress.ts';
import { InputError } from '../../core/input-error.ts';
import { generateDemoRecords } from '../../dsc/demo-generator.ts';
import { openDatabase, readRecords } from '../../dsc/database.ts';
import { runPipeline, type PipelineResult, type ProgressFactory } from '../../dsc/pipeline.ts';
import type { TargetName } from '../../dsc/features.ts';
import type { DscRecord } from '../../dsc/schema.ts';
import { existsSync } from 'node:fs';
import { loadLibsvm } from '../../dsc/svr.ts';

interface XaiOptions {
  db: string;
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
  maxExact: string;
  kernelSamples: string;
}

const int = (v: string, name: string, min = 0): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new InputError(`--${name}: expected an integer ≥ ${min}, got "${v}"`);
  return n;
};

/** Progress bars (stderr, TTY only) for the pipeline stages. */
export const cliProgressFactory: ProgressFactory = (label, total) => {
  const p = createProgress();
  p.start(total, label);
  return { tick: (d) => p.update(d), stop: () => p.stop() };
};

/** `ckin xai`: the explainable-ML pipeline (selection, SVR, Shapley values, ternary maps) on a DSC database or the demo. */
export function registerXai(program: Command): void {
  program
    .command('xai')
    .description(
      'explainable ML on DSC records (Sun 2025): feature selection, SVR, Shapley values, ternary maps',
    )
    .requiredOption(
      '--db <file|demo>',
      'DuckDB database from `ckin db`, or "demo" for the synthetic demonstration database',
    )
    .option('--target <onset|peak|power|all>', 'target(s)', 'all')
    .option('--report <dir>', 'write report.json, summary.json, SVG plots and index.html into DIR')
    .option('--shuffles <n>', 'null-importance shuffles per target', '100')
    .option('--seed <n>', 'random seed (splits, forests, background, Kernel SHAP)', '1')
    .option('--demo-n <n>', 'records in the demo database', '600')
    .option('--demo-seed <n>', 'seed of the demo generator', '2025')
    .option('--explain <n>', 'records explained with Shapley values (random subset if more)', '300')
    .option('--background <n>', 'background rows for Shapley values', '20')
    .option('--folds <k>', 'cross-validation folds of the grid search', '5')
    .option('--trees <n>', 'trees per random forest (null importance)', '100')
    .option('--voltage <V>', 'cut-off voltage of the NCM ternary maps', '4.3')
    .option('--max-exact <n>', 'exact Shapley enumeration up to n features, Kernel SHAP beyond', '12')
    .option('--kernel-samples <n>', 'coalitions per record for Kernel SHAP', '1024')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: XaiOptions) => {
      const targets: TargetName[] =
        opts.target === 'all' ? ['onset', 'peak', 'power'] : (opts.target.split(',') as TargetName[]);
      for (const t of targets)
        if (!['onset', 'peak', 'power'].includes(t))
          throw new InputError(`--target: unknown target "${t}" (onset|peak|power|all)`);
      const voltage = Number(opts.voltage);
      if (!(voltage >= 3 && voltage <= 5.2))
        throw new InputError(`--voltage: expected 3–5.2 V, got "${opts.voltage}"`);
      const t0 = performance.now();
      let records: DscRecord[];
      let source: string;
      if (opts.db === 'demo') {
        records = generateDemoRecords(int(opts.demoN, 'demo-n', 20), int(opts.demoSeed, 'demo-seed'));
        source = `demo generator (synthetic, n=${records.length}, seed=${opts.demoSeed})`;
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
      log(`xai: ${records.length} records from ${source}`);
      await loadLibsvm(); // its one-line wasm notice goes to stderr now, not through a progress bar
      const result = await runPipeline(records, {
        targets,
        seed: int(opts.seed, 'seed'),
        shuffles: int(opts.shuffles, 'shuffles'),
        maxExplain: int(opts.explain, 'explain', 1),
        backgroundSize: int(opts.background, 'background', 1),
        folds: int(opts.folds, 'folds', 2),
        forestTrees: int(opts.trees, 'trees', 1),
        ternaryVoltage_V: voltage,
        maxExact: int(opts.maxExact, 'max-exact', 1),
        kernelSamples: int(opts.kernelSamples, 'kernel-samples', 16),
        skipSparseTargets: opts.target === 'all',
        progress: cliProgressFactory,
      });
      for (const s of result.skipped_targets) log(`warning: target ${s.target} skipped: ${s.reason}`);
      if (result.targets.length === 0)
        throw new InputError('no target has enough records (20 needed per target)', { file: source });
      const elapsed_s = (performance.now() - t0) / 1000;
      let files: string[] = [];
      // The report module pulls in vega (~0.4 s to load): only when a result is printed or written.
      const { summarizePipeline, writeReport } = await import('../../dsc/report.ts');
      if (opts.report) files = await writeReport(opts.report, result, { source, elapsed_s });
      if (opts.json) printJson({ source, elapsed_s, report_files: files, ...summarizePipeline(result) });
      else {
        process.stdout.write(formatXai(result) + '\n');
        if (files.length) log(`report: ${files.length} files in ${opts.report}`);
        log(`elapsed: ${elapsed_s.toFixed(1)} s`);
      }
    });
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
        ['feature', 'mean_abs_shap', 'sign'],
        t.ranking.map((x) => [x.feature, fmt(x.mean_abs_shap, 4), x.sign > 0 ? '+' : x.sign < 0 ? '-' : '0']),
      ),
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
