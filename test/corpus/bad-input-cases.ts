/**
 * The bad-input corpus (issue 9): malformed or tricky inputs across every reader and command, each generated here
 * (never hand-edited files) with its expected outcome — a specific error class with file (and line where there is
 * one), or a warning plus a correct result. `bad-inputs.test.ts` runs them all and prints the summary line.
 */
import { mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunBytes, readRunFile } from '../../src/io/read-run.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { kissingerFromCurves, kissinger } from '../../src/analysis/kissinger.ts';
import { friedman } from '../../src/analysis/isoconversional/index.ts';
import { analyzeRuns } from '../../src/analysis/analyze.ts';
import { fitJma } from '../../src/analysis/fit/jma-fit.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { jma } from '../../src/kinetics/models/index.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';
import { readDataset } from '../../src/synth/dataset-reader.ts';
import { generateDataset } from '../../src/synth/dataset-writer.ts';
import { defaultSpec } from '../../src/synth/spec.ts';
import { readModelManifest } from '../../src/nn/model.ts';
import { parseRecordCsv } from '../../src/dsc/csv-import.ts';
import { parseTemperatureProgramCsv } from '../../src/io/temperature-program-csv.ts';
import { isothermalTimeToConversion_s } from '../../src/safety/isothermal.ts';
import { parseRates } from '../../src/cli/options.ts';
import { parseWindowC } from '../../src/analysis/stage-window.ts';
import { readRuns } from '../../src/app/run-sources.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';

export type Expectation =
  | { kind: 'error'; errorClass: 'InputError' | 'RangeError'; message: RegExp; file?: boolean; line?: number }
  | { kind: 'warning'; message: RegExp };

export interface BadInputCase {
  name: string;
  area: string;
  expect: Expectation;
  /** Runs the input; returns the warnings and whether the result was checked correct (for `warning` cases). */
  run(
    dir: string,
  ): { warnings: string[]; correct: boolean } | Promise<{ warnings: string[]; correct: boolean }>;
}

