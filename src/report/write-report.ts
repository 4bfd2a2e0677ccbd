import { join } from 'node:path';
import { inNewDirOrNothing, writeFileAtomic } from '../core/atomic-write.ts';
import type { AnalyzeResult } from '../analysis/analyze.ts';
import { analyzeReportHtml, type ReportTrust } from './html.ts';
import { analysisSpecs, renderAnalysisSvgs } from './plots.ts';
import { renderVegaLiteSvg } from './render-svg.ts';

/**
 * Write the `ckin analyze` report into `dir`: `index.html` (tables and inline SVG plots rendered from Vega-Lite) and
 * `analysis.json`. Each file is written atomically (temp + fsync + rename), the JSON first, so `index.html` only
 * ever appears complete and next to its data.
 */
export async function writeAnalyzeReport(
  dir: string,
  res: AnalyzeResult,
  /** The JSON of the analysis (what `ckin analyze --json` prints), written as analysis.json; its warnings are shown. */
  json: ReportTrust,
  meta: { title: string; command: string; version: string },
): Promise<{ html: string; json: string; svgCount: number }> {
  const svgs = await renderAnalysisSvgs(analysisSpecs(res), renderVegaLiteSvg);
  const svgCount = 1 + svgs.stages.reduce((n, s) => n + s.length, 0);
  const html = analyzeReportHtml(res, svgs, meta, json);
  const jsonPath = join(dir, 'analysis.json');
  const htmlPath = join(dir, 'index.html');
  inNewDirOrNothing(dir, () => {
    writeFileAtomic(
      jsonPath,
      JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) +
        '\n',
    );
    writeFileAtomic(htmlPath, html);
  });
  return { html: htmlPath, json: jsonPath, svgCount };
}
