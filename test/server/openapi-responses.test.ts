import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createServer } from '../../src/server/app.ts';
import type { kissinger } from '../../src/app/kissinger.ts';
import type { iso } from '../../src/app/iso.ts';
import type { AnalyzeJson } from '../../src/app/analyze.ts';
import type { SafetyResult } from '../../src/app/safety.ts';
import type { SafetyModelFreeResult } from '../../src/app/safety-model-free.ts';
import type { JobStatus } from '../../src/server/job-queue.ts';
import type { ScreeningRun } from '../../src/server/screening-store.ts';
import {
  AnalyzeJsonSchema,
  AnalyzeResponseSchema,
  CapabilitiesResponseSchema,
  DscRecordsResponseSchema,
  HealthResponseSchema,
  IsoResponseSchema,
  JobListSchema,
  JobStatusSchema,
  KceResponseSchema,
  KissingerResponseSchema,
  LimitsResponseSchema,
  SafetyModelFreeResponseSchema,
  SafetyResponseSchema,
  ScreeningRunSchema,
  SimulateResponseSchema,
} from '../../src/server/response-schemas.ts';
import { simulatedUpload } from './helpers.ts';

// Compile time: the use cases' return types fit the published schemas (a renamed or retyped field fails `tsc`).
type Fits<S extends TSchema, T extends Static<S>> = T;
export type SchemaFits = [
  Fits<typeof KissingerResponseSchema, ReturnType<typeof kissinger>>,
  Fits<typeof IsoResponseSchema, ReturnType<typeof iso>>,
  Fits<typeof AnalyzeJsonSchema, AnalyzeJson>,
  Fits<typeof SafetyResponseSchema, SafetyResult>,
  Fits<typeof SafetyModelFreeResponseSchema, SafetyModelFreeResult>,
  Fits<typeof JobStatusSchema, JobStatus>,
  Fits<typeof ScreeningRunSchema, ScreeningRun>,
];

const app = await createServer();
after(() => app.close());

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

test('OpenAPI: every route has a 2xx response with a schema', async () => {
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, Operation>>;
  }>();
  const ops = Object.entries(spec.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );
  assert.ok(ops.length >= 20, `only ${ops.length} operations in /openapi.json`);
  const missing = ops
    .filter(({ op }) => {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      return !ok.some(([, r]) => Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
    })
    .map((o) => o.name);
  assert.deepEqual(missing, [], `routes without a 2xx schema: ${missing.join(', ')}`);
  const report = spec.paths['/api/report'].post.responses!['200'].content!;
  assert.ok(report['text/html'], 'the report is published as text/html');
});

test('405 with Allow for a wrong method on a known route; 404 for an unknown path', async () => {
  const get = await app.inject({ method: 'GET', url: '/api/analyze' });
  assert.equal(get.statusCode, 405);
  assert.equal(get.headers.allow, 'POST');
  assert.match(
    get.json<{ error: { message: string } }>().error.message,
    /GET is not allowed on \/api\/analyze: use POST/,
  );
  const del = await app.inject({ method: 'DELETE', url: '/api/jobs/abc' });
  assert.equal(del.statusCode, 405);
  assert.match(String(del.headers.allow), /GET/);
  const postHealth = await app.inject({ method: 'POST', url: '/api/health', payload: {} });
  assert.equal(postHealth.statusCode, 405);
  assert.equal((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode, 404);
  assert.equal((await app.inject({ method: 'GET', url: '/api/jobs/a/b' })).statusCode, 404);
});

/** The answer's status and body, checked against its schema (every error path listed). */
async function check(schema: TSchema, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await app.inject({ method, url, payload });
  assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`);
  const body: unknown = res.json();
  const errors = [...Value.Errors(schema, body)].slice(0, 5).map((e) => `${e.path}: ${e.message}`);
  assert.deepEqual(errors, [], `${method} ${url} does not match its schema`);
  return body;
}

test('real answers match their published schemas (non-finite numbers as null, fields kept)', async () => {
  const up = simulatedUpload();
  await check(HealthResponseSchema, 'GET', '/api/health');
  await check(CapabilitiesResponseSchema, 'GET', '/api/capabilities');
  await check(LimitsResponseSchema, 'GET', '/api/limits');
  await check(JobListSchema, 'GET', '/api/jobs');
  await check(SimulateResponseSchema, 'POST', '/api/simulate', {
    Ea_kJ_mol: 150,
    lgA_s: 12,
    rates_K_min: [10],
  });
  await check(KceResponseSchema, 'POST', '/api/kce', { Ea_kJ_mol: 150, lgA_s: 12 });
  const k = (await check(KissingerResponseSchema, 'POST', '/api/kissinger', up)) as Static<
    typeof KissingerResponseSchema
  >;
  // The answer is not filtered by its schema: a field the schema leaves undescribed still arrives.
  assert.equal(typeof (k.smoothing.runs[0] as { method?: unknown }).method, 'string');
  await check(IsoResponseSchema, 'POST', '/api/iso', { ...up, method: 'kas' });
  const a = (await check(AnalyzeResponseSchema, 'POST', '/api/analyze', up)) as Static<
    typeof AnalyzeResponseSchema
  >;
  assert.ok(Object.keys(a.plots).length > 0);
  await check(SafetyResponseSchema, 'POST', '/api/safety', {
    Ea_kJ_mol: 150,
    lgA_s: 12,
    Ea_se_kJ_mol: 2,
    lgA_se: 0.2,
    corr: 0.99,
    samples: 50,
    isothermal_C: 150,
  });
  await check(SafetyModelFreeResponseSchema, 'POST', '/api/safety/model-free', { ...up, isothermal_C: 150 });
  await check(DscRecordsResponseSchema, 'GET', '/api/dsc/records?source=demo&limit=3');
});
