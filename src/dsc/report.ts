/** Writes the explainable-ML report (JSON + SVG plots + index.html) atomically into a directory. */
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.ts';
import type { PipelineResult } from './pipeline.ts';
import { mapExtremes } from './saved-model.ts';
import { DEMO_TRUTH } from './demo-generator.ts';
import {
  beeswarmSpec,
  dependenceSpec,
  dynamicsSpec,
  featureAcrossTargetsSpec,
  fig4Features,
  figureTitle,
  nullHistogramSpec,
  nullImportanceSpec,
  paritySpec,
  renderSvg,
  spearmanSpec,
  ternarySpec,
} from './plots.ts';
import type { TopLevelSpec } from 'vega-lite';

/** Compact, JSON-friendly summary (no per-record arrays): what `ckin xai --json` prints. */
export function summarizePipeline(r: PipelineResult): Record<string, unknown> {
  return {
    n_records: r.n_records,
    candidate_features: r.all_features,
    dropped_features: r.dropped_features,
    imputed: r.imputed,
    spearman_removed: r.spearman.removal.removed,
    spearman_kept: r.spearman.removal.kept,
    targets: Object.fromEntries(
      r.targets.map((t) => [
        t.target,
        {
          column: t.column,
          transform: t.transform,
          n_records: t.n_records,
          null_importance: {
            shuffles: t.null_importance.shuffles,
            quantile: t.null_importance.quantile,
            kept: t.null_importance.kept,
            dropped: t.null_importance.features.filter((f) => !f.kept).map((f) => f.feature),
            // the 100 null importances per feature are in report.json (Fig. 1d/e), not in the summary
            features: t.null_importance.features.map(({ null_values, ...f }) => (void null_values, f)),
          },
          features: t.features,
          svr: { ...t.svr.params, n_support_vectors: t.svr.n_support_vectors },
          metrics: t.metrics,
          shap: {
            method: t.shap.method,
            base_value: t.shap.base_value,
            background_size: t.shap.background_size,
            n_explained: t.shap.values.length,
          },
          ranking: t.ranking.map(({ feature, mean_abs_shap, sign, se, relative_se }) => ({
            feature,
            mean_abs_shap,
            sign,
            se,
            relative_se,
          })),
          grouped: t.grouped ? t.grouped.ranking : null,
          ternary: {
            voltage_V: t.ternary.voltage_V,
            conditions: t.ternary.conditions,
            max_distance: t.ternary.max_distance,
            ...mapExtremes(t.ternary.points),
          },
        },
      ]),
    ),
    skipped_targets: r.skipped_targets,
    dynamics: r.dynamics,
  };
}

const escapeHtml = (t: string): string =>
  t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * For the demo: a statement that the records are synthetic and the generator's true drivers and signs
 * (demo-generator.ts) beside the estimated rank, sign and mean |SHAP| of each.
 */
function demoTruthHtml(r: PipelineResult): string {
  const rows: string[] = [];
  for (const t of r.targets) {
    const truth = DEMO_TRUTH[t.target];
    truth.forEach((d, k) => {
      const rank = t.ranking.findIndex((x) => x.feature === d.feature);
      const est = rank >= 0 ? t.ranking[rank] : undefined;
      const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '0');
      rows.push(
        `<tr><td>${t.target}</td><td>${d.feature}</td><td>${k + 1}</td><td>${sign(d.sign)}</td>` +
          `<td>${est ? rank + 1 : 'not selected'}</td><td>${est ? sign(est.sign) : ''}</td>` +
          `<td>${est ? est.mean_abs_shap.toPrecision(3) : ''}</td></tr>`,
      );
    });
  }
  return [
    '<p id="synthetic"><b>These records are synthetic</b> (the ckin demo generator, not measurements): their effects are known, so the estimates below can be checked against the truth (docs/dsc-xai.md, src/dsc/demo-generator.ts).</p>',
    '<table><tr><th>target</th><th>true driver</th><th>true rank</th><th>true sign</th><th>estimated rank</th><th>estimated sign</th><th>mean |SHAP|</th></tr>',
    ...rows,
    '</table>',
  ].join('\n');
}

/** Write report.json (full result), summary.json, one SVG per plot and an index.html. Returns the files written. */
export async function writeReport(
  dir: string,
  r: PipelineResult,
  extra: Record<string, unknown> = {},
): Promise<string[]> {
  const files: string[] = [];
  const put = (name: string, data: string): void => {
    writeFileAtomic(join(dir, name), data);
    files.push(join(dir, name));
  };
  const { fitted, ...full } = r; // the fitted models go to --save, not into the report
  void fitted;
  put('report.json', JSON.stringify({ ...extra, ...full }, null, 1) + '\n');
  put('summary.json', JSON.stringify({ ...extra, ...summarizePipeline(r) }, null, 2) + '\n');
  const plots: [string, TopLevelSpec][] = [['spearman.svg', spearmanSpec(r)]];
  for (const t of r.targets) {
    plots.push(
      [`null_importance_${t.target}.svg`, nullImportanceSpec(t)],
      [`null_importance_hist_${t.target}.svg`, nullHistogramSpec(t)],
      [`parity_${t.target}.svg`, paritySpec(t)],
      [`shap_summary_${t.target}.svg`, beeswarmSpec(t)],
      [`shap_dependence_${t.target}.svg`, dependenceSpec(t)],
      [`ternary_${t.target}.svg`, ternarySpec(t)],
    );
  }
  if (r.targets.length > 1) plots.push(['feature_dynamics.svg', dynamicsSpec(r)]);
  for (const f of fig4Features(r))
    plots.push([`shap_across_targets_${f}.svg`, featureAcrossTargetsSpec(r, f)]);
  for (const [name, spec] of plots) put(name, await renderSvg(spec));
  const source = typeof extra.source === 'string' ? extra.source : 'unknown';
  const synthetic = extra.synthetic === true;
  const html = [
    '<!doctype html><meta charset="utf-8"><title>ckin xai report</title>',
    '<style>body{font-family:sans-serif;max-width:1200px;margin:auto} img{max-width:100%;border:1px solid #ddd;margin:6px} td,th{padding:2px 8px;text-align:left}</style>',
    `<h1>Explainable ML on DSC records</h1><p>${r.n_records} records. Full results: <a href="report.json">report.json</a>, summary: <a href="summary.json">summary.json</a>.</p>`,
    `<p id="data-source"><b>Data source:</b> ${escapeHtml(source)}</p>`,
    ...(synthetic ? [demoTruthHtml(r)] : []),
    ...plots.map(
      ([name, spec]) =>
        `<figure id="${name.replace('.svg', '')}"><img src="${name}" alt="${escapeHtml(figureTitle(spec))}">` +
        `<figcaption>${escapeHtml(figureTitle(spec))} (<a href="${name}">${name}</a>)</figcaption></figure>`,
    ),
  ].join('\n');
  put('index.html', html + '\n');
  return files;
}