const INSTR = join(EXTERNAL_DATA, 'instrument-exports');
const sims = simulateRuns({
  model: jma(3),
  params: { Ea_kJ_mol: 150, lgA_s: 11.5 },
  rates_K_min: [10, 30, 60],
  T_start_K: 303.15,
  T_end_K: 1073.15,
  step_K: 2,
  massLoss_pct: 20,
});
const simCsv = sims.map(simulatedRunToCsv);
const write = (dir: string, name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const lines = (text: string) => text.split('\n');
const readText = (name: string) => readFileSync(join(INSTR, name), 'latin1');
const parseText = (dir: string, name: string, text: string | Uint8Array) => {
  const path = write(dir, name, text);
  const run = readRunFile(path);
  // `correct` is decided by the case for warning outcomes; error cases never get here.
  return { run, warnings: run.warnings, correct: true };
};
const curves = (dir: string, texts: string[]) =>
  texts.map((t, i) => runToConversionCurve(readRunFile(write(dir, `r${i}.csv`, t))));
const massCsv = (rows: [number, number, number][]) =>
  ['t (min),T (°C),m (mg)', ...rows.map((r) => r.join(','))].join('\n');
const ramp = (n: number, f: (i: number) => [number, number, number]) =>
  Array.from({ length: n }, (_, i) => f(i));
const goodRamp = ramp(400, (i) => [i * 0.1, 30 + i, 10 - 2 / (1 + Math.exp(-(i - 200) / 15))]);

const err = (
  errorClass: 'InputError' | 'RangeError',
  message: RegExp,
  extra: { file?: boolean; line?: number } = {},
) => ({ kind: 'error', errorClass, message, ...extra }) as const;
const warn = (message: RegExp) => ({ kind: 'warning', message }) as const;

export const CASES: BadInputCase[] = [
  // --- generic CSV and file-level problems --------------------------------------------------------------------
  {
    name: 'empty file',
    area: 'csv',
    expect: err('InputError', /empty/, { file: true }),
    run: (d) => parseText(d, 'empty.csv', ''),
  },
  {
    name: 'only blank lines and comments',
    area: 'csv',
    expect: err('InputError', /empty/, { file: true }),
    run: (d) => parseText(d, 'blank.csv', '\n\n# x\n\n'),
  },
  {
    name: 'binary junk',
    area: 'csv',
    expect: err('InputError', /not a text file/, { file: true }),
    run: (d) =>
      parseText(
        d,
        'junk.bin',
        Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
      ),
  },
  {
    name: 'header only',
    area: 'csv',
    expect: err('InputError', /no data rows/, { file: true }),
    run: (d) => parseText(d, 'h.csv', 't (min),T (°C),m (mg)\n'),
  },
  {
    name: 'no recognisable columns',
    area: 'csv',
    expect: err('InputError', /no temperature column/, { file: true, line: 1 }),
    run: (d) => parseText(d, 'c.csv', 'a,b,c\n1,2,3\n'),
  },
  {
    name: 'non-numeric cell',
    area: 'csv',
    expect: err('InputError', /"x1" is not a number/, { file: true, line: 4 }),
    run: (d) => parseText(d, 'n.csv', massCsv(goodRamp.slice(0, 2)) + '\n0.3,33,x1\n'),
  },
  {
    name: 'NaN cell',
    area: 'csv',
    expect: err('InputError', /not finite/, { file: true, line: 3 }),
    run: (d) => parseText(d, 'nan.csv', 't (min),T (°C),m (mg)\n0,30,10\n0.1,NaN,10\n'),
  },
  {
    name: 'Infinity cell',
    area: 'csv',
    expect: err('InputError', /not finite/, { file: true, line: 3 }),
    run: (d) => parseText(d, 'inf.csv', 't (min),T (°C),m (mg)\n0,30,10\n0.1,31,-Infinity\n'),
  },
  {
    name: 'truncated mid-line (last line)',
    area: 'csv',
    expect: warn(/truncated/),
    run: (d) => {
      const text = simCsv[0];
      const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 6); // a few characters of the last row
      const { run, warnings } = parseText(d, 'trunc.csv', cut);
      return { warnings, correct: run.temperature_K.length === sims[0].temperature_K.length - 1 };
    },
  },
  {
    name: 'unclosed quote',
    area: 'csv',
    expect: err('InputError', /cannot split the line/, { file: true, line: 3 }),
    run: (d) => parseText(d, 'q.csv', 't (min),T (°C),m (mg)\n0,30,10\n"0.1,31,10\n'),
  },
  {
    name: 'UTF-8 BOM',
    area: 'csv',
    expect: warn(/fitted from T\(t\)/),
    run: (d) => {
      const { run } = parseText(d, 'bom.csv', '\uFEFF' + simCsv[1]);
      return { warnings: run.notes, correct: Math.abs(run.heatingRate_K_min! - 30) < 1e-6 };
    },
  },
  {
    name: 'UTF-16LE with BOM',
    area: 'csv',
    expect: warn(/decoded as utf-16le/),
    run: (d) => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(simCsv[0], 'utf16le')]);
      const { run } = parseText(d, 'u16.csv', bytes);
      return {
        warnings: run.notes,
        correct: Math.abs(run.temperature_K[10] - sims[0].temperature_K[10]) < 1e-9,
      };
    },
  },
  {
    name: 'latin-1 degree sign in the header',
    area: 'csv',
    expect: warn(/converted from °C to K/),
    run: (d) => {
      const bytes = Buffer.from(massCsv(goodRamp).replace('°C', '\u00b0C'), 'latin1');
      const { run } = parseText(d, 'l1.csv', bytes);
      return { warnings: run.notes, correct: Math.abs(run.temperature_K[0] - 303.15) < 1e-9 };
    },
  },
  {
    name: 'decimal commas with semicolons',
    area: 'csv',
    expect: warn(/decimal commas/),
    run: (d) => {
      const text = massCsv(goodRamp)
        .replace(/,/g, ';')
        .replace(/(\d)\.(\d)/g, '$1,$2');
      const { run } = parseText(d, 'dc.csv', text);
      return { warnings: run.notes, correct: Math.abs(run.mass_mg![1] - goodRamp[1][2]) < 1e-9 };
    },
  },
  {
    name: '°C header with kelvin-range values',
    area: 'csv',
    expect: err('InputError', /looks like kelvin/, { file: true }),
    run: (d) => parseText(d, 'ck.csv', massCsv(ramp(200, (i) => [i * 0.1, 300 + i, 10 - i * 0.01]))),
  },
  {
    name: 'temperature without a unit (°C assumed and said)',
    area: 'csv',
    expect: warn(/no unit: assumed °C/),
    run: (d) => {
      const { run, warnings } = parseText(d, 'nu.csv', massCsv(goodRamp).replace('T (°C)', 'T'));
      return { warnings, correct: Math.abs(run.temperature_K[0] - 303.15) < 1e-9 };
    },
  },
  {
    // Issue 15: a reversal inside a heating segment is accepted (it used to be refused). Without a time column the
    // rows where T does not rise are dropped with a reason; with time, T(t) is smoothed and every row is kept.
    name: 'non-monotonic temperature without time: the falling rows dropped with a reason',
    area: 'csv',
    expect: warn(/rows dropped where the temperature did not rise/),
    run: (d) => {
      const rows = goodRamp.map((r, i) => (i === 150 ? [r[1] - 5, r[2]] : [r[1], r[2]]));
      const text = ['T (°C),m (mg)', ...rows.map((r) => r.join(','))].join('\n');
      const c = runToConversionCurve(readRunFile(write(d, 'r0.csv', text), { heatingRate_K_min: 10 }));
      return { warnings: c.notes, correct: c.T_K.length === goodRamp.length - 1 && c.route === 'nominal' };
    },
  },
  {
    name: 'non-monotonic temperature with time: T(t) smoothed, the reversal harmless',
    area: 'csv',
    expect: warn(/time route/),
    run: (d) => {
      const rows = goodRamp.map<[number, number, number]>((r, i) => (i === 150 ? [r[0], r[1] - 5, r[2]] : r));
      const [c] = curves(d, [massCsv(rows)]);
      let rising = true;
      for (let i = 1; i < c.T_K.length; i++) rising &&= c.T_K[i] > c.T_K[i - 1];
      return {
        warnings: c.notes,
        correct: rising && c.route === 'time' && c.T_K.length >= goodRamp.length - 3,
      };
    },
  },
  {
    // Without a time column (with one, T(t) is smoothed and a repeated reading is harmless).
    name: 'duplicated temperatures',
    area: 'csv',
    expect: warn(/repeated temperature dropped/),
    run: (d) => {
      const rows = goodRamp.map((r, i) => (i === 100 ? [goodRamp[99][1], r[2]] : [r[1], r[2]]));
      const text = ['T (°C),m (mg)', ...rows.map((r) => r.join(','))].join('\n');
      const c = runToConversionCurve(readRunFile(write(d, 'r0.csv', text), { heatingRate_K_min: 10 }));
      return { warnings: c.notes, correct: c.T_K.length === goodRamp.length - 1 };
    },
  },
  {
    name: 'duplicated timestamps',
    area: 'csv',
    expect: warn(/repeating the previous timestamp/),
    run: (d) => {
      const rows = [...goodRamp.slice(0, 50), goodRamp[49], ...goodRamp.slice(50)];
      const { run, warnings } = parseText(d, 'dt.csv', massCsv(rows));
      return { warnings, correct: run.temperature_K.length === goodRamp.length };
    },
  },
  {
    name: 'negative (absurd) masses',
    area: 'csv',
    expect: warn(/below zero/),
    run: (d) => {
      const rows = goodRamp.map<[number, number, number]>((r) => [r[0], r[1], r[2] - 20]);
      const { run, warnings } = parseText(d, 'neg.csv', massCsv(rows));
      return { warnings, correct: run.mass_mg!.length === rows.length };
    },
  },
  {
    name: '1e6-row file',
    area: 'csv',
    expect: warn(/fitted from T\(t\)/),
    run: (d) => {
      const rows = ['t (min),T (°C),m (mg)'];
      for (let i = 0; i < 1e6; i++)
        rows.push(`${(i * 0.001).toFixed(3)},${(30 + i * 0.00077).toFixed(5)},${(10 - i * 3e-6).toFixed(6)}`);
      const { run } = parseText(d, 'big.csv', rows.join('\n'));
      return {
        warnings: run.notes,
        correct: run.temperature_K.length === 1e6 && Math.abs(run.heatingRate_K_min! - 0.77) < 1e-6,
      };
    },
  },
  // --- instrument exports, mutated ----------------------------------------------------------------------------
  {
    name: 'NETZSCH #RANGE with a decimal comma under #DECIMAL:POINT',
    area: 'netzsch',
    expect: warn(/decimal comma/i),
    run: () => {
      const run = readRunFile(join(INSTR, 'netzsch_example3.txt'));
      return { warnings: run.warnings, correct: run.heatingRate_K_min === 15 };
    },
  },
  {
    name: 'NETZSCH truncated inside the header',
    area: 'netzsch',
    expect: err('InputError', /./, { file: true }),
    run: (d) =>
      parseText(d, 'nz-trunc.txt', lines(readText('netzsch_example_file.txt')).slice(0, 8).join('\n')),
  },
  {
    name: 'NETZSCH with a non-numeric data cell',
    area: 'netzsch',
    expect: err('InputError', /not a number|number/, { file: true, line: undefined }),
    run: (d) => {
      const l = lines(readText('netzsch_example_file.txt'));
      const k = l.findIndex((x) => /^\s*-?\d/.test(x) && !x.startsWith('#')) + 5;
      l[k] = l[k].replace(/\d+[.,]\d+/, 'abc');
      return parseText(d, 'nz-cell.txt', Buffer.from(l.join('\n'), 'latin1'));
    },
  },
  {
    name: 'TA Universal Analysis (UTF-16) truncated mid-data',
    area: 'ta',
    expect: warn(/truncated|ignored|last line|incomplete/i),
    run: (d) => {
      const bytes = readFileSync(join(INSTR, 'TAInstruments_example_file.txt'));
      const cut = bytes.subarray(
        0,
        Math.floor(bytes.length * 0.8) - (Math.floor(bytes.length * 0.8) % 2) + 1,
      );
      const { run, warnings } = parseText(d, 'ta-trunc.txt', cut);
      return { warnings, correct: run.temperature_K.length > 100 };
    },
  },
  {
    name: 'Mettler export with a data line cut short',
    area: 'mettler',
    expect: err('InputError', /./, { file: true }),
    run: (d) => {
      const l = lines(readText('MettlerToledo_example_file.txt'));
      const k = l.findIndex((x, i) => i > l.length / 2 && /^\s*-?\d/.test(x));
      l[k] = l[k].trim().split(/\s+/).slice(0, 1).join(' ');
      return parseText(d, 'mt-cut.txt', Buffer.from(l.join('\n'), 'latin1'));
    },
  },
  {
    name: 'PerkinElmer export with NaN in the data',
    area: 'perkinelmer',
    expect: err('InputError', /./, { file: true }),
    run: (d) => {
      const l = lines(readText('PerkinElmer_example_file.txt'));
      const k = l.findIndex((x, i) => i > l.length / 2 && /^\s*-?\d/.test(x));
      l[k] = l[k].replace(/-?\d+\.\d+/, 'NaN');
      return parseText(d, 'pe-nan.txt', Buffer.from(l.join('\n'), 'latin1'));
    },
  },
  {
    name: 'Setaram export re-encoded as UTF-8 (wrong encoding)',
    area: 'setaram',
    expect: warn(/fitted|rate|temperature/i),
    run: (d) => {
      const text = parseRunBytes(readFileSync(join(INSTR, 'setaram_dsc_example.txt')), 'orig').temperature_K
        .length;
      const utf8 = Buffer.from(
        new TextDecoder('utf-16le').decode(readFileSync(join(INSTR, 'setaram_dsc_example.txt')).subarray(2)),
        'utf8',
      );
      const { run } = parseText(d, 'setaram-utf8.txt', utf8);
      return { warnings: [...run.notes, ...run.warnings], correct: run.temperature_K.length === text };
    },
  },
  // --- multi-rate commands ------------------------------------------------------------------------------------
  {
    name: 'one heating rate given to Kissinger',
    area: 'kissinger',
    expect: err('InputError', /two or more different heating rates/),
    run: (d) => {
      kissingerFromCurves(curves(d, [simCsv[0]]));
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'identical heating rates',
    area: 'kissinger',
    expect: err('InputError', /same heating rate/),
    run: (d) => {
      kissingerFromCurves(curves(d, [simCsv[0], simCsv[0]]));
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'one heating rate given to Friedman',
    area: 'iso',
    expect: err('InputError', /two or more different heating rates/),
    run: (d) => {
      friedman(curves(d, [simCsv[1]]));
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'peaks at the window edge',
    area: 'kissinger',
    expect: warn(/window edge/),
    run: (d) => {
      const cs = simCsv.map((t, i) =>
        runToConversionCurve(readRunFile(write(d, `e${i}.csv`, t)), { window_K: [303.15, 590] }),
      );
      const res = kissingerFromCurves(cs);
      return { warnings: res.warnings, correct: Number.isFinite(res.Ea_kJ_mol) };
    },
  },
  {
    name: 'peak temperatures given in °C to Kissinger',
    area: 'kissinger',
    expect: warn(/°C/),
    run: () => {
      // Peaks of 230/250/265 "K" would be below 0 °C: °C values passed where K is expected.
      const res = kissinger([10, 30, 60].map((b, i) => ({ beta_K_min: b, T_peak_K: [230, 250, 265][i] })));
      return { warnings: res.warnings, correct: Number.isFinite(res.Ea_kJ_mol) };
    },
  },
  {
    name: '--rates count does not match the files',
    area: 'cli',
    expect: err('InputError', /one rate per file/),
    run: (d) => {
      readRuns({
        runs: [{ path: write(d, 'a.csv', simCsv[0]) }, { path: write(d, 'b.csv', simCsv[1]) }],
        heatingRates_K_min: parseRates('10,30,60'),
      });
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'malformed --window',
    area: 'cli',
    expect: err('InputError', /--window/),
    run: () => (parseWindowC('200-400'), { warnings: [], correct: false }),
  },
  {
    name: 'zero heating rate in --rates',
    area: 'cli',
    expect: err('InputError', /--rates/),
    run: () => (parseRates('10,0,60'), { warnings: [], correct: false }),
  },
  {
    name: 'window without data',
    area: 'cli',
    expect: err('InputError', /no data inside the window/, { file: true }),
    run: (d) => {
      runToConversionCurve(readRunFile(write(d, 'w.csv', simCsv[0])), { window_K: [2000, 2100] });
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'runs of different samples in one analyze call',
    area: 'analyze',
    expect: warn(/differ|sample/i),
    run: () => {
      const a = readRunFile(join(INSTR, 'netzsch_example_file.txt'));
      const b = readRunFile(join(INSTR, 'TAInstruments_example_file.txt'));
      const res = analyzeRuns([
        { file: a.file, run: a },
        { file: b.file, run: b },
      ]);
      return { warnings: res.warnings, correct: res.runs.length === 2 };
    },
  },
  // --- fitting --------------------------------------------------------------------------------------------------
  {
    name: 'NaN in the data given to the fit',
    area: 'fit',
    expect: err('InputError', /NaN|finite|number/i),
    run: () => {
      const c = sims.map((s) => ({
        beta_K_min: s.beta_K_min,
        T_K: Array.from(s.temperature_K),
        dadT_per_K: Array.from(s.dadT_per_K),
      }));
      c[1].dadT_per_K[100] = NaN;
      fitJma(c, { n: 3 });
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'bounds that exclude the truth',
    area: 'fit',
    expect: warn(/bound/i),
    run: () => {
      const c = sims.map((s) => ({
        beta_K_min: s.beta_K_min,
        T_K: Array.from(s.temperature_K),
        dadT_per_K: Array.from(s.dadT_per_K),
      }));
      const res = fitJma(c, { n: 3, bounds: { Ea_kJ_mol: [60, 100], lgA_s: [0, 25], n: [0.3, 4] } });
      return { warnings: [...res.warnings, ...res.onBound], correct: res.onBound.length > 0 };
    },
  },
  {
    name: 'curves with no peak in the fit window',
    area: 'fit',
    expect: err('InputError', /peak/i),
    run: () => {
      const c = sims.map((s) => ({
        beta_K_min: s.beta_K_min,
        T_K: Array.from(s.temperature_K),
        dadT_per_K: Array.from(s.dadT_per_K),
      }));
      fitJma(c, { n: 3, window_K: [310, 400] });
      return { warnings: [], correct: false };
    },
  },
  // --- datasets and models ------------------------------------------------------------------------------------
  {
    name: 'dataset with a corrupted array',
    area: 'dataset',
    expect: err('InputError', /sha256|corrupt|size|checksum/i, { file: true }),
    run: (d) => {
      const dir = tinyDataset(d, 'ds-array');
      const f = join(dir, 'curves.f32');
      const b = readFileSync(f);
      b[100] ^= 0xff;
      writeFileSync(f, b);
      readDataset(dir);
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'dataset with a corrupted manifest',
    area: 'dataset',
    expect: err('InputError', /manifest|JSON/i, { file: true }),
    run: (d) => {
      const dir = tinyDataset(d, 'ds-manifest');
      writeFileSync(join(dir, 'manifest.json'), '{"format": "cathode-kinetics-dataset", "count": ');
      readDataset(dir);
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'model directory from another version',
    area: 'model',
    expect: err('InputError', /version|format/i, { file: true }),
    run: (d) => {
      const dir = join(d, 'model-v99');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({ format: 'cathode-kinetics-cnn', formatVersion: 99 }),
      );
      readModelManifest(dir);
      return { warnings: [], correct: false };
    },
  },
  {
    name: 'directory that is not a model',
    area: 'model',
    expect: err('InputError', /not a model directory/, { file: true }),
    run: (d) => (readModelManifest(d), { warnings: [], correct: false }),
  },
  // --- DSC database, safety -----------------------------------------------------------------------------------
  {
    name: 'DSC record CSV with an invalid row',
    area: 'dsc',
    expect: warn(/./),
    run: () => {
      const header =
        'formula,li_content,ni_content,co_content,mn_content,cutoff_voltage_V,electrolyte_content_mg_mg,crucible,scan_rate_K_min,onset_T_K,source';
      const good = 'LiNi0.8Co0.1Mn0.1O2,1,0.8,0.1,0.1,4.3,0.5,sealed,10,480,doi:10.1/x';
      const res = parseRecordCsv(`${header}\n${good.replace(',480,', ',abc,')}\n${good}\n`, 'records.csv');
      const rejected = (res as unknown as { rejected: { line: number; reasons: string[] }[] }).rejected;
      return {
        warnings: rejected.flatMap((r) => r.reasons.map((x) => `line ${r.line}: ${x}`)),
        correct: rejected.length === 1,
      };
    },
  },
  {
    name: 'temperature program with times going back',
    area: 'safety',
    expect: err('InputError', /times must increase/, { file: true, line: 3 }),
    run: () => (
      parseTemperatureProgramCsv('time_min,temperature_C\n0,25\n0,30\n', 'prog.csv'),
      { warnings: [], correct: false }
    ),
  },
  {
    name: 'conversion outside (0, 1) for an isothermal time',
    area: 'safety',
    expect: err('RangeError', /conversion must be in \(0, 1\)/),
    run: () => (
      isothermalTimeToConversion_s({ Ea_kJ_mol: 150, lgA_s: 11.5, model: jma(3) }, 450, 1.2),
      { warnings: [], correct: false }
    ),
  },
];

/** A tiny valid dataset written by `ckin synth`'s writer, copied so that each case can damage its own copy. */
let tinyTemplate: string | undefined;
function tinyDataset(dir: string, name: string): string {
  if (!tinyTemplate) throw new Error('call prepareTinyDataset first');
  const out = join(dir, name);
  cpSync(tinyTemplate, out, { recursive: true });
  return out;
}

export async function prepareTinyDataset(dir: string): Promise<void> {
  const target = join(dir, 'tiny-dataset');
  await generateDataset(target, defaultSpec({ count: 40 }), { workers: 1 });
  tinyTemplate = target;
}
