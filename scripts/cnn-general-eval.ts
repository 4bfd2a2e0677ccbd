/**
 * Accuracy of a general model per slice (docs/cnn.md "General model"): fresh samples of the general prior (seed
 * 9001, never used in training), split by rate set, family, n, noise and unfinished runs; the known-answer
 * grid (three-rate runs at 5/20/40, 2/10/40 and 10/30/60 K/min, JMA n = 1, 2, 3, 4, Ea 100–300 kJ/mol: share
 * within 5 kJ/mol of the valid cases); the coverage of the split-conformal 90 % intervals per slice.
 *
 *   nice -n 15 npx tsx scripts/cnn-general-eval.ts [models/general] [--n 4000] [--grid 25]
 */
import { parseArgs } from 'node:util';
import { setThreads } from '../src/nn/engine.ts';
import { GeneralModel } from '../src/nn/general/model.ts';
import { generalSets, type GeneralSet } from '../src/nn/general/dataset.ts';
import { predictGeneral, generalErrors } from '../src/nn/general/train.ts';
import { kissingerLgA, type GeneralDraw } from '../src/synth/general-prior.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonUnknown } from '../src/core/json.ts';
import { MONDRIAN_FILE, mondrianHalfWidths, type MondrianConformal } from '../src/nn/general/conformal.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { n: { type: 'string', default: '4000' }, grid: { type: 'string', default: '25' } },
});
setThreads(1);
const model = GeneralModel.load(positionals[0] ?? 'models/general');
const rep = model.manifest.representation;
const q = model.manifest.conformal;
const mondrianPath = join(positionals[0] ?? 'models/general', MONDRIAN_FILE);
const mondrian = existsSync(mondrianPath) ? (readJsonUnknown(mondrianPath) as MondrianConformal) : undefined;

function score(set: GeneralSet, label: string, rows: number[], pred: Float64Array) {
  if (rows.length === 0) return;
  const e = generalErrors(pred, set.y, rows);
  let within5 = 0;
  const cov = [0, 0, 0];
  for (const i of rows) {
    const o = 4 * i;
    if (Math.abs(pred[o] - set.y[o]) <= 5) within5++;
    if (Math.abs(pred[o] - set.y[o]) <= q.Ea_kJ_mol) cov[0]++;
    if (Math.abs(pred[o + 1] - set.y[o + 1]) <= q.lgA_s) cov[1]++;
    if (Math.abs(pred[o + 2] - set.y[o + 2]) <= q.n) cov[2]++;
  }
  const f = (x: number, d: number) => x.toFixed(d);
  // the input-dependent (Mondrian) intervals, when the model directory has them
  const mc = [0, 0, 0];
  let mWidth = 0;
  if (mondrian)
    for (const i of rows) {
      const o = 4 * i;
      const h = mondrianHalfWidths(
        mondrian,
        set.inputNoise![i],
        pred[o + 3] > 0.5 ? 'nth-order' : 'jma',
        pred[o + 2],
        pred[o],
      );
      if (Math.abs(pred[o] - set.y[o]) <= h.Ea_kJ_mol) mc[0]++;
      if (Math.abs(pred[o + 1] - set.y[o + 1]) <= h.lgA_s) mc[1]++;
      if (Math.abs(pred[o + 2] - set.y[o + 2]) <= h.n) mc[2]++;
      mWidth += h.Ea_kJ_mol / rows.length;
    }
  const m = mondrian
    ? ` ${f(mc[0] / rows.length, 3)} / ${f(mc[1] / rows.length, 3)} / ${f(mc[2] / rows.length, 3)} | ${f(mWidth, 2)} |`
    : '';
  console.log(
    `| ${label} | ${rows.length} | ${f(e.rmse_Ea_kJ_mol, 2)} | ${f(e.rmse_lgA, 3)} | ${f(e.rmse_n, 3)} | ${f(100 * e.family_error, 1)} | ${f((100 * within5) / rows.length, 1)} | ` +
      `${f(cov[0] / rows.length, 3)} / ${f(cov[1] / rows.length, 3)} / ${f(cov[2] / rows.length, 3)} |${m}`,
  );
}

