import { cellText } from '../core/format.ts';
import { RECORD_COLUMNS, type DscRecord } from './schema.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';
import { parseCathodeFormula } from './formula.ts';
import { compositionColumns, parseOtherContents, recordCations, untabulatedCations } from './composition.ts';

/** Largest difference between a content given in its column and the one the formula gives (rounding in papers). */
export const CONTENT_TOLERANCE = 0.02;

/** Outcome of validating one input row: the record, or the reasons it was rejected. */
export type RecordCheck = { ok: true; record: DscRecord } | { ok: false; reasons: string[] };

const isEmpty = (v: unknown): boolean => v === undefined || v === null || cellText(v).trim() === '';

/**
 * Parse the formula and reconcile it with the composition columns: an empty column is filled from the formula, a
 * given one must agree within CONTENT_TOLERANCE. Returns the reasons and whether the formula is a layered oxide
 * (O2 per formula unit, where the Li + TM ≈ 2 check applies).
 */
function reconcileFormula(input: Record<string, unknown>): { reasons: string[]; layered: boolean } {
  const reasons: string[] = [];
  if (isEmpty(input.formula)) return { reasons, layered: true };
  let parsed;
  try {
    parsed = parseCathodeFormula(cellText(input.formula));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { reasons: [`formula: ${e.message}`], layered: true };
  }
  const cols = compositionColumns(parsed.elements);
  for (const [col, fromFormula] of Object.entries(cols)) {
    const given = input[col];
    if (isEmpty(given)) {
      input[col] = fromFormula;
      continue;
    }
    if (col === 'other_contents') {
      try {
        const a = parseOtherContents(cellText(given));
        const b = fromFormula === null ? {} : parseOtherContents(String(fromFormula));
        for (const el of new Set([...Object.keys(a), ...Object.keys(b)]))
          if (Math.abs((a[el] ?? 0) - (b[el] ?? 0)) > CONTENT_TOLERANCE)
            reasons.push(`other_contents: ${el} ${a[el] ?? 0} but the formula gives ${b[el] ?? 0}`);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        reasons.push(e.message);
      }
      continue;
    }
    const g = Number(cellText(given).trim());
    if (Number.isFinite(g) && Math.abs(g - (fromFormula as number)) > CONTENT_TOLERANCE)
      reasons.push(
        `${col}: ${g} but the formula ${cellText(input.formula)} gives ${Number((fromFormula as number).toFixed(4))}`,
      );
  }
  if (isEmpty(input.family)) input.family = parsed.family;
  return { reasons, layered: Math.abs((parsed.elements.O ?? 0) - 2) <= 0.1 };
}

/**
 * Validate and normalise one flat input row (strings or numbers by column name; see schema.ts). Temperatures may
 * come as `onset_T_C` / `peak_T_C` (°C) and are converted to K. Checks types, ranges, allowed values, that the TM
 * contents are present, that Li + TM ≈ 2 per formula unit (layered LiMO2 / Li-rich Li1+xM1-xO2: 1.8–2.2) and
 * onset ≤ peak, and (unless `requireResult: false`, for records to predict) that at least one result is given.
 * Pure function.
 */
export function validateRecord(
  raw: Record<string, unknown>,
  opts: { requireResult?: boolean } = {},
): RecordCheck {
  const reasons: string[] = [];
  const rec: DscRecord = {};
  const input: Record<string, unknown> = { ...raw };
  const formula = reconcileFormula(input);
  for (const r of formula.reasons) reasons.push(r);
  for (const [cName, kName] of [
    ['onset_T_C', 'onset_T_K'],
    ['peak_T_C', 'peak_T_K'],
  ]) {
    const c = input[cName];
    if (c !== undefined && c !== null && cellText(c).trim() !== '') {
      if (input[kName] !== undefined && cellText(input[kName]).trim() !== '')
        reasons.push(`both ${cName} and ${kName} given`);
      const v = Number(cellText(c).trim());
      if (!Number.isFinite(v)) reasons.push(`${cName}: not a number: "${cellText(c)}"`);
      else input[kName] = celsiusToKelvin(v);
    }
  }
  for (const col of RECORD_COLUMNS) {
    const v = input[col.name];
    const empty = v === undefined || v === null || cellText(v).trim() === '';
    if (empty) {
      if (col.defaultValue !== undefined) rec[col.name] = col.defaultValue;
      else if (col.required && !(col.name === 'li_content' && formula.reasons.length))
        reasons.push(`${col.name}: required`);
      else rec[col.name] = null;
      continue;
    }
    const s = cellText(v).trim();
    if (col.type === 'number' || col.type === 'flag') {
      const x = typeof v === 'number' ? v : Number(s);
      if (!Number.isFinite(x)) {
        reasons.push(`${col.name}: not a number: "${s}"`);
        continue;
      }
      if (col.type === 'flag' && x !== 0 && x !== 1) {
        reasons.push(`${col.name}: must be 0 or 1, got ${s}`);
        continue;
      }
      if ((col.min !== undefined && x < col.min) || (col.max !== undefined && x > col.max)) {
        reasons.push(`${col.name}: ${x} outside [${col.min}, ${col.max}]`);
        continue;
      }
      rec[col.name] = x;
    } else {
      if (col.allowed && !col.allowed.includes(s.toLowerCase())) {
        reasons.push(`${col.name}: "${s}" not one of ${col.allowed.join(', ')}`);
        continue;
      }
      rec[col.name] = col.allowed ? s.toLowerCase() : s;
    }
  }
  if (reasons.length === 0) {
    let cations: Record<string, number> = {};
    try {
      cations = recordCations(rec);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      reasons.push(e.message);
    }
    const tm = Object.values(cations).reduce((s, v) => s + v, 0);
    const li = rec.li_content as number;
    const missing = untabulatedCations(cations);
    if (!(tm > 0)) reasons.push('no transition-metal content (ni/co/mn/…_content all 0)');
    else if (formula.layered && (li + tm < 1.8 || li + tm > 2.2))
      reasons.push(`li_content + TM contents = ${(li + tm).toFixed(3)}, expected ≈ 2 (LiMO2)`);
    if (missing.length)
      reasons.push(
        `no tabulated ionic radius / electronegativity for ${missing.join(', ')} (add to src/dsc/data/elements.json)`,
      );
    const on = rec.onset_T_K,
      pk = rec.peak_T_K;
    if (typeof on === 'number' && typeof pk === 'number' && on > pk)
      reasons.push(`onset_T_K ${on} > peak_T_K ${pk}`);
    if (
      opts.requireResult !== false &&
      rec.onset_T_K === null &&
      rec.peak_T_K === null &&
      rec.max_power_W_g === null
    )
      reasons.push('no result (onset_T_K, peak_T_K, max_power_W_g all empty)');
  }
  if (reasons.length === 0 && (rec.source_kind === null || rec.source_kind === undefined))
    rec.source_kind = inferSourceKind(String(rec.source));
  return reasons.length ? { ok: false, reasons } : { ok: true, record: rec };
}

/** `doi` for strings that look like a DOI (10.NNNN/… or doi.org URLs), otherwise `file`. */
export function inferSourceKind(source: string): string {
  return /^(doi:\s*|https?:\/\/(dx\.)?doi\.org\/)?10\.\d{4,9}\//i.test(source.trim()) ? 'doi' : 'file';
}
