import { parseScheme, schemeText } from './scheme.ts';
import { fitScheme, type MultistepFitOptions, type MultistepFitResult } from './multistep-fit.ts';
import type { MultistepRun } from './multistep-problem.ts';
import { nestedFTest } from './information-criteria.ts';

/**
 * Model choice among reaction schemes (Opfermann, J. Therm. Anal. Calorim. 60 (2000) 641; ICTAC 2020 multi-step
 * recommendations): fit every candidate globally, rank by AICc (BIC alongside), and test the winner against each
 * candidate with fewer parameters by the F-test. More steps always lower the residual; the criteria charge for them.
 */
export const DEFAULT_CANDIDATES: readonly string[] = [
  'A->B:Fn',
  'A->B:Cn',
  'parallel:2',
  'consecutive:2',
  'competitive:2',
  'consecutive:3',
  'parallel:3',
];

export interface Candidate {
  scheme: string;
  steps: number;
  n_params: number;
  sse: number;
  aicc: number;
  bic: number;
  /** AICc minus the best AICc (0 for the chosen scheme). */
  delta_aicc: number;
  /** Akaike weight exp(−Δ/2)/Σ exp(−Δ/2). */
  akaike_weight: number;
  min_r2: number;
  /** F-test of the chosen scheme against this simpler one (null for the chosen and for larger schemes). */
  f_test: { F: number; F_critical: number; significant: boolean } | null;
  time_ms: number;
}

export interface ModelChoice {
  best: MultistepFitResult;
  candidates: Candidate[];
}

/**
 * Fit the candidate schemes (`DEFAULT_CANDIDATES`, or those with at most `maxSteps` steps) and choose the one of
 * least AICc. Candidates whose fit fails to produce a finite SSE are left out.
 */
export function chooseScheme(
  runs: MultistepRun[],
  opts: MultistepFitOptions & { candidates?: readonly string[]; maxSteps?: number },
): ModelChoice {
  const texts = (opts.candidates ?? DEFAULT_CANDIDATES).filter(
    (c) => opts.maxSteps === undefined || parseScheme(c).steps.length <= opts.maxSteps,
  );
  const fits: MultistepFitResult[] = [];
  texts.forEach((c, i) => {
    const res = fitScheme(parseScheme(c), runs, {
      ...opts,
      onProgress: (d, t) =>
        opts.onProgress?.(i * t + d, texts.length * t, `fit ${schemeText(parseScheme(c))}`),
    });
    if (Number.isFinite(res.sse)) fits.push(res);
  });
  if (fits.length === 0) throw new RangeError('no candidate scheme could be fitted');
  let best = fits[0];
  for (const f of fits) if (f.aicc < best.aicc) best = f;
  let wsum = 0;
  for (const f of fits) wsum += Math.exp(-(f.aicc - best.aicc) / 2);
  const candidates: Candidate[] = fits
    .map((f) => ({
      scheme: f.scheme,
      steps: f.steps.length,
      n_params: f.n_params,
      sse: f.sse,
      aicc: f.aicc,
      bic: f.bic,
      delta_aicc: f.aicc - best.aicc,
      akaike_weight: Math.exp(-(f.aicc - best.aicc) / 2) / wsum,
      min_r2: f.runs.reduce((m, r) => Math.min(m, r.r2), 1),
      f_test:
        f !== best && f.n_params < best.n_params
          ? nestedFTest({ sse: f.sse, P: f.n_params }, { sse: best.sse, P: best.n_params }, best.n_points)
          : null,
      time_ms: f.time_ms,
    }))
    .sort((a, b) => a.aicc - b.aicc);
  return { best, candidates };
}
