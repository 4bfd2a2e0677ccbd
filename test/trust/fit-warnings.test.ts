/**
 * `ckin fit` carries the same input checks as kissinger and iso (issue 16): a declared rate more than 5 % off the
 * measured T(t) slope is replaced by the slope with `rate.declared_mismatch`, in the fit JSON and beside the fit in
 * the text output; a correct input carries no rate warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fit } from '../../src/app/fit.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { simulateUploads } from './traps/generate.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';

const step = { model: nthOrder(1), Ea_kJ_mol: 150, lgA_s: 12 };
const runs = simulateUploads({
  steps: [step],
  rates: [5, 10, 20],
  names: ['s1.csv', 's2.csv', 's3.csv'],
  seed: 7,
});
const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

test('fit: a declared rate 2× off the T(t) slope → measured rate used, rate.declared_mismatch on the fit', () => {
  const res = fit({ runs, heatingRates_K_min: [5, 10, 10], n: 1 });
  const w = res.warnings.find((x) => x.code === 'rate.declared_mismatch');
  assert.ok(w, codes(res.warnings).join(', '));
  assert.equal(w.file, 's3.csv');
  assert.equal(w.severity, 'caution');
  assert.notEqual(res.quality, 'ok');
  // the measured 20 K/min was fitted (declared 10 would have shifted the fit by tens of kJ/mol)
  assert.ok(Math.abs(res.rates[2].beta_K_min - 20) < 0.2, `${res.rates[2].beta_K_min}`);
  assert.ok(Math.abs(res.Ea_kJ_mol - 150) < 3, `Ea ${res.Ea_kJ_mol}`);
});

test('fit: rates declared right → no rate warning', () => {
  const res = fit({ runs, heatingRates_K_min: [5, 10, 20], n: 1 });
  assert.deepEqual(
    codes(res.warnings).filter((c) => c.startsWith('rate.')),
    [],
  );
});

test('fit --stage carries the rate checks too', () => {
  const res = fit({ runs, heatingRates_K_min: [5, 10, 10], n: 1, stage: 1 });
  assert.ok(codes(res.warnings).includes('rate.declared_mismatch'), codes(res.warnings).join(', '));
});

test('ckin fit text prints the rate warning beside the fit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-fitw-'));
  const files = runs.map((r) => {
    const p = join(dir, r.name);
    writeFileSync(p, r.content);
    return p;
  });
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'fit', ...files, '--rates', '5,10,10', '--n', '1'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /caution.*\[rate\.declared_mismatch\]/);
});
