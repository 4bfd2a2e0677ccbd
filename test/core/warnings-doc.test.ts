import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { WARNING_CODES } from '../../src/core/warnings.ts';

// docs/warnings.md documents a code as a table row "| `code` | meaning | what you can do |", a section "### code" or
// a list item "- `code` — meaning. _Remedy:_ …" (for codes that need a paragraph); the page and the registry must list the same codes, once each.
test('docs/warnings.md lists exactly the codes of WARNING_CODES, each once (a table row, a ### section or a list item)', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'warnings.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Za-z0-9_.-]+)` +\|/gm)].map((m) => m[1]);
  const sections = [...doc.matchAll(/^### ([A-Za-z0-9_.-]+)\s*$/gm)].map((m) => m[1]);
  const bullets = [...doc.matchAll(/^- `([A-Za-z0-9_.-]+)` (?:—|\()/gm)].map((m) => m[1]);
  const documented = rows.concat(sections, bullets);
  const registered = Object.keys(WARNING_CODES);
  assert.deepEqual(
    documented.filter((c, i) => documented.indexOf(c) !== i),
    [],
    'documented twice',
  );
  assert.deepEqual(registered.filter((c) => !documented.includes(c)), [], 'registered but not documented');
  assert.deepEqual(documented.filter((c) => !(c in WARNING_CODES)), [], 'documented but not registered');
});
