/**
 * `ckin train --preset general --data DIR`: train the general model on a general dataset (`ckin synth --preset
 * general`): the valid training samples, model selection on the valid validation samples, split-conformal 90 %
 * half-widths per output on the valid calibration samples, and the test split scored per slice (valid, unfinished)
 * into the manifest. Writes a finished model directory (src/nn/general/model.ts).
 */
import { checkWork } from '../core/work-limits.ts';
import { InputError } from '../core/input-error.ts';
import { readGeneralDataset, subsetGeneral, SPLIT_CODES } from './synth-general.ts';
import { generalNet, GENERAL_RECIPE } from '../nn/general/network.ts';
import { REPRESENTATIONS } from '../nn/general/representation.ts';
import {
  generalErrors,
  predictGeneral,
  trainGeneral,
  type GeneralHistoryEntry,
} from '../nn/general/train.ts';
import { conformalHalfWidths } from '../nn/general/conformal.ts';
import { writeGeneralModel } from '../nn/general/model.ts';
import type { UseCaseCallbacks } from './callbacks.ts';

export interface TrainGeneralOptions extends UseCaseCallbacks {
  data: string;
  out: string;
  epochs?: number;
  batch?: number;
  lr?: number;
  weightDecay?: number;
  seed?: number;
  threads?: number;
  maxMinutes?: number;
  onEpoch?: (h: GeneralHistoryEntry) => void;
}

export function trainGeneralModel(opts: TrainGeneralOptions) {
  const recipe = {
    ...GENERAL_RECIPE,
    ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
    ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
    ...(opts.lr !== undefined ? { lr: opts.lr } : {}),
    ...(opts.weightDecay !== undefined ? { weightDecay: opts.weightDecay } : {}),
  };
  checkWork('epochs', recipe.epochs);
  checkWork('batch', recipe.batch);
  const threads = opts.threads ?? 1;
  checkWork('threads', threads);
  const seed = opts.seed ?? 1;
  const { set, split, seed: dataSeed } = readGeneralDataset(opts.data);
  const rows = (code: number, validOnly: boolean) => {
    const r: number[] = [];
    for (let i = 0; i < set.count; i++)
      if (split[i] === code && (!validOnly || set.flags[i] === 0)) r.push(i);
    return r;
  };
  const train = subsetGeneral(set, rows(SPLIT_CODES.train, true));
  const val = subsetGeneral(set, rows(SPLIT_CODES.val, true));
  const cal = subsetGeneral(set, rows(SPLIT_CODES.calibration, true));
  const test = subsetGeneral(set, rows(SPLIT_CODES.test, false));
  if (train.count < 2 || val.count < 1 || cal.count < 10)
    throw new InputError(
      `the general dataset needs valid train, val and calibration samples (got ${train.count}, ${val.count}, ${cal.count})`,
    );
  const net = generalNet(REPRESENTATIONS[set.representation]);
  const r = trainGeneral({
    train,
    val,
    net,
    recipe,
    seed,
    threads,
    maxMinutes: opts.maxMinutes,
    onEpoch: opts.onEpoch,
  });
  const pc = predictGeneral(r.net, cal.x, cal.aux, cal.count, r.norm);
  const conformal = conformalHalfWidths(pc, cal.y, 0.9);
  const pt = predictGeneral(r.net, test.x, test.aux, test.count, r.norm);
  const slice = (pred: (f: number) => boolean) => {
    const idx: number[] = [];
    for (let i = 0; i < test.count; i++) if (pred(test.flags[i])) idx.push(i);
    return idx.length ? generalErrors(pt, test.y, idx) : null;
  };
  const metrics = {
    val: generalErrors(predictGeneral(r.net, val.x, val.aux, val.count, r.norm), val.y),
    test_valid: slice((f) => f === 0),
    test_unfinished: slice((f) => (f & 1) !== 0),
    test_all: slice(() => true),
  };
  const manifest = writeGeneralModel(
    opts.out,
    {
      representation: set.representation,
      net,
      parameterCount: r.parameterCount,
      recipe: { ...recipe, seed, threads, timeLimit_min: opts.maxMinutes },
      normalization: r.norm,
      dataset: { seed: dataSeed, train: train.count, val: val.count, calibration: cal.count },
      epochsRun: r.history.length,
      bestEpoch: r.bestEpoch,
      wallTime_s: Math.round(r.wallTime_s * 10) / 10,
      conformal,
      metrics,
    },
    r.best,
    r.history,
  );
  opts.onLog?.(
    `train general: ${r.history.length} epochs in ${manifest.wallTime_s} s, best ${r.bestEpoch}; test valid RMSE ` +
      `Ea ${metrics.test_valid?.rmse_Ea_kJ_mol.toFixed(2)} lgA ${metrics.test_valid?.rmse_lgA.toFixed(3)} n ${metrics.test_valid?.rmse_n.toFixed(3)}`,
  );
  return manifest;
}
