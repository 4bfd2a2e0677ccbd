import type { Rng } from '../core/random.ts';

/**
 * Request bodies for fuzzing an API route from its own JSON schema (the TypeBox schemas, as the server publishes them
 * in /openapi.json): a value that conforms (`conforming`), with boundary numbers, enum members and lengths at their
 * bounds, and hostile variants of one or two of its fields (`hostile`: just outside a bound, the wrong type, null,
 * prototype keys, a 10⁴-character string, 1e-300 steps, …) — the inputs that have brought this server down before
 * (issue 22). Pure and seeded: the same seed gives the same bodies. Hand-written: the JSON-schema fakers on npm
 * (json-schema-faker) produce only conforming values and would be a new dependency.
 */

/** The part of JSON Schema the server's TypeBox schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  pattern?: string;
}

/** Strings that have meant trouble for some parser or lookup. */
const HOSTILE_STRINGS = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '../../../etc/passwd',
  '\u0000',
  'NaN',
  '-Infinity',
  '1e-300',
  '0.1:0.9:1e-300',
  '0.01:0.99:0.000001',
  '0:1:0',
  '9e999',
  '-1',
  ' ',
  '\ud800',
  'α,β,γ;😀',
  'temperature_C,temperature_C,temperature_C',
  '%s%s%s%n',
];

const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1e-300,
  -1e-300,
  5e-324,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 31,
  0.5,
  1e6,
  1e9,
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** A number within the schema's bounds, often at a bound (the edges are where off-by-one and overflow live). */
function conformingNumber(s: JsonSchema, rng: Rng, integer: boolean): number {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : -1e6);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : 1e6);
  const eps = integer ? 1 : Math.max(Math.abs(lo), Math.abs(hi), 1) * 1e-9;
  const loIn = s.minimum === undefined && s.exclusiveMinimum !== undefined ? lo + eps : lo;
  const hiIn = s.maximum === undefined && s.exclusiveMaximum !== undefined ? hi - eps : hi;
  const r = rng.uniform();
  let v = r < 0.25 ? loIn : r < 0.5 ? hiIn : loIn + (hiIn - loIn) * rng.uniform();
  if (integer) v = Math.min(Math.ceil(hiIn), Math.max(Math.floor(loIn), Math.round(v)));
  if (integer && s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) v = s.exclusiveMinimum + 1;
  return v;
}

function conformingString(s: JsonSchema, rng: Rng): string {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 24, min + 24);
  const len = rng.uniform() < 0.2 ? min : rng.uniform() < 0.2 ? max : min + rng.int(max - min + 1);
  const alphabet = 'abcxyz019.:,_-; ';
  let out = '';
  for (let i = 0; i < len; i++) out += alphabet[rng.int(alphabet.length)];
  return out;
}

/**
 * A value that conforms to `schema`. `base` supplies values by property path where random ones would never get past
 * the first check (the uploaded files: random text is not a thermal-analysis run).
 */
export function conforming(
  schema: JsonSchema,
  rng: Rng,
  base?: (path: string) => unknown,
  path = '',
): unknown {
  const given = base?.(path);
  if (given !== undefined) return structuredClone(given);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rng, schema.enum);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts && alts.length > 0) return conforming(pick(rng, alts), rng, base, path);
  if (schema.allOf && schema.allOf.length > 0) return conforming(schema.allOf[0], rng, base, path);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, sub] of Object.entries(schema.properties ?? {})) {
        const sub_path = path === '' ? k : `${path}.${k}`;
        if (required.has(k) || base?.(sub_path) !== undefined || rng.uniform() < 0.5)
          out[k] = conforming(sub, rng, base, sub_path);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 4, min + 3);
      const n = min + rng.int(max - min + 1);
      return Array.from({ length: n }, () => conforming(schema.items ?? {}, rng, base, `${path}[]`));
    }
    case 'string':
      return conformingString(schema, rng);
    case 'number':
      return conformingNumber(schema, rng, false);
    case 'integer':
      return conformingNumber(schema, rng, true);
    case 'boolean':
      return rng.uniform() < 0.5;
    case 'null':
      return null;
    default:
      return pick(rng, [0, 'x', true, null, {}, []]);
  }
}

