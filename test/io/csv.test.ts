import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvRun, classifyHeader } from '../../src/io/csv.ts';
import { parseRunBytes } from '../../src/io/read-run.ts';
import { InputError } from '../../src/core/input-error.ts';
import { runToConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { jma } from '../../src/kinetics/models/index.ts';
import { simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';

const isInputError = (pattern: RegExp, line?: number) => (e: unknown) =>
  e instanceof InputError && pattern.test(e.message) && (line === undefined || e.line === line);

test('header classification: units from the header in all common spellings', () => {
  assert.deepEqual(classifyHeader('t (min)'), { role: 'time', unit: 'min', label: 't (min)' });
  assert.equal(classifyHeader('T (C)')?.role, 'temperature');
  assert.equal(classifyHeader('Temperature [°C]')?.unit, '°C');
  assert.equal(classifyHeader('temperature_C')?.role, 'temperature');
  assert.equal(classifyHeader('mass_pct')?.unit, '%');
  assert.equal(classifyHeader('m (mg)')?.role, 'mass');
  assert.equal(classifyHeader('dadT_per_K')?.role, 'dadT');
  assert.equal(classifyHeader('heatflow_W_g')?.unit, 'W/g');
  assert.equal(classifyHeader('colour'), undefined);
});

test('a simulated run round-trips through CSV without loss', () => {
  const [sim] = simulateRuns({
    model: jma(3),
    params: { Ea_kJ_mol: 150, lgA_s: 11.5 },
    rates_K_min: [30],
    T_start_K: 303.15,
    T_end_K: 1073.15,
    massLoss_pct: 20,
  });
  const run = parseCsvRun(simulatedRunToCsv(sim), 'sim.csv');
  assert.equal(run.temperature_K.length, sim.temperature_K.length);
  assert.ok(Math.abs(run.temperature_K[100] - sim.temperature_K[100]) < 1e-9);
  assert.ok(Math.abs(run.heatingRate_K_min! - 30) < 1e-6, `rate ${run.heatingRate_K_min}`);
  assert.equal(run.heatingRateSource, 'slope');
  assert.ok(run.notes.some((n) => /fitted from T\(t\)/.test(n)));
  assert.deepEqual(run.alpha!.slice(0, 5), Array.from(sim.alpha.slice(0, 5)));
  const curve = runToConversionCurve(run);
  assert.equal(curve.dadT_per_K[1200], sim.dadT_per_K[1200]);
});

test('decimal commas with a semicolon delimiter', () => {
  const run = parseCsvRun('Temperature (°C);Mass (mg)\n30,5;10,0\n31,5;9,9\n32,5;9,8\n', 'x.csv', {
    heatingRate_K_min: 10,
  });
  assert.ok(Math.abs(run.temperature_K[0] - 303.65) < 1e-9);
  assert.equal(run.mass_mg![1], 9.9);
  assert.ok(run.notes.some((n) => /decimal commas/.test(n)));
});

test('bad input: empty file, no recognisable columns, non-numeric, NaN/Inf, truncated header-only', () => {
  assert.throws(() => parseCsvRun('', 'e.csv'), isInputError(/empty/));
  assert.throws(() => parseCsvRun('\n\n# comment\n', 'e.csv'), isInputError(/empty/));
  assert.throws(() => parseCsvRun('colour,size\n1,2\n', 'c.csv'), isInputError(/no temperature column/, 1));
  assert.throws(() => parseCsvRun('T (C),colour\n1,2\n', 'c.csv'), isInputError(/no signal column/));
  assert.throws(
    () => parseCsvRun('T (C),m (mg)\n30,10\n31,abc\n', 'n.csv'),
    isInputError(/"abc" is not a number/, 3),
  );
  assert.throws(() => parseCsvRun('T (C),m (mg)\n30,10\n31,NaN\n', 'n.csv'), isInputError(/not finite/, 3));
  assert.throws(
    () => parseCsvRun('T (C),m (mg)\n30,10\n31,Infinity\n', 'n.csv'),
    isInputError(/not finite/, 3),
  );
  assert.throws(() => parseCsvRun('T (C),m (mg)\n', 'h.csv'), isInputError(/no data rows/));
  assert.throws(() => parseCsvRun('30,10\n31,9\n', 'nh.csv'), isInputError(/no header.*--columns/, 1));
});

test('a file without a header: the error suggests columns for its column count, and the suggestion reads it', () => {
  const three = '0,30,10\n0.5,35,9.9\n1,40,9.7\n';
  let message = '';
  try {
    parseCsvRun(three, 'nh3.csv');
  } catch (err) {
    message = (err as Error).message;
  }
  assert.match(
    message,
    /its 3 columns; .*--columns time_min,temperature_C,mass_mg \(TGA\) or time_min,temperature_C,heatflow_W_g \(DSC\)/,
  );
  const suggested = /--columns (\S+) \(TGA\)/.exec(message)![1].split(',');
  const run = parseCsvRun(three, 'nh3.csv', { columns: suggested });
  // 30 °C → 303.15 K, the second row 0.5 min → 30 s.
  assert.ok(Math.abs(run.temperature_K[0] - 303.15) < 1e-9);
  assert.ok(Math.abs(run.time_s![1] - 30) < 1e-9);
  assert.match(
    (() => {
      try {
        parseCsvRun('30,10\n31,9\n', 'nh2.csv');
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })(),
    /its 2 columns; .*--columns temperature_C,mass_mg \(TGA\) or temperature_C,heatflow_W_g \(DSC\)/,
  );
});

test('error messages name the file and line', () => {
  try {
    parseCsvRun('T (C),m (mg)\n30,10\n31,x\n', 'data/run.csv');
    assert.fail('should throw');
  } catch (e) {
    assert.match((e as Error).message, /^data\/run\.csv:3: /);
  }
});

test('temperature unit: missing unit is decided from the values and said; °C label with kelvin values is refused', () => {
  const c = parseCsvRun('T,m (mg)\n25,10\n26,9\n27,8\n', 'u.csv', { heatingRate_K_min: 10 });
  assert.ok(Math.abs(c.temperature_K[0] - 298.15) < 1e-9);
  assert.ok(c.warnings.some((w) => /no unit: assumed °C/.test(w)));
  const k = parseCsvRun('T,m (mg)\n300,10\n301,9\n302,8\n', 'u.csv', { heatingRate_K_min: 10 });
  assert.equal(k.temperature_K[0], 300);
  assert.ok(k.warnings.some((w) => /assumed K/.test(w)));
  const neg = parseCsvRun('T,m (mg)\n-20,10\n-10,9\n0,8\n', 'u.csv', { heatingRate_K_min: 10 });
  assert.ok(Math.abs(neg.temperature_K[0] - 253.15) < 1e-9);
  const rows = Array.from({ length: 50 }, (_, i) => `${i * 0.1},${300 + i},${10 - i * 0.01}`).join('\n');
  assert.throws(
    () => parseCsvRun(`t (min),T (°C),m (mg)\n${rows}\n`, 'k.csv'),
    isInputError(/looks like kelvin/),
  );
  const ok = parseCsvRun(`t (min),T (°C),m (mg)\n${rows}\n`, 'k.csv', { temperatureUnit: 'K' });
  assert.equal(ok.temperature_K[0], 300);
});

test('temperature not increasing (no time column): the row is dropped with a reason; repeated temperatures too', () => {
  const run = parseCsvRun(
    'T (C),m (mg)\n100,10\n101,9.9\n102,9.5\n101.5,9.2\n103,9\n104,8.8\n105,8.7\n',
    'd.csv',
    {
      heatingRate_K_min: 10,
    },
  );
  // Issue 15: a short reversal inside a heating segment is accepted (it used to be an error), with a reason reported.
  const dec = runToConversionCurve(run);
  assert.equal(dec.T_K.length, 6);
  assert.ok(
    dec.dataWarnings?.some((w) => w.code === 'rows.dropped' && /1 of 7 rows dropped/.test(w.message)),
    JSON.stringify(dec.dataWarnings),
  );
  const rep = parseCsvRun(
    'T (C),m (mg)\n100,10\n101,9.9\n101,9.9\n102,9.5\n103,9\n104,8.8\n105,8.7\n106,8.6\n',
    'r.csv',
    {
      heatingRate_K_min: 10,
    },
  );
  const curve = runToConversionCurve(rep);
  assert.equal(curve.T_K.length, 7);
  assert.ok(curve.notes.some((n) => /repeated temperature dropped/.test(n)));
});

test('unknown heating rate is a clear error; binary junk is refused', () => {
  const run = parseCsvRun('T (C),m (mg)\n100,10\n101,9.9\n102,9.5\n103,9\n104,8.8\n', 'nr.csv');
  assert.throws(() => runToConversionCurve(run), isInputError(/heating rate unknown/));
  const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 256);
  assert.throws(() => parseRunBytes(junk, 'junk.bin'), isInputError(/not a text file/));
});

test('clean rows (fast path) and padded or quoted rows (general path) read to the same numbers', () => {
  // Each value in several spellings; the padded/quoted file goes through split + trim + csv-parse, the clean one
  // through the hand-written row scanner.
  const rows: string[][] = [];
  for (let i = 0; i < 60; i++) {
    const T = 30 + i * 0.5 + (i % 7) * 1e-7;
    const m = 10 - i * 0.01;
    const t = i / 20;
    rows.push([
      [String(t), t.toExponential(6), t.toFixed(4)][i % 3],
      i % 2 ? String(T) : `+${T}`,
      [String(m), m.toExponential(), `${m}`.replace(/^0\./, '.')][i % 3],
    ]);
  }
  const header = 'time (min),Temperature (°C),Mass (mg)';
  const clean = [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
  const padded =
    [
      header,
      ...rows.map((r, i) => (i % 2 ? r.map((c) => ` ${c} `).join(',') : r.map((c) => `"${c}"`).join(','))),
    ].join('\r\n') + '\r\n';
  const a = parseCsvRun(clean, 'clean.csv', { heatingRate_K_min: 1 });
  const b = parseCsvRun(padded, 'padded.csv', { heatingRate_K_min: 1 });
  assert.equal(a.temperature_K.length, 60);
  assert.deepEqual(a.temperature_K, b.temperature_K);
  assert.deepEqual(a.mass_mg, b.mass_mg);
  assert.deepEqual(a.time_s, b.time_s);
  for (let i = 0; i < 60; i++) assert.equal(a.mass_mg![i], Number(rows[i][2]));
  // A bad cell in an otherwise clean file is still reported at its line by the general path.
  const bad = clean.replace(rows[10].join(','), `${rows[10][0]},${rows[10][1]},9.8e`);
  assert.throws(() => parseCsvRun(bad, 'bad.csv'), isInputError(/"9\.8e" is not a number/, 12));
  const short = clean.replace(rows[20].join(','), `${rows[20][0]},${rows[20][1]}`);
  assert.throws(() => parseCsvRun(short, 'short.csv'), isInputError(/expected 3 fields, found 2/, 22));
});
