import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo, DEMO_CASE } from '../../src/app/demo.ts';
import { isothermalTemperatureForTime_K } from '../../src/safety/isothermal.ts';
import { jma } from '../../src/kinetics/models/index.ts';

test('the main job recovers the embedded truth: fit within 0.5 %, Friedman/Vyazovkin within 0.1 %, safety from the fit', () => {
  const r = demo({ out: join(mkdtempSync(join(tmpdir(), 'ckin-demo-')), 'demo') });
  assert.equal(r.files.length, 3);
  assert.ok(Math.abs(r.fit.Ea_kJ_mol / DEMO_CASE.Ea_kJ_mol - 1) < 0.005, `fit Ea ${r.fit.Ea_kJ_mol}`);
  assert.ok(Math.abs(r.fit.lgA_s / DEMO_CASE.lgA_s - 1) < 0.005, `fit lgA ${r.fit.lgA_s}`);
  assert.ok(Math.abs(r.fit.n / DEMO_CASE.n - 1) < 0.01, `fit n ${r.fit.n}`);
  for (const m of r.iso.filter((x) => x.method === 'friedman' || x.method === 'vyazovkin')) {
    for (const e of m.Ea_at) assert.ok(Math.abs(e / DEMO_CASE.Ea_kJ_mol - 1) < 0.001, `${m.method}: ${e}`);
  }
  const truthT = isothermalTemperatureForTime_K({ Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) }, 86400, 0.1);
  assert.ok(
    Math.abs(r.safety.T_alpha0p1_1day_K - truthT) < 0.5,
    `${r.safety.T_alpha0p1_1day_K} vs ${truthT}`,
  );
});
