import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRunBytes, readRunFile } from '../../src/io/read-run.ts';
import { decodeText } from '../../src/io/instruments/decode.ts';
import { detectInstrumentFormat } from '../../src/io/instruments/detect.ts';
import { parseTaTrios } from '../../src/io/instruments/ta-trios.ts';
import { selectHeatingSegment } from '../../src/analysis/heating-segment.ts';

const dir = (name: string) =>
  fileURLToPath(new URL(`../../../shared/data/external/instrument-exports/${name}`, import.meta.url));

const close = (a: number | undefined, b: number, tol: number, what: string) =>
  assert.ok(a !== undefined && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} ± ${tol}`);

test('NETZSCH netzsch_example_file.txt (latin-1): mass, rate, columns', () => {
  const run = readRunFile(dir('netzsch_example_file.txt'));
  assert.equal(run.format, 'netzsch');
  // header: "#SAMPLE MASS /mg:8.91"
  assert.equal(run.sample.mass_mg, 8.91);
  // header: "#RANGE:30°C/5.0(K/min)/700°C"
  assert.equal(run.heatingRate_K_min, 5);
  assert.equal(run.heatingRateSource, 'header');
  assert.equal(run.sample.name, 'AlPyr');
  assert.equal(run.sample.instrument, 'NETZSCH TG 209F1 Libra');
  // first data row " 27.14100;  0.00000;99.98948", last "699.64100;133.97751;..." — 270 rows, °C → K, min → s
  assert.equal(run.temperature_K.length, 270);
  close(run.temperature_K[0], 27.141 + 273.15, 1e-9, 'T0');
  close(run.time_s![1], 0.37572 * 60, 1e-9, 't1');
  assert.equal(run.mass_pct![0], 99.98948);
  assert.equal(run.warnings.length, 0);
});

test('NETZSCH netzsch2_example_file.txt: mass 13.10 mg, 5 K/min', () => {
  const run = readRunFile(dir('netzsch2_example_file.txt'));
  // header: "#SAMPLE MASS /mg:13.10"
  assert.equal(run.sample.mass_mg, 13.1);
  // header: "#RANGE:30°C/5.0(K/min)/700°C"
  assert.equal(run.heatingRate_K_min, 5);
  assert.equal(run.sample.name, 'BAN-1-32 Co L-asp bpe');
  // last data row "699.75100;133.98943; 25.54136"
  close(run.temperature_K.at(-1), 699.751 + 273.15, 1e-9, 'T last');
  assert.equal(run.mass_pct!.at(-1), 25.54136);
});

test('NETZSCH netzsch_example3.txt: decimal comma in #RANGE under #DECIMAL:POINT, heating + isothermal segments', () => {
  const run = readRunFile(dir('netzsch_example3.txt'));
  // header: "#SAMPLE MASS /mg:4.28"
  assert.equal(run.sample.mass_mg, 4.28);
  // header: "#RANGE:37°C/15,0(K/min)/1000°C/00:00/1000°C/" (degree sign is byte 0x9B) and "#DECIMAL:POINT"
  assert.equal(run.heatingRate_K_min, 15);
  assert.ok(
    run.warnings.some((w) => /decimal comma.*#DECIMAL:POINT/.test(w)),
    run.warnings.join('\n'),
  );
  // "#SEG. 1:37°C/15,0(K/min)/1000°C", "#SEG. 2:1000°C/00:30/1000°C"; the Segment column numbers the rows 1, 2
  assert.deepEqual(
    run.program.map((s) => s.kind),
    ['heating', 'isothermal'],
  );
  close(run.program[0].T_end_K, 1272.5, 1, 'end of ramp');
  const heating = selectHeatingSegment(run).run;
  assert.equal(heating.temperature_K.length, run.program[0].rows![1]);
  assert.ok(heating.notes.some((n) => /ignored: isothermal/.test(n)));
});

test('TA Universal Analysis (UTF-16LE): Size, Ramp rate, Sig columns, marker rows dropped', () => {
  const run = readRunFile(dir('TAInstruments_example_file.txt'));
  assert.equal(run.format, 'ta-universal');
  assert.ok(run.notes.some((n) => /utf-16le/.test(n)));
  // header: "Size\t20.8210\tmg"
  assert.equal(run.sample.mass_mg, 20.821);
  // header: "OrgMethod\t2: Ramp 10.00 °C/min to 120.00 °C"
  assert.equal(run.heatingRate_K_min, 10);
  assert.equal(run.heatingRateSource, 'header');
  assert.equal(run.sample.name, 'example_sample');
  assert.equal(run.sample.atmosphere, 'Nitrogen');
  // "Sig3\tWeight (mg)": second data row "6.66667E-4\t22.70189\t20.82160…" (the first, "-3.000000\t1.000000…", is a marker)
  assert.equal(run.mass_mg![0], 20.8216);
  close(run.temperature_K[0], 22.70189 + 273.15, 1e-9, 'T0');
  close(run.time_s![0], 6.66667e-4 * 60, 1e-12, 't0');
  assert.ok(run.notes.some((n) => /3 marker row/.test(n)));
  // OrgMethod 5 ramps back down to 25 °C: a cooling segment, not analysed
  assert.ok(run.program.some((s) => s.kind === 'cooling'));
  assert.ok(run.notes.some((n) => /cooling segment .* not analysed/.test(n)));
});

test('Mettler STARe: SampleID mass, two curves merged, rate from the Tr column, U+FFFD degree sign', () => {
  const run = readRunFile(dir('MettlerToledo_example_file.txt'));
  assert.equal(run.format, 'mettler');
  // header: "SampleID:" / "  TGA_PP, 4.9292 mg"
  assert.equal(run.sample.mass_mg, 4.9292);
  assert.equal(run.sample.name, 'TGA_PP');
  // No rate in the header. By eye from the data: "3000 3000 202.486 200.000" and "4000 4000 288.179 283.333"
  // → Tr rises 83.333 K in 1000 s = 5 K/min in the ramp analysed (131→606 °C, where the mass changes most);
  // the last ramp, "10500 10500 285.316 280.000" → "11500 11500 620.191 613.333", is 20 K/min.
  close(run.heatingRate_K_min, 5, 0.01, 'β');
  assert.equal(run.heatingRateSource, 'slope');
  const ramps = run.program.filter((s) => s.kind === 'heating').map((s) => s.rate_K_min!);
  close(ramps[0], 5, 0.01, 'first ramp');
  close(ramps[2], 20, 0.01, 'last ramp');
  // units line "[s] [�C] [�C] [mg]": the degree sign was already lost in the file
  assert.ok(run.warnings.some((w) => /U\+FFFD/.test(w)));
  assert.equal(run.mass_mg![0], 4.92915);
  // heat-flow curve in mW divided by 4.9292 mg → W/g; first row "0 0 45.647 50.000 …" of the 'Heat Flow' curve
  assert.ok(run.heatFlow_W_g && run.heatFlow_W_g.length === run.mass_mg!.length);
});

test('PerkinElmer Pyris: Sample Weight, method steps mapped to data steps', () => {
  const run = readRunFile(dir('PerkinElmer_example_file.txt'));
  assert.equal(run.format, 'perkinelmer');
  // header: "Sample Weight:\t7.026 mg"
  assert.equal(run.sample.mass_mg, 7.026);
  // method: "2) Heat … at 5.00°C/min", "4) Heat from 130.00°C to 600.00°C at 5.00°C/min",
  // "6) Cool … at 500.00°C/min", "8) Heat from 50.00°C to 800.00°C at 20.00°C/min", "9) Heat … at 100.00°C/min"
  const rates = run.program.filter((s) => s.kind !== 'isothermal').map((s) => s.rate_K_min);
  assert.deepEqual(rates, [5, 5, -500, 20, 100]);
  // analysed: the ramp over which the mass changes most, step 4 (130 → 600 °C at 5 K/min)
  assert.equal(run.heatingRate_K_min, 5);
  const main = selectHeatingSegment(run).run;
  assert.ok(
    Math.abs(main.temperature_K[0] - 273.15 - 130) < 2 &&
      Math.abs(main.temperature_K.at(-1)! - 273.15 - 600) < 3,
  );
  assert.equal(run.heatingRateSource, 'header');
  // first data row "\t0.000000\t7.021777\t0.000000\t50.000000\t49.810000…": sample temperature, time in min
  close(run.temperature_K[0], 49.81 + 273.15, 1e-9, 'T0');
  assert.equal(run.mass_mg![0], 7.021777);
  assert.equal(run.temperature_K.length, 12098); // "Total Points in Run:\t12098"
});

test('Setaram (UTF-16LE): Initial Mass, heat flow mW → W/g, rate from the furnace temperature', () => {
  const run = readRunFile(dir('setaram_dsc_example.txt'));
  assert.equal(run.format, 'setaram');
  // header: " Initial Mass : 34.04 mg"
  assert.equal(run.sample.mass_mg, 34.04);
  // No rate in the header. By eye: "3001  900  245.445343 …" and "3501  1050  295.598938 …" → furnace
  // +50.15 K in 150 s ≈ 20.06 K/min.
  close(run.heatingRate_K_min, 20, 0.1, 'β');
  assert.equal(run.heatingRateSource, 'slope');
  // first row "1  0  50.06274  53.444034  240.908142 -11.195387": HeatFlow −11.195387 mW / 34.04 mg
  close(run.heatFlow_W_g![0], -11.195387 / 34.04, 1e-12, 'heat flow W/g');
  close(run.temperature_K[0], 53.444034 + 273.15, 1e-9, 'sample T');
  assert.equal(run.mass_mg, undefined); // TG channel is constant
  assert.ok(run.program.some((s) => s.kind === 'cooling'));
});

test('every instrument export is recognised from its content, not its name', () => {
  const expected: Record<string, string> = {
    'netzsch_example_file.txt': 'netzsch',
    'netzsch2_example_file.txt': 'netzsch',
    'netzsch_example3.txt': 'netzsch',
    'TAInstruments_example_file.txt': 'ta-universal',
    'MettlerToledo_example_file.txt': 'mettler',
    'PerkinElmer_example_file.txt': 'perkinelmer',
    'setaram_dsc_example.txt': 'setaram',
  };
  for (const [name, fmt] of Object.entries(expected)) {
    const text = decodeText(readFileSync(dir(name))).text;
    assert.equal(detectInstrumentFormat(text), fmt, name);
  }
});

/** A TA TRIOS text export written from the documented layout (no real example was available). */
function triosFixture(): string {
  const rows: string[] = [];
  // step 1: ramp 10 °C/min from 40 °C, one point every 0.1 min for 30 min; heat flow a Gaussian exotherm at 250 °C
  for (let k = 0; k <= 300; k++) {
    const t = k * 0.1;
    const T = 40 + 10 * t;
    rows.push(
      `${t.toFixed(2)}\t${T.toFixed(3)}\t${(5 + 0.001 * k).toFixed(4)}\t${(0.5 * Math.exp(-(((T - 250) / 15) ** 2))).toFixed(6)}`,
    );
  }
  const iso: string[] = [];
  for (let k = 1; k <= 50; k++) iso.push(`${(30 + k * 0.1).toFixed(2)}\t340.000\t5.3000\t0.000000`);
  return [
    'Filename\tC:\\TA\\Data\\NCM111_10Kmin.tri',
    'Instrument type\tDSC',
    'Instrument name\tDSC2500',
    'Sample name\tNCM111 charged 4.3 V',
    'Sample mass\t5.120\tmg',
    '[step]',
    'Ramp 10.00 °C/min to 340.00 °C',
    'Number of points\t301',
    'Time\tTemperature\tWeight\tHeat Flow (Normalized)',
    'min\t°C\tmg\tW/g',
    ...rows,
    '[step]',
    'Isothermal for 5.00 min',
    'Number of points\t50',
    'Time\tTemperature\tWeight\tHeat Flow (Normalized)',
    'min\t°C\tmg\tW/g',
    ...iso,
    '',
  ].join('\r\n');
}

test('TA TRIOS text (synthetic fixture from the documented layout)', () => {
  const text = triosFixture();
  assert.equal(detectInstrumentFormat(text), 'ta-trios');
  const run = parseTaTrios(text, 'trios.txt');
  // "Sample mass\t5.120\tmg"
  assert.equal(run.sample.mass_mg, 5.12);
  // "Ramp 10.00 °C/min to 340.00 °C"
  assert.equal(run.heatingRate_K_min, 10);
  assert.equal(run.heatingRateSource, 'header');
  assert.deepEqual(
    run.program.map((s) => s.kind),
    ['heating', 'isothermal'],
  );
  assert.equal(run.temperature_K.length, 351);
  close(run.temperature_K[0], 313.15, 1e-9, 'T0');
  close(run.time_s![1], 6, 1e-9, 't1 (0.1 min)');
  close(run.heatFlow_W_g![210], 0.5, 1e-6, 'peak heat flow at 250 °C (W/g kept)');
});

test('NETZSCH DSC column in mW/mg with #EXO:-1: read as W/g and negated so that exotherms are positive', () => {
  const rows = Array.from({ length: 50 }, (_, i) => {
    const T = 100 + 5 * i;
    const exoDown = -0.8 * Math.exp(-(((T - 300) / 20) ** 2)); // exotherm recorded downwards
    return `${T.toFixed(1)};${(i * 0.5).toFixed(2)};${exoDown.toFixed(6)}`;
  });
  const text = [
    '#EXPORTTYPE:DATA SINGLE',
    '#FORMAT:NETZSCH5',
    '#DECIMAL:POINT',
    '#SEPARATOR:SEMICOLON',
    '#SAMPLE MASS /mg:5.00',
    '#EXO:-1',
    '#RANGE:100°C/10.0(K/min)/345°C',
    '',
    '##Temp./°C;Time/min;DSC/(mW/mg)',
    ...rows,
  ].join('\r\n');
  const run = parseRunBytes(Buffer.from(text, 'latin1'), 'dsc.txt');
  close(run.heatFlow_W_g![40], 0.8, 1e-6, 'peak W/g, sign flipped');
  assert.ok(run.notes.some((n) => /exo down, heat flow negated/.test(n)));
  // --exo-sign overrides the header
  const kept = parseRunBytes(Buffer.from(text, 'latin1'), 'dsc.txt', { exoSign: 1 });
  close(kept.heatFlow_W_g![40], -0.8, 1e-6, 'as recorded');
});
