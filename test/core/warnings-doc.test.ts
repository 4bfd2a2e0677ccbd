import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';

test('docs/warnings.md lists exactly the codes of WARNING_CODES, each in a table row', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'warnings.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| `([A-Za-z0-9_.-]+)` +\|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(documented, Object.keys(WARNING_CODES).sort());
});
