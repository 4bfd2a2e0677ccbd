import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScheme } from '../../src/fit/scheme.ts';
import { fitScheme } from '../../src/fit/multistep-fit.ts';
import { bootstrapScheme } from '../../src/fit/scheme-bootstrap.ts';
import type { MultistepRun } from '../../src/fit/multistep-problem.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { createRng } from '../../src/core/random.ts';
import { sampleStandardDeviation } from '../../src/core/statistics.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import { writeRuns } from '../analysis/fit-helpers.ts';

/** Exact first-order dα/dT (150 kJ/mol, lgA 12) at three rates, 60 points each, plus 1 % white noise. */
function noisyFirstOrder(seed: number): MultistepRun[] {
  const rng = createRng(seed);
  const T0 = 400;
  return [2, 5, 10].map((beta) => {
    const b = beta / 60;
    const T = Array.from({ length: 60 }, (_, i) => 480 + (160 * i) / 59);
    const kf = (x: number) => 1e12 * Math.exp(-150000 / (R_J_PER_MOL_K * x));
    const y = T.map((x) => (kf(x) * Math.exp(-(1e12 / b) * temperatureIntegralBetween_K(150, T0, x))) / b);
    let max = 0;
    for (const v of y) max = Math.max(max, v);
    return { beta_K_min: beta, T_K: T, y: y.map((v) => v + 0.01 * max * rng.normal()), T0_K: T0 };
  });
}

test('scheme bootstrap: on a well-posed noisy single step the bootstrap SE agrees with the Jacobian SE and with the spread over noise draws', () => {
  const scheme = parseScheme('A->B:F1');
  const opts = { observable: 'conversion-rate' as const, seed: 1, maxGenerations: 30 };
  const runs = noisyFirstOrder(11);
  const fit = fitScheme(scheme, runs, opts);
  const boot = bootstrapScheme(scheme, runs, fit, { ...opts, replicates: 12, bootstrapSeed: 3 });
  const s = boot.steps[0];
  assert.equal(s.Ea_kJ_mol.length, 12);
  assert.ok(s.Ea_se_jacobian_kJ_mol! > 0 && s.Ea_se_bootstrap_kJ_mol > 0);
  const ratio = s.Ea_se_bootstrap_kJ_mol / s.Ea_se_jacobian_kJ_mol!;
  assert.ok(ratio > 0.5 && ratio < 2, `bootstrap/Jacobian SE ${ratio}`);
  assert.deepEqual(
    boot.warnings.filter((w) => w.code === 'fit.se_bootstrap_disagree'),
    [],
  );
  // The reference that the code does not compute: the spread of Ea over independent noise draws of the same runs.
  const eas = [21, 22, 23, 24, 25, 26].map(
    (sd) => fitScheme(scheme, noisyFirstOrder(sd), opts).steps[0].Ea_kJ_mol,
  );
  const mc = sampleStandardDeviation(eas);
  assert.ok(
    s.Ea_se_bootstrap_kJ_mol / mc > 0.33 && s.Ea_se_bootstrap_kJ_mol / mc < 3,
    `bootstrap ${s.Ea_se_bootstrap_kJ_mol} vs Monte Carlo ${mc} kJ/mol`,
  );
  // Seeded: the same seed gives the same replicates.
  const again = bootstrapScheme(scheme, runs, fit, { ...opts, replicates: 3, bootstrapSeed: 3 });
  assert.deepEqual(again.steps[0].Ea_kJ_mol, s.Ea_kJ_mol.slice(0, 3));
});

test('ckin fit --scheme … --bootstrap N --json carries the bootstrap beside the Jacobian SE; N out of bounds exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-sboot-'));
  const files = writeRuns(dir, { Ea_kJ_mol: 160, lgA_s: 12, n: 1 });
  const run = (extra: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'src/main.ts'),
        'fit',
        ...files,
        '--rates',
        '10,30,60',
        '--scheme',
        'A->B:F1',
        ...extra,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
  const r = run(['--bootstrap', '3', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = parseJson<{ bootstrap: { replicates: number; steps: { Ea_kJ_mol: number[] }[] } }>(r.stdout);
  assert.equal(j.bootstrap.replicates, 3);
  for (const e of j.bootstrap.steps[0].Ea_kJ_mol) assert.ok(Math.abs(e - 160) < 1, `replicate Ea ${e}`);
  assert.equal(run(['--bootstrap', '1']).status, 2);
  // Case resampling over the three runs (three distinct rates: no few-runs warning), with percentile intervals.
  const c = run(['--bootstrap', '3', '--bootstrap-kind', 'cases', '--json']);
  assert.equal(c.status, 0, c.stderr);
  const jc = parseJson<{
    bootstrap: {
      kind: string;
      distinct_runs: number;
      steps: { Ea_kJ_mol: number[]; Ea_p025_kJ_mol: number; Ea_p975_kJ_mol: number }[];
      warnings: { code: string }[];
    };
  }>(c.stdout);
  assert.equal(jc.bootstrap.kind, 'cases');
  assert.equal(jc.bootstrap.distinct_runs, 3);
  assert.ok(!jc.bootstrap.warnings.some((w) => w.code === 'multistep.bootstrap-few-runs'));
  const st = jc.bootstrap.steps[0];
  assert.ok(st.Ea_p025_kJ_mol <= st.Ea_p975_kJ_mol && Math.abs(st.Ea_p025_kJ_mol - 160) < 1);
  assert.equal(run(['--bootstrap', '3', '--bootstrap-kind', 'pairs']).status, 2);
});
