/**
 * Cathode formulas as papers write them, parsed into element contents per formula unit. Written by hand: no
 * maintained npm library parses chemical formulas with fractions, brackets, multi-phase (Li-rich) notation and
 * battery abbreviations together (documented in docs/dsc-xai.md, "Formulas").
 *
 * Accepted forms (spaces ignored, Unicode subscripts and minus signs normalised):
 *  - plain formulas with decimal or fractional amounts: `LiNi0.8Co0.1Mn0.1O2`, `LiNi1/3Co1/3Mn1/3O2`,
 *    `Li1.2Ni0.13Co0.13Mn0.54O2`, `LiNi0.8Co0.1Mn0.1O1.98F0.02`;
 *  - bracket groups with an optional multiplier: `Li[Ni0.6Co0.2Mn0.2]O2`, `Li(Ni0.8Co0.1Mn0.1)0.98Ti0.02O2`;
 *  - abbreviations: `NCM811`, `NCM622`, `NCM523`, `NCM111`/`NCM333` (digits in the order of the letters, so
 *    `NMC532` = Ni0.5Mn0.3Co0.2), `NCA` (LiNi0.8Co0.15Al0.05O2), `LCO` (LiCoO2), `LNO` (LiNiO2), `LMO`
 *    (LiMn2O4), `LNMO` (LiNi0.5Mn1.5O4), `LFP` (LiFePO4);
 *  - a dopant given in mol % of the transition-metal site: `NCM811 + 1 mol% B`, `LiCoO2, 0.5% Ta`,
 *    `1 mol% Mo-doped NCM622` — the TM contents are scaled by (1 − x) and the dopant gets x;
 *  - composite (two-phase) notation `x Li2MnO3·(1−x) LiMO2` with numeric x: `0.5Li2MnO3·0.5LiNi1/3Co1/3Mn1/3O2`
 *    (separators `·`, `•`, `∙`, `*`); the phases are summed and renormalised to O2 per formula unit, so
 *    0.5 Li2MnO3·0.5 LiNi1/3Co1/3Mn1/3O2 = Li1.2Mn0.533Ni0.133Co0.133O2.
 */
import { ELEMENT_SYMBOLS, anionTable } from './elements.ts';

export interface ParsedFormula {
  /** Element → amount per formula unit (Li and O included). */
  elements: Record<string, number>;
  /** The formula the amounts were read from after expanding abbreviations (for messages). */
  expanded: string;
  /** Family guessed from the composition: lco, ncm, nca, lr (Li-rich) or other. */
  family: 'lco' | 'ncm' | 'nca' | 'lr' | 'other';
}

const ABBREVIATIONS: Record<string, string> = {
  NCA: 'LiNi0.8Co0.15Al0.05O2',
  LCO: 'LiCoO2',
  LNO: 'LiNiO2',
  LMO: 'LiMn2O4',
  LNMO: 'LiNi0.5Mn1.5O4',
  LFP: 'LiFePO4',
};

const LETTER: Record<string, string> = { N: 'Ni', C: 'Co', M: 'Mn', A: 'Al' };

function normalise(s: string): string {
  return s
    .replace(/[₀-₉]/g, (c) => String(c.charCodeAt(0) - 0x2080))
    .replace(/[−–—]/g, '-')
    .replace(/[•∙⋅*]/g, '·')
    .replace(/\s+/g, '');
}

/** `NCM811` → LiNi0.8Co0.1Mn0.1O2; undefined when `s` is not such an abbreviation. */
function expandNcm(s: string): string | undefined {
  const m = /^(NCM|NMC|NCA|NCMA)-?(\d{3,4})$/i.exec(s);
  if (!m) return undefined;
  const letters = m[1].toUpperCase().split('');
  const digits = m[2].split('').map(Number);
  if (letters.length !== digits.length) return undefined;
  const sum = digits.reduce((a, b) => a + b, 0);
  if (sum !== 10 && !(sum > 0 && digits.every((d) => d === digits[0]))) return undefined;
  return `Li${letters.map((l, i) => `${LETTER[l]}${digits[i] / sum}`).join('')}O2`;
}

/** Amount: decimal, fraction `1/3`, or empty (= 1). */
function amount(text: string, formula: string): number {
  if (text === '') return 1;
  const [a, b] = text.split('/');
  const v = b === undefined ? Number(a) : Number(a) / Number(b);
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`formula "${formula}": bad amount "${text}"`);
  return v;
}

const AMOUNT = String.raw`(\d*\.?\d+(?:\/\d*\.?\d+)?)?`;

/** One phase (no coefficient): element symbols with amounts, bracket groups with multipliers. */
function parsePhase(s: string, formula: string): Record<string, number> {
  let pos = 0;
  const group = (): Record<string, number> => {
    const out: Record<string, number> = {};
    while (pos < s.length) {
      const c = s[pos];
      if (c === '(' || c === '[') {
        const close = c === '(' ? ')' : ']';
        pos++;
        const inner = group();
        if (s[pos] !== close) throw new RangeError(`formula "${formula}": missing "${close}"`);
        pos++;
        const m = new RegExp(`^${AMOUNT}`).exec(s.slice(pos))!;
        pos += m[0].length;
        const k = amount(m[1] ?? '', formula);
        for (const [el, v] of Object.entries(inner)) out[el] = (out[el] ?? 0) + k * v;
        continue;
      }
      if (c === ')' || c === ']') return out;
      const m = new RegExp(`^([A-Z][a-z]?)${AMOUNT}`).exec(s.slice(pos));
      if (!m)
        throw new RangeError(
          `formula "${formula}": cannot read "${s.slice(pos)}" (use e.g. LiNi0.8Co0.1Mn0.1O2)`,
        );
      const el = m[1];
      if (!ELEMENT_SYMBOLS.has(el))
        throw new RangeError(`formula "${formula}": "${el}" is not an element symbol`);
      out[el] = (out[el] ?? 0) + amount(m[2] ?? '', formula);
      pos += m[0].length;
    }
    return out;
  };
  const out = group();
  if (pos !== s.length) throw new RangeError(`formula "${formula}": unbalanced bracket`);
  return out;
}

