import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { EXTERNAL_DATA, REPO_ROOT } from '../helpers/paths.ts';
import { browserSkip, buildPageIfStale, DIST, launchBrowser, type Browser } from './browser.ts';
import { createServer } from '../../src/server/app.ts';

/**
 * The Safety tab's "From the saved model file" in a real browser (after loading three runs, which the tabs need):
 * choose a model file (one F1 step with an
 * uncertainty block) and a program, ask for the time to α at 200 °C and an adiabatic case, and check the cells
 * (value and 90 % band) against `ckin safety --model-file --json` run as a process with the same inputs.
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

const MODEL = {
  format: 'ckin-scheme-model',
  version: 1,
  scheme: 'A->B:F1',
  observable: 'heatflow',
  steps: [{ from: 'A', to: 'B', model: 'F1', Ea_kJ_mol: 150, lgA_s: 12, params: {}, dH_J_g: 800 }],
  fitted_to: { files: [], beta_K_min: [2, 5, 10], T_range_K: [450, 560] },
  statistics: { sse: 0, n_points: 0, n_params: 0, aicc: 0, bic: 0, min_r2: 1 },
  created_by: 'test',
  uncertainty: {
    parameter_names: ['step 1 Ea_kJ_mol', 'step 1 lgA_s', 'step 1 dH_J_g'],
    se: [3, 0.3, 20],
    correlation: [
      [1, 0.9, 0],
      [0.9, 1, 0],
      [0, 0, 1],
    ],
  },
};

test(
  'Safety tab, from a saved model file: every cell equals `ckin safety --model-file --json`, with bands',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckin-web-mfile-'));
    const model = join(dir, 'f1.json');
    writeFileSync(model, JSON.stringify(MODEL));
    const prog = join(dir, 'ramp.csv');
    writeFileSync(prog, 'time_min,temperature_C\n0,150\n60,250\n300,250\n');
    await page.goto(base);
    await page.waitForSelector('body[data-ready="1"]');
    // The tabs appear once runs are analysed (web/src/main.ts); the model-file prediction itself uses no run.
    const runs = ['2.5', '5', '10'].map((b) => join(EXTERNAL_DATA, 'picnik-constant-E', `E_cnt_${b}.csv`));
    await page.setInputFiles('#file-input', runs);
    await page.waitForSelector('#tab-safety', { timeout: 60_000 });
    await page.click('#tab-safety');
    await page.waitForSelector('#safety-mfile-run');
    await page.setInputFiles('#safety-model-file', model);
    await page.waitForFunction(
      () => document.querySelector('#safety-model-file-name')?.textContent === 'f1.json',
    );
    await page.setInputFiles('#safety-program', prog);
    await page.fill('#safety-isoT', '200');
    await page.fill('#safety-alphas', '0.1,0.5');
    await page.fill('#safety-cp', '1.1');
    await page.fill('#safety-T0', '150');
    await page.click('#safety-mfile-run');
    await page.waitForSelector('#safety-mfile-time', { timeout: 60_000 });
    await page.waitForSelector('#plot-safety-mfile-program');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'src/main.ts'),
        'safety',
        '--model-file',
        model,
        '--isothermal',
        '200',
        '--alpha',
        '0.1,0.5',
        '--program',
        prog,
        '--adiabatic',
        '--cp',
        '1.1',
        '--T0',
        '150',
        '--json',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    assert.equal(r.status, 0, r.stderr);
    type N = { value: number; lo90: number; hi90: number };
    const cli = JSON.parse(r.stdout) as {
      isothermal: { times: { time_s: N }[] };
      program: { times: { time_s: N }[] };
      adiabatic: { tmr_s: N; T_D24_K: N; dT_ad_K: N };
    };
    const attr = async (key: string, name = 'data-value') =>
      Number(await page.getAttribute(`[data-key="${key}"]`, name));
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);
    const same = async (key: string, n: N) => {
      assert.ok(close(await attr(key), n.value), `${key} value`);
      assert.ok(close(await attr(key, 'data-lo90'), n.lo90), `${key} lo90`);
      assert.ok(close(await attr(key, 'data-hi90'), n.hi90), `${key} hi90`);
      assert.ok(Number.isFinite(n.value) && n.lo90 < n.hi90, `${key}: ${JSON.stringify(n)}`);
    };
    for (let i = 0; i < 2; i++) {
      await same(`safety.mfile.time.${i}`, cli.isothermal.times[i].time_s);
      await same(`safety.mfile.program.${i}`, cli.program.times[i].time_s);
    }
    await same('safety-mfile-adiabatic.tmr_s', cli.adiabatic.tmr_s);
    await same('safety-mfile-adiabatic.T_D24_K', cli.adiabatic.T_D24_K);
    assert.match((await page.textContent('#safety-mfile-note'))!, /100 parameter draws/);
  },
);
