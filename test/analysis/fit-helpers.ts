import { jmaExactCurve } from '../../src/kinetics/nonisothermal-exact.ts';
import { mulberry32 } from '../../src/analysis/fit/prng.ts';

/** 200 equidistant temperatures over 30–800 °C (the paper's grid), K. */
export const PAPER_GRID_K = Array.from({ length: 200 }, (_, i) => 303.15 + (i * 770) / 199);

/** Noise-free (or multiplicatively noisy, seeded) exact JMA dα/dT curves at the given rates. */
export function jmaCurves(
  p: { Ea_kJ_mol: number; lgA_s: number; n: number },
  opts: { rates?: number[]; T_K?: number[]; noise?: number; seed?: number } = {},
): { beta_K_min: number; T_K: number[]; dadT_per_K: number[] }[] {
  const T = opts.T_K ?? PAPER_GRID_K;
  const rng = mulberry32(opts.seed ?? 7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
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
