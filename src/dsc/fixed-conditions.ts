import { RECORD_COLUMNS, type DscRecord } from './schema.ts';
import { mapHeader, parseCell } from './import-vocabulary.ts';

/**
 * The non-composition conditions of a DSC record that a ternary map holds fixed (Sun 2025 Fig. 3: "charged to
 * 4.3 V, other conditions constant"), by feature name. Unset ones take the training median (binary ones: the mode).
 */
export const CONDITION_FEATURES = [
  'cutoff_voltage_V',
  'electrolyte_content_mg_mg',
  'electrolyte_additive',
  'active_material_ratio',
  'crucible_sealed',
  'scan_rate_K_min',
] as const;
export type ConditionFeature = (typeof CONDITION_FEATURES)[number];
export type Conditions = Record<ConditionFeature, number>;

const FALLBACK: Conditions = {
  cutoff_voltage_V: 4.3,
  electrolyte_content_mg_mg: 0,
  electrolyte_additive: 0,
  active_material_ratio: 0.9,
  crucible_sealed: 1,
  scan_rate_K_min: 10,
};
const BINARY = new Set<string>(['electrolyte_additive', 'crucible_sealed']);

/** Conditions from `fix` (feature → value), else `defaults` (training medians), else a fallback; binary ones rounded. */
export function resolveConditions(
  defaults: Partial<Record<string, number>>,
  fix: Partial<Record<string, number>> = {},
): Conditions {
  const out = { ...FALLBACK };
  for (const k of CONDITION_FEATURES) {
    const v = fix[k] ?? defaults[k];
    if (v !== undefined && Number.isFinite(v)) out[k] = BINARY.has(k) ? (v >= 0.5 ? 1 : 0) : v;
  }
  return out;
}

/** A record (no composition) carrying the conditions, for `ternaryRecords`. */
export function conditionsRecord(c: Conditions): DscRecord {
  return {
    formula: 'NCM grid',
    cutoff_voltage_V: c.cutoff_voltage_V,
    electrolyte_content_mg_mg: c.electrolyte_content_mg_mg,
    electrolyte_additive: c.electrolyte_additive,
    active_material_ratio: c.active_material_ratio,
    crucible: c.crucible_sealed ? 'sealed' : 'open',
    scan_rate_K_min: c.scan_rate_K_min,
  };
}

/**
 * Parse `--fix voltage_V=4.3,electrolyte_uL_mg=2,crucible=hermetic Al` into condition features. Keys are read
 * like CSV headers (synonyms; a unit after the last `_` or in brackets: `voltage_V`, `electrolyte_uL_mg`,
 * `electrolyte (uL/mg)`), values like CSV cells (`4.3 V`, `2 µL/mg`, `1:1`, `sealed`, `yes`) — the vocabulary
 * of `ckin db import` (import-vocabulary.ts, docs/dsc-xai.md). RangeError naming the item on anything unusable.
 */
export function parseFixSpec(text: string): Partial<Conditions> {
  const out: Partial<Conditions> = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new RangeError(`--fix "${item}": expected NAME=VALUE`);
    const key = item.slice(0, eq).trim(),
      value = item.slice(eq + 1).trim();
    let m = mapHeader(key);
    if (!m.column) {
      // `voltage_V`, `electrolyte_uL_mg`: the unit after the first `_` that leaves a known name
      const parts = key.split('_');
      for (let k = parts.length - 1; k >= 1 && !m.column; k--) {
        const alt = mapHeader(`${parts.slice(0, k).join('_')} (${parts.slice(k).join('/')})`);
        if (alt.column) m = alt;
      }
    }
    const column = m.column === 'crucible' ? 'crucible_sealed' : m.column;
    if (!column || !(CONDITION_FEATURES as readonly string[]).includes(column))
      throw new RangeError(
        `--fix "${key}": not a condition of the maps (${CONDITION_FEATURES.join(', ')}, crucible)`,
      );
    const r = parseCell(m.column!, value, m.unit);
    if ('error' in r) throw new RangeError(`--fix ${key}: ${r.error}`);
    let v: number;
    if (m.column === 'crucible') {
      if (r.value !== 'sealed' && r.value !== 'open')
        throw new RangeError(`--fix ${key}: "${value}" is neither a sealed nor an open crucible`);
      v = r.value === 'sealed' ? 1 : 0;
    } else if (typeof r.value === 'number') v = r.value;
    else throw new RangeError(`--fix ${key}: "${value}" is not a number`);
    const spec = RECORD_COLUMNS.find((c) => c.name === column);
    if (spec && ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)))
      throw new RangeError(`--fix ${key}: ${v} outside [${spec.min}, ${spec.max}] (${column})`);
    out[column as ConditionFeature] = v;
  }
  return out;
}
