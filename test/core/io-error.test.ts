import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFailure } from '../../src/core/io-error.ts';
import { inNewDirOrNothing } from '../../src/core/atomic-write.ts';

const errno = (code: string, path?: string) =>
  Object.assign(new Error(`${code}: something, write '${path}'`), { code, path });

test('writeFailure: errno codes, texts from native libraries and causes; anything else is not one', () => {
  assert.equal(
    writeFailure(errno('ENOSPC', '/d/x.bin'))?.message,
    'disk full while writing /d/x.bin (ENOSPC): free some space or write elsewhere',
  );
  assert.equal(writeFailure(errno('EDQUOT', '/d/q'))?.what, 'disk full');
  assert.equal(writeFailure(errno('EROFS', '/ro/x'))?.what, 'read-only file system');
  assert.equal(writeFailure(errno('EACCES', '/p/x'))?.what, 'permission denied');
  const duck = new Error('IO Error: Could not write file "/m/dsc.duckdb.wal": No space left on device');
  assert.deepEqual([writeFailure(duck)?.what, writeFailure(duck)?.path], ['disk full', '/m/dsc.duckdb.wal']);
  assert.equal(writeFailure(new Error('wrapped', { cause: errno('ENOSPC', '/c') }))?.path, '/c');
  assert.equal(writeFailure(new RangeError('Invalid array length')), undefined);
  assert.equal(writeFailure(errno('ENOENT', '/nope')), undefined);
  assert.equal(writeFailure(undefined), undefined);
});

test('inNewDirOrNothing removes a directory it made when the writer throws, never one that existed', () => {
  const root = mkdtempSync(join(tmpdir(), 'ckin-newdir-'));
  const fresh = join(root, 'fresh');
  assert.throws(() =>
    inNewDirOrNothing(fresh, () => {
      mkdirSync(fresh);
      writeFileSync(join(fresh, 'half'), 'x');
      throw errno('ENOSPC', join(fresh, 'half'));
    }),
  );
  assert.equal(existsSync(fresh), false);
  const old = join(root, 'old');
  mkdirSync(old);
  writeFileSync(join(old, 'keep'), 'mine');
  assert.throws(() =>
    inNewDirOrNothing(old, () => {
      throw new Error('boom');
    }),
  );
  assert.equal(existsSync(join(old, 'keep')), true);
  assert.equal(
    inNewDirOrNothing(join(root, 'ok'), () => 42),
    42,
  );
});
