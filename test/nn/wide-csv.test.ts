import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWideCsv } from '../../src/nn/wide-csv.ts';

function table(rows: (string | number)[][], channels = 2, length = 3) {
  const head = ['sample', 'valid', 'Ea_kJ_mol', 'lgA_s'];
  for (let r = 0; r < channels; r++) head.push(`beta${r}_K_min`);
  for (let r = 0; r < channels; r++) for (let p = 0; p < length; p++) head.push(`dtg_r${r}_p${p}`);
  return [head, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

test('wide CSV (synth export layout) reads curves, rates, labels and validity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-csv-'));
  try {
    const f = join(dir, 's.csv');
    writeFileSync(
      f,
      table([
        [0, 1, 150, 11.5, 10, 30, 0, 1, 0.5, 0.25, 1, 0],
        [1, 0, 200, 14, 10, 30, 0.1, 0.2, 1, 1, 0.3, 0.2],
      ]),
    );
    const s = readWideCsv(f, 2, 3);
    assert.equal(s.count, 2);
    assert.deepEqual(Array.from(s.curves.subarray(0, 6)), [0, 1, 0.5, 0.25, 1, 0]);
    assert.deepEqual(Array.from(s.aux), [10, 30, 10, 30]);
    assert.deepEqual(Array.from(s.targets), [150, 11.5, 200, 14]);
    assert.deepEqual(Array.from(s.flags!), [1, 0]);
    writeFileSync(f, table([[0, 1, 150, 11.5, 10, 30, 0, 1, 'x', 0.25, 1, 0]]));
    assert.throws(() => readWideCsv(f, 2, 3), /s\.csv:2: column dtg_r0_p2: not a number/);
    assert.throws(() => readWideCsv(f, 2, 4), /s\.csv:1: missing column dtg_r0_p3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
