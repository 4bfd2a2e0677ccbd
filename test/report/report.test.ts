import { analyzeResultJson } from '../../src/app/analyze.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunFile } from '../../src/io/read-run.ts';
import { analyzeRuns } from '../../src/analysis/analyze.ts';
import { writeAnalyzeReport } from '../../src/report/write-report.ts';
import { renderVegaLiteSvg } from '../../src/report/render-svg.ts';

const picnik = fileURLToPath(new URL('../../../shared/data/external/picnik-constant-E/', import.meta.url));

test('Vega-Lite renders to SVG in Node', async () => {
  const svg = await renderVegaLiteSvg({
    data: {
      values: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ],
    },
    mark: 'line',
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  });
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<path[^>]*d="M/);
});

test('the analyze report holds the overview, α(T), dα/dT, Kissinger (with residuals), isoconversional and Ea(α) SVGs, and its JSON; no temp files left', async () => {
  const files = ['E_cnt_5.csv', 'E_cnt_10.csv', 'E_cnt_20.csv'];
  const res = analyzeRuns(files.map((f) => ({ file: f, run: readRunFile(picnik + f) })));
  const dir = mkdtempSync(join(tmpdir(), 'ckin-report-'));
  const out = await writeAnalyzeReport(dir, res, analyzeResultJson(res), {
    title: 'test report',
    command: 'ckin analyze …',
    version: '0',
  });
  assert.equal(out.svgCount, 6);
  const html = readFileSync(out.html, 'utf8');
  assert.equal((html.match(/<svg /g) ?? []).length, 6);
  assert.match(html, /Rate signals overlaid/);
  assert.match(html, /Stage 1: Kissinger, Ea = 75\.\d kJ\/mol/);
  assert.match(html, /Stage 1: Ea\(α\)/);
  assert.match(html, /E_cnt_10\.csv/);
  assert.doesNotMatch(html, /<script/);
  const json = JSON.parse(readFileSync(out.json, 'utf8'));
  assert.ok(Math.abs(json.stages[0].kissinger.Ea_kJ_mol - 75) < 0.5);
  assert.deepEqual(readdirSync(dir).sort(), ['analysis.json', 'index.html']);
});
