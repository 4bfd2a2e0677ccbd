import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runCli } from '../../src/cli/main.ts';
import type { CommandEntry } from '../../src/cli/commands/index.ts';
import { createServer } from '../../src/server/app.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** Run `runCli` in-process with extra commands, capturing stderr and the exit status. */
async function cli(args: string[], extra: CommandEntry[] = [], env: Record<string, string> = {}) {
  const err: string[] = [];
  const ew = process.stderr.write.bind(process.stderr);
  const saved = { ...process.env };
  Object.assign(process.env, env);
  process.stderr.write = (c: string | Uint8Array) => (err.push(String(c)), true);
  process.exitCode = undefined;
  try {
    await runCli(['node', 'ckin', ...args], extra);
  } finally {
    process.stderr.write = ew;
    process.env = saved;
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { status, stderr: err.join('') };
}

/** A command whose action throws what `fail` throws (a bug, as far as the CLI can tell). */
const failing = (fail: () => never): CommandEntry => ({
  name: 'boom',
  description: 'fails on purpose',
  load: () =>
    Promise.resolve({
      register: (p: Command) => {
        p.command('boom').action(() => fail());
      },
    }),
});

const recurse = (n: number): number => recurse(n + 1) + 1;

test('an internal error (TypeError) exits 70 with one line naming the crash log; the log holds the trace', async () => {
  const r = await cli(
    ['boom'],
    [
      failing(() => {
        throw new TypeError('cannot read properties of undefined');
      }),
    ],
  );
  assert.equal(r.status, 70);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0],
    /^ckin: internal error \(a bug, not a problem with your input\): TypeError: cannot read/,
  );
  const log = /the trace is in (\S+ckin-crash-\S+\.log)/.exec(lines[0])?.[1];
  assert.ok(log && existsSync(log), lines[0]);
  assert.match(readFileSync(log, 'utf8'), /TypeError: cannot read properties of undefined\n\s+at /);
});

test('V8’s RangeError (stack overflow) is an internal error, not a user error; --debug and CKIN_DEBUG print the trace', async () => {
  const overflow = failing(() => {
    throw (() => {
      try {
        recurse(0);
      } catch (e) {
        return e;
      }
    })();
  });
  const r = await cli(['boom'], [overflow]);
  assert.equal(r.status, 70);
  assert.match(r.stderr, /internal error .*RangeError: Maximum call stack size exceeded/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const d = await cli(['--debug', 'boom'], [overflow]);
  assert.equal(d.status, 70);
  assert.match(d.stderr, /RangeError: Maximum call stack size exceeded\n\s+at /);
  const e = await cli(['boom'], [overflow], { CKIN_DEBUG: '1' });
  assert.match(e.stderr, /\n\s+at /);
});

test('user errors exit 2 with one line: a bad file, a missing required option (marked in --help), a bad value', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
  const missing = run(['kissinger', join(tmpdir(), 'no-such-file.csv')]);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.match(missing.stderr, /^ckin: \S*no-such-file\.csv: file not found/);
  const required = run(['evaluate', '--model', 'model/']);
  assert.equal(required.status, 2, required.stderr);
  assert.match(required.stderr, /required option '--data/);
  assert.match(
    run(['evaluate', '--help']).stdout,
    /--data <dir>\s+dataset directory written by `ckin synth` \(required\)/,
  );
  // `ckin simulate` takes --Ea/--lgA or --model-file, so the command (not commander) asks for the missing one.
  const either = run(['simulate', '--Ea', '150']);
  assert.equal(either.status, 2, either.stderr);
  assert.equal(either.stderr.trim().split('\n').length, 1, either.stderr);
  assert.match(
    either.stderr,
    /^ckin: give --Ea and --lgA \(a single-step model\), or --model-file MODEL\.json/,
  );
  // `ckin safety` takes a triplet or run files (--model-free), so --lgA is required by the command, not commander.
  const triplet = run(['safety', '--Ea', '150']);
  assert.equal(triplet.status, 2, triplet.stderr);
  assert.equal(triplet.stderr.trim().split('\n').length, 1, triplet.stderr);
  assert.match(
    triplet.stderr,
    /^ckin: give --Ea and --lgA \(a kinetic triplet\), or run files with --model-free/,
  );
  const bad = run(['safety', '--Ea', '150', '--lgA', '11', '--alpha', '1.5']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^ckin: --alpha: conversions must be in \(0, 1\)/);
  const model = run(['simulate', '--Ea', '150', '--lgA', '11', '--model', 'nope']);
  assert.equal(model.status, 2, model.stderr);
  assert.match(model.stderr, /^ckin: --model: unknown reaction model "nope"/);
  // analyze: a file it cannot read is named once (in the text report's "Not analysed"), not again on stderr
  const dir = mkdtempSync(join(tmpdir(), 'ckin-once-'));
  const unreadable = join(dir, 'unreadable.csv');
  writeFileSync(unreadable, 'a,b\n1,2\n');
  const once = run(['analyze', unreadable]);
  assert.equal(once.status, 2, once.stderr);
  const all = once.stdout + once.stderr;
  assert.equal(all.split('no temperature column recognised').length - 1, 1, all);
  assert.match(once.stdout, /^0 of 1 runs analysed; 1 refused \(see "Not analysed" below\)/);
  assert.match(once.stdout, /Not analysed:\n {2}\S*unreadable\.csv:1: no temperature column/);
});

test('a 300,000-row run: `ckin info` reads it (no stack overflow from a spread of the data)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-big-'));
  const file = join(dir, 'big.csv');
  const rows = ['time_min,temperature_C,mass_pct'];
  for (let i = 0; i < 300_000; i++)
    rows.push(`${(i / 300).toFixed(4)},${(30 + i / 400).toFixed(4)},${(100 - i / 6000).toFixed(5)}`);
  writeFileSync(file, rows.join('\n') + '\n');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'info', file, '--json'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.runs[0].points, 300_000);
  assert.ok(Math.abs(out.runs[0].T_max_K - (30 + 299_999 / 400 + 273.15)) < 1e-3);
});

test('server: an internal error answers 500 with a request id (the trace goes to the log); an InputError is 422', async () => {
  const app = await createServer();
  try {
    app.get('/api/test-boom', () => {
      throw new TypeError('x is undefined');
    });
    const ew = process.stderr.write.bind(process.stderr);
    const logged: string[] = [];
    process.stderr.write = (c: string | Uint8Array) => (logged.push(String(c)), true);
    let r;
    try {
      r = await app.inject({ method: 'GET', url: '/api/test-boom' });
    } finally {
      process.stderr.write = ew;
    }
    assert.equal(r.statusCode, 500);
    const body = r.json();
    assert.match(body.error.message, /internal error .*request id [0-9a-f-]{36}/);
    assert.equal(body.error.details.request_id, /request id (\S+)/.exec(body.error.message)![1]);
    assert.ok(
      logged.join('').includes(body.error.details.request_id),
      'the trace is logged under the request id',
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/safety',
      payload: { Ea_kJ_mol: 150, lgA_s: -9, alphas: [0.5] },
    });
    assert.equal(bad.statusCode, 422, bad.body);
  } finally {
    await app.close();
  }
});
