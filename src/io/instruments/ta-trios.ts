import { InputError } from '../../core/input-error.ts';
import type { ProgramSegment, Run } from '../run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './build-run.ts';
import { splitLines } from './decode.ts';
import { readDataRows } from './table.ts';
import { parseTaMethod } from './ta-universal.ts';
import {
  parseDecimal,
  parseHeatFlowUnit,
  parseMassUnit,
  parseTemperatureUnit,
  parseTimeUnit,
  type TemperatureUnit,
} from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: TA TRIOS text export (`[step]` sections after a `Key\tvalue` header naming a `.tri` file or TRIOS). */
export function looksLikeTaTrios(text: string): boolean {
  const head = text.slice(0, 20000);
  return /^\[step\]\s*$/m.test(head) && /^(?:Filename\t.*\.tri\b|.*\bTRIOS\b)/im.test(head);
}

/**
 * TA Instruments TRIOS "Export → Text/LIMS" layout (no example file was available; implemented from the documented
 * layout and tested with a synthetic fixture): `Key\tvalue` header lines (`Filename\t….tri`, `Instrument type`,
 * `Sample name`, `Sample mass\t5.12 mg`), then one `[step]` section per procedure step: a description line
 * (`Ramp 10.00 °C/min to 400.00 °C`, `Isothermal for 5.0 min`), an optional `Number of points\tN`, a tab-separated
 * column-name line, a unit line (`min\t°C\tW/g`) and tab-separated rows. Steps are concatenated; each is one segment.
 */
export function parseTaTrios(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sample: Run['sample'] = {};
  let i = 0;
  for (; i < lines.length && lines[i].trim() !== '[step]'; i++) {
    const [k, v = '', u = ''] = lines[i].split('\t').map((s) => s.trim());
    const key = k.toLowerCase();
    if (key === 'sample name') sample.name = v || undefined;
    else if (key === 'instrument name' || key === 'instrument type') sample.instrument ??= v || undefined;
    else if (key === 'sample mass' || key === 'mass') {
      const m = /^([\d.]+)\s*(mg|g)?$/.exec(v);
      const unit = m?.[2] ?? (u || 'mg');
      if (m) sample.mass_mg = Number(m[1]) * (unit === 'g' ? 1000 : 1);
    } else if (key === 'purge gas' || key === 'gas') sample.atmosphere = v || undefined;
  }
  type Block = { desc: string; names: string[]; units: string[]; columns: number[][]; firstLine: number };
  const blocks: Block[] = [];
  while (i < lines.length) {
    if (lines[i].trim() !== '[step]') {
      i++;
      continue;
    }
    const desc = (lines[i + 1] ?? '').trim();
    let j = i + 2;
    if (/^Number of points\t/i.test(lines[j] ?? '')) j++;
    const names = (lines[j] ?? '').split('\t').map((s) => s.trim());
    const units = (lines[j + 1] ?? '').split('\t').map((s) => s.trim());
    if (names.length < 2 || units.length !== names.length) {
      throw new InputError('a [step] section without its column-name and unit lines', { file, line: j + 1 });
    }
    const rows = readDataRows(lines, j + 2, names.length, (c) => parseDecimal(c), file, {
      split: (l) => l.split('\t'),
      isEnd: (l) => l.trim() === '[step]',
    });
    pushAll(warnings, rows.warnings);
    blocks.push({ desc, names, units, columns: rows.columns, firstLine: rows.firstLine });
    i = rows.end;
  }
  if (blocks.length === 0) throw new InputError('no [step] data section', { file });
  const b0 = blocks[0];
  const find = (re: RegExp) => b0.names.findIndex((n) => re.test(n));
  const it = find(/^(?:step )?time$/i);
  const iT = find(/^temperature$|^sample temperature$/i);
  const iM = find(/^weight$|^mass$/i);
  const iH = find(/^heat flow/i);
  if (iT < 0)
    throw new InputError(`no Temperature column among ${b0.names.join(', ')}`, {
      file,
      line: b0.firstLine - 2,
    });
  for (const b of blocks) {
    if (b.names.join('\t') !== b0.names.join('\t') || b.units.join('\t') !== b0.units.join('\t')) {
      throw new InputError(`step '${b.desc}' has different columns from the first step`, {
        file,
        line: b.firstLine - 2,
      });
    }
  }
  const tUnit = parseTemperatureUnit(b0.units[iT]);
  if (!tUnit)
    throw new InputError(`unknown temperature unit '${b0.units[iT]}'`, { file, line: b0.firstLine - 1 });
  const cat = (j: number) => blocks.flatMap((b) => b.columns[j]);
  const segmentOfRow = blocks.flatMap((b, k) => b.columns[0].map(() => k + 1));
  const declaredProgram: ProgramSegment[] = blocks.map((b) => stepSegment(b.desc, tUnit, b.columns[iT]));

  const raw: RawRun = {
    file,
    format: 'ta-trios',
    sample,
    declaredProgram,
    dataLine: b0.firstLine,
    temperature: { values: cat(iT), unit: tUnit, label: b0.units[iT] },
    segmentOfRow,
    notes,
    warnings,
  };
  if (it >= 0) {
    const u = parseTimeUnit(b0.units[it]);
    if (!u) throw new InputError(`unknown time unit '${b0.units[it]}'`, { file, line: b0.firstLine - 1 });
    raw.time = { values: cat(it), unit: u };
  }
  if (iM >= 0) {
    const u = parseMassUnit(b0.units[iM]);
    if (!u) throw new InputError(`unknown weight unit '${b0.units[iM]}'`, { file, line: b0.firstLine - 1 });
    raw.mass = { values: cat(iM), unit: u };
  }
  if (iH >= 0) {
    const u = parseHeatFlowUnit(b0.units[iH]);
    if (!u)
      throw new InputError(`unknown heat-flow unit '${b0.units[iH]}'`, { file, line: b0.firstLine - 1 });
    raw.heatFlow = { values: cat(iH), unit: u };
  }
  return buildRun(raw, opts);
}

/** One step description → its segment; a ramp's direction is taken from the step's own data. */
function stepSegment(desc: string, unit: TemperatureUnit, T: number[]): ProgramSegment {
  const seg = parseTaMethod([desc], unit)[0];
  if (!seg) return { kind: 'unknown' };
  if (seg.kind !== 'isothermal' && T.length > 1 && T[T.length - 1] < T[0]) {
    return { ...seg, kind: 'cooling', rate_K_min: -Math.abs(seg.rate_K_min ?? 0) };
  }
  return seg;
}
