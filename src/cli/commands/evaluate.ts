import type { Command } from 'commander';
import { evaluate, type EvaluateResult } from '../../app/evaluate.ts';
import { parseChoice, parseIntegerOption } from '../options.ts';
import { log, printJson } from '../output.ts';
import { fmt, formatTable } from '../../core/format.ts';

interface EvaluateCliOptions {
  model?: string;
  data: string;
  split: string;
  compare: string;
  de: boolean;
  kce: boolean;
  plots?: string;
  threads?: string;
  json?: boolean;
}

/** `ckin evaluate`: accuracy of a trained CNN on a dataset split, KCE reconstruction, and a side-by-side. */
export function register(program: Command): void {
  program
    .command('evaluate')
    .option('--model <dir|name>', 'model directory or shipped name (best, paper); default: best')
    .requiredOption('--data <dir>', 'dataset directory written by `ckin synth`')
    .option('--split <name>', 'train | val | test | all', 'test')
    .option('--compare <n>', 'side-by-side on the first N valid samples of the split (0 = skip)', '20')
    .option('--no-de', 'leave the (slow) DE fit out of the side-by-side')
    .option('--no-kce', 'skip the KCE reconstruction')
    .option('--plots <dir>', 'write parity plots (SVG) into this directory')
    .option('--threads <n>', 'libtorch threads')
    .option('--json', 'print one JSON object on stdout')
    .action((opts: EvaluateCliOptions) => {
      const result = evaluate({
        model: opts.model,
        data: opts.data,
        split: parseChoice('--split', opts.split, ['test', 'train', 'val', 'all'] as const),
        compare: parseIntegerOption('--compare', opts.compare, 0),
        de: opts.de,
        kce: opts.kce,
        plots: opts.plots,
        threads: parseIntegerOption('--threads', opts.threads, 1),
        onLog: log,
      });
      if (opts.json) printJson(result);
      else process.stdout.write(formatEvaluate(result) + '\n');
    });
}

function formatEvaluate(result: EvaluateResult): string {
  const limit = result.lgA_information_limit;
  const kce = result.kce;
  const comparison = result.comparison;
  const line = (label: string, m: EvaluateResult['valid']) => [
    label,
    m.count,
    fmt(m.r2_Ea, 4),
    fmt(m.r2_lgA, 4),
    fmt(m.rmse_Ea_kJ_mol, 2),
    fmt(m.rmse_lgA, 3),
    fmt(m.mae_Ea_kJ_mol, 2),
    fmt(m.mae_lgA, 3),
  ];
  const header = ['set', 'N', 'R2_Ea', 'R2_lgA', 'RMSE_Ea', 'RMSE_lgA', 'MAE_Ea', 'MAE_lgA'];
  const out = [
    `model ${result.model} (${result.preset}), ${result.split} split of ${result.data}; ${fmt(result.cnn_ms_per_sample_batched, 4)} ms/sample batched`,
    formatTable(header, [
      line('all', result),
      line('valid', result.valid),
      ...result.per_material.flatMap((p) => [
        line(`${p.material}`, p.all),
        line(`${p.material} valid`, p.valid),
      ]),
    ]),
  ];
  if (limit) {
    out.push(
      `\nlgA information limit: ${limit.unidentifiable} of ${limit.samples} samples end below ` +
        `α = ${limit.alphaEnd} (their curves do not depend on lgA); least expected RMSE on them ` +
        `${fmt(limit.rmseFloor_unidentifiable_lgA, 3)}, so R²(lgA) ≤ ${fmt(limit.r2Max_lgA, 4)} for any estimator`,
    );
  }
  if (kce.length) {
    out.push(
      '\nKCE reconstruction (clean valid samples on each line):',
      formatTable(
        ['material', 'N', 'slope_true', 'slope_pred', 'deviation_%'],
        kce.map((k) => [
          k.material,
          k.samples,
          fmt(k.slope_true_per_kJ_mol, 5),
          fmt(k.slope_pred_per_kJ_mol, 5),
          fmt(k.slope_deviation_pct, 3),
        ]),
      ),
    );
  }
  if (comparison.length) {
    out.push(
      `\nSide-by-side on ${comparison[0].metrics.count} valid samples:`,
      formatTable(
        [...header.slice(0, 1), ...header.slice(1), 'ms/sample', 'failed'].map((h) =>
          h === 'set' ? 'method' : h,
        ),
        comparison.map((c) => [...line(c.method, c.metrics), fmt(c.ms_per_sample, 2), c.failures]),
      ),
    );
  }
  return out.join('\n');
}
