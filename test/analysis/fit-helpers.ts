import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { optimizerRng } from '../../src/core/random.ts';

/** 200 equidistant temperatures over 30–800 °C (the paper's grid), K. */
export const PAPER_GRID_K = Array.from({ length: 200 }, (_, i) => 303.15 + (i * 770) / 199);

/** Noise-free (or multiplicatively noisy, seeded) exact JMA dα/dT curves at the given rates. */
export function jmaCurves(
  p: { Ea_kJ_mol: number; lgA_s: number; n: number },
  opts: { rates?: number[]; T_K?: number[]; noise?: number; seed?: number } = {},
): { beta_K_min: number; T_K: number[]; dadT_per_K: number[] }[] {
  const T = opts.T_K ?? PAPER_GRID_K;
  const rng = optimizerRng(opts.seed ?? 7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
  return (opts.rates ?? [10, 30, 60]).map((beta) => ({
    beta_K_min: beta,
    T_K: T,
    dadT_per_K: Array.from(
      jmaExactCurve(p, beta, T[0], T).dadT_per_K,
      (v) => v * (1 + (opts.noise ?? 0) * gauss()),
    ),
  }));
}

export function relErr(got: number, want: number): number {
  return Math.abs(got / want - 1);
}

/** Exact JMA runs written as CSV (temperature in °C, dα/dT in K⁻¹ plus α), one file per rate. */
export function writeRuns(dir: string, truth: { Ea_kJ_mol: number; lgA_s: number; n: number }): string[] {
  return jmaCurves(truth).map((c) => {
    const file = join(dir, `run_${c.beta_K_min}.csv`);
    let alpha = 0;
    const rows = c.T_K.map((T, i) => {
      if (i > 0) alpha += ((c.dadT_per_K[i] + c.dadT_per_K[i - 1]) / 2) * (T - c.T_K[i - 1]);
      return `${(T - 273.15).toFixed(6)},${Math.min(alpha, 1)},${c.dadT_per_K[i]}`;
    });
    writeFileSync(file, ['temperature_C,alpha,dadT_per_K', ...rows].join('\n') + '\n');
    return file;
  });
}
