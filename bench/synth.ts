/**
 * `npm run bench:synth [-- --n 20000 --workers 2 --repeats 3]`
 * Samples/s of the synthetic dataset generator (the paper spec: 4 NCM materials, 3 rates × 200 points, paper noise,
 * written to a dataset directory with sha256 and statistics) on worker threads and in one thread, and of a
 * vectorized NumPy/SciPy peer computing the same curves (exact JMA via scipy.special.expn, peak normalization, the
 * same composite noise; no file writing, so the peer's number is an upper bound of its speed), in one invocation;
 * prints the ratios. The machine's load average is printed alongside, since the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from '../src/synth/dataset-writer.ts';
import { defaultSpec } from '../src/synth/spec.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    repeats: { type: 'string', default: '3' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const n = Number(values.n);
const workers = Number(values.workers);
const repeats = Number(values.repeats);
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function ours(w: number): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  try {
    const times: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const t0 = performance.now();
      await generateDataset(join(root, `d${k}`), defaultSpec({ count: n, seed: 1 }), { workers: w });
      times.push((performance.now() - t0) / 1000);
      rmSync(join(root, `d${k}`), { recursive: true, force: true });
    }
    return median(times);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const PEER = String.raw`
import sys, time
import numpy as np
from scipy.special import expn
N = int(sys.argv[1]); reps = int(sys.argv[2])
R = 8.314462618
lines = [(0.0655, -3.25), (0.0635, -3.78), (0.0636, -4.35), (0.0616, -3.95)]
T = 303.15 + np.arange(200) * (770.0 / 199); T[-1] = 1073.15
rates = np.array([10.0, 30.0, 60.0])
def run():
    rng = np.random.default_rng(1)
    mat = np.arange(N) % 4
    kce = (np.arange(N) // 4) % 4 != 3
    Ea = rng.uniform(120, 260, N)
    a = np.array([l[0] for l in lines])[mat]; b = np.array([l[1] for l in lines])[mat]
    lgA = np.where(kce, a * Ea + b + 0.5 * rng.standard_normal(N), rng.uniform(4, 14, N))
    x = Ea[:, None] * 1000 / (R * T[None, :])
    p = T[None, :] * expn(2, x)
    dp = p - p[:, :1]
    boltz = np.exp(-x)
    AoB = (10.0 ** lgA)[:, None] / (rates[None, :] / 60)
    y = AoB[:, :, None] * dp[:, None, :]
    yn = y ** 3
    d = AoB[:, :, None] * boltz[:, None, :] * 3 * y ** 2 * np.exp(-yn)
    alpha_end = -np.expm1(-yn[:, :, -1])
    d = d / d.max(axis=2, keepdims=True)
    off = 0.02 * rng.standard_normal((N, 3, 1)); ramp = 0.02 * rng.standard_normal((N, 3, 1)) * np.linspace(0, 1, 200)
    noisy = d + off + ramp + d * 0.02 * rng.standard_normal(d.shape) + 0.005 * rng.standard_normal(d.shape)
    spikes = rng.random(d.shape) < 0.005
    noisy = noisy + spikes * 0.2 * rng.standard_normal(d.shape)
    valid = (alpha_end >= 0.99).all(axis=1)
    return noisy.astype(np.float32), valid
ts = []
for _ in range(reps):
    t0 = time.perf_counter(); out, valid = run(); ts.append(time.perf_counter() - t0)
print(sorted(ts)[len(ts) // 2], valid.mean())
`;

function peer(): { seconds: number; valid: number } | string {
  const res = spawnSync(values.python, ['-c', PEER, String(n), String(repeats)], { encoding: 'utf8' });
  if (res.error || res.status !== 0)
    return `peer unavailable (${res.error?.message ?? res.stderr.trim().split('\n').pop()})`;
  const [s, v] = res.stdout.trim().split(/\s+/).map(Number);
  return { seconds: s, valid: v };
}

const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
console.log(
  `bench:synth  n=${n} samples (${3 * n} curves), median of ${repeats}; load average before: ${load}; cores ${availableParallelism()}`,
);
const tW = await ours(workers);
console.log(
  `ours, ${workers} threads (main + ${workers - 1} worker): ${tW.toFixed(2)} s  ${(n / tW).toFixed(0)} samples/s  (written, hashed, stats)`,
);
const t1 = await ours(1);
console.log(`ours, 1 thread:            ${t1.toFixed(2)} s  ${(n / t1).toFixed(0)} samples/s`);
const p = peer();
if (typeof p === 'string') console.log(`NumPy/SciPy peer: ${p}`);
else {
  console.log(
    `NumPy/SciPy peer (vectorized, in memory only): ${p.seconds.toFixed(2)} s  ${(n / p.seconds).toFixed(0)} samples/s  (valid ${(100 * p.valid).toFixed(1)} %)`,
  );
  console.log(
    `ratio samples/s ours(${workers} threads)/peer = ${(p.seconds / tW).toFixed(2)}; ours(1 thread)/peer = ${(p.seconds / t1).toFixed(2)}`,
  );
}
console.log(
  `target: ${n} samples in ≤ 5 s wall → ${tW <= 5 ? 'met' : 'NOT met'} (${tW.toFixed(2)} s); load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
