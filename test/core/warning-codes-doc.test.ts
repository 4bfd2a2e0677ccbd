import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';

test('every warning code of WARNING_CODES is documented in docs/warnings.md, and no other', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'warnings.md'), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `([a-z0-9.-]+)` +\|/gm)].map((m) => m[1]));
  for (const code of Object.keys(WARNING_CODES))
    assert.ok(documented.has(code), `docs/warnings.md lacks ${code}`);
  for (const code of documented)
    assert.ok(code in WARNING_CODES, `docs/warnings.md lists unknown code ${code}`);
});
