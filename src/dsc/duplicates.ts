/**
 * Duplicate DSC records (docs/dsc-xai.md, "Duplicates"):
 *  - exact: every schema column equal (numbers to 1e-6), except the provenance stamps added_by / added_at — the
 *    same row imported twice;
 *  - near: same composition (contents to ±0.005) and conditions (cut-off voltage ±0.005 V, electrolyte content
 *    ±0.005 mg/mg, additive, crucible, scan rate ±0.005 K/min), and every result within tolerance (onset and peak
 *    ±NEAR_T_K, max power and total heat within ±NEAR_RELATIVE) — the same measurement reported twice (two
 *    papers of one group, a figure and a table), or transcribed with rounding.
 */
import { RECORD_COLUMNS, TM_ELEMENTS, contentColumn, type DscRecord } from './schema.ts';
import { cellText } from '../core/format.ts';

export const NEAR_T_K = 3;
export const NEAR_RELATIVE = 0.1;

const STAMPS = new Set(['added_by', 'added_at']);
const COMPOSITION = ['li_content', ...TM_ELEMENTS.map(contentColumn), 'other_contents'];
const CONDITIONS = [
  'cutoff_voltage_V',
  'electrolyte_content_mg_mg',
  'electrolyte_additive',
  'crucible',
  'scan_rate_K_min',
];

const norm = (v: unknown, step: number): string =>
  v === null || v === undefined || v === ''
    ? '∅'
    : typeof v === 'number'
      ? String(Math.round(v / step))
      : cellText(v).trim().toLowerCase();

/** Key equal for exact duplicates. */
export function exactKey(r: DscRecord): string {
  return RECORD_COLUMNS.filter((c) => !STAMPS.has(c.name))
    .map((c) => norm(r[c.name], 1e-6))
    .join('|');
}

/** Key equal for records of the same material measured under the same conditions. */
export function sampleKey(r: DscRecord): string {
  return [...COMPOSITION, ...CONDITIONS].map((c) => norm(r[c], 0.01)).join('|');
}

const close = (a: unknown, b: unknown, tol: (x: number) => number): boolean => {
  const na = typeof a === 'number' ? a : null,
    nb = typeof b === 'number' ? b : null;
  if (na === null || nb === null) return na === nb;
  return Math.abs(na - nb) <= tol(Math.max(Math.abs(na), Math.abs(nb)));
};

/** Results within the near-duplicate tolerances (a result missing in one record and not the other differs). */
export function resultsClose(a: DscRecord, b: DscRecord): boolean {
  return (
    close(a.onset_T_K, b.onset_T_K, () => NEAR_T_K) &&
    close(a.peak_T_K, b.peak_T_K, () => NEAR_T_K) &&
    close(a.max_power_W_g, b.max_power_W_g, (m) => NEAR_RELATIVE * m) &&
    close(a.total_heat_J_g, b.total_heat_J_g, (m) => NEAR_RELATIVE * m)
  );
}

export interface DuplicateMatch {
  /** Index into `incoming`. */
  index: number;
  kind: 'exact' | 'near';
  /** The record it duplicates: a stored record id, or the index of an earlier incoming record. */
  of: { record_id: number } | { index: number };
}

/**
 * Duplicates of each incoming record among the stored ones and the incoming ones before it (exact first, then
 * near). Records without a match are not listed.
 */
export function findDuplicates(stored: DscRecord[], incoming: DscRecord[]): DuplicateMatch[] {
  const exact = new Map<string, DuplicateMatch['of']>();
  const bySample = new Map<string, { rec: DscRecord; of: DuplicateMatch['of'] }[]>();
  const add = (rec: DscRecord, of: DuplicateMatch['of']): void => {
    const k = exactKey(rec);
    if (!exact.has(k)) exact.set(k, of);
    const s = sampleKey(rec);
    const list = bySample.get(s) ?? [];
    list.push({ rec, of });
    bySample.set(s, list);
  };
  stored.forEach((r) => add(r, { record_id: Number(r.record_id) }));
  const out: DuplicateMatch[] = [];
  incoming.forEach((rec, index) => {
    const e = exact.get(exactKey(rec));
    if (e) out.push({ index, kind: 'exact', of: e });
    else {
      const near = (bySample.get(sampleKey(rec)) ?? []).find((c) => resultsClose(c.rec, rec));
      if (near) out.push({ index, kind: 'near', of: near.of });
    }
    add(rec, { index });
  });
  return out;
}
