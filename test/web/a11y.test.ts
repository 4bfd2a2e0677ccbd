import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { AxeBuilder } from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { browserSkip, buildPageIfStale, DIST, launchBrowser, SHOTS, type Browser } from './browser.ts';
import { createServer } from '../../src/server/app.ts';
import { analyzeResultJson, runAnalysis } from '../../src/app/analyze.ts';
import { NCM333_COLUMNS, ncm333Path, asJson } from '../server/helpers.ts';

/**
 * The page for people who do not use a mouse or a large screen, and its live behaviour: axe-core (WCAG 2.1 A/AA
 * rules) on every tab with 0 serious or critical violations; the tabs driven by the arrow keys; screenshots at 390,
 * 1366 and 1920 px with no sideways page scroll and the results above the fold; plots saved as SVG and PNG; warnings
 * of any shape shown with their severity; a change of an option re-runs the analysis and every export follows it.
 * Debian's Chromium via playwright-core (test/web/browser.ts); the five NCM333 DSC runs (2–20 K/min).
 */
const skip = browserSkip;
const RATES = [2, 5, 10, 15, 20];
const paths = RATES.map(ncm333Path);

let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;

before(async () => {
  if (skip) return;
  await buildPageIfStale();
  app = await createServer({ webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await app?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cli = (baseline: 'sigmoidal' | 'linear'): Json =>
  asJson(
    analyzeResultJson(
      runAnalysis({ runs: paths.map((path) => ({ path })), columns: NCM333_COLUMNS.split(','), baseline }),
    ),
  );

async function loadRuns(): Promise<void> {
  await page.goto(base);
  await page.waitForSelector('body[data-ready="1"]');
  await page.fill('#opt-columns', NCM333_COLUMNS);
  await page.setInputFiles('#file-input', paths);
  await page.waitForSelector('#panel-dtg[data-rendered="1"]');
  await page.waitForSelector('body[data-busy=""]');
}

async function serious(where: string): Promise<void> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${where}`,
  );
}

test(
  'every tab: 0 serious or critical axe violations; arrow keys, Home and End move the selected tab and keep focus on it',
  { skip },
  async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await loadRuns();
    const tabs = await page.$$eval('[role="tab"]', (els) => els.map((e) => e.id));
    assert.ok(tabs.length >= 8, `${tabs.length} tabs`);
    await page.focus('#tab-dtg');
    for (const [i, id] of tabs.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      const panel = id.replace(/^tab-/, 'panel-');
      await page.waitForSelector(`#${panel}[data-rendered="1"], #${panel} .note`);
      const st = await page.evaluate(() => ({
        focus: document.activeElement?.id,
        selected: document.querySelector('[role="tab"][aria-selected="true"]')?.id,
        controls: document.activeElement?.getAttribute('aria-controls'),
        tabindex: [...document.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('tabindex')),
      }));
      assert.equal(st.focus, id, 'focus stays on the selected tab');
      assert.equal(st.selected, id);
      assert.equal(st.controls, panel);
      assert.equal(
        st.tabindex.filter((t) => t === '0').length,
        1,
        'roving tabindex: one tab in the tab order',
      );
      assert.equal(await page.isVisible(`#${panel}`), true);
      // plots wait for vega; give each one its SVG before axe reads the page
      await page.waitForFunction(
        (p) => [...document.querySelectorAll(`#${p} .chart`)].every((c) => c.querySelector('svg')),
        panel,
      );
      await serious(id);
    }
    await page.keyboard.press('Home');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-dtg');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.evaluate(() => document.activeElement?.id), tabs[tabs.length - 1]);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), tabs[tabs.length - 1]);
    // every plot has an accessible name and a data-table alternative
    await page.click('#tab-kissinger');
    await page.waitForSelector('#plot-kissinger svg');
    assert.match((await page.getAttribute('#plot-kissinger svg', 'aria-label'))!, /Kissinger, Ea = /);
    assert.ok((await page.$$('#panel-kissinger figure.plot details.plot-data table tbody tr')).length >= 5);
  },
);

test(
  '390, 1366 and 1920 px: no sideways page scroll, plots inside the screen, results above the fold at 1366×768',
  { skip },
  async () => {
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await loadRuns();
      await page.waitForSelector('#plot-overview svg');
      await page.waitForSelector('#plot-stage-curves svg');
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        plots: [...document.querySelectorAll('.chart svg')].map((s) => s.getBoundingClientRect().right),
        tabsTop: document.querySelector('#tabs')!.getBoundingClientRect().top,
      }));
      await page.screenshot({ path: join(SHOTS, `web-${width}.png`), fullPage: true });
      assert.ok(m.scroll <= width, `${width} px: page is ${m.scroll} px wide`);
      for (const r of m.plots) assert.ok(r <= width, `${width} px: a plot ends at ${r.toFixed(0)} px`);
      if (width >= 1366)
        assert.ok(m.tabsTop < height, `${width}×${height}: results start at ${m.tabsTop} px`);
      await serious(`the DTG tab at ${width} px`);
    }
    await page.setViewportSize({ width: 1280, height: 1000 });
  },
);

