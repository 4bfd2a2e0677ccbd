import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformalHalfWidth, minCalibrationRecords } from '../../src/dsc/conformal.ts';
import { compositionOf, compositionTable, nearestComposition, outsideRange } from '../../src/dsc/domain.ts';
import { parseFixSpec } from '../../src/dsc/fixed-conditions.ts';
import { generateDemoRecords } from '../../src/dsc/demo-generator.ts';
import { recordsToCsv } from '../../src/dsc/csv-import.ts';
import { recordsSha256 } from '../../src/dsc/saved-model.ts';
import { xaiRun } from '../../src/app/xai.ts';
import { xaiPredict } from '../../src/app/xai-predict.ts';
import { InputError } from '../../src/core/input-error.ts';
import { ckinInProcess } from './cli-helper.ts';

test('split-conformal half-width: the ⌈(n+1)(1−α)⌉-th smallest |residual|, ∞ when n is too small', () => {
  const r = Array.from({ length: 19 }, (_, i) => (i % 2 ? -1 : 1) * (19 - i)); // |r| = 1..19, shuffled signs
  assert.equal(conformalHalfWidth(r, 0.1), 18); // ⌈20 · 0.9⌉ = 18
  assert.equal(conformalHalfWidth(r, 0.5), 10); // ⌈20 · 0.5⌉ = 10
  assert.equal(conformalHalfWidth(r, 0.05), 19); // ⌈20 · 0.95⌉ = 19
  assert.equal(conformalHalfWidth(r.slice(0, 8), 0.1), Infinity); // ⌈9 · 0.9⌉ = 9 > 8
  assert.equal(
    conformalHalfWidth(
      Array.from({ length: 99 }, (_, i) => i + 1),
      0.1,
    ),
    90,
  ); // 99·… = 90 exactly
  assert.equal(minCalibrationRecords(0.1), 9);
  assert.equal(minCalibrationRecords(0.05), 19);
  assert.throws(() => conformalHalfWidth(r, 0), RangeError);
});

test('composition distance: Euclidean over Li and cation contents; unseen elements count fully', () => {
  const ncm = (ni: number, co: number, mn: number, extra: Record<string, number> = {}) => ({
    formula: 'x',
    li_content: 1,
    ni_content: ni,
    co_content: co,
    mn_content: mn,
    ...extra,
  });
  const table = compositionTable([
    compositionOf(ncm(0.8, 0.1, 0.1)),
    compositionOf(ncm(1 / 3, 1 / 3, 1 / 3)),
  ]);
  const d622 = nearestComposition(compositionOf(ncm(0.6, 0.2, 0.2)), table);
  assert.ok(Math.abs(d622.distance - Math.sqrt(0.06)) < 1e-12, String(d622.distance));
  assert.equal(d622.index, 0);
  const withFe = nearestComposition(compositionOf(ncm(0.8, 0.1, 0.0, { fe_content: 0.1 })), table);
  assert.ok(Math.abs(withFe.distance - Math.sqrt(0.02)) < 1e-12, String(withFe.distance));
  assert.deepEqual(
    outsideRange(['a', 'b'], [5, 1], [0, 0], [4, 1]).map((o) => o.feature),
    ['a'],
  );
});

test('--fix conditions: header vocabulary with units in the key or the value', () => {
  assert.deepEqual(
    parseFixSpec('voltage_V=4.5, electrolyte_uL_mg=2, crucible=hermetic Al, scan rate=5 K/min'),
    {
      cutoff_voltage_V: 4.5,
      electrolyte_content_mg_mg: 2.5, // 2 µL/mg × 1.25 mg/µL
      crucible_sealed: 1,
      scan_rate_K_min: 5,
    },
  );
  assert.deepEqual(parseFixSpec('cutoff_voltage_V=4400 mV,electrolyte=1:2,electrolyte_additive=no'), {
    cutoff_voltage_V: 4.4,
    electrolyte_content_mg_mg: 0.5,
    electrolyte_additive: 0,
  });
  assert.throws(() => parseFixSpec('ni_content=0.5'), /not a condition of the maps/);
  assert.throws(() => parseFixSpec('voltage_V=9'), /outside \[3, 5\.2\]/);
  assert.throws(() => parseFixSpec('voltage'), /NAME=VALUE/);
});

