import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fuzzReaders } from '../../src/robustness/fuzz-readers.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';

// The short CI run of the reader fuzzer (the long one is `npm run fuzz`). Seeded: a failure reproduces with
// `npm run fuzz -- --seed 20261122 --seconds N`.
test('fuzzing every reader with mutations of the real files: no crash, no hang, bounded memory', async () => {
  const report = await fuzzReaders({
    seedDirs: ['instrument-exports', 'crnn-ncm333-dsc', 'picnik-constant-E'].map((d) =>
      join(EXTERNAL_DATA, d),
    ),
    seconds: Number(process.env.CKIN_FUZZ_SECONDS ?? 15),
    seed: 20261122,
  });
  process.stdout.write(
    `fuzz executions: ${report.executions} (${report.ok} parsed, ${report.handled} rejected with a message), ` +
      `${report.crashes.length} crashes, ${report.hangs.length} hangs, ${report.memory.length} out-of-memory\n`,
  );
  assert.ok(report.executions > 50, `only ${report.executions} executions`);
  assert.deepEqual(report.crashes, []);
  assert.deepEqual(report.hangs, []);
  assert.deepEqual(report.memory, []);
});
