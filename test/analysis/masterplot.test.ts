import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';
import { parseJson } from '../helpers/json.ts';
import { masterplot, type MasterPlotJson } from '../../src/app/masterplot.ts';
import { piOfX } from '../../src/analysis/masterplot/master-plots.ts';
import {
  malekDiagnosis,
  modelMasterPlots,
  masterPlotModels,
} from '../../src/analysis/masterplot/match-models.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { diffusion2DValensi, diffusion3DGinstling } from '../../src/kinetics/models/diffusion.ts';
import { integrateGaussLegendre } from '../../src/kinetics/quadrature.ts';
import { InputError } from '../../src/core/input-error.ts';
import { maxOf } from '../../src/core/statistics.ts';

function runs(model: string, n = 1, Ea = 150) {
  return simulateRuns({
    model: modelByName(model, { n }),
    params: { Ea_kJ_mol: Ea, lgA_s: 12 },
    rates_K_min: [2, 5, 10, 20],
    T_start_K: 300,
    T_end_K: 1000,
    step_K: 0.5,
  }).map((r) => ({ name: `sim_${r.beta_K_min}.csv`, content: simulatedRunToCsv(r) }));
}

test('π(x) = e^x E₂(x) against the Senum–Yang rational approximation (4th degree, error < 1e-5 for x ≥ 20)', () => {
  for (const x of [20, 30, 50]) {
    const sy = (x ** 3 + 18 * x ** 2 + 86 * x + 96) / (x ** 4 + 20 * x ** 3 + 120 * x ** 2 + 240 * x + 120);
    assert.ok(Math.abs(piOfX(x) / sy - 1) < 1e-5, `x ${x}: ${piOfX(x)} vs ${sy}`);
  }
});

test('D2 and D4: g(α) is the integral of 1/f(α) (quadrature)', () => {
  for (const m of [diffusion2DValensi(), diffusion3DGinstling()]) {
    for (const a of [0.2, 0.5, 0.9]) {
      const num = integrateGaussLegendre((t) => 1 / m.f(t), 0, a, 64);
      assert.ok(Math.abs(num / m.g!(a) - 1) < 1e-6, `${m.name} α ${a}: ${num} vs ${m.g!(a)}`);
    }
  }
});

test('model master plots: the published characteristic maxima α_z∞ (F1 and JMA 0.632, D3 0.704, R2 0.75, F2 0.5)', () => {
  const alphas = Array.from({ length: 9999 }, (_, k) => (k + 1) / 10000);
  const argmax = (v: number[]) => alphas[v.indexOf(maxOf(v))];
  const want: Record<string, number> = {
    F1: 1 - Math.exp(-1),
    A2: 0.632,
    A3: 0.632,
    D3: 0.704,
    R2: 0.75,
    F2: 0.5,
  };
  for (const { name, model } of masterPlotModels()) {
    if (!(name in want)) continue;
    const { z } = modelMasterPlots(model, alphas);
    assert.ok(
      Math.abs(argmax(z) - want[name]) < 0.001,
      `${name}: α_z∞ ${argmax(z)}, published ${want[name]}`,
    );
  }
});

test('masterplot: simulated F1, A2, A3, R3, D3 (and F2, R2, D1) are identified as themselves, with α_z∞ and Málek’s rule', () => {
  const cases: [string, number, string, number][] = [
    ['first-order', 1, 'F1', 0.632],
    ['jma', 2, 'A2', 0.632],
    ['jma', 3, 'A3', 0.632],
    ['r3', 1, 'R3', 0.704],
    ['d3', 1, 'D3', 0.704],
    ['nth-order', 2, 'F2', 0.5],
    ['r2', 1, 'R2', 0.75],
    ['d1', 1, 'D1', 1],
  ];
  for (const [model, n, name, az] of cases) {
    const res = masterplot({ runs: runs(model, n) });
    assert.equal(res.best, name, `${model}: ranking ${res.ranking.map((m) => m.model).join(' ')}`);
    assert.ok(res.ranking[0].score < 0.01, `${name} score ${res.ranking[0].score}`);
    assert.ok(res.ranking[1].score > 5 * res.ranking[0].score, `${name}: runner-up too close`);
    assert.ok(Math.abs(res.Ea_kJ_mol - 150) < 0.5, `${name}: Ea ${res.Ea_kJ_mol}`);
    assert.ok(Math.abs(res.alpha_z_max - az) < 0.01, `${name}: α_z∞ ${res.alpha_z_max} vs ${az}`);
    assert.equal(res.quality, 'ok', JSON.stringify(res.warnings));
  }
  // JMA: 0 < α_y < α_z∞; first order: y decreasing from the start.
  assert.match(masterplot({ runs: runs('jma', 2) }).diagnosis, /^JMA with n > 1/);
  assert.match(masterplot({ runs: runs('first-order', 1) }).diagnosis, /^F1/);
});

test('masterplot: z(α) hardly depends on Ea (α_z∞ stays 0.632 with Ea off by ±33 %), y(α) does', () => {
  for (const Ea of [100, 200]) {
    const r = masterplot({ runs: runs('first-order', 1), Ea_kJ_mol: Ea });
    assert.equal(r.Ea_source, 'given');
    assert.ok(Math.abs(r.alpha_z_max - 0.632) < 0.005, `Ea ${Ea}: α_z∞ ${r.alpha_z_max}`);
    assert.notEqual(r.best, 'F1', `Ea ${Ea}: y(α) should move away from F1`);
  }
  assert.throws(() => masterplot({ runs: runs('first-order', 1), Ea_kJ_mol: -5 }), InputError);
});

test('masterplot: runs of different shapes are flagged (runs_disagree); Málek’s rules', () => {
  const mixed = [...runs('first-order', 1).slice(0, 2), ...runs('d3', 1).slice(2)];
  const r = masterplot({ runs: mixed, Ea_kJ_mol: 150 });
  assert.ok(
    r.warnings.some((w) => w.code === 'masterplot.runs_disagree'),
    JSON.stringify(r.warnings),
  );
  assert.match(malekDiagnosis(0.3, 0.55), /^Šesták–Berggren/);
  assert.match(malekDiagnosis(0, 0.704), /^contracting geometry or diffusion/);
  assert.match(malekDiagnosis(0, 0.5), /^reaction order/);
  assert.match(malekDiagnosis(0.4, 0.632), /^JMA with n > 1/);
});

test('masterplot on picnik-two-steps: flagged as not single-step (Ea varies), no model matches', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-two-steps');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'masterplot', ...files, '--json'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(r.status, 0, r.stderr);
  const j = parseJson<MasterPlotJson>(r.stdout);
  assert.equal(j.quality, 'unreliable');
  assert.ok(j.warnings.some((w) => w.code === 'masterplot.ea_varies'));
  assert.equal(j.alpha.length, j.y.length);
  assert.equal(j.runs.length, 4);
});

test('masterplot on picnik-constant-E (external: first order, 75 kJ/mol): F1 first, α_z∞ 0.632', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-constant-E');
  const res = masterplot({
    runs: readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => ({ path: join(dir, f) })),
  });
  assert.ok(Math.abs(res.Ea_kJ_mol - 75) < 0.5, `Ea ${res.Ea_kJ_mol}`);
  assert.equal(res.best, 'F1');
  assert.ok(Math.abs(res.alpha_z_max - 0.632) < 0.005, `α_z∞ ${res.alpha_z_max}`);
  assert.equal(res.quality, 'ok', JSON.stringify(res.warnings));
});
