/**
 * A record's composition in the schema: Li in `li_content`, the elements with a column in `<el>_content`
 * (schema.ts TM_ELEMENTS), every other element (dopants such as B, Ta, Mo; anions such as F) in the text column
 * `other_contents` as "El=amount" pairs separated by ";" (amounts per formula unit). Oxygen is not stored.
 */
import { TM_ELEMENTS, contentColumn, type DscRecord } from './schema.ts';
import { anionTable, cationTable } from './elements.ts';

const HAS_COLUMN = new Set<string>(TM_ELEMENTS);

/** "B=0.01; F=0.02" → {B: 0.01, F: 0.02}; throws RangeError naming the bad pair. */
export function parseOtherContents(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[;,]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([A-Z][a-z]?)\s*[=:]\s*(\d*\.?\d+(?:[eE][-+]?\d+)?)$/.exec(p);
    if (!m) throw new RangeError(`other_contents: "${p}" is not "Element=amount"`);
    out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
  }
  return out;
}

/** {B: 0.01, F: 0.02} → "B=0.01; F=0.02" (4 significant digits, sorted by symbol); null when empty. */
export function formatOtherContents(contents: Record<string, number>): string | null {
  const keys = Object.keys(contents)
    .filter((k) => contents[k] > 0)
    .sort();
  return keys.length ? keys.map((k) => `${k}=${Number(contents[k].toPrecision(4))}`).join('; ') : null;
}

/** Split parsed formula elements into the schema's composition columns. */
export function compositionColumns(elements: Record<string, number>): Record<string, number | string | null> {
  // 6 decimals: removes float noise such as 1.2000000000000002 from renormalised composite formulas.
  const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;
  const out: Record<string, number | string | null> = { li_content: r6(elements.Li ?? 0) };
  const other: Record<string, number> = {};
  for (const el of TM_ELEMENTS) out[contentColumn(el)] = r6(elements[el] ?? 0);
  for (const [el, v] of Object.entries(elements))
    if (el !== 'Li' && el !== 'O' && !HAS_COLUMN.has(el)) other[el] = v;
  out.other_contents = formatOtherContents(other);
  return out;
}

/**
 * The non-Li cations of a record (TM-layer cations and cationic dopants) with their contents, for the descriptors.
 * Anions (F, Cl, S, N) are left out. Missing or non-numeric columns count as 0.
 */
export function recordCations(rec: DscRecord): Record<string, number> {
  const out: Record<string, number> = {};
  for (const el of TM_ELEMENTS) {
    const v = rec[contentColumn(el)];
    out[el] = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  }
  if (typeof rec.other_contents === 'string' && rec.other_contents.trim()) {
    const anions = anionTable();
    for (const [el, v] of Object.entries(parseOtherContents(rec.other_contents)))
      if (!(el in anions) && el !== 'Li') out[el] = (out[el] ?? 0) + v;
  }
  return out;
}

/** Cations of `contents` without tabulated properties (their records cannot get descriptors). */
export function untabulatedCations(contents: Record<string, number>): string[] {
  const t = cationTable();
  return Object.keys(contents).filter((el) => contents[el] > 0 && !(el in t));
}
