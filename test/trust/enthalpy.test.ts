/**
 * The DSC ΔH plausibility checks (src/trust/enthalpy.ts): each with an input that triggers it and one that does not.
 * The peak tables are written by hand; the end-to-end case integrates simulated heat flow (ΔH 500 J/g known).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enthalpyChecks } from '../../src/trust/enthalpy.ts';
import { analyzeResultJson, runAnalysis } from '../../src/app/analyze.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { simulateUploads } from './traps/generate.ts';

const codes = (ws: { code: string; severity: string }[]) => ws.map((w) => `${w.code}:${w.severity}`);

test('ΔH magnitude: 5.2 kJ/g is unreliable, 0.3 J/g cautioned, 500 and 3000 J/g pass', () => {
  assert.deepEqual(codes(enthalpyChecks([{ file: 'a.csv', enthalpy_J_g: 5200 }], 1)), [
    'dsc.enthalpy_implausible:unreliable',
  ]);
  assert.deepEqual(codes(enthalpyChecks([{ file: 'a.csv', enthalpy_J_g: 0.3 }], 1)), [
    'dsc.enthalpy_implausible:caution',
  ]);
  assert.deepEqual(
    enthalpyChecks([
      { file: 'a.csv', enthalpy_J_g: 500 },
      { file: 'b.csv', enthalpy_J_g: 3000 },
    ]),
    [],
  );
  const w = enthalpyChecks([{ file: 'dir/run_5.csv', enthalpy_J_g: 499600 }], 2)[0];
  assert.equal(w.stage, 2);
  assert.match(w.message, /run_5\.csv \(5\.00e\+5 J\/g\)/);
});

test('ΔH baseline dependence: 25 % apart is cautioned, 10 % apart passes', () => {
  assert.deepEqual(
    codes(enthalpyChecks([{ file: 'a.csv', enthalpy_J_g: 600, enthalpyOtherBaseline_J_g: 450 }])),
    ['dsc.enthalpy_baseline_dependent:caution'],
  );
  assert.deepEqual(
    enthalpyChecks([{ file: 'a.csv', enthalpy_J_g: 500, enthalpyOtherBaseline_J_g: 550 }]),
    [],
  );
});

const step = { model: nthOrder(1), Ea_kJ_mol: 150, lgA_s: 12 };
const stageCodes = (runs: { name: string; content: string }[]) => {
  const a = analyzeResultJson(runAnalysis({ runs, rateFromFileName: true }));
  assert.equal(a.stages.length, 1);
  return { s: a.stages[0], codes: a.stages[0].warnings.map((w) => w.code) };
};

test('analyze: mW/g under a W/g header → ΔH ≈ 5e5 J/g flagged unreliable; W/g → ΔH 500, no ΔH warning', () => {
  const bad = stageCodes(
    simulateUploads({ steps: [step], rates: [2, 5, 10], seed: 1, dsc: { dH_J_g: 500, scale: 1000 } }),
  );
  assert.ok(bad.codes.includes('dsc.enthalpy_implausible'), bad.codes.join(','));
  assert.equal(bad.s.quality, 'unreliable');
  const good = stageCodes(
    simulateUploads({ steps: [step], rates: [2, 5, 10], seed: 1, dsc: { dH_J_g: 500 } }),
  );
  for (const p of good.s.peaks) assert.ok(Math.abs(p.enthalpy_J_g! - 500) < 5, `${p.enthalpy_J_g}`);
  assert.deepEqual(
    good.codes.filter((c) => c.startsWith('dsc.')),
    [],
  );
});

test('analyze: a baseline step of 0.3 W/g under the peak → ΔH baseline-dependent, on the stage and its kinetics', () => {
  const r = stageCodes(
    simulateUploads({
      steps: [step],
      rates: [2, 5, 10, 20],
      seed: 502,
      dsc: { dH_J_g: 500, step: { T_C: 250, size_W_g: 0.3 } },
    }),
  );
  assert.ok(r.codes.includes('dsc.enthalpy_baseline_dependent'), r.codes.join(','));
  assert.ok(r.s.kissinger!.warnings.some((w) => w.code === 'dsc.enthalpy_baseline_dependent'));
  assert.ok(r.s.friedman!.warnings.some((w) => w.code === 'dsc.enthalpy_baseline_dependent'));
});
