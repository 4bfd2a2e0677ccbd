/**
 * `npm run bench:fit [-- --repeats 21 --peer-maxiter 30 --python /usr/bin/python3 --no-peer]`
 * Multi-rate JMA fit of noise-free three-rate data (Ea 150 kJ/mol, lgA 11.5, n 3; 10/30/60 K/min; 200 points over
 * 30–800 °C) by our DE + Levenberg–Marquardt (one thread), and, in the same invocation, by the peer
 * shared/bench/scipy_de_peer.py (scipy differential_evolution + solve_ivp/LSODA, the way common Python tools fit),
 * on the same case and bounds (Ea 100–280, lgA 4–17, n 0.3–4). Prints both times, both parameter errors and the
 * ratio, plus the local refinement time (refineJmaFit) and the machine's load average (the machine is shared).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fitJma, refineJmaFit } from '../src/analysis/fit/jma-fit.ts';
import { jmaExactCurve } from '../src/kinetics/nonisothermal-exact.ts';
import { maxOf, minOf } from '../src/core/statistics.ts';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '21' },
    'peer-maxiter': { type: 'string', default: '30' },
    python: { type: 'string', default: '/usr/bin/python3' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const repeats = Number(values.repeats);
const TRUTH = { Ea_kJ_mol: 150, lgA_s: 11.5, n: 3 };
const BOUNDS = {
  Ea_kJ_mol: [100, 280] as [number, number],
  lgA_s: [4, 17] as [number, number],
  n: [0.3, 4] as [number, number],
};
const T = Array.from({ length: 200 }, (_, i) => (i === 199 ? 1073.15 : 303.15 + (i * 770) / 199));
const curves = [10, 30, 60].map((beta) => ({
  beta_K_min: beta,
  T_K: T,
  dadT_per_K: Array.from(jmaExactCurve(TRUTH, beta, T[0], T).dadT_per_K),
}));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pct = (got: number, want: number) => (100 * Math.abs(got / want - 1)).toExponential(2) + ' %';

// Warm-up (JIT), then timed fits with different seeds.
for (let s = 0; s < 3; s++) fitJma(curves, { bounds: BOUNDS, seed: 1000 + s });
const times: number[] = [];
const evals: number[] = [];
let worst = { Ea: 0, lgA: 0, n: 0 };
let last = fitJma(curves, { bounds: BOUNDS, seed: 0 });
for (let s = 0; s < repeats; s++) {
  const t0 = performance.now();
  const r = fitJma(curves, { bounds: BOUNDS, seed: s });
  times.push(performance.now() - t0);
  evals.push(r.search.evaluations);
  worst = {
    Ea: Math.max(worst.Ea, Math.abs(r.Ea_kJ_mol / TRUTH.Ea_kJ_mol - 1)),
    lgA: Math.max(worst.lgA, Math.abs(r.lgA_s / TRUTH.lgA_s - 1)),
    n: Math.max(worst.n, Math.abs(r.n / TRUTH.n - 1)),
  };
  last = r;
}
const oursMs = median(times);
const refineTimes: number[] = [];
for (let k = 0; k < repeats; k++) {
  const t0 = performance.now();
  refineJmaFit(curves, { Ea_kJ_mol: 157.5, lgA_s: 12.1, n: 3 }, { n: 3, bounds: BOUNDS });
  refineTimes.push(performance.now() - t0);
}
const fixedTimes: number[] = [];
for (let s = 0; s < repeats; s++) {
  const t0 = performance.now();
  fitJma(curves, { bounds: BOUNDS, seed: s, n: 3 });
  fixedTimes.push(performance.now() - t0);
}

console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} (shared machine)`,
);
console.log(
  `case: Ea ${TRUTH.Ea_kJ_mol} kJ/mol, lgA ${TRUTH.lgA_s}, n ${TRUTH.n}; rates 10/30/60 K/min × 200 points; bounds Ea 100–280, lgA 4–17, n 0.3–4`,
);
console.log(
  `ours  (DE + LM, 1 thread): median ${oursMs.toFixed(2)} ms over ${repeats} seeds (min ${minOf(times).toFixed(2)}, max ${maxOf(times).toFixed(2)}), ` +
    `median ${median(evals)} model evaluations (${((oursMs * 1000) / median(evals)).toFixed(1)} µs each)`,
);
console.log(
  `      worst relative error over seeds: Ea ${(100 * worst.Ea).toExponential(2)} %, lgA ${(100 * worst.lgA).toExponential(2)} %, n ${(100 * worst.n).toExponential(2)} %; ` +
    `seed 0 … ${repeats - 1}, last: Ea ${last.Ea_kJ_mol.toFixed(6)}, lgA ${last.lgA_s.toFixed(6)}, n ${last.n.toFixed(6)}`,
);
console.log(
  `      n fixed at 3: median ${median(fixedTimes).toFixed(2)} ms; refineJmaFit (LM from 5 % off, n = 3): median ${median(refineTimes).toFixed(2)} ms`,
);

if (!values['no-peer']) {
  const here = dirname(fileURLToPath(import.meta.url));
  const peerPath = resolve(here, '..', '..', 'shared', 'bench', 'scipy_de_peer.py');
  const args = [
    peerPath,
    '--Ea',
    '150',
    '--lgA',
    '11.5',
    '--n',
    '3',
    '--rates',
    '10,30,60',
    '--seed',
    '0',
    '--maxiter',
    String(values['peer-maxiter']),
  ];
  console.log(`peer: ${values.python} ${args.join(' ')}  (running; the peer takes minutes)`);
  const p = spawnSync(values.python, args, { encoding: 'utf8' });
  if (p.status !== 0) {
    console.log(`peer failed (exit ${p.status}): ${p.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    process.exitCode = 1;
  } else {
    const peer = JSON.parse(p.stdout.trim().split('\n').pop() as string) as {
      peer: string;
      seconds: number;
      evaluations: number;
      ms_per_evaluation: number;
      Ea: number;
      lgA: number;
      n: number;
      loss: number;
    };
    console.log(
      `peer  (${peer.peer}): ${(peer.seconds * 1000).toFixed(0)} ms, ${peer.evaluations} evaluations (${peer.ms_per_evaluation.toFixed(2)} ms each), ` +
        `errors Ea ${pct(peer.Ea, 150)}, lgA ${pct(peer.lgA, 11.5)}, n ${pct(peer.n, 3)}, loss ${Number(peer.loss).toExponential(2)}`,
    );
    console.log(
      `ratio peer/ours: ${((peer.seconds * 1000) / oursMs).toFixed(0)}× per fit; ` +
        `${((peer.ms_per_evaluation * 1000) / ((oursMs * 1000) / median(evals))).toFixed(0)}× per model evaluation; ` +
        `load average now ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
    );
  }
}
