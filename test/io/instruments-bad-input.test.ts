import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRunBytes } from '../../src/io/read-run.ts';
import { InputError } from '../../src/core/input-error.ts';
import { selectHeatingSegment } from '../../src/analysis/heating-segment.ts';

const real = readFileSync(
  fileURLToPath(
    new URL('../../../shared/data/external/instrument-exports/netzsch_example_file.txt', import.meta.url),
  ),
);

/** A small NETZSCH export (latin-1, CRLF) with the given program lines and rows [T °C, t min, mass %]. */
function netzsch(opts: {
  range?: string;
  segs?: string[];
  rows: number[][];
  tUnit?: string;
  extraHeader?: string[];
}): Buffer {
  const lines = [
    '#EXPORTTYPE:DATA SINGLE',
    '#FORMAT:NETZSCH5',
    '#DECIMAL:POINT',
    '#SEPARATOR:SEMICOLON',
    '#SAMPLE:synthetic',
    '#SAMPLE MASS /mg:10.00',
    `#RANGE:${opts.range ?? '30°C/10.0(K/min)/400°C'}`,
    ...(opts.segs ?? []).map((s, i) => `#SEG. ${i + 1}:${s}`),
    ...(opts.extraHeader ?? []),
    '',
    `##Temp./${opts.tUnit ?? '°C'};Time/min;Mass/%`,
    ...opts.rows.map((r) => `${r[0].toFixed(3)};${r[1].toFixed(4)};${r[2].toFixed(4)}`),
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

const ramp = (T0: number, T1: number, rate: number, t0 = 0, step = 1) => {
  const rows: number[][] = [];
  for (let T = T0; rate > 0 ? T <= T1 : T >= T1; T += rate > 0 ? step : -step) {
    rows.push([T, t0 + (T - T0) / rate, 100 - Math.max(0, T - 200) * 0.05]);
  }
  return rows;
};

test('truncated file: a last row cut mid-line is dropped with a warning naming the line', () => {
  const text = real.toString('latin1');
  const cut = text.slice(0, text.indexOf('99.64100') + 12); // ends inside "99.64100;13.9…"
  const run = parseRunBytes(Buffer.from(cut, 'latin1'), 'cut.txt');
  assert.ok(
    run.warnings.some((w) => /^cut\.txt:\d+: the last data row is incomplete .*truncated/.test(w)),
    run.warnings.join('\n'),
  );
  assert.equal(run.temperature_K.at(-1)! - 273.15 < 99.64, true);
});

test('truncated file: cut inside the header is an InputError naming the file', () => {
  const text = real.toString('latin1');
  const cut = text.slice(0, text.indexOf('#SEGMENT'));
  assert.throws(
    () => parseRunBytes(Buffer.from(cut, 'latin1'), 'head.txt'),
    (e: unknown) =>
      e instanceof InputError && /^head\.txt:\d+: .*`##` column line/.test((e as Error).message),
  );
});

test('mixed encodings: latin-1 degree signs and a UTF-8 remark line are each decoded, with a warning', () => {
  const latin = netzsch({ rows: ramp(30, 100, 10) });
  const text = latin.toString('latin1');
  const i = text.indexOf('#SAMPLE:');
  const bytes = Buffer.concat([
    Buffer.from(text.slice(0, i), 'latin1'),
    Buffer.from('#REMARK:Prüfung bei 10 °C/min\r\n', 'utf8'),
    Buffer.from(text.slice(i), 'latin1'),
  ]);
  const run = parseRunBytes(bytes, 'mixed.txt');
  assert.ok(
    run.warnings.some((w) => /mixed encodings/.test(w)),
    run.warnings.join('\n'),
  );
  assert.equal(run.format, 'netzsch');
  assert.equal(run.heatingRate_K_min, 10);
  assert.ok(Math.abs(run.temperature_K[0] - 303.15) < 1e-9);
});

test('a header that says °C with values in the kelvin range is refused with a remedy; the option resolves it', () => {
  const rows = ramp(30, 400, 10).map((r) => [r[0] + 273.15, r[1], r[2]]);
  const bytes = netzsch({ rows });
  assert.throws(
    () => parseRunBytes(bytes, 'kelvin.txt'),
    (e: unknown) =>
      e instanceof InputError &&
      /^kelvin\.txt:10: .*labelled °C .*kelvin.*--temperature-unit K/.test((e as Error).message),
  );
  const run = parseRunBytes(bytes, 'kelvin.txt', { temperatureUnit: 'K' });
  assert.ok(Math.abs(run.temperature_K[0] - 303.15) < 1e-9);
  assert.ok(run.notes.some((n) => /temperature unit K by option/.test(n)));
});

test('NETZSCH #RANGE with a decimal comma under #DECIMAL:POINT: read as a decimal, with a warning', () => {
  const run = parseRunBytes(
    netzsch({ range: '30°C/7,5(K/min)/400°C', rows: ramp(30, 400, 7.5) }),
    'comma.txt',
  );
  assert.equal(run.heatingRate_K_min, 7.5);
  assert.ok(
    run.warnings.some((w) => /^comma\.txt:7: .*decimal comma.*#DECIMAL:POINT/.test(w)),
    run.warnings.join('\n'),
  );
});

test('cooling segment: found from T(t), noted, and left out of the analysed heating segment', () => {
  const up = ramp(30, 500, 10);
  const tEnd = up.at(-1)![1];
  const down = ramp(499, 100, -20, tEnd + 0.05).map((r) => [r[0], r[1], 70]);
  const run = parseRunBytes(
    netzsch({ segs: ['30°C/10.0(K/min)/500°C', '500°C/20.0(K/min)/100°C'], rows: [...up, ...down] }),
    'cool.txt',
  );
  assert.deepEqual(
    run.program.map((s) => s.kind),
    ['heating', 'cooling'],
  );
  assert.equal(run.heatingRate_K_min, 10);
  assert.ok(run.notes.some((n) => /cooling segment .* not analysed/.test(n)));
  const h = selectHeatingSegment(run).run;
  // the turning point (500 °C) lies on both lines: the split may put it on either side
  assert.ok(Math.abs(h.temperature_K.length - up.length) <= 1, `${h.temperature_K.length} vs ${up.length}`);
  assert.ok(
    h.notes.some((n) => /ignored: cooling 500→100 °C/.test(n)),
    h.notes.join('\n'),
  );
});

test('isothermal segment between two ramps: three segments, the widest ramp analysed', () => {
  const a = ramp(30, 150, 10);
  const t1 = a.at(-1)![1];
  const hold: number[][] = [];
  for (let k = 1; k <= 100; k++) hold.push([150, t1 + k * 0.1, 99]);
  const b = ramp(151, 600, 10, t1 + 10.1);
  const run = parseRunBytes(netzsch({ rows: [...a, ...hold, ...b] }), 'iso.txt');
  assert.deepEqual(
    run.program.map((s) => s.kind),
    ['heating', 'isothermal', 'heating'],
  );
  const h = selectHeatingSegment(run).run;
  assert.ok(Math.abs(h.temperature_K[0] - (151 + 273.15)) < 2, `${h.temperature_K[0]}`);
  assert.ok(
    h.notes.some((n) => /isothermal 150→150 °C/.test(n)),
    h.notes.join('\n'),
  );
});

test('duplicate timestamps: repeats dropped (first kept) with a warning naming the first line', () => {
  const rows = ramp(30, 300, 10);
  const withDup = [...rows.slice(0, 10), rows[9], rows[9], ...rows.slice(10)];
  const run = parseRunBytes(netzsch({ rows: withDup }), 'dup.txt');
  assert.equal(run.temperature_K.length, rows.length);
  assert.ok(
    run.warnings.some((w) => /^dup\.txt:20: dropped 2 row\(s\) repeating the previous timestamp/.test(w)),
    run.warnings.join('\n'),
  );
});

test('UTF-16 without a byte-order mark is recognised from its NUL bytes', () => {
  const text = netzsch({ rows: ramp(30, 200, 10) }).toString('latin1');
  const run = parseRunBytes(Buffer.from(text, 'utf16le'), 'nobom.txt');
  assert.equal(run.format, 'netzsch');
  assert.ok(run.notes.some((n) => /UTF-16LE/.test(n)));
});

test('heating rate from a file name: only as a flagged last resort', async () => {
  const { heatingRateFromFileName, withFileNameRate } =
    await import('../../src/io/instruments/rate-from-filename.ts');
  assert.equal(heatingRateFromFileName('/x/cath_1_20.csv'), 20);
  assert.equal(heatingRateFromFileName('E_cnt_2.5.csv'), 2.5);
  assert.equal(heatingRateFromFileName('NCM811_10Kmin.txt'), 10);
  assert.equal(heatingRateFromFileName('run 7,5 K-min.csv'), 7.5);
  assert.equal(heatingRateFromFileName('sample.csv'), undefined);
  const run = parseRunBytes(netzsch({ rows: ramp(30, 200, 10) }), 'x_99Kmin.txt');
  assert.equal(withFileNameRate(run), run); // the header's rate is kept
  const bare = { ...run, heatingRate_K_min: undefined, heatingRateSource: undefined };
  const named = withFileNameRate(bare);
  assert.equal(named.heatingRate_K_min, 99);
  assert.equal(named.heatingRateSource, 'filename');
  assert.ok(named.warnings.some((w) => /taken from the file name x_99Kmin\.txt/.test(w)));
});