test(
  'plots save as SVG and PNG; warnings of any shape appear with a severity badge beside their result',
  { skip },
  async () => {
    await loadRuns();
    await page.click('#tab-kissinger');
    await page.waitForSelector('#plot-kissinger svg');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#panel-kissinger button[data-export="svg"]'),
    ]);
    assert.equal(svg.suggestedFilename(), 'kissinger.svg');
    assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]*>[\s\S]*Kissinger/);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#panel-kissinger button[data-export="png"]'),
    ]);
    const bytes = readFileSync(await png.path());
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
    assert.ok(bytes.length > 5000);

    // the answer of the API with warnings of the trust layer's shape added (and one with fields missing)
    await page.route('**/api/analyze', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const res = await route.fetch();
      const body = await res.json();
      body.result.warnings.push({
        code: 'x.batch',
        severity: 'unreliable',
        message: 'mixed samples in one batch',
      });
      body.result.warnings.push({ severity: 'info', message: 'a note on stage 1', stage: 1 });
      body.result.runs[0].warnings.push({ message: 'mass differs from the others' });
      body.result.stages[0].kissinger.warnings.push({
        code: 'x.k',
        severity: 'caution',
        message: 'two rates dominate',
        stage: 1,
      });
      body.result.stages[0].quality = 'caution';
      await route.fulfill({ response: res, json: body });
    });
    try {
      await warningsShown();
    } finally {
      await page.unroute('**/api/analyze');
    }
  },
);

async function warningsShown(): Promise<void> {
  await loadRuns();
  const batch = await page.textContent('#batch-warnings');
  assert.match(batch!, /unreliable\s+mixed samples in one batch/);
  assert.doesNotMatch(batch!, /a note on stage 1/, 'stage warnings sit with the stage');
  assert.match((await page.textContent('#files tbody tr:first-child .notes'))!, /caution\s+mass differs/);
  assert.match((await page.textContent('#panel-dtg .warnings'))!, /info\s+a note on stage 1/);
  await page.click('#tab-kissinger');
  await page.waitForSelector('#plot-kissinger svg');
  const k = (await page.textContent('#panel-kissinger .warnings'))!;
  assert.match(k, /quality\s+caution/);
  assert.match(k, /caution\s+two rates dominate/);
  await serious('warnings shown');
  await page.screenshot({ path: join(SHOTS, 'web-warnings.png'), fullPage: true });
}

