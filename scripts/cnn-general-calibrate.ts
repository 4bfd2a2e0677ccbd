/**
 * Calibrate the general model's input-dependent (Mondrian) 90 % conformal intervals (src/nn/general/conformal.ts)
 * on fresh samples of the general prior — seed 7001, neither the training data (seed 11) nor the evaluation of
 * scripts/cnn-general-eval.ts (seeds 9001, 9100+) — and write MODEL_DIR/conformal-mondrian.json. The network is not
 * changed.
 *
 *   nice -n 15 npx tsx scripts/cnn-general-calibrate.ts [models/general] [--n 40000] [--seed 7001]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/core/atomic-write.ts';
import { setThreads } from '../src/nn/engine.ts';
import { GeneralModel } from '../src/nn/general/model.ts';
import { generalSets } from '../src/nn/general/dataset.ts';
import { predictGeneral } from '../src/nn/general/train.ts';
import { calibrateMondrian, MONDRIAN_FILE } from '../src/nn/general/conformal.ts';
import { subsetGeneral } from '../src/app/synth-general.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { n: { type: 'string', default: '40000' }, seed: { type: 'string', default: '7001' } },
});
setThreads(1);
const dir = positionals[0] ?? 'models/general';
const model = GeneralModel.load(dir);
const rep = model.manifest.representation;
const seed = Number(values.seed);
const t0 = performance.now();
const full = generalSets({ count: Number(values.n), seed, representations: [rep] })[rep];
const cal = subsetGeneral(
  full,
  [...Array(full.count).keys()].filter((i) => full.flags[i] === 0),
);
const pred = predictGeneral(model.net, cal.x, cal.aux, cal.count, model.manifest.normalization);
const c = calibrateMondrian(pred, cal.y, cal.inputNoise!, 0.9, seed);
writeFileAtomic(join(dir, MONDRIAN_FILE), JSON.stringify(c, null, 2) + '\n');
console.log(
  `${cal.count} valid calibration samples of ${full.count} (seed ${seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${join(dir, MONDRIAN_FILE)}`,
);
console.log(`noise edges ${c.noiseEdges.map((e) => e.toExponential(2)).join(', ')}`);
for (const [k, b] of Object.entries(c.bins).sort())
  console.log(
    `${k.padEnd(8)} ${String(b.count).padStart(6)}  Ea ±${b.Ea_kJ_mol.toFixed(2)}  lgA ±${b.lgA_s.toFixed(3)}  n ±${b.n.toFixed(3)}`,
  );
