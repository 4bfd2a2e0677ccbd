import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runAnalysis, analyzeResultJson } from '../../src/app/analyze.ts';
import { eaAlphaMethods } from '../../src/report/ea-alpha-methods.ts';
import { eaAlphaTableHtml } from '../../src/report/html.ts';
import { csvExports } from '../../web/src/exports.ts';
import { asJson } from '../server/helpers.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { DOYLE_SLOPE } from '../../src/analysis/isoconversional/fwo.ts';

/**
 * Ea(α) of all four methods side by side against a known answer: pICNIK's constant-activation-energy runs
 * (Ea = 75 kJ/mol at every α, ../shared/data/external/picnik-constant-E, 5/10/20 K/min). Friedman and Vyazovkin
 * are exact: within 0.5 kJ/mol of 75. KAS and FWO carry the known bias of their temperature-integral
 * approximations at this low x = Ea/RT ≈ 15, computed here from the exact p(x) = ∫ₓ^∞ e^(−u)/u² du: with
 * s(x) = −d ln p/dx = 1/∫₀^∞ e^(−v)·(1 + v/x)^(−2) dv, FWO gives Ea·s(x)/1.052 (Doyle) and KAS Ea·(s(x) − 2/x).
 * The report table and the page's CSV export carry the four methods.
 */
const dir = fileURLToPath(new URL('../../../shared/data/external/picnik-constant-E/', import.meta.url));
const paths = ['E_cnt_5.csv', 'E_cnt_10.csv', 'E_cnt_20.csv'].map((f) => dir + f);
const analysis = runAnalysis({ runs: paths.map((path) => ({ path })) });
const stage = analysis.stages[0];
const EA_TRUE = 75;
const METHODS = ['friedman', 'kas', 'fwo', 'vyazovkin'] as const;

/** s(x) = −d ln p(x)/dx by Simpson's rule on v ∈ [0, 60] (e^(−60) is negligible). */
function s(x: number): number {
  const n = 6000;
  const h = 60 / n;
  const f = (v: number) => Math.exp(-v) / (1 + v / x) ** 2;
  let sum = f(0) + f(60);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
  return 1 / ((sum * h) / 3);
}

test('constant-Ea set: Friedman and Vyazovkin at 75 kJ/mol, KAS and FWO at their analytic biases, one α grid', () => {
  const rows = eaAlphaMethods(stage);
  assert.ok(rows.length >= 10, `${rows.length} conversions`);
  assert.deepEqual(
    rows.map((r) => r.alpha),
    stage.friedman!.rows.map((r) => r.alpha),
  );
  for (const [i, r] of rows.entries()) {
    const T = stage.friedman!.rows[i].T_K;
    const x = (EA_TRUE * 1000 * (T.reduce((a, t) => a + 1 / t, 0) / T.length)) / R_J_PER_MOL_K;
    const expected = {
      friedman: EA_TRUE,
      vyazovkin: EA_TRUE,
      kas: EA_TRUE * (s(x) - 2 / x),
      fwo: (EA_TRUE * s(x)) / DOYLE_SLOPE,
    };
    for (const m of METHODS) {
      const v = r[m];
      assert.ok(v, `${m} at α ${r.alpha}`);
      const tol = m === 'kas' || m === 'fwo' ? 0.3 : 0.5;
      assert.ok(
        Math.abs(v.Ea_kJ_mol - expected[m]) < tol,
        `${m} at α ${r.alpha}: ${v.Ea_kJ_mol} kJ/mol, expected ${expected[m].toFixed(2)}`,
      );
      assert.ok(
        v.ci95_low_kJ_mol <= v.Ea_kJ_mol && v.Ea_kJ_mol <= v.ci95_high_kJ_mol,
        `${m} limits at ${r.alpha}`,
      );
    }
  }
});

test('the report table and the exported Ea(α) CSV have the four methods with their 95 % limits', () => {
  const html = eaAlphaTableHtml(stage);
  assert.match(html, /<th>Friedman Ea<\/th>.*<th>KAS Ea<\/th>.*<th>FWO Ea<\/th>.*<th>Vyazovkin Ea<\/th>/s);
  const json = asJson(analyzeResultJson(analysis));
  const csv = csvExports(json)['ea_alpha'];
  const [head, ...lines] = csv.trim().split('\n');
  const cols = head.split(',');
  for (const m of METHODS)
    for (const c of ['Ea_kJ_mol', 'ci95_low_kJ_mol', 'ci95_high_kJ_mol'])
      assert.ok(cols.includes(`${m}_${c}`), `column ${m}_${c} in ${head}`);
  assert.equal(lines.length, eaAlphaMethods(stage).length);
  const want = eaAlphaMethods(stage);
  lines.forEach((line, i) => {
    const v = line.split(',');
    assert.equal(Number(v[cols.indexOf('alpha')]), want[i].alpha);
    // the CSV carries the table's numbers at full precision
    for (const m of METHODS) {
      assert.equal(
        Number(v[cols.indexOf(`${m}_Ea_kJ_mol`)]),
        want[i][m]!.Ea_kJ_mol,
        `${m} at ${want[i].alpha}`,
      );
      assert.equal(Number(v[cols.indexOf(`${m}_ci95_low_kJ_mol`)]), want[i][m]!.ci95_low_kJ_mol);
    }
  });
});
