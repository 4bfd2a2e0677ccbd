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

test('the analyze report holds the overview, α(T), dα/dT, Kissinger (with residuals), isoconversional, Ea(α) and lg[A·f(α)] SVGs, the Ea(α) table, and its JSON; no temp files left', async () => {
  const files = ['E_cnt_5.csv', 'E_cnt_10.csv', 'E_cnt_20.csv'];
  const res = analyzeRuns(files.map((f) => ({ file: f, run: readRunFile(picnik + f) })));
  const dir = mkdtempSync(join(tmpdir(), 'ckin-report-'));
  const out = await writeAnalyzeReport(dir, res, analyzeResultJson(res), {
    title: 'test report',
    command: 'ckin analyze …',
    version: '0',
  });
  assert.equal(out.svgCount, 7);
  const html = readFileSync(out.html, 'utf8');
  assert.equal((html.match(/<svg /g) ?? []).length, 7);
  assert.match(html, /Rate signals overlaid/);
  assert.match(html, /Stage 1: Kissinger, Ea = 75\.\d kJ\/mol/);
  assert.match(html, /Stage 1: Ea\(α\)/);
  assert.match(html, /Stage 1: lg\[A·f\(α\)\] by Friedman/);
  // the Ea(α) table: every α of Friedman, the methods side by side, Friedman's Ea and lg[A·f(α)] as the JSON has them
  const fr = res.stages[0].friedman!.rows;
  const table = html.slice(html.indexOf('<table class="ea-alpha">'));
  assert.match(table, /<th>Friedman Ea<\/th>.*<th>lg\[A·f\(α\)\]<\/th>.*<th>Vyazovkin Ea<\/th>/s);
  assert.equal((table.slice(0, table.indexOf('</table>')).match(/<tr><td>/g) ?? []).length, fr.length);
  assert.ok(table.includes(`<tr><td>${fr[0].alpha}</td><td>${fr[0].Ea_kJ_mol.toFixed(1)}</td>`));
  assert.ok(table.includes(`<td>${fr[0].lgAf_s!.toFixed(2)}</td>`));
  assert.match(html, /E_cnt_10\.csv/);
  assert.doesNotMatch(html, /<script/);
  const json = JSON.parse(readFileSync(out.json, 'utf8'));
  assert.ok(Math.abs(json.stages[0].kissinger.Ea_kJ_mol - 75) < 0.5);
  assert.deepEqual(readdirSync(dir).sort(), ['analysis.json', 'index.html']);
});
