import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { readCurveDataset, splitIndices, subset, type SplitName } from '../../nn/dataset.ts';
import { CnnModel, resolveModelDir } from '../../nn/model.ts';
import { evalMetrics, validRows } from '../../nn/evaluate.ts';
import { kceReconstruction, kceSamples } from '../../nn/kce.ts';
import { compareMethods } from '../../nn/compare.ts';
import { paritySvg } from '../../nn/parity-svg.ts';
import { setThreads } from '../../nn/engine.ts';
import { NCM_MATERIALS } from '../../synth/materials.ts';
import { gridTemperatures_K } from '../../synth/grid.ts';
import { lgAInformationLimit } from '../../nn/identifiability.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { log, printJson } from '../output.ts';
import { fmt, formatTable } from '../../core/format.ts';

interface EvaluateOptions {
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
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      'score a trained CNN on a dataset: R², RMSE, MAE; KCE slope reconstruction; CNN vs refine vs DE vs Kissinger',
    )
    .option('--model <dir|name>', 'model directory or shipped name (best, paper); default: best')
    .requiredOption('--data <dir>', 'dataset directory written by `ckin synth`')
    .option('--split <name>', 'train | val | test | all', 'test')
    .option('--compare <n>', 'side-by-side on the first N valid samples of the split (0 = skip)', '20')
    .option('--no-de', 'leave the (slow) DE fit out of the side-by-side')
    .option('--no-kce', 'skip the KCE reconstruction')
    .option('--plots <dir>', 'write parity plots (SVG) into this directory')
    .option('--threads <n>', 'libtorch threads')
    .option('--json', 'print one JSON object on stdout')
    .action((opts: EvaluateOptions) => {
      if (!['train', 'val', 'test', 'all'].includes(opts.split)) {
        throw new InputError(`--split must be train, val, test or all, got "${opts.split}"`);
      }
      const nCompare = Number(opts.compare);
      if (!Number.isInteger(nCompare) || nCompare < 0)
        throw new InputError(`--compare must be an integer ≥ 0`);
      if (opts.threads) setThreads(Number(opts.threads));
      const modelDir = resolveModelDir(opts.model);
      const model = CnnModel.load(modelDir);
      const { set, info } = readCurveDataset(resolve(opts.data));
      const rows = splitIndices(set, opts.split as SplitName);
      if (rows.length === 0)
        throw new InputError(`split "${opts.split}" has no samples`, { file: opts.data });
      const sub = subset(set, rows);
      const t0 = performance.now();
      const pred = model.predict(sub);
      const msBatched = (performance.now() - t0) / sub.count;
      const valid = validRows(sub.flags, sub.count);
      const all = evalMetrics(pred, sub.targets);
      const validM = evalMetrics(pred, sub.targets, valid);
      const perMaterial = (info.materials ?? []).map((name, k) => {
        const r = Array.from({ length: sub.count }, (_, i) => i).filter((i) => sub.material?.[i] === k);
        const v = r.filter((i) => (sub.flags![i] & 1) === 1);
        return {
          material: name,
          all: evalMetrics(pred, sub.targets, r),
          valid: evalMetrics(pred, sub.targets, v),
        };
      });

      const grid_K = gridTemperatures_K(model.manifest.input.grid_C);
      // The ceiling on R²(lgA) set by the peak-normalized input itself (src/nn/identifiability.ts).
      const limit =
        info.labelPrior && sub.n
          ? lgAInformationLimit(
              sub.targets,
              sub.n,
              sub.count,
              info.labelPrior,
              info.rates_K_min,
              celsiusToKelvin(info.grid_C.start),
              celsiusToKelvin(info.grid_C.end),
            )
          : undefined;
      let kce: ReturnType<typeof kceReconstruction>[] = [];
      if (opts.kce) {
        kce = (info.materialSpecs ?? NCM_MATERIALS).map((m) => {
          const s = kceSamples(m, model.manifest.input.rates_K_min, grid_K);
          return kceReconstruction(m, model.predict(s), s.count);
        });
      }

      let comparison: ReturnType<typeof compareMethods> = [];
      if (nCompare > 0) {
        const pick = Array.from(valid).slice(0, nCompare);
        log(
          `evaluate: side-by-side on ${pick.length} valid ${opts.split} samples${opts.de ? ' (DE fit included)' : ''}…`,
        );
        comparison = compareMethods(model, sub, pick, grid_K, opts.de);
      }

      if (opts.plots) {
        mkdirSync(opts.plots, { recursive: true });
        writeFileAtomic(
          join(opts.plots, `parity-${opts.split}.svg`),
          paritySvg(pred, sub.targets, `${model.manifest.preset} ${opts.split}`),
        );
      }

      const result = {
        model: modelDir,
        preset: model.manifest.preset,
        data: opts.data,
        split: opts.split,
        ...all,
        valid: validM,
        lgA_information_limit: limit ?? null,
        cnn_ms_per_sample_batched: msBatched,
        per_material: perMaterial,
        kce,
        comparison,
      };
      if (opts.json) {
        printJson(result);
        return;
      }
      const line = (label: string, m: typeof all) => [
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
        `model ${modelDir} (${model.manifest.preset}), ${opts.split} split of ${opts.data}; ${fmt(msBatched, 4)} ms/sample batched`,
        formatTable(header, [
          line('all', all),
          line('valid', validM),
          ...perMaterial.flatMap((p) => [line(`${p.material}`, p.all), line(`${p.material} valid`, p.valid)]),
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
      process.stdout.write(out.join('\n') + '\n');
    });
}
