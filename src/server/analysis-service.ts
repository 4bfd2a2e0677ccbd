import type { AnalyzeResult } from '../analysis/analyze.ts';
import { analyzeResultJson, runAnalysis } from '../app/analyze.ts';
import { analysisSpecs } from '../report/plots.ts';
import { HttpError } from './http-error.ts';
import type { ServerLimits } from './limits.ts';
import type { RunUpload } from './schemas.ts';
import { uploadSources } from './uploads.ts';

/**
 * The `ckin analyze` use case over an upload (src/app/analyze.ts, the same function the CLI calls), so `result`
 * below equals `ckin analyze --json` on the same files and options.
 */
export function analyzeUpload(u: RunUpload, limits: ServerLimits): AnalyzeResult {
  return runAnalysis({ ...uploadSources(u, limits), baseline: u.baseline });
}

/**
 * Refuse (422) an analysis that produced no kinetics, with the reasons a person needs: files that could not be
 * read, too few heating rates, no peak found.
 */
export function requireKinetics(res: AnalyzeResult): void {
  const read = res.runs.filter((r) => !r.error);
  const reasons: string[] = res.runs
    .filter((r) => r.error)
    .map((r) => (r.error!.startsWith(r.file) ? r.error! : `${r.file}: ${r.error}`));
  const rates = new Set(read.map((r) => r.beta_K_min));
  if (read.length > 0 && rates.size < 3) {
    reasons.push(
      `kinetics need runs at three or more heating rates (Kissinger, Friedman, Vyazovkin, the JMA fit and the CNN); got ${read.length} readable run(s) at ${rates.size} rate(s)`,
    );
  }
  if (read.length > 0 && res.stages.length === 0) reasons.push('no reaction peak was found in any run');
  const anyKinetics = res.stages.some((s) => s.kissinger);
  if (reasons.length > 0 && (!anyKinetics || rates.size < 3)) {
    throw new HttpError(422, reasons.join('; '), { result: analyzeResultJson(res) });
  }
}

/** The Vega-Lite specs of the analysis plots (the same specs the HTML report renders to SVG). */
export function analyzePlots(res: AnalyzeResult) {
  return analysisSpecs(res);
}

/** Check a heating-rate limit early with a readable message (used by the page to explain a failed upload). */
export function describeLimits(l: ServerLimits) {
  return {
    bodyLimit_MB: l.bodyLimit_bytes / 2 ** 20,
    fileLimit_MB: l.fileLimit_bytes / 2 ** 20,
    maxFiles: l.maxFiles,
    maxScreeningSamples: l.maxScreeningSamples,
    maxQueuedJobs: l.maxQueuedJobs,
    jobTimeout_s: l.jobTimeout_ms / 1000,
  };
}
