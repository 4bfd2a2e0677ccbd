import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { readRunFile } from '../../src/io/read-run.ts';
import { withFileNameRate } from '../../src/io/instruments/rate-from-filename.ts';
import { analyzeRuns, type AnalyzeResult } from '../../src/analysis/analyze.ts';

/**
 * Issue 15: pICNIK's real TGA sets (../shared/data/external, README there) analyse automatically: every run read,
 * one stage, the start-up transient excluded (not taken as a stage), the time route used.
 */
function analyseFolder(folder: string): AnalyzeResult {
  const dir = join(EXTERNAL_DATA, folder);
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  return analyzeRuns(files.map((f) => ({ file: f, run: withFileNameRate(readRunFile(join(dir, f))) })));
}

function checkCommon(res: AnalyzeResult, runs: number): void {
  assert.deepEqual(
    res.runs.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`),
    [],
  );
  assert.equal(res.runs.length, runs);
  assert.ok(res.runs.every((r) => r.route === 'time'));
  assert.equal(
    res.stages.length,
    1,
    `stages at ${res.stages.map((s) => s.T_peak_mean_K - 273.15).join(', ')} °C`,
  );
  const st = res.stages[0];
  assert.equal(st.peaks.length, runs, st.warnings.join('\n'));
  // peaks rise with β (no transient at the start of a run taken as its peak)
  const tp = st.peaks.map((p) => p.T_peak_K);
  for (let i = 1; i < tp.length; i++) assert.ok(tp[i] > tp[i - 1] - 1, `T_peak ${tp.join(', ')}`);
}

test('pICNIK decane (UTF-16, jitter, transient, a misspelt header): all five runs, one stage, near-constant Ea', () => {
  const res = analyseFolder('picnik-decane');
  checkCommon(res, 5);
  assert.ok(res.runs.some((r) => r.dataWarnings?.some((w) => w.code === 'transient.excluded')));
  const st = res.stages[0];
  // the first run's peak is above 50 °C, not at the 21–25 °C start of the ramp
  assert.ok(st.peaks[0].T_peak_K - 273.15 > 50, `${st.peaks[0].T_peak_K - 273.15}`);
  for (const r of st.friedman!.rows.filter((x) => x.alpha >= 0.2 && x.alpha <= 0.8))
    assert.ok(r.Ea_kJ_mol > 40 && r.Ea_kJ_mol < 55, `Friedman α=${r.alpha}: ${r.Ea_kJ_mol}`);
});

test('pICNIK paracetamol: one stage, Friedman Ea(α) smooth and falling from ≈ 60–70 to ≈ 45 kJ/mol', () => {
  const res = analyseFolder('picnik-paracetamol');
  checkCommon(res, 5);
  const rows = res.stages[0].friedman!.rows;
  const at = (a: number) => rows.find((r) => Math.abs(r.alpha - a) < 1e-9)!.Ea_kJ_mol;
  assert.ok(at(0.2) > 55 && at(0.2) < 75, `α=0.2: ${at(0.2)}`);
  assert.ok(at(0.8) > 38 && at(0.8) < 50, `α=0.8: ${at(0.8)}`);
  assert.ok(at(0.2) - at(0.8) > 10, 'falling');
  for (let i = 1; i < rows.length; i++)
    assert.ok(Math.abs(rows[i].Ea_kJ_mol - rows[i - 1].Ea_kJ_mol) < 6, `step at α=${rows[i].alpha}`);
  const vy = res.stages[0].vyazovkin!.rows;
  for (const r of vy.filter((x) => x.alpha >= 0.2 && x.alpha <= 0.8))
    assert.ok(Math.abs(r.Ea_kJ_mol - at(r.alpha)) < 3, `Vyazovkin vs Friedman at α=${r.alpha}`);
});

test('pICNIK polypropylene: one main stage, Kissinger and Friedman agree near 120 kJ/mol', () => {
  const res = analyseFolder('picnik-polypropylene');
  checkCommon(res, 5);
  const st = res.stages[0];
  assert.ok(st.kissinger!.Ea_kJ_mol > 110 && st.kissinger!.Ea_kJ_mol < 140, `${st.kissinger!.Ea_kJ_mol}`);
  for (const r of st.friedman!.rows.filter((x) => x.alpha >= 0.2 && x.alpha <= 0.8))
    assert.ok(r.Ea_kJ_mol > 105 && r.Ea_kJ_mol < 140, `Friedman α=${r.alpha}: ${r.Ea_kJ_mol}`);
});
