import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../../src/server/app.ts';
import { safetyModelFree } from '../../src/app/safety-model-free.ts';
import { safety } from '../../src/app/safety.ts';
import { uploadSources } from '../../src/server/uploads.ts';
import { DEFAULT_LIMITS } from '../../src/server/limits.ts';
import { simulatedUpload, asJson, SIM } from './helpers.ts';

const app = await createServer();
after(() => app.close());

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

const R = 8.314462618;
const PROGRAM = 'time_min,temperature_C\n0,25\n30,175\n600,175\n';

test('POST /api/safety/model-free equals the model-free use case (`ckin safety FILES… --model-free --json`) and the analytic JMA times', async () => {
  const upload = simulatedUpload();
  const body = {
    ...upload,
    isothermal_C: 200,
    alphas: [0.1, 0.5],
    adiabatic: { dH_J_g: 700, cp_J_gK: 1.1, T0_C: 150 },
    program: { name: 'hold.csv', text: PROGRAM },
    critical: {
      dH_J_g: 700,
      density_kg_m3: 1200,
      size_m: 0.2,
      conductivity_W_mK: 0.3,
      ambient_C: 60,
      U_W_m2K: 8,
    },
  };
  const r = await post('/api/safety/model-free', body);
  assert.equal(r.statusCode, 200, r.body);
  const direct = asJson(
    safetyModelFree({
      ...uploadSources(upload, DEFAULT_LIMITS),
      isothermal_K: 473.15,
      alphas: [0.1, 0.5],
      adiabatic: { dH_J_g: 700, cp_J_gK: 1.1, T0_K: 423.15, phi: 1 },
      program: { name: 'hold.csv', text: PROGRAM },
      critical: {
        dH_J_g: 700,
        density_kg_m3: 1200,
        size_m: 0.2,
        conductivity_W_mK: 0.3,
        ambient_K: 333.15,
        U_W_m2K: 8,
      },
    }),
  );
  const got = r.json<ReturnType<typeof safetyModelFree>>();
  assert.deepEqual(got, direct);
  const k = Math.pow(10, SIM.lgA_s) * Math.exp((-SIM.Ea_kJ_mol * 1000) / (R * 473.15));
  for (const t of got.isothermal!.times) {
    const exact = Math.pow(-Math.log(1 - t.alpha), 1 / SIM.n) / k;
    assert.ok(Math.abs(t.time_s.value / exact - 1) < 0.01, `α=${t.alpha}: ${t.time_s.value} vs ${exact}`);
  }
  assert.ok(got.critical!.frank_kamenetskii!.T_ambient_critical_K!.value > 300);
  assert.ok(got.critical!.semenov!.critical_size_m!.value > 0);
  assert.equal(got.program!.file, 'hold.csv');
});

test('POST /api/safety: critical conditions and a data range reach the triplet use case; schema errors are 400', async () => {
  const r = await post('/api/safety', {
    Ea_kJ_mol: 150,
    lgA_s: 12,
    data_range_C: [220, 320],
    isothermal_C: 120,
    critical: { dH_J_g: 600, package: { mass_kg: 25, surface_m2: 0.5, U_W_m2K: 5 } },
  });
  assert.equal(r.statusCode, 200, r.body);
  const direct = asJson(
    safety({
      Ea_kJ_mol: 150,
      lgA_s: 12,
      n: 1,
      model: 'jma',
      corr: 0,
      samples: 2000,
      seed: 1,
      alphas: [0.05, 0.1, 0.5],
      isothermal_K: 393.15,
      data_T_range_K: [493.15, 593.15],
      critical: { dH_J_g: 600, package: { mass_kg: 25, surface_m2: 0.5, U_W_m2K: 5 } },
    }),
  );
  assert.deepEqual(r.json(), direct);
  const res = r.json<ReturnType<typeof safety>>();
  assert.ok(res.warnings.some((w) => w.code === 'safety.extrapolation'));
  assert.ok(res.critical!.sadt!.sadt_K > 273.15);
  const bad = await post('/api/safety/model-free', { ...simulatedUpload(), critical: { dH_J_g: -1 } });
  assert.equal(bad.statusCode, 400, bad.body);
  const noCooling = await post('/api/safety/model-free', {
    ...simulatedUpload(),
    critical: { dH_J_g: 500, size_m: 1 },
  });
  assert.equal(noCooling.statusCode, 422, noCooling.body);
  assert.match(noCooling.body, /--conductivity/);
});
