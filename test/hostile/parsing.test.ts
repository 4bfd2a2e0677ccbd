/**
 * Item 3 of issue 22: parsing never misreads. Field counts are checked on every row (a trailing delimiter aside),
 * delimiter and decimal mark come from the whole file, and units are checked against the whole run (temperature
 * range, mass range, heating rate from T(t) against the time unit). Known answers: the values written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunBytes } from '../../src/io/read-run.ts';
import { InputError } from '../../src/core/input-error.ts';
import type { Run } from '../../src/io/run.ts';

const read = (text: string, opts = {}): Run => parseRunBytes(Buffer.from(text, 'utf8'), 'x.csv', opts);

/** A 10 K/min TGA ramp, 30 → 430 °C, t in min: rows [t, T, m] with a 2 mg step at 300 °C. */
function ramp(n = 401, rate_K_min = 10): [number, number, number][] {
  return Array.from({ length: n }, (_, i) => {
    const T = 30 + i;
    return [i / rate_K_min, T, 10 - 2 / (1 + Math.exp(-(T - 300) / 10))];
  });
}
const csv = (header: string, rows: (string | number)[][], sep = ',') =>
  [header, ...rows.map((r) => r.join(sep))].join('\n');

function throwsAt(text: string, line: number | undefined, re: RegExp, opts = {}): void {
  assert.throws(
    () => read(text, opts),
    (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.match(e.message, re);
      if (line !== undefined) assert.equal(e.line, line, e.message);
      return true;
    },
  );
}

test('a row with more fields than the header is an error naming its line (it used to be read shifted)', () => {
  const rows = ramp().map((r) => r.map((v) => v.toFixed(3)));
  // Row 151 (file line 152) written with decimal commas in a comma-separated file: 6 fields for 3.
  rows[150] = rows[150].map((v) => v.replace('.', ','));
  throwsAt(
    csv('t (min),T (°C),m (mg)', rows),
    152,
    /expected 3 fields as in the header, found 6 .*decimal commas/,
  );
  // A stray extra column on one row.
  const extra = ramp().map((r) => r.map(String));
  extra[10] = [...extra[10], '7'];
  throwsAt(csv('t (min),T (°C),m (mg)', extra), 12, /expected 3 fields as in the header, found 4/);
  // Whitespace-separated too.
  const ws = ramp().map((r) => r.map(String));
  ws[20] = [...ws[20], '1'];
  throwsAt(csv('t(min) T(°C) m(mg)', ws, ' '), 22, /found 4/);
});

test('a trailing delimiter on the rows, or on the header only, is documented and read as without it', () => {
  const rows = ramp();
  const plain = read(csv('t (min),T (°C),m (mg)', rows));
  const trailingRows = read(
    csv(
      't (min),T (°C),m (mg),',
      rows.map((r) => [...r, '']),
    ),
  );
  const trailingHeader = read(csv('t (min),T (°C),m (mg),', rows));
  const trailingBoth = read(
    csv(
      't (min),T (°C),m (mg)',
      rows.map((r) => [...r, '']),
    ),
  );
  for (const r of [trailingRows, trailingHeader, trailingBoth]) {
    assert.deepEqual(r.temperature_K, plain.temperature_K);
    assert.deepEqual(r.mass_mg, plain.mass_mg);
  }
  assert.equal(plain.temperature_K[0], 303.15);
  assert.equal(plain.mass_mg![0], rows[0][2]);
});

test('decimal mark from the whole file: integers in the first 30 rows, decimal commas later (was refused at line 27)', () => {
  const rows = ramp().map(([t, T, m], i) =>
    i < 30
      ? [String(Math.round(t * 10) / 10).replace('.', ','), String(T), '10']
      : [t.toFixed(2), T.toFixed(1), m.toFixed(4)].map((v) => v.replace('.', ',')),
  );
  rows[0][0] = '0';
  const run = read(csv('t (min);T (°C);m (mg)', rows, ';'));
  assert.equal(run.temperature_K.length, 401);
  assert.ok(Math.abs(run.mass_mg![200] - Number(ramp()[200][2].toFixed(4))) < 1e-12);
  assert.ok(Math.abs(run.heatingRate_K_min! - 10) < 0.05, String(run.heatingRate_K_min));
});