test('xai --save → xai predict: the saved model reproduces the run; 90 % conformal intervals cover ≈ 90 % of fresh demo records; domain warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-xai-model-'));
  try {
    const modelPath = join(dir, 'model.json');
    // reduced configuration (the selection and the Shapley values are not under test here)
    const run = await xaiRun({
      db: 'demo',
      shuffles: 10,
      trees: 30,
      explain: 20,
      background: 5,
      save: modelPath,
    });
    assert.equal(run.model_file, modelPath);
    const saved = JSON.parse(readFileSync(modelPath, 'utf8'));
    assert.equal(saved.format, 'ckin-xai-model');
    assert.equal(saved.synthetic, true);
    assert.equal(saved.training_data_sha256, recordsSha256(generateDemoRecords(600, 2025)));
    assert.equal(saved.targets.length, 3);

    // 1. the saved model predicts the training records exactly as the pipeline's fitted model did
    const train = generateDemoRecords(600, 2025);
    const csvTrain = join(dir, 'train.csv');
    writeFileSync(csvTrain, recordsToCsv(train, false));
    const again = xaiPredict({ model: { path: modelPath }, records: { path: csvTrain } });
    assert.equal(again.records.length, 600);
    for (const t of run.pipeline.targets) {
      const f = run.pipeline.fitted.find((x) => x.target === t.target)!;
      const trainPred = t.parity.filter((p) => p.split === 'train');
      f.train_records.forEach((rec, k) => {
        const p = again.records[rec].predictions.find((x) => x.target === t.target)!;
        assert.ok(Math.abs(p.predicted - trainPred[k].y_pred) < 1e-9, `${t.target} record ${rec}`);
      });
    }

    // 2. coverage on fresh records of the same generator (another seed): nominal 90 %
    const fresh = join(dir, 'fresh.csv');
    writeFileSync(fresh, recordsToCsv(generateDemoRecords(400, 77), false));
    const res = xaiPredict({ model: { path: modelPath }, records: { path: fresh }, level: 0.9 });
    assert.equal(res.interval.method, 'split-conformal');
    assert.equal(res.coverage.length, 3);
    for (const c of res.coverage) {
      assert.equal(c.n, 400);
      // Beta(⌈121·0.9⌉, …) calibration spread ≈ 0.027 plus 400-record binomial ≈ 0.015: ± 0.06 is > 2 sd
      assert.ok(Math.abs(c.fraction - 0.9) < 0.06, `${c.target}: coverage ${c.fraction}`);
    }
    const res50 = xaiPredict({ model: { path: modelPath }, records: { path: fresh }, level: 0.5 });
    for (const c of res50.coverage)
      assert.ok(Math.abs(c.fraction - 0.5) < 0.1, `${c.target} 50 %: ${c.fraction}`);

    // 3. out of the training domain: a Fe-rich composition and a 5.1 V cut-off (demo: 4.2–4.8 V)
    const odd = join(dir, 'odd.csv');
    writeFileSync(
      odd,
      [
        'formula,cut-off voltage (V),electrolyte (uL/mg),crucible,scan rate (K/min)',
        'LiNi0.8Co0.1Mn0.1O2,4.3,1,sealed,5',
        'LiNi0.5Fe0.5O2,4.3,1,sealed,5',
        'LiNi0.8Co0.1Mn0.1O2,5.1,1,sealed,5',
        'LiNi0.8Co0.1Mn0.1O2,banana,1,sealed,5',
      ].join('\n') + '\n',
    );
    const o = xaiPredict({ model: { path: modelPath }, records: { path: odd } });
    const codes = o.records.map((r) => [...new Set(r.warnings.map((w) => w.code))].sort());
    assert.deepEqual(codes[0], []);
    assert.ok(codes[1].includes('dsc.predict-outside-domain'), JSON.stringify(codes[1]));
    assert.ok(codes[2].includes('dsc.predict-outside-range'), JSON.stringify(codes[2]));
    assert.match(
      o.records[2].warnings.find((w) => w.code === 'dsc.predict-outside-range')!.message,
      /cutoff_voltage_V = 5\.1/,
    );
    assert.equal(o.rejected.length, 1);
    assert.equal(o.rejected[0].line, 5);
    assert.ok(o.warnings.some((w) => w.code === 'dsc.rows-rejected'));
    assert.deepEqual(o.coverage, []); // no results in this CSV

    // 4. ternary maps: without --fix the run's own map; with --fix other conditions, masked where no record is near
    const maps = xaiPredict({ model: { path: modelPath }, ternary: true });
    for (const t of run.pipeline.targets) {
      const m = maps.ternary.find((x) => x.target === t.target)!;
      assert.equal(m.points.length, t.ternary.points.length);
      m.points.forEach((p, k) => assert.ok(Math.abs(p.value - t.ternary.points[k].value) < 1e-9));
      assert.deepEqual(
        m.points.map((p) => p.extrapolated),
        t.ternary.points.map((p) => p.extrapolated),
      );
      // the pure-Ni and pure-Mn corners are far from every demo record (Ni ≤ 0.92; Mn-rich only as Li-rich)
      const corner = m.points.find((p) => p.ni === 1)!;
      assert.ok(corner.extrapolated && corner.distance > 0.1);
      assert.ok(
        m.extrapolated_fraction > 0.2 && m.extrapolated_fraction < 0.8,
        String(m.extrapolated_fraction),
      );
    }
    const fixed = xaiPredict({
      model: { path: modelPath },
      ternary: true,
      fix: { cutoff_voltage_V: 4.6, scan_rate_K_min: 20 },
    });
    const onset = fixed.ternary.find((m) => m.target === 'onset')!;
    const onsetRun = maps.ternary.find((m) => m.target === 'onset')!;
    assert.equal(onset.conditions.cutoff_voltage_V, 4.6);
    // truth: onset falls 60 K per V, so 0.3 V higher lowers the map by ≈ 18 K (the SVR, not exactly)
    assert.ok(onset.max_in_domain!.value < onsetRun.max_in_domain!.value - 8);
    assert.ok(fixed.warnings.some((w) => w.code === 'dsc.ternary-optimum-extrapolated'));

    // 5. CLI and errors
    const cli = await ckinInProcess(['xai', 'predict', '--model', modelPath, odd, '--json']);
    assert.equal(cli.status, 0, cli.stderr);
    const j = JSON.parse(cli.stdout);
    assert.equal(j.records.length, 3);
    assert.equal(j.interval.level, 0.9);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...saved, targets: [{ ...saved.targets[0], features: ['x'] }] }));
    assert.throws(() => xaiPredict({ model: { path: bad }, ternary: true }), InputError);
    assert.equal((await ckinInProcess(['xai', 'predict', '--model', csvTrain, odd])).status, 2);
    const unb = xaiPredict({ model: { path: modelPath }, records: { path: odd }, level: 0.995 });
    assert.ok(unb.warnings.some((w) => w.code === 'dsc.interval-unbounded'));
    assert.equal(unb.quality, 'unreliable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
