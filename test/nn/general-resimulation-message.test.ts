// pICNIK's real decane runs (evaporation at 1–5 K/min, far outside the general model's prior): the general model's
// answer re-simulates to a curve that misses the data entirely (R² not finite). The warning must still name the run
// and say so in words, not print "R² —" (and a NaN R² must not make it crash).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { ckin } from '../helpers/ckin.ts';
import { parseJson } from '../helpers/json.ts';

test('general model on real decane: unreliable, the mismatch warning names the run and says the curve misses', () => {
  const dir = join(EXTERNAL_DATA, 'picnik-decane');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
  const r = ckin(['predict', ...files, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = parseJson<{
    quality: string;
    model_used: string;
    warnings: { code: string; message: string; file?: string }[];
  }>(r.stdout);
  assert.equal(out.model_used, 'general');
  assert.equal(out.quality, 'unreliable');
  const w = out.warnings.find((x) => x.code === 'cnn.resimulation-mismatch');
  assert.ok(w, JSON.stringify(out.warnings.map((x) => x.code)));
  assert.ok(w.file && files.includes(w.file), `names a run: ${w.file}`);
  assert.doesNotMatch(w.message, /R² —/);
  assert.match(w.message, /R² (-?\d|below any bound)/);
});
