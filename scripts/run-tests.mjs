#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [substring filter...]
//
// Coverage: with CKIN_COVERAGE_FLOOR=N (a percentage) the same run collects V8 coverage (Node's
// --experimental-test-coverage; child processes the tests start, such as the CLI, write theirs too), writes
// coverage/lcov.info, prints the line coverage of src/ and fails when it is below N. No second test run.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function listFiles(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const f of listFiles(path, suffix)) out.push(f);
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

const filters = process.argv.slice(2);
const files = listFiles('test', '.test.ts').filter(
  (f) => filters.length === 0 || filters.some((s) => f.includes(s)),
);
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const floorText = process.env.CKIN_COVERAGE_FLOOR;
const coverage = floorText !== undefined && floorText !== '';
const LCOV = join('coverage', 'lcov.info');
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (coverage) {
  mkdirSync('coverage', { recursive: true });
  reporters.push(
    '--experimental-test-coverage',
    '--test-reporter=lcov',
    `--test-reporter-destination=${LCOV}`,
  );
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files],
  { stdio: 'inherit' },
);
let status = result.status ?? 1;
if (coverage) status = Math.max(status, checkCoverage(Number(floorText)));
process.exit(status);

/**
 * Line coverage of src/ from the lcov file: covered over instrumented lines of every src file some test loaded.
 * Files no test loads are listed by name (V8 only reports what ran), so a new untested module is visible.
 */
function checkCoverage(floor) {
  let found = 0;
  let hit = 0;
  let file = '';
  const seen = new Set();
  for (const line of readFileSync(LCOV, 'utf8').split('\n')) {
    if (line.startsWith('SF:')) file = line.slice(3);
    else if (file.startsWith('src/') && line.startsWith('LF:')) found += Number(line.slice(3));
    else if (file.startsWith('src/') && line.startsWith('LH:')) hit += Number(line.slice(3));
    if (line.startsWith('SF:') && file.startsWith('src/')) seen.add(file);
  }
  const unloaded = listFiles('src', '.ts').filter((f) => !seen.has(f));
  const pct = found > 0 ? (100 * hit) / found : 0;
  console.log(
    `coverage: src line coverage ${pct.toFixed(2)} % (${hit} of ${found} lines in ${seen.size} loaded files; floor ${floor} %)`,
  );
  if (unloaded.length > 0) {
    const shown = unloaded.slice(0, 20).join(', ') + (unloaded.length > 20 ? ', …' : '');
    console.log(`coverage: ${unloaded.length} src files no test loads: ${shown}`);
  }
  if (!Number.isFinite(floor) || pct < floor) {
    console.error(`coverage: below the floor of ${floor} %`);
    return 1;
  }
  return 0;
}
