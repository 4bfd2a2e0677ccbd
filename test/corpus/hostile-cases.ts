/**
 * Issue 22's share of the bad-input corpus: inputs that once misread or brought a command down (shifted rows, a
 * decimal mark decided from a prefix, units plausible only at the start, absurd work sizes, prototype names), each
 * generated here with its expected outcome. Run with the rest by bad-inputs.test.ts.
 */
import { parseRunBytes } from '../../src/io/read-run.ts';
import { parseAlphaGrid } from '../../src/analysis/isoconversional/alpha-grid.ts';
import { checkWork } from '../../src/core/work-limits.ts';
import { presetByName } from '../../src/nn/presets.ts';
import { parseJmaBounds } from '../../src/analysis/fit/bounds.ts';
import { simulate } from '../../src/app/simulate.ts';
import { safety } from '../../src/app/safety.ts';
import { kce } from '../../src/app/kce.ts';
import { fit } from '../../src/app/fit.ts';
import { synthSpec } from '../../src/app/synth.ts';
import { trainPreset } from '../../src/app/train.ts';
import type { BadInputCase, Expectation } from './bad-input-cases.ts';

type Row = [number, number, number];
/** A 10 K/min TGA ramp 30 → 430 °C (t in min), 2 mg lost around 300 °C. */
const ramp = (rate = 10, n = 401): Row[] =>
  Array.from({ length: n }, (_, i) => [i / rate, 30 + i, 10 - 2 / (1 + Math.exp(-(i - 270) / 10))]);
const table = (header: string, rows: (string | number)[][], sep = ',') =>
  [header, ...rows.map((r) => r.join(sep))].join('\n');
const H = 't (min),T (°C),m (mg)';
const read = (text: string, opts = {}) => {
  const run = parseRunBytes(Buffer.from(text, 'utf8'), 'h.csv', opts);
  return run;
};
const err = (message: RegExp, line?: number): Expectation => ({
  kind: 'error',
  errorClass: 'InputError',
  message,
  ...(line === undefined ? {} : { file: true, line }),
});
const rangeErr = (message: RegExp): Expectation => ({ kind: 'error', errorClass: 'RangeError', message });
const warn = (message: RegExp): Expectation => ({ kind: 'warning', message });

/** A CSV case: an error expected (the reader must throw), or a warning plus a check of the values read. */
function csv(
  name: string,
  text: () => string,
  expect: Expectation,
  check: (r: ReturnType<typeof read>) => boolean = () => false,
  opts = {},
): BadInputCase {
  return {
    name,
    area: 'csv (issue 22)',
    expect,
    run: () => {
      const r = read(text(), opts);
      return { warnings: r.warnings, correct: check(r) };
    },
  };
}
const withRow = (k: number, f: (r: string[]) => string[], sep = ',') => {
  const rows = ramp().map((r) => r.map((v) => v.toFixed(3)));
  rows[k] = f(rows[k]);
  return table(sep === ' ' ? 't(min) T(°C) m(mg)' : H.replace(/,/g, sep), rows, sep);
};
const lib = (name: string, expect: Expectation, f: () => unknown): BadInputCase => ({
  name,
  area: 'bounds (issue 22)',
  expect,
  run: async () => (await f(), { warnings: [], correct: false }),
});

