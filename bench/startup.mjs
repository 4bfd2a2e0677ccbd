/**
 * `npm run bench:startup [-- --repeats 10 --before DIR]` (run it under the CPU lock: flock /tmp/ckin-cpu.lock …)
 * Start-up of `ckin` as a user sees it: the median wall time over N process starts of three commands, run from dist/
 * with plain node (the installed bin), beside the same commands through tsx from the sources in the same invocation
 * (the dev path, the peer), and — with --before DIR — through tsx from an older checkout's src/cli/main.ts (the
 * code before the lazy command table, e.g. the main checkout). Targets (issue 14): --version ≤ 150 ms, kissinger on
 * three 2,000-row files ≤ 350 ms, predict on one three-rate run ≤ 450 ms. Prints the load average: the machine is
 * shared, so compare the columns of one invocation, not numbers across runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { repeats: { type: 'string', default: '10' }, before: { type: 'string' } },
});
const repeats = Math.max(10, Number(values.repeats));
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(ROOT, 'dist', 'main.js'))) {
  console.error('bench:startup: dist/ is not built (npm run build)');
  process.exit(1);
}
const { simulate } = await import(join(ROOT, 'dist', 'index.js'));

// Three 2,000-row runs of a JMA decomposition at the CNN's rates (10, 30, 60 K/min), 30–800 °C.
const dir = mkdtempSync(join(tmpdir(), 'ckin-startup-'));
const sim = simulate({
  Ea_kJ_mol: 150,
  lgA_s: 11.5,
  n: 3,
  heatingRates_K_min: [10, 30, 60],
  T_start_K: 303.15,
  T_end_K: 1073.15,
  step_K: 770 / 1999,
  massLoss_pct: 20,
  out: dir,
});
const files = sim.runs.map((r) => r.file);
if (sim.runs.some((r) => r.points !== 2000)) throw new Error('expected 2,000 rows per run');

const cases = [
  { name: 'ckin --version', args: ['--version'], target_ms: 150 },
  { name: 'ckin kissinger (3 × 2,000 rows)', args: ['kissinger', ...files, '--json'], target_ms: 350 },
  { name: 'ckin predict (one 3-rate run)', args: ['predict', ...files, '--json'], target_ms: 450 },
];
const runners = [
  { name: 'dist (node bin/ckin.js)', argv: [join(ROOT, 'bin', 'ckin.js')] },
  { name: 'src via tsx', argv: ['--import', 'tsx', join(ROOT, 'src', 'main.ts')] },
];
if (values.before) {
  runners.push({
    name: `before: ${values.before} via tsx`,
    argv: ['--import', 'tsx', join(values.before, 'src', 'cli', 'main.ts')],
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
function time(argv, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...argv, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}

console.log(
  `bench:startup: ${repeats} starts per cell, medians in ms; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const rows = [];
for (const c of cases) {
  // Interleaved, so a load change hits every runner alike; one warm-up start each (OS file cache, tsx cache).
  for (const r of runners) time(r.argv, c.args);
  const samples = runners.map(() => []);
  for (let i = 0; i < repeats; i++) runners.forEach((r, k) => samples[k].push(time(r.argv, c.args)));
  const med = samples.map(median);
  rows.push({ case: c.name, target_ms: c.target_ms, medians: med });
}
const head = ['command', 'target', ...runners.map((r) => r.name), `tsx / dist`];
const table = rows.map((r) => [
  r.case,
  `≤ ${r.target_ms}`,
  ...r.medians.map((m, k) => `${m.toFixed(0)}${k === 0 ? (m <= r.target_ms ? ' ✓' : ' ✗') : ''}`),
  `${(r.medians[1] / r.medians[0]).toFixed(2)}×`,
]);
const widths = head.map((h, i) => table.reduce((w, row) => Math.max(w, row[i].length), h.length));
const line = (cells) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(head));
for (const row of table) console.log(line(row));
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
