import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The operating system refusing a write — the disk is full, the quota is used up, the file system is read-only or
 * the directory is not writable — recognised as such, so that the CLI says "disk full while writing X" (exit 74,
 * EX_IOERR) instead of "internal error" with a trace (issue 22: `synth` and `train` did, and `db import` hid the cause
 * behind DuckDB's "cannot rollback - no transaction is active"). Looks at Node's errno codes (`code`, `path`) and, for
 * errors that cross a worker or a native library (DuckDB, libtorch) as text, at the operating system's messages;
 * follows `cause` chains.
 */

/**
 * Node's recursive mkdir reports ENOENT where the file system refused to create the directory (a read-only mount):
 * when the parent exists, ask the parent for the real reason (EROFS, EACCES) with access(W_OK).
 */
function mkdirRefused(err: unknown): NodeJS.ErrnoException | undefined {
  const e = err as NodeJS.ErrnoException;
  if (e?.code !== 'ENOENT' || e.syscall !== 'mkdir' || typeof e.path !== 'string') return undefined;
  const parent = dirname(e.path);
  if (!existsSync(parent)) return undefined;
  try {
    accessSync(parent, constants.W_OK);
    return undefined;
  } catch (why) {
    const w = why as NodeJS.ErrnoException;
    return Object.assign(new Error(w.message), { code: w.code, path: e.path, syscall: 'mkdir' });
  }
}

/** Exit status of `ckin` when the system refused a write (sysexits.h EX_IOERR). */
export const EXIT_IO = 74;

const KINDS: { codes: string[]; text: RegExp; what: string; hint: string }[] = [
  {
    codes: ['ENOSPC', 'EDQUOT'],
    text: /No space left on device|ENOSPC|Disk quota exceeded|EDQUOT|disk is full|database or disk is full/i,
    what: 'disk full',
    hint: 'free some space or write elsewhere',
  },
  {
    codes: ['EROFS'],
    text: /Read-only file system|EROFS/i,
    what: 'read-only file system',
    hint: 'write elsewhere',
  },
  {
    codes: ['EACCES', 'EPERM'],
    text: /Permission denied|EACCES|Operation not permitted|EPERM/i,
    what: 'permission denied',
    hint: 'check the permissions of the directory or write elsewhere',
  },
];

export interface WriteFailure {
  /** "disk full", "read-only file system" or "permission denied". */
  what: string;
  /** errno code when known (ENOSPC, EROFS, EACCES, …). */
  code?: string;
  /** The path being written, when the error names it. */
  path?: string;
  /** One line for the user: `disk full while writing PATH (ENOSPC): free some space …`. */
  message: string;
}

/** The write failure behind `err` (or its causes), or undefined when it is something else. */
export function writeFailure(err: unknown, writing?: string): WriteFailure | undefined {
  const mkdir = mkdirRefused(err);
  if (mkdir) return writeFailure(mkdir, writing);
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const text = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
    const kind = KINDS.find(
      (k) => (typeof code === 'string' && k.codes.includes(code)) || (text !== '' && k.text.test(text)),
    );
    if (!kind) continue;
    const path = (e as { path?: unknown }).path;
    // DuckDB and libtorch name the file in the text: `Could not write file "/x/db.wal": No space left on device`.
    const quoted = /(?:file|writing|open) "([^"]+)"/i.exec(text)?.[1];
    const where = typeof path === 'string' ? path : (quoted ?? writing);
    return {
      what: kind.what,
      code: typeof code === 'string' ? code : undefined,
      path: where,
      message:
        `${kind.what} while writing ${where ?? 'the output'}` +
        (typeof code === 'string' ? ` (${code})` : '') +
        `: ${kind.hint}`,
    };
  }
  return undefined;
}
