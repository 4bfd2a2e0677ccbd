import { InputError } from '../../core/input-error.ts';
import type { Run } from '../run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './build-run.ts';
import { splitLines } from './decode.ts';
import { readDataRows } from './table.ts';
import {
  parseDecimal,
  parseHeatFlowUnit,
  parseMassUnit,
  parseTemperatureUnit,
  parseTimeUnit,
  type HeatFlowUnit,
  type MassUnit,
  type TemperatureUnit,
  type TimeUnit,
} from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: Setaram (Calisto/SETSOFT) text export: `Initial Mass : … mg` and an `Index Time …` column line. */
export function looksLikeSetaram(text: string): boolean {
  const head = text.slice(0, 5000);
  return /^\s*Initial Mass\s*:/m.test(head) && /^\s*Index\s+Time\s+/m.test(head);
}

/**
 * Setaram Calisto text export (UTF-16LE in the example): a title line, `Creation Date :`, per-signal blocks
 * (`TG :`, `HeatFlow :`) with ` Initial Mass : 34.04 mg`, then a whitespace-separated table
 * `Index Time Furnace Sample TG HeatFlow`. Without units in the column line, Calisto's defaults are assumed and
 * noted: time s, temperatures °C, TG mg, heat flow mW. Units in brackets (`Sample (°C)`) override these.
 * The sample temperature (`Sample`) is used; `Furnace` is the program temperature.
 */
export function parseSetaram(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sample: Run['sample'] = { instrument: 'Setaram' };
  let colLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (i === 0 && l) sample.name = l.replace(/\s+[\d.]+\s*mg\s*$/, '') || l;
    const m = /^Initial Mass\s*:\s*([\d.]+)\s*(mg|g)/.exec(l);
    if (m && sample.mass_mg === undefined) sample.mass_mg = Number(m[1]) * (m[2] === 'g' ? 1000 : 1);
    if (/^Index\s+Time\b/.test(l)) {
      colLine = i;
      break;
    }
  }
  if (colLine < 0) throw new InputError('no `Index Time …` column line', { file });
  const cols = lines[colLine]
    .trim()
    .split(/\s{2,}|\s+(?=[A-Z])/)
    .map((c) => {
      const m = /^(.*?)\s*[([]([^)\]]*)[)\]]$/.exec(c.trim());
      return m ? { name: m[1], unit: m[2] } : { name: c.trim(), unit: '' };
    });
  const rows = readDataRows(lines, colLine + 1, cols.length, (c) => parseDecimal(c), file, {
    split: (l) => l.trim().split(/\s+/),
  });
  pushAll(warnings, rows.warnings);
  const find = (re: RegExp) => cols.findIndex((c) => re.test(c.name));
  const it = find(/^time$/i);
  const iT = find(/^sample$|^sample temp/i) >= 0 ? find(/^sample$|^sample temp/i) : find(/^furnace$|temp/i);
  const iF = find(/^furnace$/i);
  const iM = find(/^TG$/i);
  const iH = find(/^heat ?flow$|^HF$/i);
  if (iT < 0)
    throw new InputError(`no temperature column in '${lines[colLine].trim()}'`, { file, line: colLine + 1 });
  const assumed: string[] = [];
  const unitOr = <U>(j: number, parse: (s: string) => U | undefined, dflt: U, what: string): U => {
    const u = cols[j].unit ? parse(cols[j].unit) : undefined;
    if (u !== undefined) return u;
    assumed.push(`${what} ${String(dflt)}`);
    return dflt;
  };
  const tUnit = unitOr<TemperatureUnit>(iT, parseTemperatureUnit, 'C', 'temperature');
  const raw: RawRun = {
    file,
    format: 'setaram',
    sample,
    dataLine: rows.firstLine,
    temperature: { values: rows.columns[iT], unit: tUnit, label: cols[iT].unit || '°C (Calisto default)' },
    programTemperature: iF >= 0 && iF !== iT ? rows.columns[iF] : undefined,
    notes,
    warnings,
  };
  if (it >= 0)
    raw.time = { values: rows.columns[it], unit: unitOr<TimeUnit>(it, parseTimeUnit, 's', 'time') };
  if (iM >= 0) {
    const tg = rows.columns[iM];
    const u = unitOr<MassUnit>(iM, parseMassUnit, 'mg', 'TG');
    // A flat TG channel (a DSC-only run) carries no mass information.
    if (tg.some((v) => v !== tg[0])) raw.mass = { values: tg, unit: u };
    else notes.push('the TG channel is constant (DSC-only run): not used as mass');
  }
  if (iH >= 0)
    raw.heatFlow = {
      values: rows.columns[iH],
      unit: unitOr<HeatFlowUnit>(iH, parseHeatFlowUnit, 'mW', 'heat flow'),
    };
  if (assumed.length > 0)
    notes.push(`no units in the column line; Calisto defaults assumed: ${assumed.join(', ')}`);
  return buildRun(raw, opts);
}
