import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';
import { browserSkip, buildPageIfStale, DIST, launchBrowser, type Browser } from './browser.ts';
import { createServer } from '../../src/server/app.ts';

/**
 * The Safety tab's model-free prediction in a real browser: upload pICNIK's constant-E TGA runs, ask for the
 * model-free prediction at 100 °C with an adiabatic case, and check the cells (value and 90 % band) against
 * `ckin safety FILES… --model-free --json` run as a process with the same inputs.
 */
const skip = browserSkip;
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
  'Safety tab, model-free from the loaded runs: every cell equals `ckin safety --model-free --json`',
  { skip },
  async () => {
    const paths = ['2.5', '5', '10', '15', '20'].map((b) =>
      join(EXTERNAL_DATA, 'picnik-constant-E', `E_cnt_${b}.csv`),
    );
    await page.goto(base);
    await page.waitForSelector('body[data-ready="1"]');
    await page.setInputFiles('#file-input', paths);
    await page.waitForSelector('[data-key="stage1.peaks.2.T_peak_C"]', { timeout: 60_000 });
    await page.click('#tab-safety');
    await page.waitForSelector('#safety-mf-run');
    await page.fill('#safety-isoT', '100');
    await page.fill('#safety-alphas', '0.1,0.5');
    await page.fill('#safety-dH', '600');
    await page.fill('#safety-cp', '1.2');
    await page.fill('#safety-T0', '120');
    await page.click('#safety-mf-run');
    await page.waitForSelector('#safety-mf-time', { timeout: 30_000 });
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'src/main.ts'),
        'safety',
        ...paths,
        '--model-free',
        '--isothermal',
        '100',
        '--alpha',
        '0.1,0.5',
        '--adiabatic',
        '--dH',
        '600',
        '--cp',
        '1.2',
        '--T0',
        '120',
        '--json',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    assert.equal(r.status, 0, r.stderr);
    const cli = JSON.parse(r.stdout) as {
      isothermal: { times: { time_s: { value: number; lo90: number; hi90: number } }[] };
      isothermal_T_for_time: { T_K: Record<string, { value: number }> }[];
      adiabatic: { T_D24_K: { value: number }; tmr_s: { value: number } };
    };
    const attr = async (key: string, name = 'data-value') =>
      Number(await page.getAttribute(`[data-key="${key}"]`, name));
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
    for (let i = 0; i < 2; i++) {
      const t = cli.isothermal.times[i].time_s;
      assert.ok(close(await attr(`safety.mf.time.${i}`), t.value));
      assert.ok(close(await attr(`safety.mf.time.${i}`, 'data-lo90'), t.lo90));
      assert.ok(close(await attr(`safety.mf.time.${i}`, 'data-hi90'), t.hi90));
      assert.ok(
        close(await attr(`safety.mf.iso.${i}.1 day`), cli.isothermal_T_for_time[i].T_K['1 day'].value),
      );
    }
    assert.ok(close(await attr('safety-mf-adiabatic.T_D24_K'), cli.adiabatic.T_D24_K.value));
    assert.ok(close(await attr('safety-mf-adiabatic.tmr_s'), cli.adiabatic.tmr_s.value));
    // the predictions plotted with their bands (SVG/PNG buttons and a data table like every plot)
    await page.waitForSelector('#plot-safety-mf-iso svg');
    await page.waitForSelector('#plot-safety-mf-time svg');
    const fig = 'figure:has(#plot-safety-mf-time)';
    assert.equal(await page.locator(`${fig} button[data-export="svg"]`).count(), 1);
    assert.equal(await page.locator(`${fig} button[data-export="png"]`).count(), 1);
    const head = await page.$$eval(`${fig} table th`, (els) => els.map((e) => e.textContent));
    assert.deepEqual(head, ['alpha', 't_h', 'lo_h', 'hi_h', 'band']);
    const cells = await page.$$eval(`${fig} table tbody tr:first-child td`, (els) =>
      els.map((e) => Number(e.textContent)),
    );
    const t0 = cli.isothermal.times[0].time_s;
    for (const [j, want] of [
      [1, t0.value / 3600],
      [2, t0.lo90 / 3600],
      [3, t0.hi90 / 3600],
    ])
      assert.ok(Math.abs(cells[j] - want) <= 1e-5 * want, `column ${head[j]}: ${cells[j]} vs ${want}`);
    // 100 °C is far below the data: the warning list says so.
    assert.match((await page.textContent('#safety-warnings'))!, /safety\.extrapolation/);
  },
);
