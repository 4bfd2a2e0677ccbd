/**
 * The vocabulary of `ckin db import`: the headers and cell values people write in tables compiled from papers,
 * mapped onto the schema columns (schema.ts) and their units. Documented in docs/dsc-xai.md ("Importing a
 * literature table"); every conversion is explicit and listed there.
 *
 * Headers: a name plus an optional unit in parentheses, brackets or after a slash — `Onset (°C)`, `T_onset/K`,
 * `cut-off voltage [V]`, `Heat flow max (mW/mg)`. The name is compared after lower-casing and removing everything
 * but letters and digits against the synonyms below.
 * Values: a number with an optional unit (`4.3 V`, `180 °C`, `2 µL/mg`, `50 wt%`), which overrides the header's
 * unit; ratios `a:b` for the electrolyte (electrolyte : electrode mass); words for the crucible, flags, family.
 */
import { TM_ELEMENTS, contentColumn } from './schema.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';

/** Electrolyte density used to convert µL/mg to mg/mg: 1.25 mg/µL, typical of 1 M LiPF6 in carbonate blends (1.2–1.3 g/cm³). */
export const ELECTROLYTE_DENSITY_MG_UL = 1.25;

const key = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const SYNONYMS: Record<string, string[]> = {
  formula: [
    'formula',
    'material',
    'cathode',
    'composition',
    'cathodematerial',
    'chemicalformula',
    'sample',
    'compound',
  ],
  family: ['family', 'materialfamily', 'class', 'materialclass'],
  li_content: ['li', 'licontent', 'lithium', 'lithiumcontent'],
  cutoff_voltage_V: [
    'cutoffvoltage',
    'cutoff',
    'voltage',
    'chargevoltage',
    'chargecutoff',
    'chargecutoffvoltage',
    'uppercutoffvoltage',
    'uppervoltage',
    'chargedto',
    'ucv',
    'vmax',
  ],
  delithiation_fraction: ['delithiation', 'delithiationfraction', 'delithiationdegree'],
  electrolyte_content_mg_mg: [
    'electrolyte',
    'electrolytecontent',
    'electrolyteamount',
    'electrolyteratio',
    'electrolytetoelectrode',
    'electrolytemassratio',
    'electrolyteelectroderatio',
  ],
  electrolyte_composition: ['electrolytecomposition', 'electrolytetype', 'electrolytesolution', 'salt'],
  electrolyte_additive: ['electrolyteadditive', 'hasadditive', 'additiveflag', 'withadditive'],
  additives: ['additives', 'additive', 'additivename'],
  active_material_ratio: [
    'activematerial',
    'activematerialratio',
    'activeratio',
    'amratio',
    'activematerialcontent',
    'activemassfraction',
  ],
  binder_carbon_ratio: ['bindercarbon', 'bindercarbonratio', 'binderandcarbon'],
  crucible: ['crucible', 'pan', 'pantype', 'crucibletype', 'dsccell', 'dscpan'],
  scan_rate_K_min: ['scanrate', 'heatingrate', 'rate', 'beta', 'ramp', 'ramprate', 'dscrate'],
  atmosphere: ['atmosphere', 'gas', 'purgegas'],
  onset_T_K: ['onset', 'tonset', 'onsett', 'onsettemperature', 'onsettemp', 'ton', 'tonsett'],
  peak_T_K: ['peak', 'tpeak', 'peakt', 'peaktemperature', 'peaktemp', 'tp', 'tmax', 'exothermpeak'],
  max_power_W_g: [
    'maxpower',
    'maxheatflow',
    'peakheatflow',
    'heatflowmax',
    'maximumheatflow',
    'maxheatrelease',
    'powermax',
    'peakpower',
    'maxheatreleaserate',
  ],
  total_heat_J_g: [
    'totalheat',
    'heat',
    'heatrelease',
    'heatreleased',
    'enthalpy',
    'deltah',
    'dh',
    'heatgeneration',
    'totalheatrelease',
  ],
  source: ['source', 'doi', 'reference', 'ref', 'citation', 'paper'],
  figure_table: ['figuretable', 'figure', 'table', 'fig', 'location', 'figureortable'],
  source_kind: ['sourcekind'],
  added_by: ['addedby'],
  added_at: ['addedat'],
  note: ['note', 'notes', 'comment', 'comments', 'remark', 'remarks'],
  other_contents: ['othercontents', 'otherelements', 'dopants'],
};
for (const el of TM_ELEMENTS) {
  const l = el.toLowerCase();
  SYNONYMS[contentColumn(el)] = [l, `${l}content`, `${l}fraction`, `x${l}`];
}

