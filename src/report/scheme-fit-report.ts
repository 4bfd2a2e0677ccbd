import { basename } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { fmt, fmtRate } from '../core/format.ts';
import { escapeHtml, qualityBadge, warningList, type ReportWarning } from './html.ts';
import { renderVegaLiteSvg } from './render-svg.ts';
import {
  schemeFitDataTableHtml,
  schemeFitSpec,
  schemeFitTitle,
  schemeStepsTableHtml,
  type SchemeFitView,
} from './scheme-fit-plots.ts';

/** A scheme fit with what the report shows beside it (the JSON of `ckin fit --scheme … --json`). */
export interface SchemeFitReportInput extends SchemeFitView {
  quality: 'ok' | 'caution' | 'unreliable';
  warnings: ReportWarning[];
  aicc?: number;
  bic?: number;
  n_points?: number;
  n_params?: number;
}

/**
 * The self-contained HTML report of a multi-step scheme fit: the fitted steps, the warnings beside them, and per
 * heating rate the plot of data, model, step contributions and residuals (inline SVG, `svgs[k]` for run k) with its
 * data table.
 */
export function schemeFitReportHtml(
  fit: SchemeFitReportInput,
  svgs: string[],
  meta: { title: string; command: string; version: string },
): string {
  const e = escapeHtml;
  const runs = fit.runs
    .map(
      (
        r,
        k,
      ) => `<section><h2>β = ${fmtRate(r.beta_K_min)} K/min${r.file ? ` (${e(basename(r.file))})` : ''}</h2>
<figure class="plot" aria-label="${e(schemeFitTitle(fit, k))}">${svgs[k] ?? ''}<figcaption>${e(schemeFitTitle(fit, k))}</figcaption></figure>
${schemeFitDataTableHtml(fit, k, e)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(meta.title)}</title>
<style>
body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.warn{color:#8a4b00}figure.plot{margin:0}code{background:#f5f5f5;padding:1px 4px}caption{text-align:left;font-weight:600}
.q,.sev{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600;color:#fff}
.q-ok{background:#2e7d32}.q-caution,.sev-caution{background:#b26a00}.q-unreliable,.sev-unreliable{background:#b71c1c}
.sev-info{background:#607d8b}ul.warn{list-style:none;padding-left:0;margin:4px 0}ul.warn li{margin:2px 0}
</style></head><body>
<h1>${e(meta.title)}</h1>
<p>Command: <code>${e(meta.command)}</code> — cathode-kinetics ${e(meta.version)}</p>
<p>Scheme <code>${e(fit.scheme)}</code> fitted to ${fit.observable === 'heatflow' ? 'the DSC heat flow (W/g); a step contributes ΔH·r' : 'dα/dT (TGA, 1/K); a step contributes its mass-loss fraction × dα/dT'} — ${qualityBadge(fit.quality)}${
    fit.aicc !== undefined
      ? ` AICc ${fmt(fit.aicc, 1)}, BIC ${fmt(fit.bic, 1)}, ${fit.n_points} points, ${fit.n_params} parameters`
      : ''
  }</p>
${warningList(fit.warnings)}
${schemeStepsTableHtml(fit, e)}
${runs}
</body></html>
`;
}

/** Render every run's plot and write the scheme-fit report to `path` (atomically); returns the number of plots. */
export async function writeSchemeFitReport(
  path: string,
  fit: SchemeFitReportInput,
  meta: { title: string; command: string; version: string },
): Promise<{ html: string; svgCount: number }> {
  const svgs: string[] = [];
  for (let k = 0; k < fit.runs.length; k++) svgs.push(await renderVegaLiteSvg(schemeFitSpec(fit, k)));
  writeFileAtomic(path, schemeFitReportHtml(fit, svgs, meta));
  return { html: path, svgCount: svgs.length };
}
