import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../helpers/paths.ts';
import { browserSkip, buildPageIfStale, DIST, launchBrowser, SHOTS, type Browser } from './browser.ts';
import { createServer } from '../../src/server/app.ts';
import { runAnalysis } from '../../src/app/analyze.ts';
import { fitJma, refineJmaFit } from '../../src/analysis/fit/jma-fit.ts';
import { bootstrapJmaFit } from '../../src/analysis/fit/bootstrap.ts';
import { NCM333_COLUMNS, ncm333Path } from '../server/helpers.ts';

/**
 * The page's Safety tab and the KCE ridge in a real browser (Debian's Chromium via playwright-core, headless, fresh
 * profile; the same set-up as test/web/page.test.ts). Uploads the real NCM333 runs, runs the JMA fit, checks the
 * compensation ridge on the KCE map against `bootstrapJmaFit`, then checks that every number of the Safety tab
 * (prefilled from the fit, with a program CSV and an adiabatic case) equals `ckin safety --json` run as a process
 * with the same inputs.
 */
const skip = browserSkip;

let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let work: string;

before(async () => {
  if (skip) return;
  await buildPageIfStale();
  app = await createServer({ webRoot: DIST });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  work = mkdtempSync(join(tmpdir(), 'ckin-safety-web-'));
  browser = await launchBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await app?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const attr = async (key: string, name = 'data-value') =>
  Number(await page.getAttribute(`[data-key="${key}"]`, name));

function ckinSafety(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts'), 'safety', ...args, '--json'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test(
  'KCE map shows the fit’s compensation ridge (= bootstrapJmaFit); Safety tab prefilled from the fit, every number equal to `ckin safety --json`',
  { skip },
  async () => {
    await page.goto(base);
    await page.waitForSelector('body[data-ready="1"]');
    await page.fill('#opt-columns', NCM333_COLUMNS);
    const paths = [2, 5, 10].map(ncm333Path);
    await page.setInputFiles('#file-input', paths);
    await page.waitForSelector('[data-key="stage1.peaks.2.T_peak_C"]');

    await page.click('#tab-fit');
    await page.click('#fit-run');
    await page.waitForSelector('#fit-table', { timeout: 60_000 });
    const curves = runAnalysis({ runs: paths.map((path) => ({ path })), columns: NCM333_COLUMNS.split(',') })
      .stages[0].curves;
    const fit = fitJma(curves, { seed: 0 });
    assert.equal(await attr('fit.Ea_kJ_mol'), fit.Ea_kJ_mol);

    // KCE map: the ridge from a wild bootstrap (200 replicates, seed 1) refitted from the fit's optimum.
    await page.click('#tab-kce');
    await page.waitForSelector('#kce-ridge');
    await page.waitForSelector('#plot-kce svg');
    const refined = refineJmaFit(curves, { Ea_kJ_mol: fit.Ea_kJ_mol, lgA_s: fit.lgA_s, n: fit.n }, {});
    const boot = bootstrapJmaFit(curves, refined, {}, { samples: 200, seed: 1 });
    assert.equal(await attr('ridge.Ea_p025'), boot.Ea_kJ_mol.p025);
    assert.equal(await attr('ridge.Ea_p975'), boot.Ea_kJ_mol.p975);
    assert.equal(await attr('ridge.lgA_p975'), boot.lgA_s.p975);
    assert.equal(await attr('ridge.corr'), boot.corr_Ea_lgA);
    assert.equal(await attr('ridge.slope_per_kJ_mol'), boot.ridge.slope_per_kJ_mol);
    assert.equal(await attr('ridge.intercept'), boot.ridge.intercept);
    // the dashed ridge segment is drawn (the material lines are solid)
    const dashed = await page.$$eval(
      '#plot-kce svg path',
      (els) => els.filter((e) => /6,\s*3/.test(e.getAttribute('stroke-dasharray') ?? '')).length,
    );
    assert.ok(dashed >= 1, 'no dashed ridge path in the KCE plot');
    await page.screenshot({ path: join(SHOTS, 'web-kce-ridge.png'), fullPage: true });

    // Safety tab: prefilled from the fit.
    await page.click('#tab-safety');
    await page.waitForSelector('#safety-run');
    const field = (k: string) => page.inputValue(`#safety-${k}`);
    assert.equal(await field('Ea'), String(fit.Ea_kJ_mol));
    assert.equal(await field('lgA'), String(fit.lgA_s));
    assert.equal(await field('n'), String(fit.n));
    assert.equal(await field('EaSe'), String(fit.uncertainty!.Ea_kJ_mol));
    assert.equal(await field('lgASe'), String(fit.uncertainty!.lgA_s));
    assert.equal(await field('corr'), String(fit.uncertainty!.correlation[0][1]));

    const program = join(work, 'abuse-test.csv');
    writeFileSync(program, 'time_min,temperature_C\n0,25\n60,200\n240,200\n260,240\n');
    await page.fill('#safety-samples', '400');
    await page.fill('#safety-isoT', '160');
    await page.fill('#safety-dH', '900');
    await page.fill('#safety-cp', '1.1');
    await page.fill('#safety-T0', '150');
    await page.setInputFiles('#safety-program', program);
    await page.waitForFunction(
      () => document.querySelector('#safety-program-name')?.textContent === 'abuse-test.csv',
    );
    await page.click('#safety-run');
    await page.waitForSelector('#plot-safety-program svg', { timeout: 30_000 });
    await page.waitForSelector('#plot-safety-adiabatic svg');

    const cli = ckinSafety([
      '--Ea', String(fit.Ea_kJ_mol),
      '--lgA', String(fit.lgA_s),
      '--n', String(fit.n),
      '--Ea-se', String(fit.uncertainty!.Ea_kJ_mol),
      '--lgA-se', String(fit.uncertainty!.lgA_s),
      '--corr', String(fit.uncertainty!.correlation[0][1]),
      '--samples', '400',
      '--seed', '1',
      '--isothermal', '160',
      '--alpha', '0.05,0.1,0.5',
      '--program', program,
      '--adiabatic', '--dH', '900', '--cp', '1.1', '--T0', '150', '--phi', '1',
    ]); // prettier-ignore
    let checked = 0;
    for (const [i, row] of cli.isothermal_T_for_time.entries()) {
      for (const t of ['1 h', '1 day', '1 year']) {
        const v = row.T_K[t];
        const key = `safety.iso.${i}.${t}`;
        assert.equal(await attr(key), v.value, key);
        assert.equal(await attr(key, 'data-p05'), v.interval90.p05, key);
        assert.equal(await attr(key, 'data-p95'), v.interval90.p95, key);
        checked += 3;
      }
    }
    const shown = await page.textContent('[data-key="safety.iso.0.1 day"]');
    const v0 = cli.isothermal_T_for_time[0].T_K['1 day'];
    assert.equal(
      shown,
      `${(v0.value - 273.15).toFixed(1)} [${(v0.interval90.p05 - 273.15).toFixed(1)}, ${(v0.interval90.p95 - 273.15).toFixed(1)}]`,
    );
    for (const [i, t] of cli.isothermal.times.entries()) {
      assert.equal(await attr(`safety.time.${i}`), t.time_s.value);
      assert.equal(await attr(`safety.time.${i}`, 'data-p95'), t.time_s.interval90.p95);
      checked += 2;
    }
    const a = cli.adiabatic;
    assert.equal(await attr('safety.adiabatic.dT_ad_K'), a.dT_ad_K);
    assert.equal(await attr('safety.adiabatic.tmr_s'), a.tmr_s.value);
    assert.equal(await attr('safety.adiabatic.tmr_s', 'data-p05'), a.tmr_s.interval90.p05);
    assert.equal(await attr('safety.adiabatic.T_at_max_rate_K'), a.T_at_max_rate_K);
    assert.equal(await attr('safety.adiabatic.max_dTdt_K_s'), a.max_dTdt_K_s);
    const p = cli.program;
    assert.equal(await attr('safety.program.alpha_end'), p.alpha[p.alpha.length - 1]);
    assert.equal(await attr('safety.program.time_end_s'), p.time_s[p.time_s.length - 1]);
    checked += 7;
    // the predictions plotted with their 90 % bands: the bars of the first α at 1 day are the interval of the JSON
    await page.waitForSelector('#plot-safety-kin-iso svg');
    await page.waitForSelector('#plot-safety-kin-time svg');
    const isoFig = 'figure:has(#plot-safety-kin-iso)';
    const isoHead = await page.$$eval(`${isoFig} table th`, (els) => els.map((e) => e.textContent));
    assert.deepEqual(isoHead, ['alpha', 'time', 'T_C', 'lo_C', 'hi_C', 'band']);
    const isoRow = await page.$$eval(`${isoFig} table tbody tr:nth-child(2) td`, (els) =>
      els.map((e) => e.textContent),
    );
    assert.equal(isoRow[1], '1 day');
    assert.ok(Math.abs(Number(isoRow[3]) - (v0.interval90.p05 - 273.15)) < 1e-3, `lo ${isoRow[3]}`);
    assert.ok(Math.abs(Number(isoRow[4]) - (v0.interval90.p95 - 273.15)) < 1e-3, `hi ${isoRow[4]}`);
    process.stderr.write(`safety tab: ${checked} numbers equal to ckin safety --json\n`);
    // NCM333's free-n fit has n < 1, whose JMA rate is unbounded at α → 0: TMRad is taken at the interior runaway
    // maximum, so it is a real time and the page shows no "TMRad ≈ 0" note.
    assert.ok(a.tmr_s.value > 1, `TMRad ${a.tmr_s.value} s`);
    assert.equal(await page.$('#safety-tmr-note'), null);
    await page.screenshot({ path: join(SHOTS, 'web-safety.png'), fullPage: true });

    // Bad input: a readable message from the page (empty Ea) and from the server (too many samples).
    await page.fill('#safety-Ea', '');
    await page.click('#safety-run');
    await page.waitForSelector('#safety-error');
    assert.match((await page.textContent('#safety-error'))!, /Ea: enter a number/);
    await page.fill('#safety-Ea', String(fit.Ea_kJ_mol));
    await page.fill('#safety-samples', '6000');
    await page.click('#safety-run');
    await page.waitForFunction(() => /5000/.test(document.querySelector('#safety-error')?.textContent ?? ''));
  },
);
