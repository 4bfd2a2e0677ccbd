// Build the deep ensemble that gives the CNN its calibrated 90 % intervals (issue 10):
//   npm run -s build:ensemble -- --data DIR --fresh DIR --out models/ensemble [--members 5] [--epochs 20]
//     [--minutes-per-member 6] [--threads 1] [--preset best]
// 1. trains the members with seeds 1…K (resumable: a finished member is kept; an interrupted one resumes),
// 2. fits the interval scale per output on the validation split of --data (split-conformal, src/nn/uncertainty),
// 3. checks the coverage of the calibrated 90 % intervals on the test split of a fresh-seed dataset (--fresh),
//    overall and per material, and writes everything into ensemble.json.
import { join } from 'node:path';
import { readCurveDataset, splitIndices, subset } from '../src/nn/dataset.ts';
import { presetByName } from '../src/nn/presets.ts';
import { trainModel } from '../src/nn/train.ts';
import { CnnEnsemble, writeEnsembleManifest } from '../src/nn/uncertainty/ensemble.ts';
import { calibrateScale, intervalCoverage } from '../src/nn/uncertainty/calibration.ts';

const arg = (name: string, dflt?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dataDir = arg('data')!;
const freshDir = arg('fresh')!;
const out = arg('out', 'models/ensemble')!;
const members = Number(arg('members', '5'));
const epochs = Number(arg('epochs', '20'));
const minutes = Number(arg('minutes-per-member', '6'));
const threads = Number(arg('threads', '1'));
const base = presetByName(arg('preset', 'best')!);
if (!dataDir || !freshDir)
  throw new Error('give --data DIR (training set) and --fresh DIR (a fresh-seed dataset)');

const data = readCurveDataset(dataDir);
for (let k = 1; k <= members; k++) {
  // resume: a finished member (epochs or time budget used up, counted over resumes) returns at once.
  const dir = join(out, `member-${k}`);
  const preset = { ...base, train: { ...base.train, epochs } };
  const t0 = Date.now();
  const { manifest } = trainModel({
    preset,
    data,
    outDir: dir,
    seed: k,
    threads,
    resume: true,
    maxMinutes: minutes,
  });
  process.stderr.write(
    `member ${k}: ${manifest.epochsRun} epochs in ${((Date.now() - t0) / 1000).toFixed(0)} s, ` +
      `val R² Ea ${manifest.metrics.val?.r2_Ea.toFixed(4)} lgA ${manifest.metrics.val?.r2_lgA.toFixed(4)}\n`,
  );
}
writeEnsembleManifest(out);
const ens = CnnEnsemble.load(out);

// Calibrate on the validation split of the training dataset.
const valSet = subset(data.set, splitIndices(data.set, 'val'));
const pv = ens.predict(valSet);
const col = (a: ArrayLike<number>, k: number) =>
  Float64Array.from({ length: a.length / 2 }, (_, i) => a[i * 2 + k]);
const scale_Ea = calibrateScale(col(pv.mean, 0), col(pv.std, 0), col(valSet.targets, 0));
const scale_lgA = calibrateScale(col(pv.mean, 1), col(pv.std, 1), col(valSet.targets, 1));

// Check on the test split of a fresh-seed dataset, per material.
const fresh = readCurveDataset(freshDir);
const testRows = splitIndices(fresh.set, 'test');
const testSet = subset(fresh.set, testRows);
const pt = ens.predict(testSet);
const coverage: Record<string, { count: number; Ea: number; lgA: number }> = {};
const materials = fresh.info.materials;
for (let m = -1; m < materials.length; m++) {
  const rows = Array.from({ length: testSet.count }, (_, i) => i).filter(
    (i) => m < 0 || testSet.material?.[i] === m,
  );
  const pick = (a: ArrayLike<number>, k: number) => Float64Array.from(rows, (i) => a[i * 2 + k]);
  coverage[m < 0 ? 'all' : materials[m]] = {
    count: rows.length,
    Ea: intervalCoverage(pick(pt.mean, 0), pick(pt.std, 0), pick(testSet.targets, 0), scale_Ea),
    lgA: intervalCoverage(pick(pt.mean, 1), pick(pt.std, 1), pick(testSet.targets, 1), scale_lgA),
  };
}
writeEnsembleManifest(out, {
  calibration: { scale_Ea, scale_lgA, level: 0.9, dataset: dataDir, split: 'val', count: valSet.count },
  coverage: { level: 0.9, dataset: freshDir, split: 'test', perMaterial: coverage },
});
console.log(JSON.stringify({ members: ens.models.length, scale_Ea, scale_lgA, coverage }, null, 2));
