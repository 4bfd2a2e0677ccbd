import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCurveDataset } from '../../src/nn/dataset.ts';
import { InputError } from '../../src/core/input-error.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('the CNN dataset reader checks every array against its sha256 and reads the label prior', () => {
  const root = mkdtempSync(join(tmpdir(), 'ckin-ds-'));
  try {
    const dir = join(root, 'data');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/main.ts'), 'synth', '--n', '80', '--seed', '4', '--out', dir],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    assert.equal(r.status, 0, r.stderr);
    const { set, info } = readCurveDataset(dir);
    assert.equal(set.count, 80);
    assert.equal(info.labelPrior?.materials.length, 4);
    assert.equal(info.labelPrior?.kceShare, 0.75);
    assert.deepEqual(info.labelPrior?.plane, { Ea_kJ_mol: [120, 260], lgA_s: [4, 14] });

    // One flipped byte in the curves: refused, naming the array.
    const file = join(dir, 'curves.f32');
    const bytes = readFileSync(file);
    bytes[1000] ^= 0x40;
    writeFileSync(file, bytes);
    assert.throws(
      () => readCurveDataset(dir),
      (e: unknown) => e instanceof InputError && /corrupted array: sha256/.test(e.message) && e.file === file,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
