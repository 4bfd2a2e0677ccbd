import { basename } from 'node:path';
import { parseRunBytes } from '../io/read-run.ts';
import { InputError } from '../core/input-error.ts';
import { withFileNameRate } from '../io/instruments/rate-from-filename.ts';
import type { Run } from '../io/run.ts';
import type { AnalyzeInput } from '../analysis/analyze.ts';
import { HttpError } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decode one uploaded file's bytes: `text` as UTF-8, or `base64` strictly checked (a bad character is a 400). */
export function uploadedBytes(
  f: { name: string; text?: string; base64?: string },
  limits: ServerLimits,
): Uint8Array {
  if ((f.text === undefined) === (f.base64 === undefined)) {
    throw new HttpError(
      400,
      `${f.name}: give the file content either as "text" or as "base64", not ${f.text === undefined ? 'neither' : 'both'}`,
    );
  }
  let bytes: Uint8Array;
  if (f.text !== undefined) bytes = Buffer.from(f.text, 'utf8');
  else {
    const clean = f.base64!.replace(/\s+/g, '');
    if (clean.length % 4 !== 0 || !BASE64.test(clean)) {
      throw new HttpError(400, `${f.name}: the "base64" content is not valid base64`);
    }
    bytes = Buffer.from(clean, 'base64');
  }
  if (bytes.length === 0) throw new HttpError(400, `${f.name}: the file is empty`);
  if (bytes.length > limits.fileLimit_bytes) {
    throw new HttpError(
      413,
      `${f.name}: the file is ${(bytes.length / 2 ** 20).toFixed(1)} MB, above the ${(limits.fileLimit_bytes / 2 ** 20).toFixed(0)} MB limit per file`,
    );
  }
  return bytes;
}

/** The reader options of an upload (same meaning as the CLI's --columns, --temperature-unit, --exo-sign, --sample-mass). */
function readOptions(u: RunUpload) {
  return {
    columns: u.columns
      ? u.columns
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    temperatureUnit: u.temperatureUnit,
    exoSign: u.exoSign,
    sampleMass_mg: u.sampleMass_mg,
  };
}

/**
 * Parse every uploaded file into a Run, exactly as `ckin analyze` reads files (content-detected format, then the
 * file-name heating rate as a last resort). A file that cannot be read is kept with its error (as in the CLI), so
 * the page can show which one failed and why. Names are reduced to their base name: no paths from requests.
 */
export function parseUploads(u: RunUpload, limits: ServerLimits): AnalyzeInput[] {
  if (u.files.length > limits.maxFiles) {
    throw new HttpError(413, `${u.files.length} files in one request, above the limit of ${limits.maxFiles}`);
  }
  const opts = readOptions(u);
  return u.files.map((f) => {
    const file = basename(f.name.replace(/\\/g, '/')) || 'upload';
    const bytes = uploadedBytes(f, limits);
    try {
      const run = withFileNameRate(parseRunBytes(bytes, file, { ...opts, heatingRate_K_min: f.rate_K_min }));
      return { file, run };
    } catch (e) {
      if (e instanceof InputError || e instanceof RangeError) return { file, error: e.message };
      throw e;
    }
  });
}

/** All runs must read: the first failure becomes a 422 naming the file and the problem. */
export function requireRuns(inputs: AnalyzeInput[]): Run[] {
  const bad = inputs.filter((i) => !i.run);
  if (bad.length > 0) {
    throw new HttpError(
      422,
      bad.map((b) => (b.error!.startsWith(b.file) ? b.error! : `${b.file}: ${b.error}`)).join('; '),
      {
        files: bad.map((b) => ({ file: b.file, error: b.error })),
      },
    );
  }
  return inputs.map((i) => i.run!);
}
