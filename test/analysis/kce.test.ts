import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  eaAtLgA,
  fitKceLine,
  isokineticTemperature_K,
  kceScan,
  kceTable,
  lgAAtEa,
} from '../../src/analysis/kce.ts';
import { jmaPeakTemperature, kceConsistency } from '../../src/analysis/kce-consistency.ts';
import {
  NCM_MATERIALS,
  ZHOU2026_KCE_LINES,
  ZHOU2026_RATES_K_MIN,
  ZHOU2026_TABLE1_TP_K,
  ZHOU2026_TABLE2_EA_KJ_MOL,
  ZHOU2026_TABLE2_LGA,
} from '../../src/data/paper-zhou2026.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { jmaCurves } from './fit-helpers.ts';

test('Zhou Table 2 reproduced from the printed KCE lines within 0.2 kJ/mol (all 20 values)', () => {
  for (const m of NCM_MATERIALS) {
    const table = kceTable(ZHOU2026_KCE_LINES[m], ZHOU2026_TABLE2_LGA);
    table.forEach((row, i) => {
      const printed = ZHOU2026_TABLE2_EA_KJ_MOL[m][i];
      assert.ok(
        Math.abs(row.Ea_kJ_mol - printed) < 0.2,
        `${m} lgA ${row.lgA_s}: ${row.Ea_kJ_mol} vs ${printed}`,
      );
    });
  }
  // The paper's own example (§3.3): lgA = 9 → 186.89, 201.29, 209.80, 210.36 kJ/mol.
  assert.ok(Math.abs(eaAtLgA(ZHOU2026_KCE_LINES.ncm811, 9) - 186.89) < 0.2);
});

test('the unrounded lines behind Table 2 agree with the printed coefficients (slope to 4 decimals, intercept within 0.01)', () => {
  for (const m of NCM_MATERIALS) {
    const fit = fitKceLine(
      ZHOU2026_TABLE2_LGA.map((lgA_s, i) => ({ lgA_s, Ea_kJ_mol: ZHOU2026_TABLE2_EA_KJ_MOL[m][i] })),
    );
    assert.equal(fit.slope_per_kJ_mol.toFixed(4), ZHOU2026_KCE_LINES[m].slope_per_kJ_mol.toFixed(4), m);
    // NCM622: Table 2 implies b = −3.772, printed −3.78 (the only coefficient that does not round to the table).
    assert.ok(Math.abs(fit.intercept - ZHOU2026_KCE_LINES[m].intercept) < 0.01, `${m}: ${fit.intercept}`);
    assert.ok(fit.r2 > 0.999999);
  }
});

test('isokinetic temperature: every point on a line has the same rate constant at T_iso', () => {
  const line = ZHOU2026_KCE_LINES.ncm811;
  const Tiso = isokineticTemperature_K(line);
  assert.ok(Math.abs(Tiso - 797.5) < 0.5, `${Tiso}`);
  const lnk = (Ea: number) => lgAAtEa(line, Ea) * Math.LN10 - (Ea * 1000) / (R_J_PER_MOL_K * Tiso);
  assert.ok(Math.abs(lnk(120) - lnk(260)) < 1e-9);
});

test('jmaPeakTemperature: first-order peak satisfies the Kissinger condition β·Ea/(R·Tp²) = A·exp(−Ea/RTp)', () => {
  const p = { Ea_kJ_mol: 150, lgA_s: 11, n: 1 };
  const { T_peak_K } = jmaPeakTemperature(p, 10, 303.15, 1073.15);
  const Ea = 150e3;
  const lhs = ((10 / 60) * Ea) / (R_J_PER_MOL_K * T_peak_K ** 2);
  const rhs = 1e11 * Math.exp(-Ea / (R_J_PER_MOL_K * T_peak_K));
  // Exact for first order up to the (tiny) α-dependence of the temperature integral: within 1 %.
  assert.ok(Math.abs(lhs / rhs - 1) < 0.01, `${lhs} vs ${rhs} at ${T_peak_K}`);
});

test('KCE consistency check (science.md §4): lines peak near 870–980 K at 10 K/min, far above the measured 547–613 K', () => {
  const medians: Record<string, number> = {};
  for (const m of NCM_MATERIALS) {
    const c = kceConsistency(
      ZHOU2026_KCE_LINES[m],
      ZHOU2026_RATES_K_MIN.map((b, i) => ({ beta_K_min: b, T_peak_K: ZHOU2026_TABLE1_TP_K[m][i] })),
      { samples: 29 },
    );
    medians[m] = c.rates[0].T_peak_median_K;
    assert.ok(
      c.rates[0].T_peak_median_K > 850 && c.rates[0].T_peak_median_K < 1000,
      `${m}: ${c.rates[0].T_peak_median_K}`,
    );
    assert.ok(c.rates[0].mismatch_K > 230, `${m} mismatch ${c.rates[0].mismatch_K}`);
    // No Ea in 20–400 kJ/mol on the line reproduces the measured 10 K/min peak.
    assert.ok(Number.isNaN(c.rates[0].Ea_matching_kJ_mol));
    if (m === 'ncm523' || m === 'ncm111') {
      assert.ok(
        c.rates[2].fractionUnfinished > 0.35 && c.rates[2].fractionUnfinished < 0.7,
        `${m} ${c.rates[2].fractionUnfinished}`,
      );
    }
  }
  assert.ok(medians.ncm811 < medians.ncm622 && medians.ncm622 < medians.ncm111);
});

test('KCE scan on exact n = 3 data: best Ea is the truth, the line passes through it, slope ↔ peak temperatures', () => {
  const truth = { Ea_kJ_mol: 180, lgA_s: 12, n: 3 };
  const curves = jmaCurves(truth);
  const scan = kceScan(curves, { n: 3, Ea_kJ_mol: [120, 240], steps: 25 });
  assert.equal(scan.best.Ea_kJ_mol, 180);
  assert.ok(Math.abs(scan.best.lgA_s - 12) < 1e-6, `${scan.best.lgA_s}`);
  assert.ok(scan.best.loss < 1e-16);
  assert.ok(Math.abs(lgAAtEa(scan.line, 180) - 12) < 0.05);
  assert.ok(scan.line.r2 > 0.999);
  // The compensation line of one dataset is the isokinetic relation at about its peak temperatures.
  const tp = curves.map((c) => jmaPeakTemperature(truth, c.beta_K_min, 303.15, 1073.15).T_peak_K);
  const meanTp = tp.reduce((s, v) => s + v, 0) / tp.length;
  assert.ok(
    Math.abs(scan.line.T_iso_K / meanTp - 1) < 0.05,
    `T_iso ${scan.line.T_iso_K} vs mean Tp ${meanTp}`,
  );
});