const BY_KEY = new Map<string, string>();
for (const [col, names] of Object.entries(SYNONYMS)) {
  BY_KEY.set(key(col), col);
  for (const n of names) BY_KEY.set(n, col);
}

export interface HeaderMapping {
  /** Schema column, or undefined for a column the schema does not know (ignored and reported). */
  column?: string;
  /** Unit given in the header, as written (empty when none). */
  unit: string;
}

/** Map one header cell to a schema column and unit (`Onset (°C)` → onset_T_K in °C). */
export function mapHeader(header: string): HeaderMapping {
  const h = header.trim();
  // Legacy schema names with the unit as a suffix.
  if (h === 'onset_T_C' || h === 'peak_T_C') return { column: h.replace('_C', '_K'), unit: '°C' };
  if (BY_KEY.has(key(h)) && /_(K|V|W_g|J_g|K_min|mg_mg)$/.test(h)) {
    const column = BY_KEY.get(key(h))!;
    return { column, unit: KIND[column] === 'temperature' ? 'K' : '' };
  }
  let base = h,
    unit = '';
  const m = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(h) ?? /^([^/]*?)\s*\/\s*(.+)$/.exec(h);
  if (m) {
    base = m[1];
    unit = m[2].trim();
  }
  return { column: BY_KEY.get(key(base)), unit };
}

/** Units each kind of column accepts, with the factor (or function) to the schema unit. */
type Conversion = (v: number) => number;
const id: Conversion = (v) => v;
const UNITS: Record<string, Record<string, Conversion>> = {
  temperature: {
    k: id,
    c: celsiusToKelvin,
    degc: celsiusToKelvin,
    '°c': celsiusToKelvin,
    '℃': celsiusToKelvin,
  },
  voltage: { v: id, mv: (v) => v / 1000, 'vvsli/li+': id, vvsli: id, 'vvs.li/li+': id },
  rate: { 'k/min': id, '°c/min': id, 'c/min': id, 'kmin-1': id, 'kmin−1': id, '°cmin-1': id, 'k·min-1': id },
  power: { 'w/g': id, 'mw/mg': id, 'mw/g': (v) => v / 1000, 'w/kg': (v) => v / 1000 },
  heat: { 'j/g': id, 'kj/kg': id, 'mj/mg': id, 'kj/g': (v) => v * 1000 },
  electrolyte: {
    'mg/mg': id,
    'g/g': id,
    'µl/mg': (v) => v * ELECTROLYTE_DENSITY_MG_UL,
    'μl/mg': (v) => v * ELECTROLYTE_DENSITY_MG_UL,
    'ul/mg': (v) => v * ELECTROLYTE_DENSITY_MG_UL,
    // electrolyte mass fraction w of the pan content (electrolyte + electrode): w / (1 − w) mg per mg of electrode
    'wt%': (v) => v / 100 / (1 - v / 100),
    '%': (v) => v / 100 / (1 - v / 100),
  },
  fraction: { '': id, '%': (v) => v / 100, 'wt%': (v) => v / 100, 'mol%': (v) => v / 100 },
};
const KIND: Record<string, keyof typeof UNITS> = {
  onset_T_K: 'temperature',
  peak_T_K: 'temperature',
  cutoff_voltage_V: 'voltage',
  scan_rate_K_min: 'rate',
  max_power_W_g: 'power',
  total_heat_J_g: 'heat',
  electrolyte_content_mg_mg: 'electrolyte',
  active_material_ratio: 'fraction',
  binder_carbon_ratio: 'fraction',
  delithiation_fraction: 'fraction',
};

const unitKey = (u: string): string =>
  u.toLowerCase().replace(/\s+/g, '').replace('^-1', '-1').replace('⁻¹', '-1');

/** Convert a number in `unit` to the column's schema unit; an error message for a unit the column does not take. */
export function convertUnit(column: string, value: number, unit: string): number | string {
  const kind = KIND[column];
  const u = unitKey(unit);
  if (!kind) return u === '' ? value : `unit "${unit}" not expected for ${column}`;
  if (u === '') return value;
  const f = UNITS[kind][u];
  if (!f)
    return `unit "${unit}" not known for ${column} (use ${Object.keys(UNITS[kind]).filter(Boolean).join(', ')})`;
  return f(value);
}

const NUMBER_WITH_UNIT = /^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$/;

