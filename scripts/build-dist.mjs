#!/usr/bin/env node
// Compile src/ to dist/ (tsc -p tsconfig.build.json: .ts imports rewritten to .js, declarations beside), then copy the
// data files the modules read at run time (e.g. src/dsc/data/elements.json) next to their compiled modules.
// `npm run build`; scripts/setup.sh and npm pack run it with --if-stale (nothing to do when dist/ is newer than every
// source). The bin, the worker threads and the library run from dist/ with plain node.
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    t = Math.max(t, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return t;
}
// Written last, so a build that failed half-way is never taken for a fresh one.
const STAMP = join(root, 'dist', '.built');
if (process.argv.includes('--if-stale') && existsSync(STAMP)) {
  const built = statSync(STAMP).mtimeMs;
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
    statSync(join(root, 'tsconfig.build.json')).mtimeMs,
  );
  if (built > sources) process.exit(0);
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyData(path);
    else if (!/\.(ts|mjs)$/.test(name)) cpSync(path, join(root, 'dist', relative(join(root, 'src'), path)));
  }
}
copyData(join(root, 'src'));
writeFileSync(STAMP, new Date().toISOString() + '\n');
