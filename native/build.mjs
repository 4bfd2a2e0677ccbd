#!/usr/bin/env node
// Builds the libtorch N-API addon (native/build/Release/ckin_torch.node) with node-gyp.
// Usage: node native/build.mjs [--optional]
//   --optional: used from the package's `install` hook; when libtorch is missing, warn and exit 0 so the rest of the
//   toolkit still installs (the CNN commands then print how to install libtorch).
// Environment: LIBTORCH=/path/to/libtorch to use a libtorch distribution instead of Debian's `libtorch-dev`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const optional = process.argv.includes('--optional');
const libtorch = process.env.LIBTORCH;
const header = libtorch
  ? join(libtorch, 'include', 'torch', 'csrc', 'api', 'include', 'torch', 'torch.h')
  : '/usr/include/torch/csrc/api/include/torch/torch.h';

if (!existsSync(header)) {
  const msg =
    `ckin: libtorch missing (no ${header}): run \`apt-get install libtorch-dev\` (Debian/Ubuntu) ` +
    'or set LIBTORCH=/path/to/libtorch, then `npm run build:native`.';
  console.error(msg);
  process.exit(optional ? 0 : 1);
}

// node-gyp needs Node's headers; use the ones installed next to this node binary (no download, works offline).
const args = ['rebuild', '-C', here];
const nodeDir = dirname(dirname(process.execPath));
if (existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodeDir}`);

const require = createRequire(import.meta.url);
let gyp;
try {
  gyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  console.error('ckin: node-gyp is not installed: run `npm install` first.');
  process.exit(optional ? 0 : 1);
}
const result = spawnSync(process.execPath, [gyp, ...args], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('ckin: building the libtorch addon failed (see above).');
  process.exit(optional ? 0 : (result.status ?? 1));
}