/** A value for a field of this schema that breaks it, or sits on a bound that code might not expect. */
export function hostileValue(schema: JsonSchema, rng: Rng): unknown {
  const t = typeOf(schema);
  const r = rng.uniform();
  if (r < 0.15)
    return pick(rng, [null, true, 'x', 0, [], {}, [[[]]], JSON.parse('{"__proto__":1}') as unknown]);
  if (t === 'number' || t === 'integer') {
    const edges: number[] = [];
    if (schema.minimum !== undefined) edges.push(schema.minimum, schema.minimum - 1, schema.minimum - 1e-9);
    if (schema.maximum !== undefined) edges.push(schema.maximum, schema.maximum + 1, schema.maximum * 10);
    if (schema.exclusiveMinimum !== undefined)
      edges.push(schema.exclusiveMinimum, schema.exclusiveMinimum + 1e-300);
    for (const x of HOSTILE_NUMBERS) edges.push(x);
    return rng.uniform() < 0.1 ? String(pick(rng, edges)) : pick(rng, edges);
  }
  if (t === 'string') {
    if (r < 0.3 && schema.enum) return `${String(pick(rng, schema.enum))} `;
    if (r < 0.4) return 'x'.repeat((schema.maxLength ?? 10_000) + 1);
    if (r < 0.5) return '9'.repeat(10_000);
    return pick(rng, HOSTILE_STRINGS);
  }
  if (t === 'array') {
    if (r < 0.4) return [];
    const n = Math.min((schema.maxItems ?? 50) + 1, 100);
    const item = schema.items ?? {};
    return Array.from({ length: n }, () =>
      rng.uniform() < 0.5 ? hostileValue(item, rng) : conforming(item, rng),
    );
  }
  if (t === 'object') {
    if (r < 0.4) return {};
    const v = conforming(schema, rng);
    const obj = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    obj[pick(rng, ['extra', 'constructor', 'prototype'])] = 1;
    return obj;
  }
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts && alts.length > 0) return hostileValue(pick(rng, alts), rng);
  return pick(rng, [null, -1, 'x', 1e308]);
}

/** The paths of every value in `v` (objects and arrays, depth-first), with the schema that describes each. */
function paths(
  v: unknown,
  schema: JsonSchema,
  at: (string | number)[] = [],
): { at: (string | number)[]; schema: JsonSchema }[] {
  const out = [{ at, schema }];
  const s = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema;
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      for (const p of paths(x, s.items ?? {}, [...at, i])) out.push(p);
    });
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      for (const p of paths(x, s.properties?.[k] ?? {}, [...at, k])) out.push(p);
    }
  }
  return out;
}

/**
 * A body for a route: a conforming one (one time in three) or one with 1–2 of its fields hostile (or removed), or
 * now and then a body that is not an object at all.
 */
export function hostile(schema: JsonSchema, rng: Rng, base?: (path: string) => unknown): unknown {
  const body = conforming(schema, rng, base);
  const k = rng.int(3);
  if (k === 0) return body;
  if (rng.uniform() < 0.05) return pick(rng, [null, [], 'body', 42, [body], { body }]);
  for (let i = 0; i < k; i++) {
    const all = paths(body, schema).filter((p) => p.at.length > 0 && !isFileText(p.at));
    if (all.length === 0) break;
    const p = pick(rng, all);
    const parent = p.at
      .slice(0, -1)
      .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], body) as Record<
      string | number,
      unknown
    >;
    const key = p.at[p.at.length - 1];
    if (rng.uniform() < 0.1 && !Array.isArray(parent)) delete parent[key];
    else parent[key] = hostileValue(p.schema, rng);
  }
  return body;
}

/** The file contents are fuzzed by the reader fuzzer (fuzz-readers.ts); here only the request around them. */
const isFileText = (at: (string | number)[]) =>
  at.length >= 3 &&
  at[at.length - 3] === 'files' &&
  (at[at.length - 1] === 'text' || at[at.length - 1] === 'base64');
