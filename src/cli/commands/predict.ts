import { pushAll } from '../../core/arrays.ts';
import type { Command } from 'commander';
import { InputError } from '../../core/input-error.ts';
import {
  predict,
  type PredictBatchResult,
  type PredictGeneralResult,
  type PredictSampleResult,
} from '../../app/predict.ts';
import {
  addRunInputOptions,
  parseChoice,
  parseIntegerOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { progressBars } from '../progress.ts';
import { formatWarnings, log, printJson, printText } from '../output.ts';
import { fmt, fmtRate, formatTable } from '../../core/format.ts';

interface PredictCliOptions extends RunInputOptions {
  model?: string;
  refine?: boolean;
  uncertainty?: string | boolean;
  data?: string;
  csv?: string;
  split: string;
  out?: string;
  threads?: string;
  force?: boolean;
  allowIncomplete?: boolean;
  json?: boolean;
}

/** `ckin predict`: Ea and lgA from one multi-rate run (one file per heating rate), or batch over a dataset / CSV. */
export function register(program: Command): void {
  const cmd = program
    .command('predict')
    .argument('[files...]', 'one run file per heating rate (as many as the model’s rates, any order)')
    .option(
      '--model <dir|name>',
      'model directory or shipped name (best, paper, general); default: best for 10/30/60 K/min runs it reproduces, general otherwise (docs/cnn.md)',
    )
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
    .option(
      '--force',
      'predict even for heating rates > 10 % off the model’s training rates or a curve without a reaction (marked unreliable)',
    )
    .option(
      '--allow-incomplete',
      'use a model directory whose training did not finish (no complete.json; marked unreliable)',
    );
  addRunInputOptions(cmd)
    .option('--threads <n>', 'libtorch threads (default: 1 for one run, all cores in batch mode)')
    .option('--json', 'print one JSON object on stdout')
    .action(async (files: string[], opts: PredictCliOptions) => {
      const split = opts.split.toLowerCase();
      if (!['train', 'val', 'test', 'all'].includes(split))
        throw new InputError(`--split must be train, val, test or all`);
      const bars = await progressBars();
      const res = predict({
        runs: runSources(files),
        ...parseRunReadOptions(opts),
        model: opts.model,
        refine: opts.refine,
        uncertainty: opts.uncertainty,
        data: opts.data,
        csv: opts.csv,
        split: parseChoice('--split', split, ['all', 'train', 'val', 'test'] as const),
        out: opts.out,
        threads: parseIntegerOption('--threads', opts.threads, 1),
        force: opts.force,
        allowIncomplete: opts.allowIncomplete,
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(res);
      else
        printText(
          res,
          'source' in res ? formatBatch(res) : 'model_family' in res ? formatGeneral(res) : formatSample(res),
        );
    });
}

function formatGeneral(r: PredictGeneralResult): string {
  const i = r.interval_90;
  const lines = [
    `model used: general (${r.model}); rates ${r.beta_K_min.map((b) => fmt(b, 3)).join(', ')} K/min`,
    `CNN:        Ea = ${fmt(r.cnn.Ea_kJ_mol, 1)} kJ/mol [${fmt(i.Ea_kJ_mol.lo, 1)}, ${fmt(i.Ea_kJ_mol.hi, 1)}]   ` +
      `lgA = ${fmt(r.cnn.lgA_s, 2)} [${fmt(i.lgA_s.lo, 2)}, ${fmt(i.lgA_s.hi, 2)}]   ` +
      `${r.model_family === 'jma' ? 'JMA' : 'nth order'} n = ${fmt(r.n, 2)} [${fmt(i.n.lo, 2)}, ${fmt(i.n.hi, 2)}]   ${fmt(r.time_ms.cnn, 2)} ms` +
      `   [${r.quality}; re-simulated R² ≥ ${fmt(r.domain.worst_r2, 3)}; 90 % intervals: ${i.method}]`,
  ];
  if (r.refined) {
    const f = r.refined;
    lines.push(
      `CNN+refine: JMA Ea = ${fmt(f.Ea_kJ_mol, 1)} kJ/mol   lgA = ${fmt(f.lgA_s, 2)}   n = ${fmt(f.n, 2)}   ` +
        `R² per rate ${f.rates.map((x) => fmt(x.r2, 4)).join(', ')}`,
    );
  }
  pushAll(lines, formatWarnings(r.warnings));
  return lines.join('\n');
}

function formatSample(r: PredictSampleResult): string {
  const lines = [
    `model used: ${r.model_used} (${r.model}); rates ${r.beta_K_min.map(fmtRate).join(', ')} K/min; n = 3`,
    `CNN:        Ea = ${fmt(r.cnn.Ea_kJ_mol, 1)} kJ/mol   lgA = ${fmt(r.cnn.lgA_s, 2)} (A in s⁻¹)   ${fmt(r.time_ms.cnn, 2)} ms` +
      `   [${r.quality}; re-simulated R² ≥ ${fmt(r.domain.worst_r2, 3)}]`,
  ];
  if (r.refined) {
    const f = r.refined;
    lines.push(
      `CNN+refine: Ea = ${fmt(f.Ea_kJ_mol, 1)} ± ${fmt(f.Ea_se_kJ_mol, 1)} kJ/mol   lgA = ${fmt(f.lgA_s, 2)} ± ${fmt(f.lgA_se, 2)}   ` +
        `R² per rate ${f.rates.map((x) => fmt(x.r2, 4)).join(', ')}   ${fmt(r.time_ms.refine, 1)} ms`,
    );
  }
  if (r.uncertainty) {
    const u = r.uncertainty;
    lines.push(
      `ensemble:   Ea = ${fmt(u.Ea_kJ_mol.mean, 1)} kJ/mol [${fmt(u.Ea_kJ_mol.p05, 1)}, ${fmt(u.Ea_kJ_mol.p95, 1)}]   ` +
        `lgA = ${fmt(u.lgA_s.mean, 2)} [${fmt(u.lgA_s.p05, 2)}, ${fmt(u.lgA_s.p95, 2)}]   (calibrated 90 % intervals, ${u.members} members)`,
    );
  }
  pushAll(lines, formatWarnings(r.warnings));
  return lines.join('\n');
}

function formatBatch(summary: PredictBatchResult): string {
  const rows: (string | number)[][] = [];
  const add = (label: string, m?: PredictBatchResult['cnn']) => {
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
    `${summary.samples} samples from ${summary.source}: CNN ${fmt(summary.cnn_ms_per_sample, 4)} ms/sample` +
      (summary.refine_ms_per_sample !== undefined
        ? `, refine ${fmt(summary.refine_ms_per_sample, 2)} ms/sample`
        : ''),
    `quality: ${summary.quality_counts.ok} ok, ${summary.quality_counts.caution} caution, ` +
      `${summary.quality_counts.unreliable} unreliable (domain-of-validity check, docs/cnn.md)`,
  ];
  if (rows.length) out.push(formatTable(['method', 'N', 'R2_Ea', 'R2_lgA', 'RMSE_Ea', 'RMSE_lgA'], rows));
  else if (!summary.out)
    pushAll(
      out,
      summary
        .predictions!.slice(0, 20)
        .map((p, i) => `${i}: Ea ${fmt(p.Ea_kJ_mol, 1)} kJ/mol, lgA ${fmt(p.lgA_s, 2)}`),
    );
  return out.join('\n');
}
