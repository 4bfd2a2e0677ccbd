import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalQuantile, calibrateScale, intervalCoverage } from '../../src/nn/uncertainty/calibration.ts';
import { CnnEnsemble, SHIPPED_ENSEMBLE, writeEnsembleManifest } from '../../src/nn/uncertainty/ensemble.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { trainModel } from '../../src/nn/train.ts';
import { readCurveDataset } from '../../src/nn/dataset.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { writeTinyDataset } from './fixtures.ts';
import { tinyPreset } from './tiny-preset.ts';

test('normal quantile matches known values (Φ⁻¹(0.95) = 1.6448536…, Φ⁻¹(0.975) = 1.9599640…)', () => {
  assert.ok(Math.abs(normalQuantile(0.95) - 1.6448536269514722) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-8);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232306167813) < 1e-7);
  assert.equal(normalQuantile(0.5), 0);
});

test('split-conformal scale: residuals twice as wide as the spread → scale ≈ 2 and 90 % coverage on fresh data', () => {
  const rng = mulberry32(9);
  const rnd = () => rng.uniform();
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const draw = (n: number) => {
    const std = Float64Array.from({ length: n }, () => 0.5 + rnd());
    const mean = new Float64Array(n);
    const truth = Float64Array.from(std, (s) => 2 * s * gauss());
    return { mean, std, truth };
  };
  const cal = draw(4000);
  const s = calibrateScale(cal.mean, cal.std, cal.truth, 0.9);
  assert.ok(Math.abs(s - 2) < 0.1, `scale ${s}`);
  const fresh = draw(4000);
  const cov = intervalCoverage(fresh.mean, fresh.std, fresh.truth, s, 0.9);
  assert.ok(cov > 0.88 && cov < 0.92, `coverage ${cov}`);
  assert.ok(
    intervalCoverage(fresh.mean, fresh.std, fresh.truth, 1, 0.9) < 0.7,
    'uncalibrated spread is too narrow',
  );
});

test(
  'a deep ensemble of tiny CNNs: mean and spread over members, calibrated interval around the mean',
  { skip: engineAvailable() ? false : 'libtorch addon not built' },
  () => {
    const dataDir = writeTinyDataset(120, 4);
    const data = readCurveDataset(dataDir);
    const dir = mkdtempSync(join(tmpdir(), 'ckin-ens-'));
    for (const k of [1, 2, 3])
      trainModel({ preset: tinyPreset(3), data, outDir: join(dir, `member-${k}`), seed: k, threads: 1 });
    writeEnsembleManifest(dir, {
      calibration: { scale_Ea: 2, scale_lgA: 3, level: 0.9, dataset: dataDir, split: 'val', count: 1 },
    });
    const ens = CnnEnsemble.load(dir);
    const p = ens.predict(data.set);
    assert.equal(p.members, 3);
    const single = ens.models.map((m) => m.predict(data.set));
    const i = 7;
    const mean = (single[0][i * 2] + single[1][i * 2] + single[2][i * 2]) / 3;
    assert.ok(Math.abs(p.mean[i * 2] - mean) < 1e-9);
    assert.ok(p.std[i * 2] > 0);
    const [lo, hi] = ens.interval(p, i, 0);
    assert.ok(Math.abs((hi - lo) / 2 - 1.6448536269514722 * 2 * p.std[i * 2]) < 1e-6);
  },
);

test(
  'the shipped ensemble: 5 members, calibrated, 90 % coverage on a fresh-seed test split within 87–93 % per material',
  { skip: engineAvailable() ? false : 'libtorch addon not built' },
  () => {
    const ens = CnnEnsemble.load(SHIPPED_ENSEMBLE);
    assert.equal(ens.models.length, 5);
    assert.ok(
      ens.manifest.calibration &&
        ens.manifest.calibration.scale_Ea > 0 &&
        ens.manifest.calibration.scale_lgA > 0,
    );
    const cov = (
      ens.manifest.coverage as { perMaterial: Record<string, { Ea: number; lgA: number; count: number }> }
    ).perMaterial;
    for (const [mat, c] of Object.entries(cov)) {
      assert.ok(c.count >= 700, `${mat}: ${c.count} samples`);
      for (const v of [c.Ea, c.lgA]) assert.ok(v >= 0.87 && v <= 0.93, `${mat}: coverage ${v}`);
    }
    // A clean multi-rate sample: the interval is centred on the mean and has the calibrated width.
    const data = readCurveDataset(writeTinyDataset(3, 8));
    const p = ens.predict(data.set);
    const [lo, hi] = ens.interval(p, 0, 1);
    assert.ok(lo < p.mean[1] && p.mean[1] < hi);
  },
);
