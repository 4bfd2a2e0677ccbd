/**
 * `npm run bench:analyze [-- --repeats 7 --before DIR]` (run it under the CPU lock: flock /tmp/ckin-cpu.lock …)
 * `ckin analyze`'s work — read five CSV runs of 10,000 rows each (time, T, mass; first order, Ea 150 kJ/mol,
 * lgA 12, 2–40 K/min, mass noise 0.3 % of the step, σ 0.05 K temperature jitter) and run the analysis pipeline — timed
 * in-process with this checkout's code and, with --before DIR, with an older checkout's (e.g. main's merge-base,
 * `git archive <rev> src | tar -x -C DIR` plus a node_modules link), interleaved in one invocation. Prints the
 * medians, the ratio and the target (issue 15: ≤ 1 s), plus the machine's load average (it is shared).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { simulateRuns } from '../src/kinetics/simulate.ts';
import { nthOrder } from '../src/kinetics/models/index.ts';
import { mulberry32 } from '../src/core/random.ts';

const { values } = parseArgs({
  options: { repeats: { type: 'string', default: '7' }, before: { type: 'string' } },
});
const repeats = Number(values.repeats);
const RATES = [2, 5, 10, 20, 40];
const N = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'ckin-bench-analyze-'));
const rng = mulberry32(1);
const files = RATES.map((beta) => {
  const T0 = 380;
  const T1 = 680;
  const [sim] = simulateRuns({
    model: nthOrder(1),
    params: { Ea_kJ_mol: 150, lgA_s: 12 },
    rates_K_min: [beta],
    T_start_K: T0,
    T_end_K: T1,
    step_K: (T1 - T0) / (N - 1),
  });
  const rows = ['t (s),T (K),m (%)'];
  for (let i = 0; i < sim.temperature_K.length; i++) {
    const T = sim.temperature_K[i] + 0.05 * rng.normal();
    rows.push(
      `${sim.time_s[i].toFixed(3)},${T.toFixed(4)},${(sim.mass_pct[i] + 0.3 * rng.normal()).toFixed(5)}`,
    );
  }
  const path = join(dir, `run_${beta}.csv`);
  writeFileSync(path, rows.join('\n') + '\n');
  return { path, beta };
});

type Analyze = (inputs: { file: string; run: unknown }[]) => {
  stages: { kissinger?: { Ea_kJ_mol: number } }[];
};
type Read = (path: string, o: { heatingRate_K_min: number }) => unknown;
async function load(root: string): Promise<() => number> {
  const a = (await import(pathToFileURL(join(root, 'src', 'analysis', 'analyze.ts')).href)) as {
    analyzeRuns: Analyze;
  };
  const r = (await import(pathToFileURL(join(root, 'src', 'io', 'read-run.ts')).href)) as {
    readRunFile: Read;
  };
  return () => {
    const inputs = files.map((f) => ({
      file: f.path,
      run: r.readRunFile(f.path, { heatingRate_K_min: f.beta }),
    }));
    const res = a.analyzeRuns(inputs);
    return res.stages[0]?.kissinger?.Ea_kJ_mol ?? NaN;
  };
}

const subjects: { name: string; run: () => number; times: number[]; Ea: number }[] = [
  { name: 'this checkout', run: await load(resolve(import.meta.dirname, '..')), times: [], Ea: NaN },
];
if (values.before)
  subjects.push({
    name: `before: ${values.before}`,
    run: await load(resolve(values.before)),
    times: [],
    Ea: NaN,
  });
for (const s of subjects) s.Ea = s.run(); // warm-up (JIT)
for (let k = 0; k < repeats; k++)
  for (const s of subjects) {
    const t0 = performance.now();
    s.Ea = s.run();
    s.times.push(performance.now() - t0);
  }
rmSync(dir, { recursive: true, force: true });
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(
  `analyze: ${RATES.length} runs × ${N} rows (read + pipeline), median of ${repeats}, load ${loadavg()[0].toFixed(2)}`,
);
for (const s of subjects)
  console.log(
    `  ${s.name.padEnd(40)} ${median(s.times).toFixed(0).padStart(6)} ms   Kissinger ${s.Ea.toFixed(2)} kJ/mol (truth 150)`,
  );
if (subjects.length > 1)
  console.log(`  ratio this/before: ${(median(subjects[0].times) / median(subjects[1].times)).toFixed(2)}`);
console.log(`  target ≤ 1000 ms: ${median(subjects[0].times) <= 1000 ? 'met' : 'NOT met'}`);
