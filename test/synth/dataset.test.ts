import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  cpSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../../src/synth/dataset-writer.ts';
import { readDataset } from '../../src/synth/dataset-reader.ts';
import { defaultSpec } from '../../src/synth/spec.ts';
import { CLEAN_NOISE } from '../../src/synth/noise.ts';
import { gridTemperatures_K } from '../../src/synth/grid.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { peakNormalize } from '../../src/synth/peak-normalize.ts';
import { FLAG_VALID, sampleFlags } from '../../src/synth/validity.ts';
import { kceLineLgA, parseMaterialsJson } from '../../src/synth/materials.ts';
import { InputError } from '../../src/core/input-error.ts';
import { drawLabels } from '../../src/synth/sampling-plan.ts';
import { Xoshiro128 as Rng } from '../../src/core/xoshiro128.ts';
import { STREAM_PARAMS } from '../../src/synth/streams.ts';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'ckin-synth-test-'));
  process.env.SOURCE_DATE_EPOCH = '1700000000';
});
after(() => rmSync(root, { recursive: true, force: true }));

const ARRAYS = [
  'curves.f32',
  'aux.f32',
  'labels.f32',
  'material.u8',
  'share.u8',
  'flags.u8',
  'split.u8',
  'manifest.json',
];

test('same seed ⇒ identical bytes, in this thread and on 2 worker threads with another chunking', async () => {
  const spec = defaultSpec({ count: 600, seed: 11 });
  await generateDataset(join(root, 'a'), spec, { workers: 1 });
  await generateDataset(join(root, 'b'), spec, { workers: 2, chunkSize: 37 });
  for (const f of ARRAYS)
    assert.ok(readFileSync(join(root, 'a', f)).equals(readFileSync(join(root, 'b', f))), f);
  await generateDataset(join(root, 'c'), defaultSpec({ count: 600, seed: 12 }), { workers: 1 });
  assert.ok(!readFileSync(join(root, 'a', 'curves.f32')).equals(readFileSync(join(root, 'c', 'curves.f32'))));
  // No temporary directories are left behind.
  assert.deepEqual(readdirSync(root).sort(), ['a', 'b', 'c']);
});

test('a clean dataset stores the exact peak-normalized JMA curves (float32) and the flags of those curves', async () => {
  const spec = defaultSpec({ count: 200, seed: 3, noise: { ...CLEAN_NOISE } });
  await generateDataset(join(root, 'clean'), spec, { workers: 1 });
  const ds = readDataset(join(root, 'clean'));
  const T = gridTemperatures_K(spec.grid_C);
  for (const i of [0, 17, 99, 199]) {
    // The float64 labels of sample i come from its own parameter stream; the stored labels are their float32 values.
    const p = drawLabels(
      spec,
      spec.materials[ds.material[i]],
      ds.share[i],
      new Rng(spec.seed, i, STREAM_PARAMS),
    );
    assert.deepEqual(
      Array.from(ds.labels.subarray(i * 3, i * 3 + 3)),
      [p.Ea_kJ_mol, p.lgA_s, p.n].map(Math.fround),
    );
    const curves = [10, 30, 60].map((beta) => jmaExactCurve(p, beta, T[0], T));
    const expectedFlags = sampleFlags(
      curves.map((c) => c.dadT_per_K),
      curves.map((c) => c.alpha[199]),
    );
    assert.equal(ds.flags[i], expectedFlags, `flags of sample ${i}`);
    curves.forEach((c, r) => {
      const ref = peakNormalize(c.dadT_per_K);
      for (let k = 0; k < 200; k++) {
        // Stored = float32 rounding of the exact normalized value (≤ 1e-9 before rounding, see synthesize.test.ts).
        const stored = ds.curves[(i * 3 + r) * 200 + k];
        assert.ok(
          Math.abs(stored - ref[k]) <= 6e-8 * Math.abs(ref[k]) + 1e-45,
          `sample ${i} rate ${r} point ${k}: ${stored} vs ${ref[k]}`,
        );
      }
    });
  }
});

