import type { Command } from 'commander';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { loadCurves, RUN_INPUT_OPTION_HELP, type RunInputOptions } from '../load-curves.ts';
import { CnnModel, resolveModelDir } from '../../nn/model.ts';
import { prepareRunSample, sampleCurves } from '../../nn/preprocess.ts';
import { refineFromCnn } from '../../nn/compare.ts';
import { CnnEnsemble, SHIPPED_ENSEMBLE, ensembleSampleJson } from '../../nn/uncertainty/ensemble.ts';
import { readCurveDataset, splitIndices, subset, type CurveSet, type SplitName } from '../../nn/dataset.ts';
import { readWideCsv } from '../../nn/wide-csv.ts';
import { evalMetrics, validRows } from '../../nn/evaluate.ts';
import { setThreads } from '../../nn/engine.ts';
import { gridTemperatures_K } from '../../synth/grid.ts';
import { log, printJson } from '../output.ts';
import { fmt, formatTable } from '../../core/format.ts';
import { createProgress } from '../progress.ts';

interface PredictOptions extends RunInputOptions {
  model?: string;
  refine?: boolean;
  uncertainty?: string | boolean;
  data?: string;
  csv?: string;
  split: string;
  out?: string;
  threads?: string;
  json?: boolean;
}

/** `ckin predict`: Ea and lgA from one multi-rate run (one file per heating rate), or batch over a dataset / CSV. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'CNN prediction of Ea and lgA (n = 3) from one run per heating rate, or in batch over a dataset/CSV',
    )
    .argument('[files...]', 'one run file per heating rate (as many as the model’s rates, any order)')
    .option('--model <dir|name>', 'model directory or shipped name (best, paper); default: best')
    .option(
      '--refine',
      'refine the CNN estimate by a local JMA fit (Levenberg–Marquardt, n = 3) on the same curves',
    )
    .option(
      '--uncertainty [ensemble-dir]',
      'add the calibrated 90 % interval of a deep ensemble (default: the shipped models/ensemble)',
    )
    .option('--data <dir>', 'batch mode: every sample of a dataset directory (see --split)')
    .option(
      '--csv <file>',
      'batch mode: a wide CSV (beta{r}_K_min, dtg_r{r}_p{p} columns, as `ckin synth --format csv`)',
    )
    .option('--split <name>', 'batch over this split of --data: train | val | test | all', 'all')
    .option('--out <file.csv>', 'batch mode: write the predictions as CSV')
    .option('--rates <K/min>', RUN_INPUT_OPTION_HELP.rates)
    .option('--window <lo:hi>', RUN_INPUT_OPTION_HELP.window)
    .option('--temperature-unit <C|K>', RUN_INPUT_OPTION_HELP.temperatureUnit)
    .option('--columns <names>', RUN_INPUT_OPTION_HELP.columns)
    .option('--threads <n>', 'libtorch threads (default: 1 for one run, all cores in batch mode)')
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: PredictOptions) => {
      const tStart = performance.now();
      // One run is a tiny forward pass: one thread has the lowest latency and no OpenMP spin-waiting on a busy machine.
      setThreads(opts.threads ? Number(opts.threads) : opts.data || opts.csv ? availableParallelism() : 1);
      const modelDir = resolveModelDir(opts.model);
      const model = CnnModel.load(modelDir);
      const { rates_K_min, grid_C } = model.manifest.input;
      if (opts.data || opts.csv) {
        if (files.length) throw new InputError('give run files or --data/--csv, not both');
        batch(model, modelDir, opts);
        return;
      }
      if (files.length === 0)
        throw new InputError('give one run file per heating rate, or --data DIR / --csv FILE');
      const tLoad = performance.now();
      const { curves } = loadCurves(files, opts);
      const prepared = prepareRunSample(curves, rates_K_min, grid_C);
      const tCnn = performance.now();
      const [Ea, lgA] = model.predict(prepared.set);
      const tCnnEnd = performance.now();
      for (const w of prepared.warnings) log(`warning: ${w}`);
      const result: Record<string, unknown> = {
        model: modelDir,
        preset: model.manifest.preset,
        files,
        beta_K_min: prepared.curves.map((c) => c.beta_K_min),
        n: 3,
        cnn: { Ea_kJ_mol: Ea, lgA_s: lgA },
      };
      if (opts.uncertainty) {
        const dir = typeof opts.uncertainty === 'string' ? opts.uncertainty : SHIPPED_ENSEMBLE;
        const ens = CnnEnsemble.load(dir);
        result.uncertainty = { ensemble: dir, ...ensembleSampleJson(ens, ens.predict(prepared.set)) };
      }
      let refined: ReturnType<typeof refineFromCnn> | undefined;
      if (opts.refine) {
        refined = refineFromCnn(prepared.curves, { Ea_kJ_mol: Ea, lgA_s: lgA }, prepared.grid_K[0]);
        result.refined = {
          Ea_kJ_mol: refined.Ea_kJ_mol,
          lgA_s: refined.lgA_s,
          Ea_se_kJ_mol: refined.uncertainty?.Ea_kJ_mol ?? null,
          lgA_se: refined.uncertainty?.lgA_s ?? null,
          relative_sse: refined.relativeSse,
          rates: refined.rates.map((r) => ({ beta_K_min: r.beta_K_min, r2: r.r2 })),
          method: refined.search.method,
          warnings: refined.warnings,
        };
      }
      const tEnd = performance.now();
      result.time_ms = {
        startup_and_model_load: tLoad - tStart,
        import_and_preprocess: tCnn - tLoad,
        cnn: tCnnEnd - tCnn,
        refine: opts.refine ? tEnd - tCnnEnd : undefined,
        import_to_prediction: tCnnEnd - tLoad,
      };
      result.warnings = prepared.warnings;
      if (opts.json) {
        printJson(result);
        return;
      }
      const lines = [
        `model ${model.manifest.preset} (${modelDir}); rates ${prepared.curves.map((c) => c.beta_K_min).join(', ')} K/min; n = 3`,
        `CNN:        Ea = ${fmt(Ea, 1)} kJ/mol   lgA = ${fmt(lgA, 2)} (A in s⁻¹)   ${fmt(tCnnEnd - tCnn, 2)} ms`,
      ];
      if (refined) {
        lines.push(
          `CNN+refine: Ea = ${fmt(refined.Ea_kJ_mol, 1)} ± ${fmt(refined.uncertainty?.Ea_kJ_mol, 1)} kJ/mol   lgA = ${fmt(refined.lgA_s, 2)} ± ${fmt(refined.uncertainty?.lgA_s, 2)}   ` +
            `R² per rate ${refined.rates.map((r) => fmt(r.r2, 4)).join(', ')}   ${fmt(tEnd - tCnnEnd, 1)} ms`,
        );
      }
      if (result.uncertainty) {
        const u = result.uncertainty as ReturnType<typeof ensembleSampleJson>;
        lines.push(
          `ensemble:   Ea = ${fmt(u.Ea_kJ_mol.mean, 1)} kJ/mol [${fmt(u.Ea_kJ_mol.p05, 1)}, ${fmt(u.Ea_kJ_mol.p95, 1)}]   ` +
            `lgA = ${fmt(u.lgA_s.mean, 2)} [${fmt(u.lgA_s.p05, 2)}, ${fmt(u.lgA_s.p95, 2)}]   (calibrated 90 % intervals, ${u.members} members)`,
        );
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}

function batch(model: CnnModel, modelDir: string, opts: PredictOptions): void {
  let set: CurveSet;
  let source: string;
  if (opts.data) {
    if (!['train', 'val', 'test', 'all'].includes(opts.split))
      throw new InputError(`--split must be train, val, test or all`);
    const { set: full } = readCurveDataset(resolve(opts.data));
    set = subset(full, splitIndices(full, opts.split as SplitName));
    source = `${opts.data} (${opts.split})`;
  } else {
    const { input } = model.manifest;
    set = readWideCsv(opts.csv!, input.rates_K_min.length, input.grid_C.points);
    source = opts.csv!;
  }
  const t0 = performance.now();
  const pred = model.predict(set);
  const cnnMs = (performance.now() - t0) / set.count;
  let refined: Float64Array | undefined;
  let refineMs: number | undefined;
  if (opts.refine) {
    const grid_K = gridTemperatures_K(model.manifest.input.grid_C);
    refined = new Float64Array(set.count * 2).fill(NaN);
    const bar = createProgress();
    bar.start(set.count, 'refine');
    const t1 = performance.now();
    for (let i = 0; i < set.count; i++) {
      try {
        const r = refineFromCnn(
          sampleCurves(set, i, grid_K),
          { Ea_kJ_mol: pred[2 * i], lgA_s: pred[2 * i + 1] },
          grid_K[0],
        );
        refined[2 * i] = r.Ea_kJ_mol;
        refined[2 * i + 1] = r.lgA_s;
      } catch {
        // left NaN: reported as an empty cell
      }
      if (i % 50 === 0) bar.update(i + 1);
    }
    bar.stop();
    refineMs = (performance.now() - t1) / set.count;
  }
  const hasLabels = Number.isFinite(set.targets[0]);
  const score = (p: Float64Array) => ({
    all: evalMetrics(p, set.targets),
    valid: evalMetrics(p, set.targets, validRows(set.flags, set.count)),
  });
  if (opts.out) {
    const head = ['sample', 'Ea_kJ_mol_cnn', 'lgA_s_cnn'];
    if (refined) head.push('Ea_kJ_mol_refined', 'lgA_s_refined');
    if (hasLabels) head.push('Ea_kJ_mol_true', 'lgA_s_true');
    const lines = [head.join(',')];
    for (let i = 0; i < set.count; i++) {
      const cells = [i, pred[2 * i], pred[2 * i + 1]];
      if (refined) cells.push(refined[2 * i], refined[2 * i + 1]);
      if (hasLabels) cells.push(set.targets[2 * i], set.targets[2 * i + 1]);
      lines.push(cells.map((v) => (Number.isFinite(v) ? String(v) : '')).join(','));
    }
    writeFileAtomic(opts.out, lines.join('\n') + '\n');
    log(`predict: ${set.count} predictions → ${opts.out}`);
  }
  const summary = {
    model: modelDir,
    preset: model.manifest.preset,
    source,
    samples: set.count,
    cnn_ms_per_sample: cnnMs,
    refine_ms_per_sample: refineMs,
    cnn: hasLabels ? score(pred) : undefined,
    refined: hasLabels && refined ? score(refined) : undefined,
    out: opts.out,
    predictions: opts.out
      ? undefined
      : Array.from({ length: set.count }, (_, i) => ({
          Ea_kJ_mol: pred[2 * i],
          lgA_s: pred[2 * i + 1],
          ...(refined ? { Ea_kJ_mol_refined: refined[2 * i], lgA_s_refined: refined[2 * i + 1] } : {}),
        })),
  };
  if (opts.json) {
    printJson(summary);
    return;
  }
  const rows: (string | number)[][] = [];
  const add = (label: string, m?: ReturnType<typeof score>) => {
    if (!m) return;
    for (const [k, v] of Object.entries(m)) {
      rows.push([
        `${label} ${k}`,
        v.count,
        fmt(v.r2_Ea, 4),
        fmt(v.r2_lgA, 4),
        fmt(v.rmse_Ea_kJ_mol, 2),
        fmt(v.rmse_lgA, 3),
      ]);
    }
  };
  add('cnn', summary.cnn);
  add('refined', summary.refined);
  const out = [
    `${set.count} samples from ${source}: CNN ${fmt(cnnMs, 4)} ms/sample` +
      (refineMs !== undefined ? `, refine ${fmt(refineMs, 2)} ms/sample` : ''),
  ];
  if (rows.length) out.push(formatTable(['method', 'N', 'R2_Ea', 'R2_lgA', 'RMSE_Ea', 'RMSE_lgA'], rows));
  else if (!opts.out)
    out.push(
      ...summary
        .predictions!.slice(0, 20)
        .map((p, i) => `${i}: Ea ${fmt(p.Ea_kJ_mol, 1)} kJ/mol, lgA ${fmt(p.lgA_s, 2)}`),
    );
  process.stdout.write(out.join('\n') + '\n');
}
