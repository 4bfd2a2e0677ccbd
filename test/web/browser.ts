import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * headless, with a fresh profile; the page rebuilt with Vite when its sources are newer than web/dist.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const WEB = join(REPO_ROOT, 'web');
export const DIST = join(WEB, 'dist');
export const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');
export const browserSkip: false | string = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent (apt-get install chromium): browser test skipped`;

/** Newest modification time under a folder (to rebuild the page when its sources changed). */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Build web/dist with Vite unless it is newer than every source file of the page. */
export async function buildPageIfStale(): Promise<void> {
  // the page also bundles the report's plot specs (src/report/scheme-fit-plots.ts)
  const sources = Math.max(newest(WEB), newest(join(REPO_ROOT, 'src', 'report')));
  if (existsSync(join(DIST, 'index.html')) && statSync(join(DIST, 'index.html')).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB, 'vite.config.ts'), root: WEB, logLevel: 'warn' });
}

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  /** Close the browser and delete its profile. */
  close(): Promise<void>;
}

/** Launch headless Chromium with a fresh profile (and make sure the screenshot folder exists). */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'ckin-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 1000 },
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  mkdirSync(SHOTS, { recursive: true });
  return {
    ctx,
    page,
    close: async () => {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
