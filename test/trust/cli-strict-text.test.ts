/**
 * `--strict` is honoured in the text path of every command (issue 16): an unreliable result exits 3 with or without
 * `--json`, one case per command family (kinetics: kissinger, iso, analyze; fit; predict; safety); kce and simulate
 * exit 0 under --strict on clean input; and every result-printing command writes its text through `printText`
 * (the one place that notes the result for --strict).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { simulateUploads } from './traps/generate.ts';
import { jma, nthOrder } from '../../src/kinetics/models/index.ts';

function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'ckin-strict-text-'));
const write = (runs: { name: string; content: string | Uint8Array }[]) =>
  runs.map((r) => {
    const p = join(dir, r.name);
    writeFileSync(p, r.content);
    return p;
  });
const step = { model: nthOrder(1), Ea_kJ_mol: 150, lgA_s: 12 };
const glitched = write(
  simulateUploads({
    steps: [step],
    rates: [2, 5, 10, 20],
    seed: 2,
    glitch: { run: 1, T_C: 180, size_pct: 8 },
    names: ['g_2.csv', 'g_5.csv', 'g_10.csv', 'g_20.csv'],
  }),
);
const good = write(
  simulateUploads({
    steps: [step],
    rates: [2, 5, 10, 20],
    seed: 1,
    names: ['k_2.csv', 'k_5.csv', 'k_10.csv', 'k_20.csv'],
  }),
);

/** Exit 3 with --strict in text mode, the text still printed; exit 0 without --strict. */
function strictText(args: string[], printed: RegExp) {
  const s = ckin([...args, '--strict']);
  assert.equal(s.code, 3, `${args[0]}: ${s.stderr}`);
  assert.match(s.stdout, printed);
  assert.match(s.stderr, /--strict/);
  assert.equal(ckin(args).code, 0);
}

test('--strict text: kissinger, iso and analyze on a glitched set exit 3', () => {
  strictText(['kissinger', ...glitched], /UNRELIABLE.*\[signal\.jump\]/);
  strictText(['iso', ...glitched, '--method', 'friedman'], /\[signal\.jump\]/);
  strictText(['analyze', ...glitched], /\[signal\.jump\]/);
  // clean input: exit 0 under --strict
  assert.equal(ckin(['kissinger', ...good, '--strict']).code, 0);
});

test('--strict text: a JMA fit with n fixed at 3 on first-order data (per-rate r² ≈ 0) exits 3', () => {
  strictText(['fit', ...good, '--n', '3'], /UNRELIABLE.*\[fit\.r2_low\]/);
  assert.equal(ckin(['fit', ...good, '--n', '1', '--strict']).code, 0);
});

test('--strict text: the CNN on a first-order 75 kJ/mol set exits 3', () => {
  const runs = write(
    simulateUploads({
      steps: [{ model: nthOrder(1), Ea_kJ_mol: 75, lgA_s: 3.43 }],
      rates: [10, 30, 60],
      seed: 3,
      T_end_C: 800,
      names: ['c_10Kmin.csv', 'c_30Kmin.csv', 'c_60Kmin.csv'],
    }),
  );
  strictText(['predict', '--model', 'best', ...runs], /cnn\.resimulation-mismatch/);
  const clean = write(
    simulateUploads({
      steps: [{ model: jma(3), Ea_kJ_mol: 150, lgA_s: 10 }],
      rates: [10, 30, 60],
      seed: 4,
      T_end_C: 800,
      names: ['d_10Kmin.csv', 'd_30Kmin.csv', 'd_60Kmin.csv'],
    }),
  );
  assert.equal(ckin(['predict', ...clean, '--strict']).code, 0);
});

test('--strict text: a safety prediction far below the data range exits 3', () => {
  strictText(
    [
      'safety',
      ...good,
      '--Ea',
      '150',
      '--lgA',
      '12',
      '--Ea-se',
      '1',
      '--lgA-se',
      '0.1',
      '--isothermal',
      '-40',
      '--samples',
      '200',
    ],
    /safety\.extrapolation/,
  );
  assert.equal(
    ckin([
      'safety',
      ...good,
      '--Ea',
      '150',
      '--lgA',
      '12',
      '--Ea-se',
      '1',
      '--lgA-se',
      '0.1',
      '--isothermal',
      '280',
      '--alpha',
      '0.1',
      '--samples',
      '200',
      '--strict',
    ]).code,
    0,
  );
});

test('--strict text: kce and simulate exit 0 on clean input', () => {
  assert.equal(ckin(['kce', '--material', 'ncm811', '--strict']).code, 0);
  assert.equal(ckin(['simulate', '--Ea', '150', '--lgA', '12', '--rates', '5,10', '--strict']).code, 0);
});

test('every result-printing command writes its text through printText (the --strict bookkeeping)', () => {
  const cmdDir = join(REPO_ROOT, 'src/cli/commands');
  const commands = ['analyze', 'kissinger', 'iso', 'fit', 'predict', 'safety', 'kce', 'simulate'];
  for (const f of readdirSync(cmdDir).filter((x) => commands.includes(x.replace(/\.ts$/, '')))) {
    const src = readFileSync(join(cmdDir, f), 'utf8');
    assert.doesNotMatch(src, /process\.stdout\.write\(/, `${f} writes to stdout without printText`);
    assert.match(src, /printText\(/, `${f} has no text path through printText`);
  }
});
