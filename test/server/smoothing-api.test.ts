import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/app.ts';
import { kissinger } from '../../src/app/kissinger.ts';
import { REPO_ROOT } from '../helpers/paths.ts';
import { SIM, asJson } from './helpers.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';

/** Three simulated mass-only runs (time, T, mass %): the derivative is ours to compute, so the smoothing applies. */
function massUpload() {
  const runs = simulateRuns({
    model: modelByName('jma', { n: SIM.n }),
    params: { Ea_kJ_mol: SIM.Ea_kJ_mol, lgA_s: SIM.lgA_s },
    rates_K_min: SIM.rates,
    T_start_K: 303.15,
    T_end_K: 1073.15,
    step_K: 1,
  });
  return {
    files: runs.map((r) => ({
      name: `run_${r.beta_K_min}Kmin.csv`,
      text:
        `# heating rate: ${r.beta_K_min} K/min\nt (s),T (K),m (%)\n` +
        Array.from(r.temperature_K, (T, i) => `${r.time_s[i]},${T},${r.mass_pct[i]}`).join('\n'),
    })),
  };
}

const app = await createServer();
after(() => app.close());
const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object });

test('smoothing: the API, the use case and the CLI accept it and report it; a bad spec is a 4xx naming it', async () => {
  const up = massUpload();
  const r = await post('/api/kissinger', { ...up, smoothing: 'sg:21:3' });
  assert.equal(r.statusCode, 200, r.body);
  const k = r.json();
  assert.equal(k.smoothing.method, 'sg');
  assert.ok(
    k.smoothing.runs.every(
      (x: { method: string; window: number }) => x.method === 'savitzky-golay' && x.window === 21,
    ),
  );
  assert.ok(Math.abs(k.Ea_kJ_mol - SIM.Ea_kJ_mol) < 1.5, `Ea ${k.Ea_kJ_mol}`);
  const dir = mkdtempSync(join(tmpdir(), 'ckin-smooth-'));
  const paths = up.files.map((f) => {
    writeFileSync(join(dir, f.name), f.text);
    return join(dir, f.name);
  });
  assert.deepEqual(
    k,
    asJson(
      kissinger({ runs: paths.map((path) => ({ path })), smoothing: { method: 'sg', window: 21, order: 3 } }),
    ),
  );
  const auto = (await post('/api/iso', { ...up, method: 'friedman' })).json();
  assert.equal(auto.smoothing.method, 'auto');
  assert.ok(auto.smoothing.runs.every((x: { method: string; route: string }) => x.method === 'spline-gcv'));
  const bad = await post('/api/kissinger', { ...up, smoothing: 'sg:4' });
  assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, `${bad.statusCode}`);
  assert.match(bad.body, /smoothing: Savitzky–Golay window must be an odd whole number/);
  // the CLI: --smoothing on kissinger, reported in --json
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'src/main.ts'),
      'kissinger',
      ...paths,
      '--smoothing',
      'spline:1e-3',
      '--json',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const j = JSON.parse(cli.stdout);
  assert.equal(j.smoothing.method, 'spline');
  assert.ok(j.smoothing.runs.every((x: { lambda: number }) => x.lambda === 1e-3));
  const both = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(REPO_ROOT, 'src/main.ts'),
      'iso',
      ...paths,
      '--smoothing',
      'auto',
      '--sg-window',
      '21',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(both.status, 2);
  assert.match(both.stderr, /either --smoothing or --sg-window/);
});
