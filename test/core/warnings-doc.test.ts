import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';

test('docs/warnings.md has one section per registered warning code, and no other', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'warnings.md'), 'utf8');
  const sections = [...doc.matchAll(/^## (\S+)\s*$/gm)].map((m) => m[1]).sort();
  assert.deepEqual(sections, Object.keys(WARNING_CODES).sort());
});
