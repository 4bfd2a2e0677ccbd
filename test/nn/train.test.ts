import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeTinyDataset } from './fixtures.ts';
import { tinyPreset } from './tiny-preset.ts';
import { readCurveDataset, splitIndices, subset } from '../../src/nn/dataset.ts';
import { trainModel } from '../../src/nn/train.ts';
import { CnnModel } from '../../src/nn/model.ts';
import { createNet, engineAvailable } from '../../src/nn/engine.ts';
import { InputError } from '../../src/core/input-error.ts';
import { predict, type PredictSampleResult } from '../../src/app/predict.ts';
import { simulate } from '../../src/app/simulate.ts';

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
        'checkpoint-e0015.pt',
        'history.json',
        'history.svg',
        'train-state.json',
        'complete.json',
      ]) {
        assert.ok(existsSync(join(out, f)), f);
      }
      // one checkpoint: the one the state names
      assert.deepEqual(
        readdirSync(out).filter((f) => f.startsWith('checkpoint')),
        ['checkpoint-e0015.pt'],
      );
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
    assert.ok(readFileSync(dir + '-c/model.pt').equals(readFileSync(dir + '-a/model.pt')));
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

test(
  'a model directory is loadable only when its training finished (complete.json written last)',
  { skip },
  () => {
    const dir = writeTinyDataset(200, 4);
    try {
      const data = readCurveDataset(dir);
      const out = dir + '-partial';
      trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 1, threads: 1, stopAfter: 1 });
      assert.ok(existsSync(join(out, 'model.pt')) && !existsSync(join(out, 'complete.json')));
      assert.throws(
        () => CnnModel.load(out),
        (e: unknown) =>
          e instanceof InputError && /not a finished model: its training did not finish/.test(e.message),
      );
      const m = CnnModel.load(out, 'model.pt', { allowIncomplete: true });
      assert.match(m.incomplete!, /no complete\.json/);
      // ckin predict: refused, or with --allow-incomplete marked unreliable
      const runs = simulate({ Ea_kJ_mol: 165, lgA_s: 12, n: 3, out: join(out, 'runs') }).runs.map((r) => ({
        path: r.file!,
      }));
      assert.throws(() => predict({ model: out, runs }), /not a finished model/);
      const p = predict({ model: out, runs, allowIncomplete: true }) as PredictSampleResult;
      assert.equal(p.warnings[0].code, 'cnn.model-incomplete');
      assert.equal(p.quality, 'unreliable');
      // resumed to the end: complete, loadable
      trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 1, threads: 1, resume: true });
      assert.equal(CnnModel.load(out).incomplete, null);
      // a model.pt swapped after training no longer matches the marker
      writeFileSync(
        join(out, 'model.pt'),
        readFileSync(
          join(
            out,
            readdirSync(out).find((f) => f.startsWith('checkpoint'))!,
          ),
        ),
      );
      assert.throws(() => CnnModel.load(out), /model\.pt is not the file complete\.json names/);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  },
);

test('--resume refuses another dataset or any changed hyperparameter, naming it', { skip }, () => {
  const dir = writeTinyDataset(200, 6);
  const other = writeTinyDataset(200, 7);
  try {
    const data = readCurveDataset(dir);
    const out = dir + '-r';
    trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 1, threads: 1, stopAfter: 1 });
    const lr = tinyPreset(3);
    lr.train.lr *= 3;
    assert.throws(
      () => trainModel({ preset: lr, data, outDir: out, seed: 1, threads: 1, resume: true }),
      (e: unknown) => e instanceof InputError && /different run: recipe\.lr: /.test(e.message),
    );
    assert.throws(
      () => trainModel({ preset: tinyPreset(4), data, outDir: out, seed: 1, threads: 1, resume: true }),
      /recipe\.epochs: 3 → 4/,
    );
    assert.throws(
      () => trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 2, threads: 1, resume: true }),
      /seed: 1 → 2/,
    );
    assert.throws(
      () =>
        trainModel({
          preset: tinyPreset(3),
          data: readCurveDataset(other),
          outDir: out,
          seed: 1,
          threads: 1,
          resume: true,
        }),
      /the dataset changed/,
    );
    assert.throws(
      () =>
        trainModel({
          preset: tinyPreset(3),
          data,
          outDir: out,
          seed: 1,
          threads: 1,
          resume: true,
          maxMinutes: 5,
        }),
      /maxMinutes: null → 5/,
    );
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
    rmSync(dirname(other), { recursive: true, force: true });
  }
});

test(
  'a kill between the new checkpoint and the state commit resumes to the identical weights; leftovers removed',
  { skip },
  () => {
    const dir = writeTinyDataset(200, 8);
    try {
      const data = readCurveDataset(dir);
      const ref = trainModel({ preset: tinyPreset(3), data, outDir: dir + '-ref', seed: 1, threads: 1 });
      const out = dir + '-k';
      trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 1, threads: 1, stopAfter: 1 });
      const state = JSON.parse(readFileSync(join(out, 'train-state.json'), 'utf8')) as { checkpoint: string };
      assert.equal(state.checkpoint, 'checkpoint-e0001.pt');
      // As if killed after writing epoch 2's checkpoint (here: other weights) but before the state named it, and
      // during an atomic write (its temporary file).
      writeFileSync(join(out, 'checkpoint-e0002.pt'), readFileSync(join(dir + '-ref', 'model.pt')));
      writeFileSync(join(out, '.model.pt.tmp-12345-1700000000000'), 'partial');
      const r = trainModel({ preset: tinyPreset(3), data, outDir: out, seed: 1, threads: 1, resume: true });
      assert.deepEqual(
        r.history.map((h) => h.train_loss),
        ref.history.map((h) => h.train_loss),
      );
      assert.ok(readFileSync(join(out, 'model.pt')).equals(readFileSync(join(dir + '-ref', 'model.pt'))));
      assert.deepEqual(
        readdirSync(out).filter((f) => f.includes('.tmp-') || f.startsWith('checkpoint')),
        ['checkpoint-e0003.pt'],
      );
      // a damaged checkpoint is refused, not loaded
      const out2 = dir + '-d';
      trainModel({ preset: tinyPreset(3), data, outDir: out2, seed: 1, threads: 1, stopAfter: 1 });
      writeFileSync(join(out2, 'checkpoint-e0001.pt'), 'garbage');
      assert.throws(
        () => trainModel({ preset: tinyPreset(3), data, outDir: out2, seed: 1, threads: 1, resume: true }),
        /does not match its recorded sha256/,
      );
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  },
);
