import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WARNING_CODES } from '../../src/core/warnings.ts';

test('docs/warnings.md lists exactly the codes of WARNING_CODES, each in a table row', () => {
  const doc = readFileSync(new URL('../../docs/warnings.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `([A-Za-z0-9_.]+)` *\|/gm)].map((m) => m[1]));
  const registered = new Set(Object.keys(WARNING_CODES));
  assert.deepEqual(
    [...registered].filter((c) => !documented.has(c)),
    [],
    'registered but not documented',
  );
  assert.deepEqual(
    [...documented].filter((c) => !registered.has(c)),
    [],
    'documented but not registered',
  );
});
