import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { presetByName, readPresetFile, PRESETS } from '../../nn/presets.ts';
import { readCurveDataset } from '../../nn/dataset.ts';
import { trainModel } from '../../nn/train.ts';
import { createProgress } from '../progress.ts';
import { log, printJson } from '../output.ts';
import { fmt } from '../../core/format.ts';

interface TrainCliOptions {
  data: string;
  preset: string;
  presetFile?: string;
  epochs?: string;
  batch?: string;
  lr?: string;
  wd?: string;
  schedule?: string;
  seed: string;
  threads?: string;
  out: string;
  resume?: boolean;
  augment?: boolean;
  maxMinutes?: string;
  stopAfter?: string;
  json?: boolean;
}

function positive(value: string | undefined, name: string, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new InputError(
      `--${name} must be a ${integer ? 'non-negative integer' : 'non-negative number'}, got "${value}"`,
    );
  }
  return v;
}

/** `ckin train`: train a CNN preset on a synthetic dataset directory into a model directory. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the multi-rate 1D CNN (libtorch) on a dataset written by `ckin synth`')
    .requiredOption('--data <dir>', 'dataset directory (manifest.json + curves.f32 …)')
    .option('--preset <name>', `network and recipe: ${Object.keys(PRESETS).join(' | ')}`, 'best')
    .option(
      '--preset-file <file.json>',
      'a preset as JSON ({name, description, net, train}: see src/nn/presets.ts)',
    )
    .option('--epochs <n>', 'epochs (default: the preset’s; also the cosine T_max)')
    .option('--batch <n>', 'mini-batch size (default 128)')
    .option('--lr <rate>', 'initial learning rate (default: the preset’s)')
    .option('--wd <decay>', 'weight decay (default: the preset’s)')
    .option('--schedule <name>', 'learning-rate schedule: cosine | constant')
    .option('--seed <s>', 'seed (weights, batch order, dropout)', '1')
    .option('--threads <n>', 'libtorch threads (default: all cores)')
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--resume', 'continue from <out>/checkpoint.pt')
    .option(
      '--augment',
      're-draw the dataset noise around its exact curves every epoch (default for the best preset)',
    )
    .option('--no-augment', 'train on the stored noisy curves only')
    .option(
      '--max-minutes <m>',
      'time budget: stop before passing it; the cosine follows the elapsed time too',
    )
    .option(
      '--stop-after <n>',
      'stop after epoch n (the schedule still spans --epochs; continue with --resume)',
    )
    .option('--json', 'print the final manifest as one JSON object')
    .action((opts: TrainCliOptions) => {
      const preset = opts.presetFile ? readPresetFile(opts.presetFile) : presetByName(opts.preset);
      const t = preset.train;
      t.epochs = positive(opts.epochs, 'epochs', true) ?? t.epochs;
      t.batch = positive(opts.batch, 'batch', true) ?? t.batch;
      t.lr = positive(opts.lr, 'lr') ?? t.lr;
      t.weightDecay = positive(opts.wd, 'wd') ?? t.weightDecay;
      if (opts.schedule !== undefined) {
        if (opts.schedule !== 'cosine' && opts.schedule !== 'constant') {
          throw new InputError(`--schedule must be cosine or constant, got "${opts.schedule}"`);
        }
        t.schedule = opts.schedule;
      }
      if (opts.augment !== undefined) t.augmentNoise = opts.augment;
      if (t.epochs < 1 || t.batch < 2) throw new InputError('--epochs must be ≥ 1 and --batch ≥ 2');
      const seed = positive(opts.seed, 'seed', true)!;
      const threads = positive(opts.threads, 'threads', true) ?? availableParallelism();
      const data = readCurveDataset(resolve(opts.data));
      log(
        `train: preset ${preset.name}, ${data.set.count} samples from ${opts.data}, ${t.epochs} epochs, batch ${t.batch}, ` +
          `lr ${t.lr}, wd ${t.weightDecay}, ${t.schedule}, seed ${seed}, ${threads} thread(s) → ${opts.out}`,
      );
      const bar = createProgress();
      let barEpoch = -1;
      const { manifest } = trainModel({
        preset,
        data,
        outDir: resolve(opts.out),
        seed,
        threads,
        resume: opts.resume,
        maxMinutes: positive(opts.maxMinutes, 'max-minutes'),
        stopAfter: positive(opts.stopAfter, 'stop-after', true),
        onBatch: (epoch, done, total, loss) => {
          if (epoch !== barEpoch) {
            if (barEpoch >= 0) bar.stop();
            bar.start(total, `epoch ${epoch + 1}/${t.epochs}`);
            barEpoch = epoch;
          }
          if (done % 10 === 0 || done === total) bar.update(done, { loss: loss.toFixed(4) });
        },
        onEpoch: (e) => {
          bar.stop();
          barEpoch = -1;
          log(
            `epoch ${e.epoch}/${t.epochs}  lr ${e.lr.toExponential(2)}  loss ${e.train_loss.toFixed(4)}  ` +
              `val ${e.val_loss.toFixed(4)}  val R² Ea ${fmt(e.val_r2_Ea, 4)} lgA ${fmt(e.val_r2_lgA, 4)}  ` +
              `RMSE ${fmt(e.val_rmse_Ea_kJ_mol, 2)} kJ/mol ${fmt(e.val_rmse_lgA, 3)}  ${e.seconds.toFixed(1)} s`,
          );
        },
      });
      const m = manifest.metrics;
      log(
        `done: ${manifest.epochsRun} epochs in ${manifest.wallTime_s} s, best epoch ${manifest.bestEpoch}; ` +
          (m.test
            ? `test R² Ea ${fmt(m.test.r2_Ea, 4)} lgA ${fmt(m.test.r2_lgA, 4)} (valid subset ${fmt(m.test_valid?.r2_Ea, 4)} / ${fmt(m.test_valid?.r2_lgA, 4)})`
            : ''),
      );
      if (opts.json) printJson(manifest);
    });
}
