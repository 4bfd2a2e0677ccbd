import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
  mkdirSync,
} from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Write a file atomically: write a temporary file beside it, fsync it, then rename it over the target, so a reader
 * (or a crash) sees either the old complete file or the new one, never a half-written file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  const fd = openSync(tmp, 'w');
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    // Disk full (or any failed write): no half-written temporary file is left beside the target.
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Run `fn`, which writes into directory `dir`; when it throws and `dir` did not exist before, remove `dir` again, so
 * that a failed run (disk full, a crash) leaves no partial output directory behind. An existing directory is left as
 * it was (its old content may be the user's).
 */
export function inNewDirOrNothing<T>(dir: string, fn: () => T): T {
  const created = !existsSync(dir);
  try {
    return fn();
  } catch (e) {
    if (created) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** `inNewDirOrNothing` for asynchronous writers. */
export async function inNewDirOrNothingAsync<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const created = !existsSync(dir);
  try {
    return await fn();
  } catch (e) {
    if (created) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
