import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { InputError } from '../../core/input-error.ts';
import type { ProgramSegment, Run } from '../run.ts';
import { buildRun, type InstrumentReadOptions, type RawRun } from './build-run.ts';
import { splitLines } from './decode.ts';
import { readDataRows } from './table.ts';
import { parseDecimal, parseTemperatureUnit, type TemperatureUnit } from './units.ts';
import { pushAll } from '../../core/arrays.ts';

/** Content test: PerkinElmer Pyris text export (`Method Steps:` and numbered step titles such as `1) TGA Isothermal`). */
export function looksLikePerkinElmer(text: string): boolean {
  const head = text.slice(0, 20000);
  return (
    /^Method Steps:/m.test(head) &&
    /^\d+\)\s+(?:TGA|DSC|DTA|STA)\b/m.test(head) &&
    /^Sample (?:Weight|ID):/m.test(head)
  );
}

/** Step title inside the data block, e.g. `2) TGA Temperature Scan`. */
const STEP_TITLE = /^\s*(\d+)\)\s+(?:TGA|DSC|DTA|STA)\b/;

/**
 * PerkinElmer Pyris "Save as ASCII": `Key:\tvalue` header (`Sample ID:`, `Sample Weight:\t7.026 mg`), `Method Steps:`
 * (`2)\tHeat from 50.00°C to 130.00°C at 5.00°C/min`, `Hold for 1.0 min at …`, `Cool from …`), then the data: a step
 * title (`1) TGA Isothermal`), two lines of column names, and tab-separated rows in which further step titles mark
 * where each method step starts. Pyris writes no units in the column names: its defaults are assumed and noted —
 * time in min, weight in mg, temperatures in the unit of the method steps (°C here), heat flow in mW.
 */
export function parsePerkinElmer(text: string, file: string, opts: InstrumentReadOptions = {}): Run {
  const lines = splitLines(text);
  const notes: string[] = [];
  const warnings: string[] = [];
  const sample: Run['sample'] = { instrument: 'PerkinElmer Pyris' };
  const methodSteps: { n: number; text: string }[] = [];
  let firstTitle = -1;
  let inMethod = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const kv = /^([^\t:]+):\s*\t\s*(.*?)\s*$/.exec(l);
    if (kv && !inMethod) {
      const key = kv[1].trim();
      if (key === 'Sample ID') sample.name = kv[2] || undefined;
      else if (key === 'Sample Weight') {
        const m = /^([\d.]+)\s*(mg|g)?/.exec(kv[2]);
        if (m) sample.mass_mg = Number(m[1]) * (m[2] === 'g' ? 1000 : 1);
      }
    }
    if (/^Method Steps:/.test(l)) inMethod = true;
    const step = /^(\d+)\)\t(.*?)\s*$/.exec(l);
    if (inMethod && step) methodSteps.push({ n: Number(step[1]), text: step[2] });
    if (STEP_TITLE.test(l) && /^\d+\)\s+\S/.test(l) && !l.includes('\t')) {
      firstTitle = i;
      break;
    }
  }
  if (firstTitle < 0)
    throw new InputError('no data block (a step title such as `1) TGA Isothermal`) found', { file });
  const n1 = lines[firstTitle + 1].split('\t').map((s) => s.trim());
  const n2 = (lines[firstTitle + 2] ?? '').split('\t').map((s) => s.trim());
  const names: string[] = [];
  for (let j = 1; j < n1.length; j++) {
    const name = `${n1[j]} ${n2[j] ?? ''}`.trim();
    if (name) names.push(name);
  }
  if (names.length < 2)
    throw new InputError('column-name lines after the first step title are missing', {
      file,
      line: firstTitle + 2,
    });

  const { program, unit } = parsePyrisMethod(methodSteps.map((s) => s.text));
  let currentStep = Number(STEP_TITLE.exec(lines[firstTitle])![1]);
  const stepOfRow: number[] = [];
  const rows = readDataRows(lines, firstTitle + 3, names.length, (c) => parseDecimal(c), file, {
    split: (l) => l.trim().split(/\t/),
    isSkippable: (l) => STEP_TITLE.test(l),
    onSkip: (l, rowIndex) => {
      // rows before index `rowIndex` belong to the previous step
      while (stepOfRow.length < rowIndex) stepOfRow.push(currentStep);
      currentStep = Number(STEP_TITLE.exec(l)![1]);
    },
  });
  while (stepOfRow.length < rows.columns[0].length) stepOfRow.push(currentStep);
  pushAll(warnings, rows.warnings);

  const find = (re: RegExp) => names.findIndex((s) => re.test(s));
  const it = find(/^time/i);
  const iT = find(/^sample temperature/i) >= 0 ? find(/^sample temperature/i) : find(/temperature/i);
  const iM = find(/^unsubtracted weight|^weight/i);
  const iH = find(/heat flow/i);
  if (iT < 0)
    throw new InputError(`no temperature column among ${names.join(', ')}`, { file, line: firstTitle + 2 });
  notes.push(
    `Pyris writes no units in its column names: time read as min, weight as mg, temperature as ${unit === 'K' ? 'K' : '°C'}${iH >= 0 ? ', heat flow as mW' : ''}`,
  );
  // Declared steps map to the data's step numbers (1-based) when every step appears in the data.
  const stepsInData = [...new Set(stepOfRow)];
  const declared: ProgramSegment[] = stepsInData.map((s) => program[s - 1] ?? { kind: 'unknown' });

  const raw: RawRun = {
    file,
    format: 'perkinelmer',
    sample,
    declaredProgram: declared,
    dataLine: rows.firstLine,
    temperature: { values: rows.columns[iT], unit, label: unit === 'K' ? 'K' : '°C (Pyris default)' },
    segmentOfRow: stepOfRow,
    notes,
    warnings,
  };
  if (it >= 0) raw.time = { values: rows.columns[it], unit: 'min' };
  if (iM >= 0) raw.mass = { values: rows.columns[iM], unit: 'mg' };
  if (iH >= 0) raw.heatFlow = { values: rows.columns[iH], unit: 'mW' };
  return buildRun(raw, opts);
}

/** Pyris method steps → program segments (K, K/min) and the temperature unit they use. */
export function parsePyrisMethod(steps: string[]): { program: ProgramSegment[]; unit: TemperatureUnit } {
  let unit: TemperatureUnit = 'C';
  const program: ProgramSegment[] = [];
  const toK = (v: string, u: string) => {
    const tu = parseTemperatureUnit(u) ?? 'C';
    unit = tu;
    return tu === 'K' ? Number(v) : celsiusToKelvin(Number(v));
  };
  for (const s of steps) {
    const ramp = /^(Heat|Cool) from (-?[\d.]+)\s*(\S*?C|K) to (-?[\d.]+)\s*(\S*?C|K) at ([\d.]+)/.exec(s);
    if (ramp) {
      const T0 = toK(ramp[2], ramp[3]);
      const T1 = toK(ramp[4], ramp[5]);
      const r = Number(ramp[6]);
      program.push({
        kind: T1 >= T0 ? 'heating' : 'cooling',
        rate_K_min: T1 >= T0 ? r : -r,
        T_start_K: T0,
        T_end_K: T1,
      });
      continue;
    }
    const hold = /^Hold for ([\d.]+) min at (-?[\d.]+)\s*(\S*?C|K)/.exec(s);
    if (hold) {
      const T = toK(hold[2], hold[3]);
      program.push({ kind: 'isothermal', rate_K_min: 0, T_start_K: T, T_end_K: T });
      continue;
    }
    program.push({ kind: 'unknown' });
  }
  return { program, unit };
}
