/**
 * Unit labels and numbers as instrument exports write them. Parsing is tolerant of the damage seen in real files
 * (a degree sign stored as latin-1 0xB0, as an OEM code-page byte, or lost to U+FFFD), but every unit is decided
 * explicitly and the decision is returned so that readers can say what they assumed.
 */
export type TemperatureUnit = 'C' | 'K';
export type TimeUnit = 's' | 'min' | 'h';
export type MassUnit = 'mg' | 'g' | '%';
export type HeatFlowUnit = 'W/g' | 'mW/mg' | 'mW' | 'W' | 'uV';

/** A label such as `°C`, `�C`, `›C`, `C`, `deg C`, `K` → the temperature unit, or undefined. */
export function parseTemperatureUnit(label: string): TemperatureUnit | undefined {
  const s = label
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .trim();
  if (/^(?:[^A-Za-z0-9]{0,2}|deg\s*)C$/i.test(s) || /celsius/i.test(s)) return 'C';
  if (/^K$/.test(s) || /kelvin/i.test(s)) return 'K';
  return undefined;
}

export function parseTimeUnit(label: string): TimeUnit | undefined {
  const s = label
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .trim()
    .toLowerCase();
  if (s === 's' || s === 'sec' || s === 'second' || s === 'seconds') return 's';
  if (s === 'min' || s === 'minutes' || s === 'minute') return 'min';
  if (s === 'h' || s === 'hr' || s === 'hours') return 'h';
  return undefined;
}

export function parseMassUnit(label: string): MassUnit | undefined {
  const s = label
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .trim()
    .toLowerCase();
  if (s === 'mg') return 'mg';
  if (s === 'g') return 'g';
  if (s === '%' || s === 'wt%' || s === 'wt.%') return '%';
  return undefined;
}

export function parseHeatFlowUnit(label: string): HeatFlowUnit | undefined {
  const s = label
    .trim()
    .replace(/^[[(]|[\])]$/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  if (s === 'w/g') return 'W/g';
  if (s === 'mw/mg') return 'mW/mg';
  if (s === 'mw') return 'mW';
  if (s === 'w') return 'W';
  if (s === 'uv' || s === 'µv' || s === 'μv') return 'uV';
  return undefined;
}

/** Seconds per unit of time. */
export function secondsPer(unit: TimeUnit): number {
  return unit === 's' ? 1 : unit === 'min' ? 60 : 3600;
}

/**
 * Parse one number written with the given decimal mark. Returns NaN for anything that is not a complete number
 * (so a truncated `12.3e` or an empty cell is caught by the caller).
 */
export function parseDecimal(cell: string, decimal: '.' | ',' = '.'): number {
  const fast = parsePlainNumber(cell, 0, cell.length, decimal);
  if (fast !== undefined) return fast;
  let s = cell.trim();
  if (s === '') return NaN;
  if (decimal === ',') s = s.replace(',', '.');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/**
 * A number in a header field where the decimal mark may disagree with the file's declared one (NETZSCH writes
 * `#RANGE:37°C/15,0(K/min)` in files that declare `#DECIMAL:POINT`). Accepts either mark and reports which was used.
 */
export function parseHeaderNumber(s: string): { value: number; usedComma: boolean } {
  const t = s.trim();
  const usedComma = /^\s*[+-]?\d+,\d+\s*$/.test(t);
  return { value: parseDecimal(t, usedComma ? ',' : '.'), usedComma };
}

/** 10⁰ … 10²², every one exactly representable as a double. */
const EXACT_POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const TWO_53 = 2 ** 53;

/**
 * Hand-written fast path of `parseDecimal` and of the CSV reader's row loop (the hot loop: split + trim + regex +
 * `Number` cost ~4× more on 1,500-row files). Reads `s[start, end)` only if it is exactly
 * `[+-]?digits[mark digits][e[+-]digits]` with no blanks — a subset of what `parseDecimal` accepts — and returns
 * the same value; anything else returns undefined and the general path decides.
 * The value is built from the digits when the integer mantissa M stays below 2⁵³ and the decimal exponent k is at
 * most 22 in size: M and 10^k are then exact doubles and one IEEE multiplication or division is correctly rounded,
 * so the result equals `Number()` bit for bit (Clinger's fast path); otherwise `Number()` reads the text.
 */
export function parsePlainNumber(
  s: string,
  start: number,
  end: number,
  decimal: '.' | ',',
): number | undefined {
  const comma = decimal === ',';
  let i = start;
  let c = 0;
  const first = i < end ? s.charCodeAt(i) : 0;
  const negative = first === 45;
  if (first === 43 || first === 45) i++; // + -
  let digits = 0;
  let markAt = -1;
  let mantissa = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      digits++;
      mantissa = mantissa * 10 + d;
      if (markAt >= 0) fractionDigits++;
    } else if (markAt < 0 && (c === 46 || (comma && c === 44))) markAt = i;
    else break;
  }
  if (digits === 0) return undefined;
  let exponent = 0;
  if (i < end && (c === 101 || c === 69)) {
    i++;
    const sign = i < end ? s.charCodeAt(i) : 0;
    if (sign === 43 || sign === 45) i++;
    const expStart = i;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (exponent < 1e6) exponent = exponent * 10 + d;
    }
    if (i === expStart) return undefined;
    if (sign === 45) exponent = -exponent;
  }
  if (i !== end) return undefined;
  const k = exponent - fractionDigits;
  if (mantissa < TWO_53 && k >= -22 && k <= 22) {
    const v = k < 0 ? mantissa / EXACT_POW10[-k] : mantissa * EXACT_POW10[k];
    return negative ? -v : v;
  }
  if (markAt >= 0 && s.charCodeAt(markAt) === 44) {
    return Number(s.slice(start, markAt) + '.' + s.slice(markAt + 1, end));
  }
  return Number(start === 0 && end === s.length ? s : s.slice(start, end));
}
