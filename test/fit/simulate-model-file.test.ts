import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/paths.ts';
import { simulateModelFile } from '../../src/app/simulate-model-file.ts';
import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { InputError } from '../../src/core/input-error.ts';

const F1_TGA = {
  format: 'ckin-scheme-model',
  version: 1,
  scheme: 'A->B:F1',
  observable: 'conversion-rate',
  steps: [{ from: 'A', to: 'B', model: 'F1', Ea_kJ_mol: 150, lgA_s: 12, params: {}, mass_fraction: 0.6 }],
  fitted_to: { files: [], beta_K_min: [5, 10], T_range_K: [450, 560] },
  statistics: { sse: 0, n_points: 0, n_params: 0, aicc: 0, bic: 0, min_r2: 1 },
  created_by: 'test',
};

test('ckin simulate --model-file: a one-step F1 model file gives the exact first-order α(T) and dα/dT at each rate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-sim-mf-'));
  const file = join(dir, 'f1.json');
  writeFileSync(file, JSON.stringify(F1_TGA));
  const res = simulateModelFile({ model: file, T_start_K: 400, T_end_K: 650, step_K: 1, out: dir });
  assert.deepEqual(
    res.runs.map((r) => r.beta_K_min),
    [5, 10],
  );
  for (const run of res.runs) {
    const rows = readFileSync(run.file!, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'time_min,temperature_C,alpha,dadT_per_K');
    const T = rows.slice(1).map((l) => Number(l.split(',')[1]) + 273.15);
    const exact = jmaExactCurve({ Ea_kJ_mol: 150, lgA_s: 12, n: 1 }, run.beta_K_min!, 400, T);
    rows.slice(1).forEach((l, i) => {
      const [, , a, r] = l.split(',').map(Number);
      assert.ok(
        Math.abs(a - exact.alpha[i]) < 1e-5,
        `β ${run.beta_K_min} T ${T[i]}: α ${a} vs ${exact.alpha[i]}`,
      );
      assert.ok(Math.abs(r - exact.dadT_per_K[i]) < 1e-5 * 0.05 + 1e-4 * exact.dadT_per_K[i]);
    });
  }
  assert.throws(() => simulateModelFile({ model: join(dir, 'none.json') }), InputError);
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'simulate', '--model-file', file, '--json'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const out = JSON.parse(cli.stdout) as { runs: { beta_K_min: number; T_peak_K: number }[] };
  assert.deepEqual(
    out.runs.map((r) => r.beta_K_min),
    [5, 10],
  );
  assert.ok(out.runs[1].T_peak_K > out.runs[0].T_peak_K);
});
