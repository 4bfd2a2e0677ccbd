import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeTinyDataset } from './fixtures.ts';
import { tinyPreset } from './tiny-preset.ts';
import { readCurveDataset, splitIndices, subset } from '../../src/nn/dataset.ts';
import { trainModel } from '../../src/nn/train.ts';
import { CnnModel } from '../../src/nn/model.ts';
import { createNet, engineAvailable } from '../../src/nn/engine.ts';

const skip = !engineAvailable() && 'libtorch addon not built (npm run build:native)';

test(
  'a tiny network trains: loss falls, files written, best model scores on the test split',
  { skip },
  () => {
    const dir = writeTinyDataset(400, 1);
    const out = dir + '-model';
    try {
      const data = readCurveDataset(dir);
      const { manifest, history } = trainModel({
        preset: tinyPreset(15),
        data,
        outDir: out,
        seed: 1,
        threads: 1,
      });
      assert.equal(history.length, 15);
      assert.ok(
        history[14].train_loss < 0.3 * history[0].train_loss,
        `train loss ${history[0].train_loss} → ${history[14].train_loss}`,
      );
      assert.ok(
        history[14].val_loss < 0.3 * history[0].val_loss,
        `val loss ${history[0].val_loss} → ${history[14].val_loss}`,
      );
      for (const f of [
        'manifest.json',
        'model.pt',
        'checkpoint.pt',
        'history.json',
        'history.svg',
        'train-state.json',
      ]) {
        assert.ok(existsSync(join(out, f)), f);
      }
      assert.equal(manifest.epochsRun, 15);
      assert.ok(manifest.metrics.test!.r2_Ea > 0.8, `test R² Ea ${manifest.metrics.test!.r2_Ea}`);
      // The model directory reloads and reproduces the manifest's test metrics exactly.
      const model = CnnModel.load(out);
      const test = subset(data.set, splitIndices(data.set, 'test'));
      const pred = model.predict(test);
      let ss = 0;
      for (let i = 0; i < test.count; i++) ss += (pred[2 * i] - test.targets[2 * i]) ** 2;
      assert.equal(Math.sqrt(ss / test.count), manifest.metrics.test!.rmse_Ea_kJ_mol);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  },
);

test('same seed ⇒ identical training; --resume continues to the same weights', { skip }, () => {
  const dir = writeTinyDataset(200, 2);
  try {
    const data = readCurveDataset(dir);
    const a = trainModel({ preset: tinyPreset(4), data, outDir: dir + '-a', seed: 3, threads: 1 });
    const b = trainModel({ preset: tinyPreset(4), data, outDir: dir + '-b', seed: 3, threads: 1 });
    assert.deepEqual(
      a.history.map((h) => h.train_loss),
      b.history.map((h) => h.train_loss),
    );
    assert.ok(readFileSync(dir + '-a/model.pt').equals(readFileSync(dir + '-b/model.pt')), 'weights differ');
    // Stopped after 1 epoch, resumed to 4: same losses as the uninterrupted run.
    trainModel({ preset: tinyPreset(4), data, outDir: dir + '-c', seed: 3, threads: 1, stopAfter: 1 });
    const c1 = JSON.parse(readFileSync(dir + '-c/train-state.json', 'utf8'));
    assert.equal(c1.epochsDone, 1);
    const c = trainModel({
      preset: tinyPreset(4),
      data,
      outDir: dir + '-c',
      seed: 3,
      threads: 1,
      resume: true,
    });
    assert.deepEqual(
      c.history.map((h) => h.train_loss),
      a.history.map((h) => h.train_loss),
    );
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

test('save → load → predict is bit-identical (eval mode, BatchNorm statistics included)', { skip }, () => {
  const preset = tinyPreset();
  const { net } = createNet(preset.net, 7);
  net.setOptimizer({ type: 'adamw', lr: 1e-3, weightDecay: 1e-2 });
  const B = 16;
  const x = Float32Array.from({ length: B * 600 }, (_, i) => Math.sin(i * 0.37));
  const aux = Float32Array.from({ length: B * 3 }, (_, i) => (i % 3) - 1);
  const y = Float32Array.from({ length: B * 2 }, (_, i) => Math.cos(i));
  for (let k = 0; k < 5; k++) net.trainStep(x, aux, y, B, 1e-3);
  const before = net.forward(x, aux, B);
  const { net: other } = createNet(preset.net, 99);
  assert.notDeepEqual(other.forward(x, aux, B), before);
  other.loadState(net.saveState());
  const after = other.forward(x, aux, B);
  assert.ok(
    Buffer.from(after.buffer).equals(Buffer.from(before.buffer)),
    'predictions differ after save/load',
  );
  assert.throws(() => net.forward(x.subarray(1), aux, B), /expected 9600 floats/);
});
