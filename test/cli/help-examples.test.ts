import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { SERVE } from '../../src/main.ts';
import { EXAMPLES } from '../../src/cli/examples.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * Every command's `--help` ends with a worked example, and every example is a command line the command accepts:
 * its options exist and its required options are present (so an example cannot go stale when an option is renamed).
 * Also: `ofw` is accepted as the name of `fwo`, and a busy port is a one-line user error (exit 2), not a crash.
 */
function helpText(cmd: Command): string {
  let out = '';
  cmd.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  cmd.outputHelp();
  return out;
}

function commandsOf(cmd: Command, path: string): [string, Command][] {
  const out: [string, Command][] = [[path, cmd]];
  for (const c of cmd.commands)
    for (const x of commandsOf(c, path ? `${path} ${c.name()}` : c.name())) out.push(x);
  return out;
}

test('every command and subcommand has an example in its --help, using only its own options, required ones included', async () => {
  const root = await buildProgram(['node', 'ckin', '--help'], [SERVE]);
  assert.match(helpText(root), /Examples:\n {2}\$ ckin demo/);
  for (const e of [...COMMANDS, SERVE]) {
    const program = await buildProgram(['node', 'ckin', e.name, '--help'], [SERVE]);
    const top = program.commands.find((c) => c.name() === e.name)!;
    for (const [path, cmd] of commandsOf(top, e.name)) {
      const help = helpText(cmd);
      assert.match(help, /\nExamples?:\n {2}\$ ckin /, `${path} --help has an example`);
      for (const line of EXAMPLES[path]) {
        assert.ok(line.startsWith(`ckin ${path}`), `"${line}" runs ${path}`);
        assert.ok(help.includes(`$ ${line}`), `${path} --help shows "${line}"`);
        const words = line.split(/\s+/);
        const used = words.filter((w) => w.startsWith('--'));
        // an example of a command with subcommands runs one of them: check that one's options
        let runs = cmd;
        for (const w of words.slice(1 + path.split(' ').length)) {
          const sub = runs.commands.find((c) => c.name() === w);
          if (!sub) break;
          runs = sub;
        }
        const known = runs.options.map((o) => o.long);
        for (const u of used) assert.ok(known.includes(u), `${path}: example option ${u} exists`);
        for (const o of runs.options.filter((o) => o.mandatory))
          assert.ok(used.includes(o.long!), `${path}: example gives the required ${o.long}`);
      }
    }
  }
});

const ckin = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });

test('`ofw` is the same method as `fwo`', () => {
  const runs = join(REPO_ROOT, '..', 'shared', 'data', 'external', 'picnik-constant-E');
  const files = ['E_cnt_5.csv', 'E_cnt_10.csv', 'E_cnt_20.csv'].map((f) => join(runs, f));
  const a = ckin(['iso', ...files, '--method', 'ofw', '--json']);
  const b = ckin(['iso', ...files, '--method', 'fwo', '--json']);
  assert.equal(a.status, 0, a.stderr);
  assert.deepEqual(JSON.parse(a.stdout), JSON.parse(b.stdout));
  assert.equal(JSON.parse(a.stdout).method, 'fwo');
});

test('a busy port: one line naming the port, exit 2', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = ckin(['serve', '--port', String(port), '--quiet']);
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('warning:'));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], new RegExp(`--port ${port}: the port is already in use`));
  } finally {
    blocker.close();
  }
});