test('manifest: counts, split per material, normalization from the training split recomputed independently', () => {
  const dir = join(root, 'a');
  const ds = readDataset(dir);
  const m = ds.manifest;
  assert.equal(m.format, 'cathode-kinetics-dataset');
  assert.equal(m.formatVersion, 1);
  assert.equal(m.count, 600);
  assert.deepEqual(m.materials, ['NCM811', 'NCM622', 'NCM523', 'NCM111']);
  // 150 per material: round(105) train, round(22.5) = 23 val, 22 test.
  assert.deepEqual(m.splitCounts, { train: 420, val: 92, test: 88 });
  assert.deepEqual(m.files['curves.f32'].shape, [600, 3, 200]);
  assert.equal(m.createdAt, new Date(1700000000 * 1000).toISOString());
  for (let k = 0; k < 4; k++) {
    const counts = [0, 0, 0];
    for (let i = 0; i < 600; i++) if (ds.material[i] === k) counts[ds.split[i]]++;
    assert.deepEqual(counts, [105, 23, 22]);
  }
  for (let i = 0; i < 600; i++) assert.deepEqual(Array.from(ds.aux.subarray(i * 3, i * 3 + 3)), [10, 30, 60]);
  // Recompute the statistics with a two-pass formula.
  for (let r = 0; r < 3; r++) {
    const values: number[] = [];
    for (let i = 0; i < 600; i++)
      if (ds.split[i] === 0) for (let k = 0; k < 200; k++) values.push(ds.curves[(i * 3 + r) * 200 + k]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    assert.ok(Math.abs(m.normalization.curves.mean[r] - mean) < 1e-9 * Math.abs(mean) + 1e-12);
    assert.ok(Math.abs(m.normalization.curves.std[r] - sd) < 1e-9 * sd);
  }
  const Ea = Array.from({ length: 600 }, (_, i) => i)
    .filter((i) => ds.split[i] === 0)
    .map((i) => ds.labels[i * 3]);
  const EaMean = Ea.reduce((a, b) => a + b, 0) / Ea.length;
  assert.ok(Math.abs(m.normalization.labels.mean[0] - EaMean) < 1e-9 * EaMean);
  assert.deepEqual(m.normalization.aux.mean, [10, 30, 60]);
  assert.deepEqual(m.normalization.aux.std, [1, 1, 1]);
  // The summary agrees with the flags.
  for (const [k, name] of m.materials.entries()) {
    let invalid = 0;
    let n = 0;
    for (let i = 0; i < 600; i++) {
      if (ds.material[i] !== k) continue;
      n++;
      if (!(ds.flags[i] & FLAG_VALID)) invalid++;
    }
    assert.equal(m.summary.byMaterial[name].invalid, invalid);
    assert.equal(m.summary.byMaterial[name].count, n);
  }
  assert.equal(m.summary.byShare.kce.count + m.summary.byShare.plane.count, 600);
  assert.equal(m.summary.byShare.kce.count, 4 * 113);
});

test('the paper-faithful valid fractions match the reference (science.md §5: 87/72/50/52 %, all 65 %)', async () => {
  const spec = defaultSpec({ count: 4000, seed: 21, noise: { ...CLEAN_NOISE } });
  const m = await generateDataset(join(root, 'ref'), spec, { workers: 1 });
  const ref = { NCM811: 0.87, NCM622: 0.72, NCM523: 0.5, NCM111: 0.52 };
  // 1000 samples per material: binomial sd ≤ 1.6 %; allow 5 %.
  for (const [name, valid] of Object.entries(ref)) {
    const got = 1 - m.summary.byMaterial[name].invalidFraction;
    assert.ok(Math.abs(got - valid) < 0.05, `${name}: ${got} vs ${valid}`);
  }
  assert.ok(Math.abs(m.summary.validFraction - 0.65) < 0.03, `all: ${m.summary.validFraction}`);
  // KCE-share labels lie on their lines within 3σ (σ = 0.5) for ≥ 99.5 % of the samples.
  const ds = readDataset(join(root, 'ref'));
  let kce = 0;
  let inside = 0;
  for (let i = 0; i < 4000; i++) {
    if (ds.share[i] !== 0) continue;
    kce++;
    const mat = spec.materials[ds.material[i]];
    if (Math.abs(ds.labels[i * 3 + 1] - kceLineLgA(mat, ds.labels[i * 3])) <= 1.5) inside++;
  }
  assert.equal(kce, 3000);
  assert.ok(inside / kce >= 0.995, `inside 3σ: ${inside / kce}`);
});

test('policy resample leaves no invalid sample and reports the first-draw invalid fraction', async () => {
  const spec = defaultSpec({ count: 400, seed: 4, policy: 'resample' });
  const m = await generateDataset(join(root, 'res'), spec, { workers: 1 });
  const ds = readDataset(join(root, 'res'));
  assert.ok(ds.flags.every((f) => f === FLAG_VALID));
  assert.equal(m.summary.validFraction, 1);
  assert.ok(
    m.summary.firstDraw.validFraction < 0.8,
    `first draws valid ${m.summary.firstDraw.validFraction}`,
  );
  assert.ok(m.summary.draws > 400);
  // Same material/share plan as the keep dataset with the same seed: exact counts survive resampling.
  const keep = await generateDataset(join(root, 'keep4'), { ...spec, policy: 'keep' }, { workers: 1 });
  assert.deepEqual(
    readFileSync(join(root, 'res', 'material.u8')),
    readFileSync(join(root, 'keep4', 'material.u8')),
  );
  assert.equal(keep.summary.validFraction, m.summary.firstDraw.validFraction);
});

test('policy flag: same arrays as keep, normalization from the valid training samples only', async () => {
  const spec = defaultSpec({ count: 400, seed: 4, policy: 'flag' });
  const m = await generateDataset(join(root, 'flag'), spec, { workers: 1 });
  for (const f of ['curves.f32', 'labels.f32', 'flags.u8', 'split.u8']) {
    assert.ok(readFileSync(join(root, 'flag', f)).equals(readFileSync(join(root, 'keep4', f))), f);
  }
  const keep = readDataset(join(root, 'keep4')).manifest;
  assert.equal(m.normalization.from, 'train-valid');
  assert.equal(keep.normalization.from, 'train');
  assert.notEqual(m.normalization.labels.mean[0], keep.normalization.labels.mean[0]);
});

test('corrupted arrays and manifests are detected on read', () => {
  const src = join(root, 'a');
  const copy = (name: string): string => {
    const d = join(root, name);
    cpSync(src, d, { recursive: true });
    return d;
  };
  const flipped = copy('flip');
  const buf = readFileSync(join(flipped, 'curves.f32'));
  buf[1234] ^= 0x40;
  writeFileSync(join(flipped, 'curves.f32'), buf);
  assert.throws(
    () => readDataset(flipped),
    (e: unknown) => e instanceof InputError && /curves\.f32: corrupted array: sha256/.test(e.message),
  );

  const short = copy('short');
  truncateSync(join(short, 'labels.f32'), 100);
  assert.throws(() => readDataset(short), /labels\.f32: corrupted array: 100 bytes, expected 7200/);

  const badJson = copy('badjson');
  writeFileSync(join(badJson, 'manifest.json'), '{"format": "cathode-kinetics-dataset", ');
  assert.throws(() => readDataset(badJson), /manifest\.json: corrupted manifest/);

  const badShape = copy('badshape');
  const man = JSON.parse(readFileSync(join(badShape, 'manifest.json'), 'utf8'));
  man.files['curves.f32'].shape = [600, 3, 199];
  writeFileSync(join(badShape, 'manifest.json'), JSON.stringify(man));
  assert.throws(
    () => readDataset(badShape),
    /files\["curves\.f32"\]\.shape is \[600,3,199\], expected \[600,3,200\]/,
  );

  const missing = copy('missing');
  rmSync(join(missing, 'split.u8'));
  assert.throws(() => readDataset(missing), /split\.u8: missing array file/);
  assert.throws(() => readDataset(join(root, 'nothing-here')), /not a dataset directory/);
});

test('writes are atomic: a failing generation leaves nothing; an existing directory needs overwrite', async () => {
  const spec = defaultSpec({ count: 50, seed: 5, policy: 'resample', maxDrawsPerSample: 1 });
  await assert.rejects(
    generateDataset(join(root, 'fail'), spec, { workers: 1 }),
    (e: unknown) => e instanceof RangeError && /no valid draw in 1 attempts/.test(e.message),
  );
  await assert.rejects(generateDataset(join(root, 'fail'), spec, { workers: 2, chunkSize: 5 }), RangeError);
  assert.ok(!existsSync(join(root, 'fail')));
  assert.ok(!readdirSync(root).some((f) => f.startsWith('fail')), 'no temporary directory left');
  await assert.rejects(
    generateDataset(join(root, 'a'), defaultSpec({ count: 10 }), { workers: 1 }),
    (e: unknown) => e instanceof InputError,
  );
  await generateDataset(join(root, 'c'), defaultSpec({ count: 10 }), { workers: 1, overwrite: true });
  assert.equal(readDataset(join(root, 'c')).manifest.count, 10);
});

test('user materials and a sampled Avrami exponent: exact uneven counts, labels in range', async () => {
  const materials = parseMaterialsJson(
    JSON.stringify([
      { name: 'NCM811' },
      {
        name: 'A',
        kceSlope_per_kJ_mol: 0.06,
        kceIntercept_lgA_s: -2.5,
        Ea_window_kJ_mol: [150, 200],
        lgA_jitter_sigma: 0.2,
      },
      { name: 'B', kceSlope_per_kJ_mol: 0.065, kceIntercept_lgA_s: -3, Ea_window_kJ_mol: [130, 170] },
    ]),
    'materials.json',
  );
  const spec = defaultSpec({ count: 100, seed: 9, materials, n: { uniform: [2, 4] }, kceShare: 0.5 });
  const m = await generateDataset(join(root, 'custom'), spec, { workers: 1 });
  assert.deepEqual(m.materials, ['NCM811', 'A', 'B']);
  assert.deepEqual(
    m.materials.map((name) => m.summary.byMaterial[name].count),
    [34, 33, 33],
  );
  assert.equal(m.summary.byShare.kce.count, 17 + 17 + 17); // round(34·0.5) = 17, round(16.5) = 17
  const ds = readDataset(join(root, 'custom'));
  for (let i = 0; i < 100; i++) {
    const n = ds.labels[i * 3 + 2];
    assert.ok(n >= 2 && n < 4, `n = ${n}`);
    if (ds.share[i] === 0 && ds.material[i] === 1) {
      const Ea = ds.labels[i * 3];
      assert.ok(Ea >= 150 && Ea < 200);
      assert.ok(Math.abs(ds.labels[i * 3 + 1] - kceLineLgA(materials[1], Ea)) < 5 * 0.2);
    }
  }
});
