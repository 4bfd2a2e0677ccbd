import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { AxeBuilder } from '@axe-core/playwright';
import { browserSkip, buildPageIfStale, DIST, launchBrowser, SHOTS, type Browser } from './browser.ts';
import { createServer } from '../../src/server/app.ts';
import { fitMultistep } from '../../src/app/fit-scheme.ts';
import { NCM333_COLUMNS, ncm333Path } from '../server/helpers.ts';

/**
 * The multi-step scheme fit of the JMA fit tab in Debian's Chromium: on three NCM333 DSC runs a one-step scheme is
 * fitted through the page; the Ea shown equals `fitMultistep` (what `ckin fit --scheme --json` prints) on the same
 * files and window; per heating rate one plot with data, model and the step's contribution, each exportable as
 * SVG/PNG with a data table that has a column per step; axe-core: 0 serious or critical violations.
 */
const skip = browserSkip;
const paths = [2, 5, 10].map(ncm333Path);

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

test(
  'scheme fit in the page: steps table equal to fitMultistep, one plot per rate with each step, SVG/PNG, data table, axe',
  { skip },
  async () => {
    await page.goto(base);
    await page.waitForSelector('body[data-ready="1"]');
    await page.fill('#opt-columns', NCM333_COLUMNS);
    await page.setInputFiles('#file-input', paths);
    await page.waitForSelector('#panel-dtg[data-rendered="1"]');
    await page.waitForSelector('body[data-busy=""]');
    await page.click('#tab-fit');
    await page.fill('#scheme-text', 'A->B:F1');
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/fit/scheme'));
    await page.click('#scheme-run');
    const body = (await sent).postDataJSON() as {
      window_C: string;
      scheme: string;
      baseline: string;
      files: { rate_K_min?: number }[];
    };
    await page.waitForSelector(`#plot-scheme-${paths.length - 1} svg`, { timeout: 60_000 });
    assert.equal(body.scheme, 'A->B:F1');
    assert.equal(body.baseline, 'none');
    const [lo, hi] = body.window_C.split(':').map(Number);

    const cli = fitMultistep({
      runs: paths.map((path) => ({ path })),
      columns: NCM333_COLUMNS.split(','),
      rateFromFileName: true,
      window_K: [lo + 273.15, hi + 273.15],
      stageWindows_K: undefined,
      scheme: 'A->B:F1',
      baseline: 'none',
      seed: 0,
    });
    const cells = await page.$$eval('table.scheme-steps tbody tr td', (els) => els.map((e) => e.textContent));
    assert.equal(cells[0], 'step 1 A→B (F1)');
    assert.equal(cells[1], cli.steps[0].Ea_kJ_mol.toFixed(2));
    assert.equal(cells[2], cli.steps[0].lgA_s.toFixed(3));
    assert.equal(cells[4], cli.steps[0].dH_J_g!.toFixed(1));

    for (let k = 0; k < paths.length; k++) {
      const fig = `#plot-scheme-${k}`;
      const name = await page.textContent(`${fig}-caption`);
      assert.match(
        name ?? '',
        new RegExp(`β = ${cli.runs[k].beta_K_min} K/min: data, model and step contributions`),
      );
      // the series drawn: model and the one step, in the legend
      const legend = await page.$$eval(`${fig} svg text`, (els) => els.map((e) => e.textContent));
      assert.ok(legend.includes('model') && legend.includes('step 1 A→B (F1)'), legend.join(' | '));
      const fsel = `figure:has(${fig})`;
      assert.equal(await page.locator(`${fsel} button[data-export="svg"]`).count(), 1);
      assert.equal(await page.locator(`${fsel} button[data-export="png"]`).count(), 1);
      const head = await page.$$eval(`${fsel} table th`, (els) => els.map((e) => e.textContent));
      assert.ok(
        head.includes('step 1 A→B (F1)') && head.includes('model') && head.includes('data'),
        head.join(', '),
      );
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`figure:has(#plot-scheme-0) button[data-export="svg"]`),
    ]);
    assert.match(download.suggestedFilename(), /\.svg$/);
    await page.screenshot({ path: join(SHOTS, 'web-scheme-fit.png'), fullPage: true });

    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
    );
  },
);
