import { readFileSync } from 'node:fs';
import { InputError } from '../core/input-error.ts';

/**
 * A material of the synthetic dataset: its kinetic compensation (KCE) line lgA = a·Ea + b (Ea in kJ/mol,
 * A in s⁻¹), the Ea window sampled uniformly on that line, and the Gaussian jitter σ added to lgA.
 */
export interface MaterialSpec {
  name: string;
  /** KCE slope a, per kJ/mol. */
  kceSlope_per_kJ_mol: number;
  /** KCE intercept b, in log10(A/s⁻¹). */
  kceIntercept_lgA_s: number;
  /** Ea window [lo, hi] in kJ/mol sampled uniformly for the KCE share. */
  Ea_window_kJ_mol: [number, number];
  /** Standard deviation of the zero-mean Gaussian jitter added to lgA on the line (Zhou §3.4: 0.5). */
  lgA_jitter_sigma: number;
}

/**
 * The Ea window of the KCE share. Zhou 2026 §3.4 says "within their respective stability windows" without numbers;
 * science.md §4–5 uses 120–260 kJ/mol (the uniform plane's Ea range), which reproduces the reference's valid
 * fractions (docs/synthetic-dataset.md).
 */
export const DEFAULT_EA_WINDOW_KJ_MOL: [number, number] = [120, 260];

/** The four NCM materials of Zhou 2026 (Table 2 KCE lines, science.md §4), in dataset index order. */
export const NCM_MATERIALS: readonly MaterialSpec[] = Object.freeze([
  {
    name: 'NCM811',
    kceSlope_per_kJ_mol: 0.0655,
    kceIntercept_lgA_s: -3.25,
    Ea_window_kJ_mol: [120, 260],
    lgA_jitter_sigma: 0.5,
  },
  {
    name: 'NCM622',
    kceSlope_per_kJ_mol: 0.0635,
    kceIntercept_lgA_s: -3.78,
    Ea_window_kJ_mol: [120, 260],
    lgA_jitter_sigma: 0.5,
  },
  {
    name: 'NCM523',
    kceSlope_per_kJ_mol: 0.0636,
    kceIntercept_lgA_s: -4.35,
    Ea_window_kJ_mol: [120, 260],
    lgA_jitter_sigma: 0.5,
  },
  {
    name: 'NCM111',
    kceSlope_per_kJ_mol: 0.0616,
    kceIntercept_lgA_s: -3.95,
    Ea_window_kJ_mol: [120, 260],
    lgA_jitter_sigma: 0.5,
  },
] satisfies MaterialSpec[]);

/** lgA on a material's KCE line at `Ea_kJ_mol` (no jitter). */
export function kceLineLgA(material: MaterialSpec, Ea_kJ_mol: number): number {
  return material.kceSlope_per_kJ_mol * Ea_kJ_mol + material.kceIntercept_lgA_s;
}

/** Copy of the four built-in materials (mutable, for specs). */
export function defaultMaterials(): MaterialSpec[] {
  return NCM_MATERIALS.map((m) => ({ ...m, Ea_window_kJ_mol: [...m.Ea_window_kJ_mol] as [number, number] }));
}

/**
 * Validate a material (user input): throws InputError naming `where` (file) and the problem.
 */
export function validateMaterial(m: unknown, where: string): MaterialSpec {
  if (typeof m !== 'object' || m === null)
    throw new InputError('a material must be a JSON object', { file: where });
  const o = m as Record<string, unknown>;
  const name = o.name;
  if (typeof name !== 'string' || name.length === 0)
    throw new InputError('material needs a non-empty "name"', { file: where });
  const num = (key: string, fallback?: number): number => {
    const v = o[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(`material ${name}: "${key}" must be a finite number`, { file: where });
    }
    return v;
  };
  const win = o.Ea_window_kJ_mol ?? DEFAULT_EA_WINDOW_KJ_MOL;
  if (
    !Array.isArray(win) ||
    win.length !== 2 ||
    !win.every((x) => typeof x === 'number' && Number.isFinite(x)) ||
    !(win[0] > 0 && win[1] > win[0])
  ) {
    throw new InputError(`material ${name}: "Ea_window_kJ_mol" must be [lo, hi] kJ/mol with 0 < lo < hi`, {
      file: where,
    });
  }
  const sigma = num('lgA_jitter_sigma', 0.5);
  if (sigma < 0) throw new InputError(`material ${name}: "lgA_jitter_sigma" must be ≥ 0`, { file: where });
  return {
    name,
    kceSlope_per_kJ_mol: num('kceSlope_per_kJ_mol'),
    kceIntercept_lgA_s: num('kceIntercept_lgA_s'),
    Ea_window_kJ_mol: [win[0] as number, win[1] as number],
    lgA_jitter_sigma: sigma,
  };
}

/**
 * Parse a user material spec (JSON). Accepted shapes: an array of materials, or `{ "materials": [...],
 * "includeBuiltin": true }` to append them to the four NCM materials. A material may also name a built-in one
 * (`{"name": "NCM811"}` alone) to include it unchanged. Names must be unique; at most 255 materials (uint8 ids).
 */
export function parseMaterialsJson(text: string, file: string): MaterialSpec[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, { file });
  }
  let list: unknown[];
  let includeBuiltin = false;
  if (Array.isArray(data)) list = data;
  else if (
    typeof data === 'object' &&
    data !== null &&
    Array.isArray((data as { materials?: unknown }).materials)
  ) {
    list = (data as { materials: unknown[] }).materials;
    includeBuiltin = (data as { includeBuiltin?: unknown }).includeBuiltin === true;
  } else throw new InputError('expected an array of materials or {"materials": [...]}', { file });
  const out: MaterialSpec[] = includeBuiltin ? defaultMaterials() : [];
  for (const item of list) {
    const builtin = NCM_MATERIALS.find(
      (b) => typeof item === 'object' && item !== null && (item as { name?: unknown }).name === b.name,
    );
    const keys = typeof item === 'object' && item !== null ? Object.keys(item) : [];
    if (builtin && keys.length === 1)
      out.push({ ...builtin, Ea_window_kJ_mol: [...builtin.Ea_window_kJ_mol] as [number, number] });
    else out.push(validateMaterial(item, file));
  }
  if (out.length === 0) throw new InputError('the material list is empty', { file });
  if (out.length > 255) throw new InputError(`at most 255 materials, got ${out.length}`, { file });
  const names = new Set<string>();
  for (const m of out) {
    if (names.has(m.name)) throw new InputError(`material name "${m.name}" appears twice`, { file });
    names.add(m.name);
  }
  return out;
}

/** Read and parse a material spec file (see parseMaterialsJson). */
export function readMaterialsFile(path: string): MaterialSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read material spec (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { file: path },
    );
  }
  return parseMaterialsJson(text, path);
}
