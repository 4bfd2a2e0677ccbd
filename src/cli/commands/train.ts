import type { Command } from 'commander';
import { PRESETS } from '../../nn/presets.ts';
import { train, trainPreset, type TrainOptions } from '../../app/train.ts';
import { trainGeneralModel } from '../../app/train-general.ts';
import { parseChoice, parseIntegerOption, parseNumberOption } from '../options.ts';
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

/** `ckin train`: train a CNN preset on a synthetic dataset directory into a model directory. */
export function register(program: Command): void {
  program
    .command('train')
    .requiredOption('--data <dir>', 'dataset directory (manifest.json + curves.f32 …)')
    .option(
      '--preset <name>',
      `network and recipe: ${Object.keys(PRESETS).join(' | ')} | general (a dataset of \`ckin synth --preset general\`)`,
      'best',
    )
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
    .action(async (opts: TrainCliOptions) => {
      if (opts.preset === 'general') {
        const manifest = trainGeneralModel({
          data: opts.data,
          out: opts.out,
          epochs: parseIntegerOption('--epochs', opts.epochs, 1),
          batch: parseIntegerOption('--batch', opts.batch, 2),
          lr: parseNumberOption('--lr', opts.lr),
          weightDecay: parseNumberOption('--wd', opts.wd),
          seed: parseIntegerOption('--seed', opts.seed, 0),
          threads: parseIntegerOption('--threads', opts.threads, 1),
          maxMinutes: parseNumberOption('--max-minutes', opts.maxMinutes),
          onLog: log,
          onEpoch: (e) =>
            log(
              `epoch ${e.epoch}  lr ${e.lr.toExponential(2)}  loss ${e.train_loss.toFixed(4)}  val ${e.val_loss.toFixed(4)}  ` +
                `RMSE Ea ${fmt(e.val_rmse_Ea_kJ_mol, 2)} kJ/mol lgA ${fmt(e.val_rmse_lgA, 3)} n ${fmt(e.val_rmse_n, 3)}  ${e.seconds.toFixed(1)} s`,
            ),
        });
        if (opts.json) printJson(manifest);
        return;
      }
      const bar = await createProgress();
      let barEpoch = -1;
      const options: TrainOptions = {
        data: opts.data,
        out: opts.out,
        preset: opts.preset,
        presetFile: opts.presetFile,
        epochs: parseIntegerOption('--epochs', opts.epochs, 0),
        batch: parseIntegerOption('--batch', opts.batch, 0),
        lr: parseNumberOption('--lr', opts.lr),
        weightDecay: parseNumberOption('--wd', opts.wd),
        schedule:
          opts.schedule === undefined
            ? undefined
            : parseChoice('--schedule', opts.schedule, ['cosine', 'constant'] as const),
        augment: opts.augment,
        seed: parseIntegerOption('--seed', opts.seed, 0),
        threads: parseIntegerOption('--threads', opts.threads, 0),
        resume: opts.resume,
        maxMinutes: parseNumberOption('--max-minutes', opts.maxMinutes),
        stopAfter: parseIntegerOption('--stop-after', opts.stopAfter, 0),
      };
      const epochs = trainPreset(options).train.epochs;
      const manifest = train({
        ...options,
        onLog: log,
        onBatch: (epoch, done, total, loss) => {
          if (epoch !== barEpoch) {
            if (barEpoch >= 0) bar.stop();
            bar.start(total, `epoch ${epoch + 1}/${epochs}`);
            barEpoch = epoch;
          }
          if (done % 10 === 0 || done === total) bar.update(done, { loss: loss.toFixed(4) });
        },
        onEpoch: (e) => {
          bar.stop();
          barEpoch = -1;
          log(
            `epoch ${e.epoch}/${epochs}  lr ${e.lr.toExponential(2)}  loss ${e.train_loss.toFixed(4)}  ` +
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
