import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SHARE_KCE,
  SHARE_PLANE,
  drawLabels,
  makeSamplingPlan,
  planCounts,
} from '../../src/synth/sampling-plan.ts';
import {
  NCM_MATERIALS,
  kceLineLgA,
  parseMaterialsJson,
  defaultMaterials,
} from '../../src/synth/materials.ts';
import { stratifiedSplit, SPLIT_TRAIN, SPLIT_VAL, SPLIT_TEST } from '../../src/synth/split.ts';
import { defaultSpec } from '../../src/synth/spec.ts';
import { Xoshiro128 as Rng } from '../../src/core/xoshiro128.ts';
import { STREAM_PARAMS } from '../../src/synth/streams.ts';
import { InputError } from '../../src/core/input-error.ts';

test('the four NCM KCE lines are Zhou Table 2 / science.md §4 (lgA = 9 → Ea within 0.1 kJ/mol of Table 2)', () => {
  const table2 = { NCM811: 186.89, NCM622: 201.29, NCM523: 209.8, NCM111: 210.36 };
  for (const m of NCM_MATERIALS) {
    const Ea = (9 - m.kceIntercept_lgA_s) / m.kceSlope_per_kJ_mol;
    assert.ok(Math.abs(Ea - table2[m.name as keyof typeof table2]) < 0.15, `${m.name}: ${Ea}`);
  }
});

test('plan counts are exact: 5000 per material, 3750 on the KCE line, 1250 on the plane', () => {
  const spec = defaultSpec({ count: 20000 });
  const plan = makeSamplingPlan(spec);
  for (let m = 0; m < 4; m++) {
    let n = 0;
    let kce = 0;
    for (let i = 0; i < spec.count; i++) {
      if (plan.material[i] !== m) continue;
      n++;
      if (plan.share[i] === SHARE_KCE) kce++;
    }
    assert.equal(n, 5000);
    assert.equal(kce, 3750);
  }
  assert.deepEqual(planCounts(10, 4, 0.75), { perMaterial: [3, 3, 2, 2], kce: [2, 2, 2, 2] });
  // The order is shuffled: the first 100 samples are not all one material.
  assert.ok(new Set(plan.material.subarray(0, 100)).size === 4);
});

test('KCE-share labels lie on their lines within the jitter: σ ≈ 0.5, < 0.5 % beyond 3σ', () => {
  for (const mat of NCM_MATERIALS) {
    const residuals: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const d = drawLabels(defaultSpec({ count: 1 }), mat, SHARE_KCE, new Rng(5, i, STREAM_PARAMS));
      assert.ok(d.Ea_kJ_mol >= 120 && d.Ea_kJ_mol < 260);
      assert.equal(d.n, 3);
      residuals.push(d.lgA_s - kceLineLgA(mat, d.Ea_kJ_mol));
    }
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    const sd = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / residuals.length);
    assert.ok(Math.abs(mean) < 0.03, `${mat.name} mean residual ${mean}`);
    assert.ok(Math.abs(sd - 0.5) < 0.025, `${mat.name} residual sd ${sd}`);
    const beyond = residuals.filter((r) => Math.abs(r) > 1.5).length / residuals.length;
    assert.ok(beyond < 0.005, `${mat.name} beyond 3σ: ${beyond}`);
  }
});

test('plane-share labels are uniform over Ea 120–260 × lgA 4–14; sampled n stays in its range', () => {
  const spec = defaultSpec({ count: 1, n: { uniform: [2, 4] } });
  let sumEa = 0;
  let sumLgA = 0;
  for (let i = 0; i < 4000; i++) {
    const d = drawLabels(spec, NCM_MATERIALS[0], SHARE_PLANE, new Rng(6, i, STREAM_PARAMS));
    assert.ok(d.Ea_kJ_mol >= 120 && d.Ea_kJ_mol < 260 && d.lgA_s >= 4 && d.lgA_s < 14);
    assert.ok(d.n >= 2 && d.n < 4);
    sumEa += d.Ea_kJ_mol;
    sumLgA += d.lgA_s;
  }
  assert.ok(Math.abs(sumEa / 4000 - 190) < 2.5);
  assert.ok(Math.abs(sumLgA / 4000 - 9) < 0.2);
});

test('stratified split: exactly 70/15/15 within each material, reproducible', () => {
  const spec = defaultSpec({ count: 20000 });
  const plan = makeSamplingPlan(spec);
  const split = stratifiedSplit(plan.material, spec.split, spec.seed);
  for (let m = 0; m < 4; m++) {
    const counts = [0, 0, 0];
    for (let i = 0; i < spec.count; i++) if (plan.material[i] === m) counts[split[i]]++;
    assert.deepEqual(counts, [3500, 750, 750]);
  }
  assert.deepEqual(stratifiedSplit(plan.material, spec.split, spec.seed), split);
  const small = stratifiedSplit([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], { train: 0.7, val: 0.15, test: 0.15 }, 1);
  assert.equal(small.filter((s) => s === SPLIT_TRAIN).length, 5 + 2);
  assert.equal(small.filter((s) => s === SPLIT_VAL).length + small.filter((s) => s === SPLIT_TEST).length, 3);
});

test('user material specs: built-ins by name, new materials, clear errors naming the file', () => {
  const list = parseMaterialsJson(
    JSON.stringify([
      { name: 'NCM811' },
      { name: 'LFP', kceSlope_per_kJ_mol: 0.06, kceIntercept_lgA_s: -2, Ea_window_kJ_mol: [150, 250] },
    ]),
    'mats.json',
  );
  assert.equal(list.length, 2);
  assert.deepEqual(list[0], defaultMaterials()[0]);
  assert.equal(list[1].lgA_jitter_sigma, 0.5);
  const appended = parseMaterialsJson(
    JSON.stringify({
      includeBuiltin: true,
      materials: [{ name: 'X', kceSlope_per_kJ_mol: 0.05, kceIntercept_lgA_s: 0 }],
    }),
    'm.json',
  );
  assert.deepEqual(
    appended.map((m) => m.name),
    ['NCM811', 'NCM622', 'NCM523', 'NCM111', 'X'],
  );
  assert.throws(
    () => parseMaterialsJson('{', 'bad.json'),
    (e: unknown) => e instanceof InputError && /bad\.json: not valid JSON/.test(e.message),
  );
  assert.throws(
    () => parseMaterialsJson('[{"name":"A","kceSlope_per_kJ_mol":"x","kceIntercept_lgA_s":0}]', 'a.json'),
    /a\.json: material A: "kceSlope_per_kJ_mol"/,
  );
  assert.throws(
    () =>
      parseMaterialsJson(
        '[{"name":"A","kceSlope_per_kJ_mol":0.06,"kceIntercept_lgA_s":0,"Ea_window_kJ_mol":[200,100]}]',
        'w.json',
      ),
    /Ea_window_kJ_mol/,
  );
  assert.throws(() => parseMaterialsJson('[{"name":"NCM811"},{"name":"NCM811"}]', 'd.json'), /appears twice/);
});
