#!/usr/bin/env node
// Compile src/ to dist/ (tsc -p tsconfig.build.json: .ts imports rewritten to .js, declarations beside), then copy the
// data files the modules read at run time (e.g. src/dsc/data/elements.json) next to their compiled modules.
// `npm run build`; scripts/setup.sh runs it. The bin, the worker threads and the library run from dist/ with node.
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
