import { createRng } from '../core/random.ts';
import { sampleStandardDeviation } from '../core/statistics.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import type { Scheme } from './scheme.ts';
import type { MultistepRun } from './multistep-problem.ts';
import { fitScheme, type MultistepFitOptions, type MultistepFitResult } from './multistep-fit.ts';

/**
 * Wild bootstrap of a scheme fit (Wu, Ann. Stat. 14 (1986) 1261; the JMA fit's bootstrap uses the same scheme,
 * src/analysis/fit/bootstrap.ts): each replicate refits the scheme, with the same search and seed, to
 * y*ᵢ = modelᵢ + vᵢ·(dataᵢ − modelᵢ), vᵢ = ±1 with probability ½ (Rademacher, seeded), which keeps the size and the
 * position of every residual (heteroscedastic, peak-shaped residuals stay where they are). The standard deviation of
 * the replicates' Ea and lgA per step is the bootstrap SE, reported beside the Jacobian SE; where the two differ by
 * more than 2× (either way) the Jacobian SE is not to be trusted (a flat or curved valley, parameters on bounds, the
 * kinetic compensation effect between overlapping steps) — issue 16's "standard errors that disagree with a
 * bootstrap". Each replicate costs one full fit: keep N small (tens) for schemes of several steps.
 */
export interface SchemeBootstrapStep {
  step: number;
  Ea_se_jacobian_kJ_mol: number | null;
  Ea_se_bootstrap_kJ_mol: number;
  lgA_se_jacobian: number | null;
  lgA_se_bootstrap: number;
  /** Replicate values, for intervals and plots. */
  Ea_kJ_mol: number[];
  lgA_s: number[];
}

export interface SchemeBootstrap {
  method: 'wild (Rademacher)';
  replicates: number;
  seed: number;
  steps: SchemeBootstrapStep[];
  warnings: ResultWarning[];
}

/** SEs that differ by more than this factor (either way) disagree. */
const DISAGREE = 2;

export function bootstrapScheme(
  scheme: Scheme,
  runs: readonly MultistepRun[],
  fit: MultistepFitResult,
  opts: MultistepFitOptions & { replicates: number; bootstrapSeed?: number },
): SchemeBootstrap {
  const seed = opts.bootstrapSeed ?? 1;
  const rng = createRng(seed);
  const m = fit.steps.length;
  const Ea: number[][] = Array.from({ length: m }, () => []);
  const lgA: number[][] = Array.from({ length: m }, () => []);
  for (let b = 0; b < opts.replicates; b++) {
    const star: MultistepRun[] = runs.map((r, i) => {
      const fr = fit.runs[i];
      return {
        ...r,
        T_K: fr.T_K,
        y: fr.model.map((v, k) => v + (rng.uniform() < 0.5 ? -1 : 1) * (fr.data[k] - v)),
      };
    });
    const res = fitScheme(scheme, star, { ...opts, onProgress: undefined });
    res.steps.forEach((s, j) => {
      Ea[j].push(s.Ea_kJ_mol);
      lgA[j].push(s.lgA_s);
    });
    opts.onProgress?.(b + 1, opts.replicates, 'bootstrap');
  }
  const warnings: ResultWarning[] = [];
  const steps = fit.steps.map((s, j): SchemeBootstrapStep => {
    const seE = Ea[j].length >= 2 ? sampleStandardDeviation(Ea[j]) : NaN;
    const seA = lgA[j].length >= 2 ? sampleStandardDeviation(lgA[j]) : NaN;
    const check = (what: string, jac: number | null, boot: number): void => {
      if (jac === null || !(jac > 0) || !(boot > 0)) return;
      const ratio = boot / jac;
      if (ratio > DISAGREE || ratio < 1 / DISAGREE)
        warnings.push(
          warning(
            'fit.se_bootstrap_disagree',
            'caution',
            `step ${j + 1} (${s.from}->${s.to}): the bootstrap SE of ${what} (${boot.toPrecision(3)}) is ${ratio.toFixed(2)}× the Jacobian SE (${jac.toPrecision(3)}): quote the bootstrap value`,
            { stage: j + 1 },
          ),
        );
    };
    check('Ea', s.se.Ea_kJ_mol, seE);
    check('lgA', s.se.lgA_s, seA);
    return {
      step: j + 1,
      Ea_se_jacobian_kJ_mol: s.se.Ea_kJ_mol,
      Ea_se_bootstrap_kJ_mol: seE,
      lgA_se_jacobian: s.se.lgA_s,
      lgA_se_bootstrap: seA,
      Ea_kJ_mol: Ea[j],
      lgA_s: lgA[j],
    };
  });
  return { method: 'wild (Rademacher)', replicates: opts.replicates, seed, steps, warnings };
}