const header =
  '| slice | N | RMSE Ea kJ/mol | RMSE lgA | RMSE n | family wrong % | Ea within 5 kJ/mol % | 90 % coverage Ea / lgA / n |' +
  (mondrian
    ? ' Mondrian 90 % coverage Ea / lgA / n | mean Mondrian Ea half-width kJ/mol |\n|---|---|---|---|---|---|---|---|---|---|'
    : '\n|---|---|---|---|---|---|---|---|');
console.log(
  `model ${positionals[0] ?? 'models/general'}: conformal half-widths Ea ${q.Ea_kJ_mol.toFixed(2)} kJ/mol, lgA ${q.lgA_s.toFixed(3)}, n ${q.n.toFixed(3)}\n`,
);
console.log(header);
const N = Number(values.n);
const prior = generalSets({ count: N, seed: 9001, representations: [rep] })[rep];
const pp = predictGeneral(model.net, prior.x, prior.aux, prior.count, model.manifest.normalization);
const all = [...Array(prior.count).keys()];
const valid = all.filter((i) => prior.flags[i] === 0);
const d = (i: number): GeneralDraw => prior.draws[i];
score(prior, 'prior, valid', valid, pp);
score(
  prior,
  'prior, unfinished runs',
  all.filter((i) => (prior.flags[i] & 1) !== 0),
  pp,
);
score(
  prior,
  'valid, 3 runs',
  valid.filter((i) => d(i).rates_K_min.length === 3),
  pp,
);
score(
  prior,
  'valid, 4 runs',
  valid.filter((i) => d(i).rates_K_min.length === 4),
  pp,
);
score(
  prior,
  'valid, 5 runs',
  valid.filter((i) => d(i).rates_K_min.length === 5),
  pp,
);
score(
  prior,
  'valid, JMA',
  valid.filter((i) => d(i).family === 'jma'),
  pp,
);
score(
  prior,
  'valid, nth order',
  valid.filter((i) => d(i).family === 'nth-order'),
  pp,
);
for (const [lo, hi] of [
  [0.5, 1],
  [1, 2],
  [2, 3],
  [3, 4],
])
  score(
    prior,
    `valid, n ${lo}–${hi}`,
    valid.filter((i) => d(i).n >= lo && d(i).n < hi),
    pp,
  );
for (const s of [0, 0.5, 1, 2])
  score(
    prior,
    `valid, noise × ${s}`,
    valid.filter((i) => d(i).noiseScale === s),
    pp,
  );
for (const [lo, hi] of [
  [60, 120],
  [120, 200],
  [200, 280],
  [280, 350],
])
  score(
    prior,
    `valid, Ea ${lo}–${hi}`,
    valid.filter((i) => d(i).Ea_kJ_mol >= lo && d(i).Ea_kJ_mol < hi),
    pp,
  );

console.log(
  '\nKnown-answer grid (JMA, paper noise, Ea uniform 100–300, lgA from T_p(10 K/min) uniform 450–900 K):\n',
);
console.log(header);
const G = Number(values.grid);
let seed = 9100;
for (const rates of [
  [5, 20, 40],
  [2, 10, 40],
  [10, 30, 60],
]) {
  for (const n of [1, 2, 3, 4]) {
    const set = generalSets({
      count: G,
      seed: seed++,
      representations: [rep],
      rates_K_min: rates,
      validOnly: true,
      modify: (dr, rng) => {
        const Ea = 100 + 200 * rng.uniform();
        // lgA from a peak temperature at 10 K/min drawn in 450–900 K (inside the prior, as real runs have it)
        const lgA = kissingerLgA(Ea, 450 + 450 * rng.uniform(), 10);
        return {
          ...dr,
          family: 'jma',
          n,
          Ea_kJ_mol: Ea,
          lgA_s: Math.min(25, Math.max(2, lgA)),
          noiseScale: 1,
        };
      },
    })[rep];
    const p = predictGeneral(model.net, set.x, set.aux, set.count, model.manifest.normalization);
    const rows = [...Array(set.count).keys()].filter((i) => set.flags[i] === 0);
    score(set, `${rates.join('/')} K/min, n = ${n}`, rows, p);
  }
}
