import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { checkExampleOutput, readmeLibraryExample } from './readme-example.ts';

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false' } });

/** An npm failure that says the registry cannot be reached (then the test is skipped, never passed). */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ENETUNREACH|network/i;

test('npm pack → install the tarball elsewhere → the README example and `npx ckin --version` run with plain node', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-pack-'));
  try {
    // prepack compiles dist/ (scripts/build-dist.mjs), so the tarball holds what the sources say now.
    const pack = npm(['pack', '--silent', '--pack-destination', dir], REPO_ROOT);
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, pack.stdout);
    const app = join(dir, 'app');
    spawnSync('mkdir', [app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'uses-ckin', private: true, type: 'module' }),
    );
    // --ignore-scripts: the libtorch addon build (the package's install hook) is not what this test is about.
    const inst = npm(
      ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', join(dir, tarball)],
      app,
    );
    if (inst.status !== 0 && OFFLINE.test(inst.stderr)) {
      t.skip(
        `the npm registry is unreachable, so the tarball's dependencies cannot be installed: ${inst.stderr.split('\n')[0]}`,
      );
      return;
    }
    assert.equal(inst.status, 0, inst.stderr);
    writeFileSync(join(app, 'example.mjs'), readmeLibraryExample());
    const run = spawnSync(process.execPath, ['example.mjs'], { cwd: app, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    checkExampleOutput(run.stdout);
    const types = spawnSync(
      process.execPath,
      [
        '-e',
        "import('cathode-kinetics').then((m) => console.log(typeof m.kissinger, typeof m.fitJma, typeof m.readRunFile))",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    assert.equal(types.stdout.trim(), 'function function function', types.stderr);
    const version = spawnSync('npx', ['--no-install', 'ckin', '--version'], { cwd: app, encoding: 'utf8' });
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
