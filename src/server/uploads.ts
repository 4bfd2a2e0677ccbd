import { basename } from 'node:path';
import { parseSmoothing } from '../analysis/smoothing.ts';
import { parseStageWindowsC } from '../analysis/stage-window.ts';
import type { RunsInput } from '../app/run-sources.ts';
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

/**
 * An upload as the app's run input: every file decoded (`text` as UTF-8 or strict `base64`, size-checked), names
 * reduced to their base name (no paths from requests), each file's `rate_K_min` in order, and the shared read
 * options with the same meaning as the CLI's (--columns, --temperature-unit, --exo-sign, --sample-mass, --signal).
 * `window_C` is one window for the conversion-curve use cases and the stage windows of the analysis pipeline.
 * The heating rate in a file name is the last resort, as in `ckin analyze`.
 */
export function uploadSources(u: RunUpload, limits: ServerLimits): RunsInput {
  if (u.files.length > limits.maxFiles) {
    throw new HttpError(413, `${u.files.length} files in one request, above the limit of ${limits.maxFiles}`);
  }
  const stageWindows = u.window_C ? parseStageWindowsC(u.window_C) : undefined;
  return {
    runs: u.files.map((f) => ({
      name: basename(f.name.replace(/\\/g, '/')) || 'upload',
      content: uploadedBytes(f, limits),
    })),
    heatingRates_K_min: u.files.some((f) => f.rate_K_min !== undefined)
      ? u.files.map((f) => f.rate_K_min)
      : undefined,
    columns: parseColumnList(u.columns),
    temperatureUnit: u.temperatureUnit,
    exoSign: u.exoSign,
    sampleMass_mg: u.sampleMass_mg,
    signal: u.signal,
    smoothing: u.smoothing === undefined ? undefined : parseSmoothing(u.smoothing, 'smoothing'),
    window_K: stageWindows?.length === 1 ? [stageWindows[0].lo_K, stageWindows[0].hi_K] : undefined,
    stageWindows_K: stageWindows?.map((w) => [w.lo_K, w.hi_K]),
    rateFromFileName: true,
  };
}

function parseColumnList(columns: string | undefined): string[] | undefined {
  return columns
    ? columns
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}
