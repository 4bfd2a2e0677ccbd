import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const ncm = fileURLToPath(new URL('../../../shared/data/external/crnn-ncm333-dsc/', import.meta.url));

test('ckin analyze --json --report on the NCM333 runs plus a truncated file: one JSON object, the bad file reported', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-analyze-'));
  const bad = join(dir, 'cath_1_7.csv');
  writeFileSync(bad, '110.5,-0.001\n120.2,0.0\n130.1,0.0\n140.0,0.1\n150,');
  // a NETZSCH export cut inside its header, and a CSV whose °C column holds kelvin values
  const head = join(dir, 'cut_header.txt');
  writeFileSync(head, '#EXPORTTYPE:DATA SINGLE\r\n#FORMAT:NETZSCH5\r\n#SAMPLE MASS /mg:5.0\r\n');
  const kelvin = join(dir, 'kelvin.csv');
  writeFileSync(
    kelvin,
    'T (C),HF (W/g)\n' + Array.from({ length: 50 }, (_, i) => `${300 + 5 * i},0.01`).join('\n'),
  );
  const files = [...['2', '5', '10', '15', '20'].map((b) => `${ncm}cath_1_${b}.csv`), head, kelvin];
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repo, 'src/main.ts'),
      'analyze',
      ...files,
      bad,
      '--columns',
      'temperature_C,heatflow_W_g',
      '--json',
      '--report',
      join(dir, 'report'),
    ],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.stages.length, 2);
  assert.ok(out.stages.every((s: { kissinger: { Ea_kJ_mol: number } }) => s.kissinger.Ea_kJ_mol > 0));
  // the truncated file is read (last row dropped) but has no peak: reported, never fatal
  const badRun = out.runs.find((x: { file: string }) => x.file === bad);
  assert.ok(badRun.error || badRun.warnings.length > 0, JSON.stringify(badRun));
  assert.match(r.stderr, /cath_1_7\.csv/);
  assert.match(r.stderr, /cut_header\.txt:\d+: NETZSCH header without a `##` column line/);
  assert.match(r.stderr, /kelvin\.csv:2: the temperature column is labelled .* kelvin/);
  assert.equal(out.runs.filter((x: { error?: string }) => x.error).length >= 2, true);
  assert.match(r.stderr, /heating rate 20 K\/min taken from the file name cath_1_20\.csv/);
  assert.ok(existsSync(join(dir, 'report', 'index.html')));
});
