import { createRng } from '../core/random.ts';
import { quantileSorted, sampleStandardDeviation } from '../core/statistics.ts';
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
 *
 * `kind: 'cases'`: the case-resampling (pairs) bootstrap over whole heating-rate runs (Efron & Tibshirani, An
 * Introduction to the Bootstrap (1993) ch. 9; Davison & Hinkley (1997) §6.2.4): each replicate draws as many runs as
 * there are, with replacement, and refits — it sees the run-to-run scatter (sample mass, baseline, rate errors) that
 * residual schemes cannot. A draw with fewer than two distinct heating rates (kinetics not identifiable) is drawn
 * again. With fewer than 3 distinct runs the resamples are too few to show a spread (`multistep.bootstrap-few-runs`).
 * Both kinds report the SE (standard deviation of the replicates) and the 95 % percentile interval.
 */
export interface SchemeBootstrapStep {
  step: number;
  Ea_se_jacobian_kJ_mol: number | null;
  Ea_se_bootstrap_kJ_mol: number;
  lgA_se_jacobian: number | null;
  lgA_se_bootstrap: number;
  /** 95 % percentile interval of the replicates' Ea, kJ/mol (type-7 quantiles 0.025 and 0.975). */
  Ea_p025_kJ_mol: number;
  Ea_p975_kJ_mol: number;
  /** 95 % percentile interval of the replicates' lgA. */
  lgA_p025: number;
  lgA_p975: number;
  /** Replicate values, for intervals and plots. */
  Ea_kJ_mol: number[];
  lgA_s: number[];
  /** The step model's parameters (n, m, …): SE and 95 % percentile interval of the replicates. */
  params: Record<string, { se_bootstrap: number; p025: number; p975: number }>;
}

export interface SchemeBootstrap {
  method: 'wild (Rademacher)' | 'cases (runs resampled)';
  kind: 'wild' | 'cases';
  replicates: number;
  /** Distinct runs (heating rates) the replicates are drawn from. */
  distinct_runs: number;
  seed: number;
  steps: SchemeBootstrapStep[];
  warnings: ResultWarning[];
}

/**
 * Groups of steps that the scheme cannot tell apart (label switching): isolated pairs X→Y with the same model
 * (`parallel:N`), and competitive steps from one reactant into sinks, with the same model (`competitive:N`).
 */
function exchangeableSteps(scheme: Scheme): number[][] {
  const out = (i: number) => scheme.steps.filter((s) => s.from === i).length;
  const inc = (i: number) => scheme.steps.filter((s) => s.to === i).length;
  const groups = new Map<string, number[]>();
  scheme.steps.forEach((st, j) => {
    if (out(st.to) !== 0 || inc(st.to) !== 1) return;
    const key =
      inc(st.from) === 0 && out(st.from) === 1
        ? `pair:${st.model.name}`
        : inc(st.from) === 0
          ? `from ${st.from}:${st.model.name}`
          : null;
    if (key === null) return;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * For each step of the original fit, the index of the replicate's step that stands for it: within a group of
 * exchangeable steps, matched by rank of Ea (the replicate may have swapped their labels); other steps as they are.
 */
function alignSteps(
  groups: number[][],
  orig: { Ea_kJ_mol: number }[],
  rep: { Ea_kJ_mol: number }[],
): number[] {
  const order = orig.map((_, j) => j);
  for (const g of groups) {
    const byOrig = [...g].sort((a, b) => orig[a].Ea_kJ_mol - orig[b].Ea_kJ_mol);
    const byRep = [...g].sort((a, b) => rep[a].Ea_kJ_mol - rep[b].Ea_kJ_mol);
    byOrig.forEach((j, r) => (order[j] = byRep[r]));
  }
  return order;
}

/** SEs that differ by more than this factor (either way) disagree. */
const DISAGREE = 2;

export function bootstrapScheme(
  scheme: Scheme,
  runs: readonly MultistepRun[],
  fit: MultistepFitResult,
  opts: MultistepFitOptions & { replicates: number; bootstrapSeed?: number; kind?: 'wild' | 'cases' },
): SchemeBootstrap {
  const seed = opts.bootstrapSeed ?? 1;
  const kind = opts.kind ?? 'wild';
  const rng = createRng(seed);
  const m = fit.steps.length;
  const Ea: number[][] = Array.from({ length: m }, () => []);
  const lgA: number[][] = Array.from({ length: m }, () => []);
  const par: Record<string, number[]>[] = fit.steps.map((s) =>
    Object.fromEntries(Object.keys(s.params).map((k) => [k, [] as number[]])),
  );
  const groups = exchangeableSteps(scheme);
  const rateKey = (r: MultistepRun) => r.beta_K_min.toPrecision(6);
  const distinct = new Set(runs.map(rateKey)).size;
  const warnings: ResultWarning[] = [];
  if (kind === 'cases' && distinct < 3)
    warnings.push(
      warning(
        'multistep.bootstrap-few-runs',
        'caution',
        `case resampling over ${distinct} distinct run${distinct === 1 ? '' : 's'}: too few for the resamples to show the spread between runs${distinct < 2 ? ' (no replicate: the kinetics need two heating rates)' : ''}; use --bootstrap-kind wild`,
      ),
    );
  const casesDraw = (): MultistepRun[] => {
    for (;;) {
      const pick = runs.map(() => runs[rng.int(runs.length)]);
      if (new Set(pick.map(rateKey)).size >= 2) return pick.sort((a, b) => a.beta_K_min - b.beta_K_min);
    }
  };
  const replicates = kind === 'cases' && distinct < 2 ? 0 : opts.replicates;
  for (let b = 0; b < replicates; b++) {
    const star: MultistepRun[] =
      kind === 'cases'
        ? casesDraw()
        : runs.map((r, i) => {
            const fr = fit.runs[i];
            return {
              ...r,
              T_K: fr.T_K,
              y: fr.model.map((v, k) => v + (rng.uniform() < 0.5 ? -1 : 1) * (fr.data[k] - v)),
            };
          });
    const res = fitScheme(scheme, star, { ...opts, onProgress: undefined });
    const order = alignSteps(groups, fit.steps, res.steps);
    order.forEach((from, j) => {
      Ea[j].push(res.steps[from].Ea_kJ_mol);
      lgA[j].push(res.steps[from].lgA_s);
      for (const [k, v] of Object.entries(res.steps[from].params)) par[j][k]?.push(v);
    });
    opts.onProgress?.(b + 1, replicates, 'bootstrap');
  }
  const pct = (v: number[], q: number) =>
    v.length
      ? quantileSorted(
          [...v].sort((x, y) => x - y),
          q,
        )
      : NaN;
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
      Ea_p025_kJ_mol: pct(Ea[j], 0.025),
      Ea_p975_kJ_mol: pct(Ea[j], 0.975),
      lgA_p025: pct(lgA[j], 0.025),
      lgA_p975: pct(lgA[j], 0.975),
      Ea_kJ_mol: Ea[j],
      lgA_s: lgA[j],
      params: Object.fromEntries(
        Object.entries(par[j]).map(([k, v]) => [
          k,
          {
            se_bootstrap: v.length >= 2 ? sampleStandardDeviation(v) : NaN,
            p025: pct(v, 0.025),
            p975: pct(v, 0.975),
          },
        ]),
      ),
    };
  });
  return {
    method: kind === 'cases' ? 'cases (runs resampled)' : 'wild (Rademacher)',
    kind,
    replicates,
    distinct_runs: distinct,
    seed,
    steps,
    warnings,
  };
}
