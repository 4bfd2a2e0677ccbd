import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmDescriptors } from '../../src/dsc/descriptors.ts';
import { cationTable } from '../../src/dsc/elements.ts';
import { buildFeatureTable, recordFeatures } from '../../src/dsc/features.ts';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('elemental table carries the charged-state Shannon radii quoted by Sun 2025 (Ni4+ 0.48, Co4+ = Mn4+ 0.53 Å)', () => {
  const t = cationTable();
  assert.equal(t.Ni.ionic_radius_A, 0.48);
  assert.equal(t.Co.ionic_radius_A, 0.53);
  assert.equal(t.Mn.ionic_radius_A, 0.53);
  assert.equal(t.Ni.charge, 4);
  assert.equal(t.Ni.electronegativity_pauling, 1.91);
});

test('NCM811 descriptors by hand: radius mean 0.49 Å, std 0.02 Å; ionic potential and EN weighted', () => {
  const d = tmDescriptors({ Ni: 0.8, Co: 0.1, Mn: 0.1 });
  close(d.radius_tm_mean_A, 0.8 * 0.48 + 0.2 * 0.53);
  close(d.radius_tm_std_A, Math.sqrt(0.8 * 0.01 ** 2 + 0.2 * 0.04 ** 2));
  close(d.radius_tm_std_A, 0.02, 1e-12);
  close(d.en_tm_mean, 0.8 * 1.91 + 0.1 * 1.88 + 0.1 * 1.55);
  const ip = [4 / 0.48, 4 / 0.53, 4 / 0.53];
  const ipMean = 0.8 * ip[0] + 0.1 * ip[1] + 0.1 * ip[2];
  close(d.ionic_potential_tm_mean, ipMean);
  close(
    d.ionic_potential_tm_std,
    Math.sqrt(0.8 * (ip[0] - ipMean) ** 2 + 0.1 * (ip[1] - ipMean) ** 2 + 0.1 * (ip[2] - ipMean) ** 2),
  );
});

test('single-cation LiCoO2 has zero spread; contents are normalised over the TM site (Li-rich)', () => {
  const d = tmDescriptors({ Co: 1 });
  assert.equal(d.radius_tm_std_A, 0);
  close(d.radius_tm_mean_A, 0.53);
  const lr = tmDescriptors({ Ni: 0.13, Co: 0.13, Mn: 0.54 });
  const lrScaled = tmDescriptors({ Ni: 0.13 / 0.8, Co: 0.13 / 0.8, Mn: 0.54 / 0.8 });
  close(lr.en_tm_mean, lrScaled.en_tm_mean);
  close(lr.radius_tm_std_A, lrScaled.radius_tm_std_A);
});

test('unknown element and empty composition are errors', () => {
  assert.throws(() => tmDescriptors({ Xx: 1 }), /no elemental properties for Xx/);
  assert.throws(() => tmDescriptors({ Ni: 0 }), /no transition-metal content/);
});

test('feature table: constant and mostly-missing features dropped, gaps filled with the median', () => {
  const base = {
    li_content: 1,
    co_content: 0,
    mn_content: 0,
    cutoff_voltage_V: 4.3,
    electrolyte_content_mg_mg: 1,
    crucible: 'sealed',
    scan_rate_K_min: 5,
  };
  const recs = [
    { ...base, ni_content: 1, active_material_ratio: 0.9, cutoff_voltage_V: 4.2 },
    { ...base, ni_content: 0.5, co_content: 0.5, active_material_ratio: 0.8, cutoff_voltage_V: 4.4 },
    {
      ...base,
      ni_content: 0.2,
      co_content: 0.8,
      active_material_ratio: null,
      crucible: 'open',
      cutoff_voltage_V: 4.6,
    },
  ];
  const t = buildFeatureTable(recs);
  assert.ok(!t.names.includes('li_content') && t.dropped.some((d) => d.feature === 'li_content'));
  assert.ok(t.names.includes('crucible_sealed'));
  const j = t.names.indexOf('active_material_ratio');
  assert.ok(Math.abs(t.X[2][j] - 0.85) < 1e-12);
  assert.equal(t.imputed.active_material_ratio.count, 1);
  assert.ok(Math.abs(t.imputed.active_material_ratio.median - 0.85) < 1e-12);
  assert.equal(recordFeatures(recs[2]).crucible_sealed, 0);
});
