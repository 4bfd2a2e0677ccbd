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
} from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: Mettler-Toledo STARe text export (`Curve:` blocks, `Index  t  Ts  Tr  Value`, `STARe SW`). */
export function looksLikeMettler(text: string): boolean {
  const head = text.slice(0, 20000);
  return /^Curve:\s*$/m.test(head) && /^\s*Index\s+t\s+Ts\s+(?:Tr\s+)?Value\s*$/m.test(head);
}

interface Curve {
  title: string;
  headerLine: number;
  cols: string[];
  units: string[];
  columns: number[][];
  firstLine: number;
}

/**
 * Mettler-Toledo STARe "Export → ASCII" text: one or more curve blocks, each with `FileName:` (second line = the curve,
 * e.g. `Sample Weight`, `Heat Flow`), `SampleID:` (`NAME, 4.9292 mg`), `Curve:`, a column line `Index t Ts Tr Value`,
 * a unit line `[s] [°C] [°C] [mg]`, whitespace-separated rows. Ts is the sample temperature (used), Tr the reference
 * (program) temperature. Curves of one measurement share their time axis and are merged into one Run.
 */
export function parseMettler(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sample: Run['sample'] = { instrument: 'Mettler-Toledo STARe' };
  const curves: Curve[] = [];
  let title = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === 'FileName:') {
      title = (lines[i + 2] ?? '').trim();
    } else if (l === 'SampleID:') {
      const v = (lines[i + 1] ?? '').trim();
      const m = /^(.*?),\s*([\d.]+)\s*(mg|g)\s*$/.exec(v);
      if (m) {
        sample.name ??= m[1];
        const mass = Number(m[2]) * (m[3] === 'g' ? 1000 : 1);
        if (sample.mass_mg === undefined) sample.mass_mg = mass;
        else if (Math.abs(sample.mass_mg - mass) > 1e-9) {
          warnings.push(
            `${file}:${i + 2}: a later curve states a different sample mass (${mass} mg); the first is used`,
          );
        }
      } else if (v) sample.name ??= v;
    } else if (l === 'Curve:') {
      const colLine = i + 1;
      const cols = (lines[colLine] ?? '').trim().split(/\s+/);
      const units = (lines[colLine + 1] ?? '').trim().split(/\s+/);
      if (cols[0] !== 'Index' || units.length !== cols.length - 1) {
        throw new InputError('a Curve: block without the `Index t Ts …` column and unit lines', {
          file,
          line: colLine + 1,
        });
      }
      const rows = readDataRows(lines, colLine + 2, cols.length, (c) => parseDecimal(c), file, {
        split: (x) => x.trim().split(/\s+/),
      });
      pushAll(warnings, rows.warnings);
      curves.push({
        title,
        headerLine: colLine + 1,
        cols,
        units: ['', ...units],
        columns: rows.columns,
        firstLine: rows.firstLine,
      });
      i = rows.end;
    }
  }
  if (curves.length === 0) throw new InputError('no Curve: block found', { file });
  const first = curves[0];
  const idx = (c: Curve, name: string) => c.cols.indexOf(name);
  const iT = idx(first, 'Ts');
  const it = idx(first, 't');
  if (iT < 0) throw new InputError('no Ts (sample temperature) column', { file, line: first.headerLine });
  const tLabel = first.units[iT];
  const tUnit = parseTemperatureUnit(tLabel);
  if (!tUnit)
    throw new InputError(`unknown temperature unit '${tLabel}'`, { file, line: first.headerLine + 1 });
  if (tLabel.includes('\uFFFD'))
    notes.push(`temperature unit '${tLabel}' read as °C (the degree sign was lost to U+FFFD)`);

  const raw: RawRun = {
    file,
    format: 'mettler',
    sample,
    dataLine: first.firstLine,
    temperature: { values: first.columns[iT], unit: tUnit, label: tLabel },
    programTemperature: idx(first, 'Tr') >= 0 ? first.columns[idx(first, 'Tr')] : undefined,
    notes,
    warnings,
  };
  if (it >= 0) {
    const u = parseTimeUnit(first.units[it]);
    if (!u)
      throw new InputError(`unknown time unit '${first.units[it]}'`, { file, line: first.headerLine + 1 });
    raw.time = { values: first.columns[it], unit: u };
  }
  for (const c of curves) {
    const iv = idx(c, 'Value');
    if (iv < 0) continue;
    const sameAxis =
      c.columns[0].length === first.columns[0].length &&
      (it < 0 || c.columns[it].every((t, k) => t === first.columns[it][k]));
    if (!sameAxis) {
      warnings.push(
        `${file}:${c.headerLine}: curve '${c.title}' has a different time axis from the first curve; not merged`,
      );
      continue;
    }
    const unit = c.units[iv];
    const mass = parseMassUnit(unit);
    const heat = parseHeatFlowUnit(unit);
    if (mass && !raw.mass) raw.mass = { values: c.columns[iv], unit: mass };
    else if (heat && !raw.heatFlow) raw.heatFlow = { values: c.columns[iv], unit: heat };
    else notes.push(`curve '${c.title}' [${unit}] not used`);
  }
  if (curves.length > 1)
    notes.push(`merged ${curves.length} curves: ${curves.map((c) => `'${c.title}'`).join(', ')}`);
  return buildRun(raw, opts);
}
