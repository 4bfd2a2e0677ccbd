/**
 * Issue 22 item 4: the disk fills up (or is read-only) while `ckin` writes. On a 2 MB tmpfs filled to ~40 kB free,
 * synth, db import, analyze --report and train must say "disk full while writing …" and exit 74 (EX_IOERR,
 * src/core/io-error.ts) — never 70 "internal error" — and leave no partial output behind (no `DIR.tmp-*`, no
 * half-written report or model, a database that still opens with its old records). Then the same on a read-only
 * mount. Needs `mount -t tmpfs` (root); skipped with a message elsewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, EXTERNAL_DATA } from '../helpers/paths.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { writeTinyDataset } from '../nn/fixtures.ts';
import { tinyPreset } from '../nn/tiny-preset.ts';
import { recordHostile } from './summary-record.ts';

const CLI = join(REPO_ROOT, 'src/main.ts');
const ckin = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });

function mountTmpfs(options: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-diskfull-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return dir;
}
const umount = (dir: string) => {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
};

const probe = mountTmpfs('size=64k');
if (probe) umount(probe);
const skip = probe ? false : 'cannot mount a tmpfs here (needs root): disk-full tests skipped';
if (!probe) process.stdout.write(`# ${skip}\n`);

/** Fill `dir` until about `free_kB` are left. */
function fill(dir: string, free_kB: number): void {
  const s = statfsSync(dir);
  const avail = Number(s.bavail) * Number(s.bsize);
  writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, avail - free_kB * 1024)));
}

const NCM = join(EXTERNAL_DATA, 'crnn-ncm333-dsc');
let cases = 0;
let reported = 0;

function expectDiskFull(r: ReturnType<typeof ckin>, what: RegExp, label: string) {
  cases++;
  assert.equal(r.status, 74, `${label}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  assert.match(r.stderr, what, label);
  assert.doesNotMatch(r.stderr, /internal error/, label);
  reported++;
}

test(
  'disk full: synth, db import, analyze --report and train exit 74 naming the cause, leaving nothing partial',
  { skip },
  (t) => {
    const mnt = mountTmpfs('size=2m')!;
    t.after(() => umount(mnt));
    const entries = () =>
      readdirSync(mnt)
        .filter((n) => n !== 'filler' && n !== 'lost+found')
        .sort();

    // db import: the database is made while there is room, then the disk fills up.
    const db = join(mnt, 'dsc.duckdb');
    assert.equal(ckin(['db', 'init', '--db', db]).status, 0);
    const csv = join(mkdtempSync(join(tmpdir(), 'ckin-diskfull-src-')), 'records.csv');
    const header =
      'formula,li_content,ni_content,co_content,mn_content,cutoff_voltage_V,electrolyte_content_mg_mg,crucible,scan_rate_K_min,onset_T_C,peak_T_C,max_power_W_g,source';
    const rows = [header];
    for (let i = 0; i < 4000; i++)
      rows.push(
        `LiNi0.8Co0.1Mn0.1O2,1,0.8,0.1,0.1,4.3,0.5,sealed,${(5 + (i % 50) * 0.1).toFixed(1)},150,${230 + Math.floor(i / 50)},${(1 + (i % 7) * 0.3).toFixed(1)},lab/run-${i}.csv`,
      );
    writeFileSync(csv, rows.join('\n') + '\n');
    fill(mnt, 40);
    expectDiskFull(
      ckin(['db', 'import', csv, '--db', db, '--skip-invalid']),
      /disk full while writing/,
      'db import',
    );
    expectDiskFull(
      ckin(['synth', '--n', '2000', '--seed', '1', '--workers', '1', '--out', join(mnt, 'ds')]),
      /disk full while writing/,
      'synth',
    );
    const runs = ['2', '5', '10', '15', '20'].map((b) => join(NCM, `cath_1_${b}.csv`));
    expectDiskFull(
      ckin(['analyze', ...runs, '--columns', 'temperature_C,heatflow_W_g', '--report', join(mnt, 'report')]),
      /disk full while writing/,
      'analyze --report',
    );
    if (engineAvailable()) {
      const data = writeTinyDataset(200, 5);
      const preset = join(mkdtempSync(join(tmpdir(), 'ckin-diskfull-preset-')), 'tiny.json');
      writeFileSync(preset, JSON.stringify(tinyPreset(3)));
      expectDiskFull(
        ckin([
          'train',
          '--data',
          data,
          '--preset-file',
          preset,
          '--seed',
          '3',
          '--threads',
          '1',
          '--out',
          join(mnt, 'model'),
        ]),
        /disk full while writing/,
        'train',
      );
    }
    // Nothing partial: the database (and its emptied WAL) only; no synth temp dirs, no report, no model directory.
    assert.deepEqual(
      entries().filter((n) => !/^dsc\.duckdb(\.wal)?$/.test(n)),
      [],
      `left behind: ${entries().join(', ')}`,
    );
    // The database still opens, with no half import in it.
    rmSync(join(mnt, 'filler'));
    const q = ckin(['db', 'query', 'SELECT count(*) AS n FROM dsc_record', '--db', db, '--json']);
    assert.equal(q.status, 0, q.stderr);
    assert.equal((JSON.parse(q.stdout) as { rows: { n: number }[] }).rows[0].n, 0);
  },
);

test('read-only file system: synth and analyze --report exit 74 saying so', { skip }, (t) => {
  const mnt = mountTmpfs('size=1m,ro')!;
  t.after(() => umount(mnt));
  expectDiskFull(
    ckin(['synth', '--n', '200', '--seed', '1', '--workers', '1', '--out', join(mnt, 'ds')]),
    /read-only file system while writing/,
    'synth (read-only)',
  );
  const runs = ['2', '5', '10'].map((b) => join(NCM, `cath_1_${b}.csv`));
  expectDiskFull(
    ckin(['analyze', ...runs, '--columns', 'temperature_C,heatflow_W_g', '--report', join(mnt, 'r')]),
    /read-only file system while writing/,
    'analyze --report (read-only)',
  );
  assert.deepEqual(readdirSync(mnt), []);
});

test('disk-full summary', { skip }, () => {
  process.stdout.write(`disk full: ${reported}/${cases} writes reported as such (exit 74), none partial\n`);
  recordHostile('disk-full', { cases, reported });
  mkdirSync(tmpdir(), { recursive: true });
});
