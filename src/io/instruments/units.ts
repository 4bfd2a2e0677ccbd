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