test(
  'live: the DSC baseline change re-runs once, shows the busy state, and the page and every export follow it',
  { skip },
  async () => {
    await loadRuns();
    const sig = cli('sigmoidal');
    const lin = cli('linear');
    assert.notEqual(sig.stages[0].kissinger.Ea_kJ_mol, lin.stages[0].kissinger.Ea_kJ_mol);
    let calls = 0;
    page.on('request', (r) => r.url().endsWith('/api/analyze') && calls++);
    await page.click('#tab-kissinger');
    await page.waitForSelector('#plot-kissinger svg');
    const key = '[data-key="stage1.kissinger.Ea_kJ_mol"]';
    assert.equal(Number(await page.getAttribute(key, 'data-value')), sig.stages[0].kissinger.Ea_kJ_mol);
    // hold the answer until the busy state has been looked at
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/analyze', async (route) => {
      await held;
      await route.continue();
    });
    await page.selectOption('#opt-baseline', 'linear');
    await page.waitForSelector('#busy.busy');
    assert.match((await page.textContent('#busy'))!, /Analysing 5 file/);
    assert.equal(await page.isDisabled('#reanalyze'), true, 'actions are disabled while it runs');
    assert.equal(await page.getAttribute('#panels', 'aria-busy'), 'true');
    assert.equal(await page.isDisabled('#panel-kissinger button[data-export="svg"]'), true);
    release();
    await page.waitForSelector('body[data-busy=""]');
    await page.unroute('**/api/analyze');
    await page.waitForSelector(key);
    assert.equal(Number(await page.getAttribute(key, 'data-value')), lin.stages[0].kissinger.Ea_kJ_mol);
    assert.equal(calls, 1);
    // the DSC baseline is drawn under each peak, and its title names the baseline and the Ea it gives
    await page.click('#tab-dtg');
    await page.waitForSelector('#plot-dsc-baseline svg');
    assert.equal(
      await page.textContent('#plot-dsc-baseline-caption'),
      `Stage 1: DSC heat flow and the linear baseline under each peak (dashed); Kissinger Ea = ${lin.stages[0].kissinger.Ea_kJ_mol.toFixed(1)} kJ/mol`,
    );
    await page.click('#tab-kissinger');
    // typing in a field: one analysis after the pause, not one per key
    await page.fill('#opt-window', '');
    await page.type('#opt-window', '150:300', { delay: 30 });
    await page.waitForSelector('#busy.busy');
    await page.waitForSelector('body[data-busy=""]');
    assert.equal(calls, 2);
    await page.fill('#opt-window', '');
    await page.waitForSelector('#busy.busy');
    await page.waitForSelector('body[data-busy=""]');

    await page.click('#tab-export');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    assert.deepEqual(JSON.parse(readFileSync(await json.path(), 'utf8')), lin);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv-ea')]);
    const rows = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    assert.equal(rows[0].split(',')[2], 'friedman_Ea_kJ_mol');
    assert.equal(Number(rows[1].split(',')[2]), lin.stages[0].friedman.rows[0].Ea_kJ_mol);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await xlsx.path());
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['runs', 'peaks', 'kissinger', 'ea_alpha'],
    );
    const ks = wb.getWorksheet('kissinger')!;
    assert.equal(ks.getCell('C1').value, 'Ea_kJ_mol');
    assert.equal(ks.getCell('C2').value, lin.stages[0].kissinger.Ea_kJ_mol);
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
    const report = readFileSync(await html.path(), 'utf8');
    assert.match(report, new RegExp(`Kissinger</b>: Ea = ${lin.stages[0].kissinger.Ea_kJ_mol.toFixed(1)}`));
    assert.match(report, /Friedman isoconversional lines/);
    // a rate typed in the file table: re-run, and the cell keeps the focus
    await page.fill('#files input.rate[data-index="4"]', '');
    await page.type('#files input.rate[data-index="4"]', '20');
    await page.waitForSelector('#busy.busy');
    await page.waitForSelector('body[data-busy=""]');
    assert.equal(calls, 4);
    assert.equal(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index),
      '4',
      'focus stays in the rate cell',
    );
  },
);

test('errors speak of the page’s fields, not of CLI options', { skip }, async () => {
  await page.goto(base);
  await page.waitForSelector('body[data-ready="1"]');
  await page.setInputFiles('#file-input', paths.slice(0, 3)); // header-less files, no columns given
  await page.waitForSelector('#message:not([hidden])');
  const text = (await page.textContent('#message'))!;
  assert.match(text, /“Columns of files without a header” field/);
  assert.doesNotMatch(text, /--columns/);
});
