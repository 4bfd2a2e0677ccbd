import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from '../../src/server/app.ts';
import { deconvolve } from '../../src/app/deconvolve.ts';
import { masterplot } from '../../src/app/masterplot.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { asJson } from './helpers.ts';

const app = await createServer();
after(() => app.close());

test('POST /api/deconvolve returns the JSON of the use case (picnik-two-steps); a bad peaks is a 400', async () => {
  const dir = join(EXTERNAL_DATA, 'picnik-two-steps');
  const names = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const r = await app.inject({ method: 'POST', url: '/api/deconvolve', payload: { files, peaks: 2 } });
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json<{ peaks: { kissinger: { Ea_kJ_mol: number } }[] }>();
  assert.ok(Math.abs(body.peaks[0].kissinger.Ea_kJ_mol - 75) < 1.5);
  const direct = deconvolve({
    runs: files.map((f) => ({ name: f.name, content: f.text })),
    peaks: 2,
    rateFromFileName: true,
  });
  assert.deepEqual(body, asJson(direct));
  const bad = await app.inject({ method: 'POST', url: '/api/deconvolve', payload: { files, peaks: 50 } });
  assert.equal(bad.statusCode, 400, bad.body);
});

test('POST /api/masterplot returns the JSON of the use case; a negative Ea is a 400', async () => {
  const dir = join(EXTERNAL_DATA, 'picnik-constant-E');
  const names = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const r = await app.inject({ method: 'POST', url: '/api/masterplot', payload: { files, Ea_kJ_mol: 75 } });
  assert.equal(r.statusCode, 200, r.body);
  const direct = masterplot({
    runs: files.map((f) => ({ name: f.name, content: f.text })),
    Ea_kJ_mol: 75,
    rateFromFileName: true,
  });
  assert.deepEqual(r.json(), asJson(direct));
  const bad = await app.inject({ method: 'POST', url: '/api/masterplot', payload: { files, Ea_kJ_mol: -1 } });
  assert.equal(bad.statusCode, 400, bad.body);
});
