import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predict, type PredictSampleResult } from '../../src/app/predict.ts';
import { simulate } from '../../src/app/simulate.ts';
import { InputError } from '../../src/core/input-error.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { SHIPPED_MODELS } from '../../src/nn/model.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';

/**
 * The trust layer of `ckin predict` with the shipped model: every prediction carries structured warnings and a
 * quality; input outside the model's domain is refused (exit 2) unless --force (with `--model best`; without --model
 * such input goes to the general model: test/nn/general-model.test.ts); --refine falls back instead of
 * failing. Known answers: the simulated runs' own triplets, and pICNIK's first-order 75 kJ/mol set.
 */
const skip =
  !engineAvailable() || !existsSync(join(SHIPPED_MODELS.best, 'model.pt'))
    ? 'libtorch addon or models/best missing'
    : false;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckin-trust-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Simulated JMA runs (one CSV per rate) in a fresh directory; returns the files. */
function runs(name: string, Ea: number, lgA: number, n: number, rates = [10, 30, 60]): string[] {
  const out = join(dir, name);
  const r = simulate({ Ea_kJ_mol: Ea, lgA_s: lgA, n, heatingRates_K_min: rates, out });
  return r.runs.map((x) => x.file!);
}
const sources = (files: string[]) => files.map((path) => ({ path }));
const one = (r: ReturnType<typeof predict>) => r as PredictSampleResult;
const codes = (r: PredictSampleResult) => r.warnings.map((w) => w.code);

/** NCM811's KCE line: inside the shipped model's training prior. */
const kce = (Ea: number) => 0.0655 * Ea - 3.25;

test('in-domain run: a good answer, quality ok, structured warnings only', { skip }, () => {
  const Ea = 170;
  const r = one(predict({ runs: sources(runs('ok', Ea, kce(Ea), 3)) }));
  assert.ok(Math.abs(r.cnn.Ea_kJ_mol - Ea) < 5, `Ea ${r.cnn.Ea_kJ_mol}`);
  assert.equal(r.quality, 'ok', JSON.stringify(r.warnings));
  assert.deepEqual(r.warnings, []);
  assert.ok(r.domain.worst_r2 > 0.95);
});

test(
  'another Avrami exponent (n = 1): the wrong answer is marked unreliable; a poor refinement too',
  { skip },
  () => {
    const Ea = 190;
    const r = one(predict({ model: 'best', runs: sources(runs('n1', Ea, kce(Ea), 1)), refine: true }));
    assert.ok(Math.abs(r.cnn.Ea_kJ_mol - Ea) > 10, 'the shipped model cannot know n = 1');
    assert.equal(r.quality, 'unreliable');
    assert.ok(codes(r).includes('cnn.resimulation-mismatch'));
    assert.ok(codes(r).includes('cnn.refine-poor-fit'), JSON.stringify(r.warnings));
    for (const w of r.warnings) assert.ok(w.code in WARNING_CODES && w.message.length > 0);
  },
);

test('rates off the training rates are refused unless forced, then unreliable', { skip }, () => {
  const files = runs('slow', 170, kce(170), 3, [5, 20, 40]);
  assert.throws(
    () => predict({ model: 'best', runs: sources(files) }),
    (e: unknown) =>
      e instanceof InputError && /5 K\/min, but the model was trained at 10 K\/min/.test(e.message),
  );
  const r = one(predict({ model: 'best', runs: sources(files), force: true }));
  assert.equal(r.quality, 'unreliable');
  assert.equal(codes(r).filter((c) => c === 'cnn.rates-outside-training').length, 3);
  // the CLI: exit 2 with the reason, and --force gives one JSON object with the warnings
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'predict', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
  const refused = cli([...files, '--model', 'best']);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /refused \(--force predicts anyway/);
  const forced = cli([...files, '--model', 'best', '--force', '--json']);
  assert.equal(forced.status, 0, forced.stderr);
  const j = JSON.parse(forced.stdout) as PredictSampleResult;
  assert.equal(j.quality, 'unreliable');
});

test('a file with no reaction is refused, not "Ea 143.5"', { skip }, () => {
  const rng = mulberry32(5);
  const files = [10, 30, 60].map((beta) => {
    const lines = ['time_min,temperature_C,mass_pct'];
    for (let T = 30; T <= 800; T += 0.5)
      lines.push(`${((T - 30) / beta).toFixed(5)},${T},${(100 + 0.01 * rng.normal()).toFixed(5)}`);
    const f = join(dir, `flat-${beta}.csv`);
    writeFileSync(f, lines.join('\n') + '\n');
    return f;
  });
  assert.throws(
    () => predict({ runs: sources(files), heatingRates_K_min: [10, 30, 60] }),
    (e: unknown) => e instanceof InputError && /no reaction/.test(e.message),
  );
  // With the GCV-smoothed conversion (issue 15) a flat noisy run has no positive dα/dT at all on the grid: nothing can
  // be fed to the network, so it stays refused with --force (before, forcing gave an unreliable "prediction").
  assert.throws(
    () => predict({ runs: sources(files), heatingRates_K_min: [10, 30, 60], force: true }),
    (e: unknown) => e instanceof InputError && /no reaction/.test(e.message),
  );
});

test('--refine with no peak inside the window falls back to the CNN answer with a caution', { skip }, () => {
  // Peaks beyond 800 °C at every rate: the refinement's input check finds no peak (it used to exit 2).
  const r = one(predict({ model: 'best', runs: sources(runs('late', 260, 8.2, 3)), refine: true }));
  assert.equal(r.refined, undefined);
  assert.ok(codes(r).includes('cnn.refine-failed'), JSON.stringify(r.warnings));
  assert.ok(codes(r).includes('cnn.peak-outside-window'));
  assert.equal(r.quality, 'unreliable');
});

test(
  'pICNIK first order, 75 kJ/mol (lgA 3.43): outside the shipped model — refused, and flagged when forced',
  { skip },
  () => {
    const files = ['5', '10', '20'].map((b) => join(EXTERNAL_DATA, 'picnik-constant-E', `E_cnt_${b}.csv`));
    assert.throws(() => predict({ model: 'best', runs: sources(files) }), InputError);
    const r = one(predict({ model: 'best', runs: sources(files), force: true }));
    assert.equal(r.quality, 'unreliable');
    assert.ok(codes(r).includes('cnn.resimulation-mismatch'), JSON.stringify(r.warnings));
  },
);