/** Crucible words → sealed | open (undefined when unknown). Open patterns first: "non-hermetic" is open. */
export function crucibleKind(text: string): 'sealed' | 'open' | undefined {
  const t = text.toLowerCase();
  if (/\b(open|pierced|pin-?hole|vented|non-?hermetic|unsealed|perforated)\b|with (a )?hole/.test(t))
    return 'open';
  if (/(sealed|hermetic|high[- ]?pressure|closed|crimped|gold|stainless|welded|capsule|\bhp\b)/.test(t))
    return 'sealed';
  return undefined;
}

/** Common electrolyte names → composition (BASF/Merck "LP" names). */
export const ELECTROLYTES: Record<string, string> = {
  lp30: '1 M LiPF6 in EC:DMC 1:1 (w/w)',
  lp40: '1 M LiPF6 in EC:DEC 1:1 (w/w)',
  lp57: '1 M LiPF6 in EC:EMC 3:7 (w/w)',
};

/** Text that names an electrolyte rather than an amount (so an "electrolyte" column can hold either). */
export function electrolyteName(text: string): string | undefined {
  const t = text.trim();
  const lp = ELECTROLYTES[t.toLowerCase().replace(/[\s-]/g, '')];
  if (lp) return lp;
  return /lipf6|libf4|litfsi|lifsi|liclo4|\bec\b|dmc|emc|dec/i.test(t) ? t : undefined;
}

/** Family words → the schema's family codes. */
export function familyCode(text: string): string | undefined {
  const t = key(text);
  if (['ncm', 'nmc', 'ncma'].includes(t) || /^n[cm][mc]\d+$/.test(t)) return 'ncm';
  if (t === 'nca') return 'nca';
  if (t === 'lco' || t === 'licoo2') return 'lco';
  if (['lr', 'lirich', 'llo', 'lmr', 'olo', 'lirichlayered', 'lirichlayeredoxide'].includes(t)) return 'lr';
  if (t === 'other') return 'other';
  return undefined;
}

const YES = new Set(['1', 'yes', 'y', 'true', 'with']);
const NO = new Set(['0', 'no', 'n', 'false', 'none', 'without', '-']);

/**
 * One cell → the schema value of `column` (number in schema units, or normalised text), or `{error}`.
 * `unit` is the header's unit. Empty cells give null. Text columns are returned trimmed.
 */
export function parseCell(
  column: string,
  cell: string,
  unit: string,
): { value: number | string | null } | { error: string } {
  const s = cell.trim();
  if (s === '' || /^(n\/?a|nan|-{1,2}|—|–|not reported|nr|\?)$/i.test(s)) return { value: null };
  switch (column) {
    case 'crucible': {
      const k = crucibleKind(s);
      return k
        ? { value: k }
        : { error: `"${s}" is not a known crucible (sealed/hermetic/high-pressure or open/pierced)` };
    }
    case 'family': {
      const f = familyCode(s);
      return f ? { value: f } : { error: `"${s}" is not a family (NCM, NCA, LCO, Li-rich, other)` };
    }
    case 'electrolyte_additive': {
      const t = s.toLowerCase();
      if (YES.has(t)) return { value: 1 };
      if (NO.has(t)) return { value: 0 };
      return { error: `"${s}" is not yes/no` };
    }
    case 'electrolyte_content_mg_mg': {
      if (/^(dry|none|no|washed|without|0)$/i.test(s)) return { value: 0 };
      const ratio = /^(\d*\.?\d+)\s*:\s*(\d*\.?\d+)$/.exec(s);
      // electrolyte : electrode by mass
      if (ratio)
        return Number(ratio[2]) > 0
          ? { value: Number(ratio[1]) / Number(ratio[2]) }
          : { error: `ratio "${s}" divides by 0` };
      break;
    }
    case 'electrolyte_composition': {
      return { value: electrolyteName(s) ?? s };
    }
  }
  if (column === 'formula' || !(column in KIND || /_content$/.test(column) || column === 'li_content'))
    return { value: s };
  const m = NUMBER_WITH_UNIT.exec(s);
  if (!m) return { error: `not a number: "${s}"` };
  const v = Number(m[1]);
  if (!Number.isFinite(v)) return { error: `not a number: "${s}"` };
  const u = m[2].trim() || unit;
  // A temperature without a unit could be K or °C: refused rather than guessed (300 would pass as 300 K).
  if (KIND[column] === 'temperature' && u === '')
    return { error: `"${s}" has no unit: write K or °C in the header (e.g. "Onset (°C)") or in the cell` };
  const r = convertUnit(column, v, u);
  return typeof r === 'string' ? { error: r } : { value: r };
}
