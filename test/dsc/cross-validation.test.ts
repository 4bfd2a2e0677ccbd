import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossValidate, learningCurve, sourceFolds } from '../../src/dsc/cross-validation.ts';
import { createRng } from '../../src/core/random.ts';
import { loadLibsvm } from '../../src/dsc/svr.ts';
import type { DscRecord } from '../../src/dsc/schema.ts';

const FAST = {
  shuffles: 5,
  forestTrees: 20,
  innerFolds: 3,
  // up to γ = 50 (standardised units): flexible enough to memorise a paper's offset from its composition
  grid: { C: [100, 1000], gamma: [0.5, 5, 50], epsilon: [0.02] },
};

/**
 * 24 papers, 6 records each. Every paper measured ONE material (its own Ni content) twice at three cut-off voltages, and
 * carries a lab offset (sd 10 K) that no feature explains: onset = 500 − 90 (ni − 0.5) − 60 (V − 4.4) + offset + N(0, 1).
 */
function labBiasRecords(): { recs: DscRecord[]; offsetSd: number } {
  const rng = createRng(42);
  const recs: DscRecord[] = [];
  for (let s = 0; s < 24; s++) {
    const ni = 0.35 + (0.55 * s) / 23;
    const co = (1 - ni) / 2;
    const offset = 10 * rng.normal();
    for (const V of [4.2, 4.2, 4.4, 4.4, 4.6, 4.6])
      recs.push({
        formula: `LiNi${ni}Co${co}Mn${co}O2`,
        li_content: 1,
        ni_content: ni,
        co_content: co,
        mn_content: co,
        cutoff_voltage_V: V,
        electrolyte_content_mg_mg: 1,
        crucible: 'sealed',
        scan_rate_K_min: 5,
        onset_T_K: 500 - 90 * (ni - 0.5) - 60 * (V - 4.4) + offset + rng.normal(),
        source: `10.5555/lab.${s}`,
      });
  }
  return { recs, offsetSd: 10 };
}

test('source folds: every paper in exactly one fold, fold sizes balanced', () => {
  const sources = Array.from({ length: 50 }, (_, i) => `p${i % 13}`);
  const folds = sourceFolds(sources, 5, 1);
  assert.equal(folds.length, 5);
  const seen = new Map<string, number>();
  folds.forEach((f, k) =>
    f.forEach((i) => {
      const prev = seen.get(sources[i]);
      assert.ok(prev === undefined || prev === k, `${sources[i]} split across folds`);
      seen.set(sources[i], k);
    }),
  );
  assert.equal(folds.flat().length, 50);
  const sizes = folds.map((f) => f.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 4, sizes.join(','));
  assert.equal(sourceFolds(['a', 'a', 'b'], 5, 1).length, 2, 'no more folds than sources');
});

test('grouped-by-source CV exposes a lab offset that random CV hides: RMSE ≳ offset sd vs much less', async () => {
  await loadLibsvm();
  const { recs, offsetSd } = labBiasRecords();
  const random = await crossValidate(recs, 'onset', 'random', { ...FAST, folds: 4 });
  const grouped = await crossValidate(recs, 'onset', 'source', { ...FAST, folds: 4 });
  assert.equal(grouped.k, 4);
  for (const f of grouped.folds) assert.equal(f.test_sources!.length, 6);
  // unseen papers: the offset cannot be predicted (the model fills in its neighbours' offsets), so the error is at
  // least about the offset sd; with the papers seen, the replicate and the other voltages give the offset away
  assert.ok(
    grouped.rmse.mean > 0.8 * offsetSd && grouped.rmse.mean < 2.5 * offsetSd,
    `grouped ${grouped.rmse.mean}`,
  );
  assert.ok(
    random.rmse.mean < 0.6 * grouped.rmse.mean,
    `random ${random.rmse.mean} vs grouped ${grouped.rmse.mean}`,
  );
  assert.ok(Number.isFinite(random.r2.sd) && random.folds.every((f) => f.n_test === 36));
  assert.ok(random.caveats.length === 0);
});

test('learning curve: same test folds, more training data → lower error; small test folds get a caveat', async () => {
  await loadLibsvm();
  const { recs } = labBiasRecords();
  const lc = await learningCurve(recs, 'onset', [0.25, 1], { ...FAST, folds: 4 });
  assert.equal(lc.length, 2);
  assert.ok(lc[0].n_train_mean < lc[1].n_train_mean);
  assert.ok(lc[1].rmse.mean < lc[0].rmse.mean, `${lc[0].rmse.mean} → ${lc[1].rmse.mean}`);
  const few = await crossValidate(recs.slice(0, 60), 'onset', 'random', { ...FAST, folds: 5 });
  assert.match(few.caveats.join(' '), /fewer than 20 records/);
});
