import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { InputError } from '../../core/input-error.ts';
import type { ProgramSegment, Run } from '../run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './build-run.ts';
import { splitLines } from './decode.ts';
import { readDataRows } from './table.ts';
import {
  parseDecimal,
  parseHeatFlowUnit,
  parseMassUnit,
  parseTemperatureUnit,
  parseTimeUnit,
  type TemperatureUnit,
} from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: Universal Analysis text export (`Nsig`, `Sig1…`, `StartOfData`). */
export function looksLikeTaUniversal(text: string): boolean {
  const head = text.slice(0, 20000);
  return /^Nsig\t/m.test(head) && /^Sig1\t/m.test(head) && /^StartOfData\s*$/m.test(text.slice(0, 200000));
}

/**
 * TA Instruments Universal Analysis text export (often UTF-16LE): tab-separated `Key\tvalue` header (`Sample`,
 * `Size\t20.8210\tmg`, `Instrument`, `Xcomment\tSample Gas: …`, `Nsig`, `SigN\tName (unit)`, `OrgMethod\tN: Ramp 10.00 °C/min
 * to 120.00 °C`), the line `StartOfData`, then tab-separated rows. Rows with a negative time are UA marker rows, not
 * data (the example file has `-3 … 0 0 0` first and `-1 … 0 0 0` last); they are dropped with a note.
 */
export function parseTaUniversal(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sigs: { name: string; unit: string }[] = [];
  const method: { text: string; line: number }[] = [];
  const sample: Run['sample'] = {};
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i].split('\t');
    const key = cells[0].trim();
    if (key === 'StartOfData') {
      start = i + 1;
      break;
    }
    const v = (cells[1] ?? '').trim();
    if (key === 'Sample') sample.name = v || undefined;
    else if (key === 'Instrument') sample.instrument = v || undefined;
    else if (key === 'Size') {
      const m = parseDecimal(v);
      const unit = (cells[2] ?? 'mg').trim();
      if (Number.isFinite(m)) sample.mass_mg = unit === 'g' ? m * 1000 : m;
    } else if (key === 'Xcomment' && /gas/i.test(v) && !sample.atmosphere) {
      const g = /(?:Sample Gas|Gas1|Purge)[^:]*:\s*(.+)$/i.exec(v);
      if (g) sample.atmosphere = g[1].trim();
    } else if (/^Sig\d+$/.test(key)) {
      const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(v);
      sigs[Number(key.slice(3)) - 1] = m ? { name: m[1], unit: m[2] } : { name: v, unit: '' };
    } else if (key === 'OrgMethod' || key === 'Method' || key === 'Seg') {
      if (/^\d+:/.test(v)) method.push({ text: v, line: i + 1 });
    }
  }
  if (start < 0)
    throw new InputError('no StartOfData line (file truncated in the header?)', { file, line: lines.length });
  if (sigs.length === 0) throw new InputError('no SigN column declarations before StartOfData', { file });
  const find = (re: RegExp) => sigs.findIndex((s) => s && re.test(s.name));
  const it = find(/^time/i);
  const iT = find(/^temp/i);
  const iM = find(/^weight$|^mass$|^weight \(?%?/i);
  const iH = find(/heat ?flow/i);
  if (iT < 0) throw new InputError('no temperature signal among the SigN declarations', { file });
  const tUnit = parseTemperatureUnit(sigs[iT].unit);
  if (!tUnit) throw new InputError(`unknown temperature unit '${sigs[iT].unit}'`, { file });

  const rows = readDataRows(lines, start, sigs.length, (c) => parseDecimal(c), file, {
    split: (l) => l.trim().split(/\t/),
  });
  pushAll(warnings, rows.warnings);
  // drop UA marker rows (negative time)
  let keep = rows.columns[0].map((_, i) => i);
  if (it >= 0) {
    const marker = keep.filter((i) => rows.columns[it][i] < 0);
    if (marker.length > 0) {
      keep = keep.filter((i) => rows.columns[it][i] >= 0);
      notes.push(
        `dropped ${marker.length} marker row(s) with negative time (lines ${marker.map((i) => rows.lineOfRow[i]).join(', ')})`,
      );
    }
  }
  const col = (j: number) => keep.map((i) => rows.columns[j][i]);

  const raw: RawRun = {
    file,
    format: 'ta-universal',
    sample,
    declaredProgram: parseTaMethod(
      method.map((m) => m.text),
      tUnit,
    ),
    dataLine: rows.lineOfRow[keep[0]] ?? rows.firstLine,
    temperature: { values: col(iT), unit: tUnit, label: sigs[iT].unit },
    notes,
    warnings,
  };
  if (it >= 0) {
    const u = parseTimeUnit(sigs[it].unit);
    if (!u) throw new InputError(`unknown time unit '${sigs[it].unit}'`, { file });
    raw.time = { values: col(it), unit: u };
  }
  if (iM >= 0) {
    const u = parseMassUnit(sigs[iM].unit);
    if (!u) throw new InputError(`unknown weight unit '${sigs[iM].unit}'`, { file });
    raw.mass = { values: col(iM), unit: u };
  }
  if (iH >= 0) {
    const u = parseHeatFlowUnit(sigs[iH].unit);
    if (!u) throw new InputError(`unknown heat-flow unit '${sigs[iH].unit}'`, { file });
    raw.heatFlow = { values: col(iH), unit: u };
  }
  return buildRun(raw, opts);
}

/**
 * TA method steps → program: `Ramp 10.00 °C/min to 120.00 °C` (heating or cooling, decided from the previous target
 * temperature), `Isothermal for 30.00 min`, `Equilibrate at 120.00 °C` (a jump, not a segment). Shared by TA TRIOS.
 */
export function parseTaMethod(steps: string[], unit: TemperatureUnit): ProgramSegment[] {
  const out: ProgramSegment[] = [];
  let current: number | undefined;
  const toK = (v: number, u?: string) =>
    (u ? parseTemperatureUnit(u) : unit) === 'K' ? v : celsiusToKelvin(v);
  for (const s of steps) {
    const ramp = /Ramp\s+([\d.]+)\s*(\S*?)\/min\s+to\s+(-?[\d.]+)\s*(\S*)/i.exec(s);
    if (ramp) {
      const rate = Number(ramp[1]);
      const target = toK(Number(ramp[3]), ramp[4]);
      const cooling = current !== undefined && target < current;
      out.push({
        kind: cooling ? 'cooling' : 'heating',
        rate_K_min: cooling ? -rate : rate,
        T_start_K: current,
        T_end_K: target,
      });
      current = target;
      continue;
    }
    const eq = /Equilibrate\s+at\s+(-?[\d.]+)\s*(\S*)/i.exec(s);
    if (eq) {
      current = toK(Number(eq[1]), eq[2]);
      continue;
    }
    if (/Isothermal\s+for/i.test(s))
      out.push({ kind: 'isothermal', rate_K_min: 0, T_start_K: current, T_end_K: current });
  }
  return out;
}
