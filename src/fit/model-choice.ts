import { parseScheme, schemeText, type Scheme } from './scheme.ts';
import type { StepKinetics } from './scheme-kinetics.ts';
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
 * Warm starts from fitted schemes with fewer steps (Kinetics Neo practice: grow a scheme step by step): each step of
 * `scheme` that appears in a fitted scheme with the same species and model takes its fitted kinetics; the others
 * are filled from the data by fitScheme. Only fits sharing at least one step give a start.
 */
export function warmStarts(scheme: Scheme, fits: MultistepFitResult[]): (StepKinetics | null)[][] {
  const out: (StepKinetics | null)[][] = [];
  for (const f of fits) {
    if (f.steps.length >= scheme.steps.length) continue;
    let shared = 0;
    const start = scheme.steps.map((st) => {
      const j = f.steps.findIndex(
        (q) =>
          q.from === scheme.species[st.from] && q.to === scheme.species[st.to] && q.model === st.model.name,
      );
      if (j < 0 || f.amplitudes[j] === 0) return null;
      shared++;
      return f.kinetics[j];
    });
    if (shared > 0) out.push(start);
  }
  return out;
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
    const scheme = parseScheme(c);
    const res = fitScheme(scheme, runs, {
      ...opts,
      starts: [...(opts.starts ?? []), ...warmStarts(scheme, fits)],
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
