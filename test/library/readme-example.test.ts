import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../helpers/paths.ts';
import { checkExampleOutput, readmeLibraryExample } from './readme-example.ts';

test('the README library example runs (against src/index.ts) and recovers the simulated truth', () => {
  const code = readmeLibraryExample().replace(
    "from 'cathode-kinetics'",
    `from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src/index.ts')).href)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'ckin-readme-'));
  const file = join(dir, 'example.mts');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  checkExampleOutput(r.stdout);
});
