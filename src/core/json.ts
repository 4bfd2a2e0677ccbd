/**
 * JSON from files and requests as typed values, never `any`: parse to `unknown`, then check the value against a
 * TypeBox schema. A bad file is the user's mistake, so every failure is an InputError naming the file and what is
 * wrong (the JSON path of the first mismatch and what was expected there).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { readFileSync } from 'node:fs';
import { InputError } from './input-error.ts';

/** Parse JSON text to `unknown`; InputError `invalid JSON: …` (naming `file` when given) on a syntax error. */
export function parseJson(text: string, file?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file });
  }
}

/**
 * `value` as the schema's type, or an InputError such as `model manifest: /net/layers/3/out: Expected number`.
 * @param what what the value is, for the message (`model manifest`, `train state`, …)
 */
export function checkJson<T extends TSchema>(
  schema: T,
  value: unknown,
  what: string,
  file?: string,
): Static<T> {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value).First();
  const where = first ? (first.path === '' ? '(top level)' : first.path) : '';
  throw new InputError(`${what}: ${where}: ${first?.message ?? 'does not match the expected structure'}`, {
    file,
  });
}

/** Read, parse and check a JSON file (see `parseJson`, `checkJson`). */
export function readJsonFile<T extends TSchema>(path: string, schema: T, what: string): Static<T> {
  return checkJson(schema, parseJson(readFileSync(path, 'utf8'), path), what, path);
}

/** Read and parse a JSON file without a schema, as `unknown` (callers narrow it themselves). */
export function readJsonUnknown(path: string): unknown {
  return parseJson(readFileSync(path, 'utf8'), path);
}
