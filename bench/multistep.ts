/**
 * `npm run bench:multistep [-- --repeats 3 --python /usr/bin/python3 --no-peer --auto]`
 * The NCM333 DSC (shared/data/external/crnn-ncm333-dsc, five rates 2–20 K/min) fitted with three consecutive
 * nth-order steps (A→B→C→D, q = Σ ΔH_i·r_i, every rate weighted by 1/peak height, no baseline) by our fit
 * (src/app/fit-scheme.ts: DE + Levenberg–Marquardt over the Rosenbrock integrator, one thread), and, in the same
 * invocation, by the peer shared/bench/scipy_multistep_peer.py --scheme cons3 (scipy least_squares over
 * solve_ivp/LSODA from two starts). Prints both times, both SSEs (same weighting), the ratio, R² and main-peak
 * errors per rate, our CPU time and the machine's load average (the machine is shared: wall times of both rise with
 * the load, the ratio much less). With --auto also times `--steps auto`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fitMultistep } from '../src/app/fit-scheme.ts';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    python: { type: 'string', default: 'python3' },
    'no-peer': { type: 'boolean', default: false },
    auto: { type: 'boolean', default: false },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '..', '..', 'shared');
const dataDir = join(shared, 'data', 'external', 'crnn-ncm333-dsc');
const rates = [2, 5, 10, 15, 20];
const input = {
  runs: rates.map((b) => ({ path: join(dataDir, `cath_1_${b}.csv`) })),
  heatingRates_K_min: rates,
  columns: ['temperature_C', 'heatflow_W_g'],
  T0_K: 323.15, // the peer's start, 50 °C
};
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const times: number[] = [];
const cpu: number[] = [];
let res = fitMultistep({ ...input, scheme: 'consecutive:3' });
for (let i = 0; i < Number(values.repeats); i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  res = fitMultistep({ ...input, scheme: 'consecutive:3', seed: i });
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
const ours = median(times) / 1000;
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
console.log(
  `ours   consecutive:3: ${ours.toFixed(2)} s (median of ${times.length}; CPU ${(median(cpu) / 1000).toFixed(2)} s), SSE ${res.sse.toFixed(5)}, AIC ${res.aic.toFixed(1)}, BIC ${res.bic.toFixed(1)}, ${res.search.evaluations} evaluations`,
);
for (const r of res.runs)
  console.log(
    `  ${String(r.beta_K_min).padStart(3)} K/min  R² ${r.r2.toFixed(4)}  main peak data ${(r.peak_T_data_K - 273.15).toFixed(1)} °C, model ${(r.peak_T_model_K - 273.15).toFixed(1)} °C`,
  );
if (!values['no-peer']) {
  const t0 = performance.now();
  const p = spawnSync(
    values.python,
    [join(shared, 'bench', 'scipy_multistep_peer.py'), '--scheme', 'cons3', '--json'],
    {
      encoding: 'utf8',
    },
  );
  const wall = (performance.now() - t0) / 1000;
  if (p.status !== 0) console.log(`peer failed (${p.status}): ${p.stderr.slice(0, 300)}`);
  else {
    const peer = JSON.parse(p.stdout) as { seconds: number; sse: number; aic: number; bic: number };
    console.log(
      `peer   ${'scipy cons3'}: ${peer.seconds.toFixed(2)} s fit (${wall.toFixed(2)} s with start-up), SSE ${peer.sse.toFixed(5)}, AIC ${peer.aic.toFixed(1)}, BIC ${peer.bic.toFixed(1)}`,
    );
    console.log(
      `ratio  peer/ours time ${(peer.seconds / ours).toFixed(2)}×, SSE ours/peer ${(res.sse / peer.sse).toFixed(5)}`,
    );
  }
}
if (values.auto) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const a = fitMultistep({ ...input, steps: 'auto' });
  const c = process.cpuUsage(c0);
  console.log(
    `--steps auto: ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${((c.user + c.system) / 1e6).toFixed(1)} s), chose ${a.scheme}`,
  );
  for (const c of a.candidates)
    console.log(
      `  ${c.scheme.padEnd(28)} AICc ${c.aicc.toFixed(1)}  BIC ${c.bic.toFixed(1)}  min R² ${c.min_r2.toFixed(4)}`,
    );
}
