import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { simulateUploads } from './traps/generate.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';

function ckin(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'ckin-trust-'));
const step = { model: nthOrder(1), Ea_kJ_mol: 150, lgA_s: 12 };
const write = (runs: { name: string; content: string | Uint8Array }[]) =>
  runs.map((r) => {
    const p = join(dir, r.name);
    writeFileSync(p, r.content);
    return p;
  });
const good = write(simulateUploads({ steps: [step], rates: [2, 5, 10, 20], seed: 1 }));
const glitched = write(
  simulateUploads({
    steps: [step],
    rates: [2, 5, 10, 20],
    seed: 2,
    glitch: { run: 1, T_C: 180, size_pct: 8 },
    names: ['g_2.csv', 'g_5.csv', 'g_10.csv', 'g_20.csv'],
  }),
);
const blanks = write(
  simulateUploads({
    steps: [{ ...step, weight: 0 }],
    rates: [15, 30],
    seed: 3,
    names: ['blank_15Kmin.csv', 'blank_30Kmin.csv'],
  }),
);

test('--strict: exit 0 on a clean Kissinger, exit 3 on an unreliable one (output still printed)', () => {
  const ok = ckin(['kissinger', ...good, '--json', '--strict']);
  assert.equal(ok.code, 0, ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.equal(j.quality, 'ok');
  assert.deepEqual(j.warnings, []);
  const bad = ckin(['kissinger', ...glitched, '--json', '--strict']);
  assert.equal(bad.code, 3, bad.stderr);
  const k = JSON.parse(bad.stdout);
  assert.equal(k.quality, 'unreliable');
  assert.ok(k.warnings.some((w: { code: string }) => w.code === 'signal.jump'));
  assert.match(bad.stderr, /--strict/);
  // without --strict the same result exits 0, with the warning printed beside the number
  const plain = ckin(['kissinger', ...glitched]);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /UNRELIABLE.*\[signal\.jump\]/);
});

test('analyze counts honestly: "4 of 6 runs analysed; 2 refused: …"', () => {
  const r = ckin(['analyze', ...good, ...blanks, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.summary.runs_total, 6);
  assert.equal(j.summary.runs_analysed, 4);
  assert.deepEqual(
    j.summary.runs_refused.map((x: { file: string }) => x.file.replace(/.*[\\/]/, '')),
    ['blank_15Kmin.csv', 'blank_30Kmin.csv'],
  );
  assert.match(j.summary.text, /^4 of 6 runs analysed; 2 refused: /);
  assert.ok(j.warnings.some((w: { code: string }) => w.code === 'batch.runs_refused'));
  const text = ckin(['analyze', ...good, ...blanks]);
  assert.match(text.stdout, /^4 of 6 runs analysed; 2 refused/);
});

test('rates paired with the wrong files are refused (exit 2) naming the files', () => {
  const r = ckin(['kissinger', ...good, '--rates', '10,2,20,5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /in another order/);
});