test('delimiter from the whole file: a header with as many commas as semicolons is split where the data are', () => {
  // Header: two commas inside a free-text column name, two semicolons; data: two semicolons per row, no comma.
  const rows = ramp().map(([, T, m]) => [T.toFixed(1), m.toFixed(4), 'Al2O3']);
  const run = read(csv('T (°C);m (mg);Probe, Tiegel, Gas', rows, ';'));
  assert.equal(run.temperature_K.length, 401);
  assert.ok(Math.abs(run.temperature_K[100] - (130 + 273.15)) < 1e-9);
  assert.ok(Math.abs(run.mass_mg![300] - Number(ramp()[300][2].toFixed(4))) < 1e-12);
});

test('kelvin under a °C header is refused whatever the start (not only 250–330)', () => {
  for (const start_K of [300, 340, 400]) {
    const rows = ramp().map(([t, T, m]) => [t, T - 30 + start_K, m]);
    throwsAt(csv('t (min),T (°C),m (mg)', rows), 2, /looks like kelvin; pass --temperature-unit K/);
    // The option settles it, and the values are then read as kelvin.
    const run = read(csv('t (min),T (°C),m (mg)', rows), { temperatureUnit: 'K' });
    assert.equal(run.temperature_K[0], start_K);
  }
});

test('°C under a K header is refused below 200 K over the whole run (not only below 100)', () => {
  for (const start of [30, 120, 150]) {
    const rows = ramp().map(([t, T, m]) => [t, T - 30 + start, m]);
    throwsAt(csv('t (min),T (K),m (mg)', rows), 2, /looks like °C; pass --temperature-unit C/);
  }
  const ok = read(
    csv(
      't (min),T (K),m (mg)',
      ramp().map(([t, T, m]) => [t, T + 273.15, m]),
    ),
  );
  assert.ok(Math.abs(ok.temperature_K[0] - 303.15) < 1e-9);
});

test('heating rate from T(t) against the time unit: 600 K/min (minutes labelled s) refused; 0.1 K/min accepted', () => {
  // 10 K/min with the time column in minutes but labelled seconds → 600 K/min.
  throwsAt(
    csv('t (s),T (°C),m (mg)', ramp()),
    2,
    /600 K\/min .* above 200 K\/min: is the time column in minutes/,
  );
  // With the rate given (--rates), a warning instead, and the given rate is used.
  const given = read(csv('t (s),T (°C),m (mg)', ramp()), { heatingRate_K_min: 10 });
  assert.equal(given.heatingRate_K_min, 10);
  assert.ok(given.warnings.some((w) => /600 K\/min/.test(w)));
  // 0.03 K/min labelled min (seconds labelled minutes of a 1.8 K/min ramp) → below 0.05: refused as a time-unit error
  // or as having no heating segment, never read as a 0.03 K/min ramp without a word.
  for (const rate of [0.1, 0.2, 0.05]) {
    const run = read(csv('t (min),T (°C),m (mg)', ramp(401, rate)));
    assert.ok(
      Math.abs(run.heatingRate_K_min! - rate) < 1e-6 * rate + 1e-9,
      `${rate}: ${run.heatingRate_K_min}`,
    );
    assert.equal(run.heatingRateSource, 'slope');
  }
  throwsAt(
    csv('t (min),T (°C),m (mg)', ramp(401, 0.03)),
    2,
    /0\.0300 K\/min .*below 0\.05 K\/min: is the time column in seconds/,
  );
});

test('mass range over the whole run: µg labelled mg refused; a rising "mass" questioned', () => {
  // A 20 mg sample written in µg under an mg header.
  const ug = ramp().map(([t, T, m]) => [t, T, m * 2000]);
  throwsAt(csv('t (min),T (°C),m (mg)', ug), 2, /mass column reaches 20,000 mg, .*µg labelled mg\?/);
  const rising = ramp().map(([t, T]) => [t, T, T]);
  const run = read(csv('t (min),T (°C),m (mg)', rising));
  assert.ok(
    run.warnings.some((w) => /is this column the mass\?/.test(w)),
    JSON.stringify(run.warnings),
  );
});