/** Expand an abbreviation (or return the text unchanged). */
function expandAbbreviation(s: string): string {
  return ABBREVIATIONS[s.toUpperCase()] ?? expandNcm(s) ?? s;
}

const ANIONS = (): Set<string> => new Set(Object.keys(anionTable()));

/** Scale the cations other than Li by (1 − x) and add x of `dopant` (mol % of the TM site). */
function dope(
  el: Record<string, number>,
  dopant: string,
  x: number,
  formula: string,
): Record<string, number> {
  if (!ELEMENT_SYMBOLS.has(dopant))
    throw new RangeError(`formula "${formula}": dopant "${dopant}" is not an element`);
  if (!(x > 0 && x < 0.5))
    throw new RangeError(`formula "${formula}": dopant amount ${x * 100} % outside (0, 50) %`);
  const anions = ANIONS();
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(el)) out[k] = k === 'Li' || anions.has(k) ? v : v * (1 - x);
  out[dopant] = (out[dopant] ?? 0) + x;
  return out;
}

/** Parse a cathode formula (see the module comment for the accepted forms). Throws RangeError with the reason. */
export function parseCathodeFormula(formula: string): ParsedFormula {
  let s = normalise(formula);
  if (s === '') throw new RangeError('formula is empty');
  // Dopant in mol % of the TM site: "<base> + 1 mol% B" or "1 mol% B-doped <base>".
  let dopant: { el: string; x: number } | undefined;
  const suffix = /^(.+?)(?:\+|,|;|with)(\d*\.?\d+)(?:mol%|at\.?%|%)([A-Z][a-z]?)(?:-?doped)?$/.exec(s);
  const prefix = /^(\d*\.?\d+)(?:mol%|at\.?%|%)([A-Z][a-z]?)-?doped-?(.+)$/.exec(s);
  if (suffix) {
    s = suffix[1];
    dopant = { el: suffix[3], x: Number(suffix[2]) / 100 };
  } else if (prefix) {
    s = prefix[3];
    dopant = { el: prefix[2], x: Number(prefix[1]) / 100 };
  } else if (/^[A-Z][a-z]?-?doped/i.test(s))
    throw new RangeError(
      `formula "${formula}": dopant amount not given (write e.g. "1 mol% B-doped NCM811")`,
    );
  const phases = s.split('·');
  let elements: Record<string, number> = {};
  const expandedParts: string[] = [];
  for (const p of phases) {
    const m = /^\(?(\d*\.?\d+(?:\/\d+)?|1-\d*\.?\d+)?\)?(.*)$/.exec(p)!;
    const coefText = phases.length > 1 ? (m[1] ?? '') : '';
    const body = phases.length > 1 ? m[2] : p;
    const coef = coefText.startsWith('1-') ? 1 - Number(coefText.slice(2)) : amount(coefText, formula);
    if (!(coef > 0)) throw new RangeError(`formula "${formula}": phase coefficient must be > 0`);
    const exp = expandAbbreviation(body);
    expandedParts.push(coefText ? `${coefText}${exp}` : exp);
    for (const [el, v] of Object.entries(parsePhase(exp, formula)))
      elements[el] = (elements[el] ?? 0) + coef * v;
  }
  if (phases.length > 1) {
    const o = elements.O ?? 0;
    if (!(o > 0)) throw new RangeError(`formula "${formula}": composite notation needs oxide phases`);
    const k = 2 / o;
    elements = Object.fromEntries(Object.entries(elements).map(([el, v]) => [el, v * k]));
  }
  if (dopant) elements = dope(elements, dopant.el, dopant.x, formula);
  return { elements, expanded: expandedParts.join('·'), family: guessFamily(elements) };
}

/** Family from the composition (layered oxides only; everything else is `other`). */
export function guessFamily(el: Record<string, number>): ParsedFormula['family'] {
  const anions = ANIONS();
  const li = el.Li ?? 0;
  const o = el.O ?? 0;
  const tm = Object.entries(el).filter(([k]) => k !== 'Li' && !anions.has(k));
  const total = tm.reduce((a, [, v]) => a + v, 0);
  if (!(total > 0) || Math.abs(o - 2) > 0.1) return 'other';
  const f = (k: string): number => (el[k] ?? 0) / total;
  if (li > 1.05 && f('Mn') > 0.5) return 'lr';
  if (f('Co') > 0.9) return 'lco';
  if (f('Ni') > 0 && f('Co') > 0 && f('Mn') > 0.02) return 'ncm';
  if (f('Ni') > 0 && f('Al') > 0 && f('Mn') <= 0.02) return 'nca';
  return 'other';
}
