#!/usr/bin/env node
// Compile src/ to dist/ (tsc -p tsconfig.build.json: .ts imports rewritten to .js, declarations beside), then copy the
// data files the modules read at run time (e.g. src/dsc/data/elements.json) next to their compiled modules.
// `npm run build`; scripts/setup.sh and npm pack run it with --if-stale (nothing to do when dist/ is newer than every
// source). The bin, the worker threads and the library run from dist/ with plain node.
//
// Vendoring (start-up, issue 14): TypeBox is 247 ES modules and csv-parse/sync 10; loading them costs a start of
// `ckin predict` ~0.1 s of module resolution alone. So the names dist/ imports from them at run time are bundled with
// esbuild into one module each under dist/vendor/ (tree-shaken to exactly those names) and the compiled imports are
// rewritten to it. Declarations (.d.ts) keep the package imports: their types resolve against the installed
// dependencies as before.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

/** Packages bundled into dist/vendor/NAME.js; each maps an import specifier to its vendor module. */
const VENDOR = [
  { file: 'typebox', pkg: '@sinclair/typebox', specifiers: ['@sinclair/typebox', '@sinclair/typebox/value'] },
  { file: 'csv-parse-sync', pkg: 'csv-parse', specifiers: ['csv-parse/sync'] },
];
function listJs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const f of listJs(path)) out.push(f);
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}
/** The licence file of an installed package (LICENSE or license, any extension). */
function licenceText(pkg) {
  const dir = join(root, 'node_modules', pkg);
  const name = readdirSync(dir).find((n) => /^licen[cs]e(\.(md|txt))?$/i.test(n));
  if (!name) throw new Error(`vendor: ${pkg} has no licence file`);
  return readFileSync(join(dir, name), 'utf8').trim().replaceAll('*/', '* /');
}
const IMPORT = /^import \{([^}]*)\} from '([^']+)';$/gm;
const jsFiles = listJs(join(root, 'dist'));
const sources = new Map(jsFiles.map((f) => [f, readFileSync(f, 'utf8')]));
const { buildSync } = await import('esbuild');
mkdirSync(join(root, 'dist', 'vendor'), { recursive: true });
for (const { file, pkg, specifiers } of VENDOR) {
  // The run-time names dist/ imports from these specifiers (type-only imports are gone after tsc).
  const names = new Map(specifiers.map((s) => [s, new Set()]));
  for (const text of sources.values()) {
    for (const m of text.matchAll(IMPORT)) {
      const set = names.get(m[2]);
      if (set) for (const n of m[1].split(',')) if (n.trim()) set.add(n.trim());
    }
  }
  const all = [...names.values()].flatMap((s) => [...s]);
  if (new Set(all).size !== all.length)
    throw new Error(`vendor ${file}: a name is imported from two specifiers`);
  const entry = [...names]
    .filter(([, set]) => set.size > 0)
    .map(([spec, set]) => `export { ${[...set].join(', ')} } from '${spec}';`)
    .join('\n');
  buildSync({
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The package's licence text heads the bundle (both are MIT, which asks for the notice in copies).
    banner: { js: `/*! ${pkg}, bundled by scripts/build-dist.mjs\n${licenceText(pkg)} */` },
    legalComments: 'eof',
    outfile: join(root, 'dist', 'vendor', `${file}.js`),
    logLevel: 'warning',
  });
  for (const [path, text] of sources) {
    let rel = relative(dirname(path), join(root, 'dist', 'vendor', `${file}.js`))
      .split(sep)
      .join('/');
    if (!rel.startsWith('.')) rel = './' + rel;
    const next = text.replace(IMPORT, (line, list, spec) =>
      specifiers.includes(spec) ? `import {${list}} from '${rel}';` : line,
    );
    if (next !== text) {
      sources.set(path, next);
      writeFileSync(path, next);
    }
  }
}
// Nothing in dist/ may still import a vendored package at run time (a multi-line or namespace import the rewrite missed).
for (const [path, text] of sources) {
  for (const { specifiers } of VENDOR) {
    for (const spec of specifiers) {
      if (text.includes(`'${spec}'`))
        throw new Error(`${relative(root, path)} still imports ${spec}: rewrite it`);
    }
  }
}
writeFileSync(STAMP, new Date().toISOString() + '\n');