export const HOSTILE_CASES: BadInputCase[] = [
  // --- field counts -------------------------------------------------------------------------------------------
  csv(
    'decimal commas in a comma-separated row (shifted before)',
    () => withRow(150, (r) => r.map((v) => v.replace('.', ','))),
    err(/expected 3 fields as in the header, found 6 .*decimal commas/, 152),
  ),
  csv('one stray extra field', () => withRow(10, (r) => [...r, '7']), err(/found 4/, 12)),
  csv(
    'two stray extra fields on the second row',
    () => withRow(1, (r) => [...r, '7', '8']),
    err(/found 5/, 3),
  ),
  csv(
    'a short row in the middle',
    () => withRow(100, (r) => r.slice(0, 2)),
    err(/expected 3 fields, found 2/, 102),
  ),
  csv('semicolon file with an extra field', () => withRow(50, (r) => [...r, '1'], ';'), err(/found 4/, 52)),
  csv('tab file with an extra field', () => withRow(60, (r) => [...r, '1'], '\t'), err(/found 4/, 62)),
  csv('pipe file with an extra field', () => withRow(70, (r) => [...r, '1'], '|'), err(/found 4/, 72)),
  csv('whitespace file with an extra field', () => withRow(80, (r) => [...r, '1'], ' '), err(/found 4/, 82)),
  csv(
    'extra field on the last row is not a truncation',
    () => withRow(400, (r) => [...r, '1']),
    err(/found 4/, 402),
  ),
  csv(
    'headerless file with more fields than --columns',
    () =>
      ramp()
        .map((r) => r.join(','))
        .join('\n'),
    err(/expected 2 fields as --columns names, found 3/, 1),
    undefined,
    { columns: ['temperature_C', 'mass_mg'] },
  ),
  // --- documented trailing delimiter ------------------------------------------------------------------------------
  // (The trailing delimiter and the late decimal commas are read correctly, without a warning: their values are
  // compared in test/hostile/parsing.test.ts.)
  // --- decimal mark and delimiter from the whole file ----------------------------------------------------------------
  csv(
    'decimal point, thousands separators in a semicolon file',
    () =>
      table(
        't (min);T (°C);m (mg)',
        ramp().map(([t, T]) => [t.toFixed(2), T.toFixed(1), '1,000.5']),
        ';',
      ),
    err(/not a number/),
  ),
  // --- temperature plausibility over the whole run ---------------------------------------------------------------
  csv(
    'kelvin under a °C header starting at 340',
    () =>
      table(
        H,
        ramp().map(([t, T, m]) => [t, T + 310, m]),
      ),
    err(/looks like kelvin/, 2),
  ),
  csv(
    'kelvin under a °C header starting at 420',
    () =>
      table(
        H,
        ramp().map(([t, T, m]) => [t, T + 390, m]),
      ),
    err(/looks like kelvin/, 2),
  ),
  csv(
    'kelvin under a °C header starting at 300',
    () =>
      table(
        H,
        ramp().map(([t, T, m]) => [t, T + 270, m]),
      ),
    err(/looks like kelvin/, 2),
  ),
  csv(
    '°C under a K header starting at 120',
    () =>
      table(
        't (min),T (K),m (mg)',
        ramp().map(([t, T, m]) => [t, T + 90, m]),
      ),
    err(/looks like °C/, 2),
  ),
  csv(
    '°C under a K header starting at 190',
    () =>
      table(
        't (min),T (K),m (mg)',
        ramp().map(([t, T, m]) => [t, T + 160, m]),
      ),
    err(/looks like °C/, 2),
  ),
  csv(
    '°F under a °C header reaching 2500',
    () =>
      table(
        H,
        ramp().map(([t, T, m]) => [t, T * 6, m]),
      ),
    err(/above 2000 °C/, 2),
  ),
  csv(
    'millikelvin under a K header',
    () =>
      table(
        't (min),T (K),m (mg)',
        ramp().map(([t, T, m]) => [t, (T + 273.15) * 1000, m]),
      ),
    err(/above 2000 °C/, 2),
  ),
  // --- heating rate from T(t) against the time unit ----------------------------------------------------------------
  csv(
    'minutes labelled seconds: 600 K/min',
    () => table('t (s),T (°C),m (mg)', ramp()),
    err(/600 K\/min .*minutes rather than s/, 2),
  ),
  csv(
    'seconds labelled hours: 0.0028 K/min',
    () =>
      table(
        't (h),T (°C),m (mg)',
        ramp().map(([t, T, m]) => [t * 60, T, m]),
      ),
    err(/below 0\.05 K\/min/, 2),
  ),
  csv(
    'minutes labelled seconds with --rates: warning, the given rate',
    () => table('t (s),T (°C),m (mg)', ramp()),
    warn(/600 K\/min .*the rate given is used/),
    (r) => r.heatingRate_K_min === 10,
    { heatingRate_K_min: 10 },
  ),
  // --- mass range -----------------------------------------------------------------------------------------------------
  csv(
    'µg labelled mg',
    () =>
      table(
        H,
        ramp().map(([t, T, m]) => [t, T, m * 2000]),
      ),
    err(/µg labelled mg\?/, 2),
  ),
  csv(
    'mg labelled g',
    () =>
      table(
        't (min),T (°C),m (g)',
        ramp().map(([t, T, m]) => [t, T, m * 2]),
      ),
    err(/mg labelled g\?/, 2),
  ),
  csv(
    'mg labelled %',
    () =>
      table(
        't (min),T (°C),m (%)',
        ramp().map(([t, T, m]) => [t, T, m * 50]),
      ),
    err(/mg labelled %\?/, 2),
  ),
  csv(
    'temperature column read as mass',
    () =>
      table(
        H,
        ramp().map(([t, T]) => [t, T, T]),
      ),
    warn(/is this column the mass\?/),
    (r) => r.mass_mg![0] === 30,
  ),
  // --- work sizes and names -----------------------------------------------------------------------------------------
  lib('α grid step 1e-300 (V8 abort before)', err(/conversion points requested/), () =>
    parseAlphaGrid('0.1:0.9:1e-300'),
  ),
  lib('α grid step 1e-6 (134 s hang before)', err(/conversion points requested/), () =>
    parseAlphaGrid('0.01:0.99:0.000001'),
  ),
  lib('bootstrap of 10⁹ replicates', err(/--bootstrap: 1,000,000,000 replicates/), () =>
    fit({ runs: [{ name: 'a.csv', content: 'x' }], bootstrap: 1e9 }),
  ),
  lib('Monte Carlo of 10⁸ samples', err(/--samples: 100,000,000 samples/), () =>
    safety({ Ea_kJ_mol: 150, lgA_s: 12, samples: 1e8 }),
  ),
  lib('KCE with 10⁷ samples per line', err(/--samples: 10,000,000/), () => kce({ samples: 1e7 })),
  lib('simulate with a 1e-9 K step', err(/--step: .*temperature points/), () =>
    simulate({ Ea_kJ_mol: 150, lgA_s: 12, step_K: 1e-9 }),
  ),
  lib('synth of 10¹⁰ samples', err(/--n: 10,000,000,000 samples/), () => synthSpec({ count: 1e10 })),
  lib('train for 10⁹ epochs', err(/--epochs: 1,000,000,000 epochs/), () =>
    trainPreset({ preset: 'best', epochs: 1e9, data: 'd', out: 'o' }),
  ),
  lib('threads = 10⁶', err(/--threads/), () => checkWork('threads', 1e6)),
  lib('preset named constructor', rangeErr(/unknown preset "constructor"/), () =>
    presetByName('constructor'),
  ),
  lib('preset named __proto__', rangeErr(/unknown preset "__proto__"/), () => presetByName('__proto__')),
  lib('bounds preset named toString', err(/bounds|expected/), () => parseJmaBounds('toString')),
];
