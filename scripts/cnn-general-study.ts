/**
 * Representation study of the general model (docs/cnn.md "General model"): the same training, validation and
 * held-out samples of the general prior in both representations (src/nn/general/representation.ts), the same
 * network and recipe, RMSE of Ea, lgA, n and the family error on the valid held-out samples.
 *
 *   nice -n 15 npx tsx scripts/cnn-general-study.ts [--train 8000] [--epochs 15] [--threads 2]
 */
import { parseArgs } from 'node:util';
import { generalSets } from '../src/nn/general/dataset.ts';
import { generalNet, GENERAL_RECIPE } from '../src/nn/general/network.ts';
import { generalErrors, predictGeneral, trainGeneral } from '../src/nn/general/train.ts';
import { REPRESENTATIONS, type RepresentationName } from '../src/nn/general/representation.ts';

const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '8000' },
    test: { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '15' },
    threads: { type: 'string', default: '2' },
    reps: { type: 'string' },
  },
});
const reps = (values.reps ?? 'iso,runs').split(',') as RepresentationName[];
let t = performance.now();
const train = generalSets({ count: Number(values.train), seed: 101, representations: reps, validOnly: true });
const val = generalSets({ count: 1000, seed: 102, representations: reps, validOnly: true });
const test = generalSets({ count: Number(values.test), seed: 103, representations: reps });
console.error(`data ${((performance.now() - t) / 1000).toFixed(1)} s`);
const validRows: number[] = [];
for (let i = 0; i < test[reps[0]].count; i++) if (test[reps[0]].flags[i] === 0) validRows.push(i);
for (const rep of reps) {
  t = performance.now();
  const r = trainGeneral({
    train: train[rep],
    val: val[rep],
    net: generalNet(REPRESENTATIONS[rep]),
    recipe: { ...GENERAL_RECIPE, epochs: Number(values.epochs) },
    seed: 1,
    threads: Number(values.threads),
    onEpoch: (h) =>
      console.error(
        `${rep} e${h.epoch} val Ea ${h.val_rmse_Ea_kJ_mol.toFixed(2)} lgA ${h.val_rmse_lgA.toFixed(3)} n ${h.val_rmse_n.toFixed(3)} ${h.seconds}s`,
      ),
  });
  const p = predictGeneral(r.net, test[rep].x, test[rep].aux, test[rep].count, r.norm);
  const e = generalErrors(p, test[rep].y, validRows);
  console.log(
    JSON.stringify({
      representation: rep,
      parameters: r.parameterCount,
      bestEpoch: r.bestEpoch,
      train_s: Math.round((performance.now() - t) / 1000),
      test_valid: e,
    }),
  );
}
