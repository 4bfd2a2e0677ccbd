/**
 * SVG plots of the explainable-ML report, as Vega-Lite specs rendered headless by src/report/render-svg.ts
 * (`vega` View with renderer 'none' → toSVG). Spec builders are pure; `renderSvg` does the rendering.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TargetResult, PipelineResult } from './pipeline.ts';
import { createRng } from '../core/random.ts';
import { renderVegaLiteSvg } from '../report/render-svg.ts';
import { maxOf, minOf } from '../core/statistics.ts';
import { ternaryXY } from './ternary.ts';

/** Vega-Lite → SVG through the shared headless renderer (src/report/render-svg.ts). */
export const renderSvg = renderVegaLiteSvg;

const unitLabel = (t: TargetResult): string => t.label;

/** Parity plot: predicted vs measured, train and test, with the y = x line. */
export function paritySpec(t: TargetResult): TopLevelSpec {
  const vals = t.parity.map((p) => ({ ...p }));
  const lo = minOf(vals.map((v) => Math.min(v.y_true, v.y_pred)));
  const hi = maxOf(vals.map((v) => Math.max(v.y_true, v.y_pred)));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${t.target}: SVR parity (test R² = ${t.metrics.test.r2.toFixed(3)}, RMSE = ${t.metrics.test.rmse.toPrecision(3)})`,
    width: 360,
    height: 360,
    layer: [
      {
        data: {
          values: [
            { a: lo, b: lo },
            { a: hi, b: hi },
          ],
        },
        mark: { type: 'line', color: '#888', strokeDash: [4, 4] },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
      {
        data: { values: vals },
        mark: { type: 'point', filled: true, opacity: 0.6, size: 18 },
        encoding: {
          x: {
            field: 'y_true',
            type: 'quantitative',
            title: `measured ${unitLabel(t)}`,
            scale: { domain: [lo, hi] },
          },
          y: {
            field: 'y_pred',
            type: 'quantitative',
            title: `predicted ${unitLabel(t)}`,
            scale: { domain: [lo, hi] },
          },
          color: {
            field: 'split',
            type: 'nominal',
            scale: { domain: ['train', 'test'], range: ['#4c78a8', '#e45756'] },
          },
        },
      },
    ],
  };
}

/** Beeswarm summary: one row per feature (sorted by mean |SHAP|), SHAP on x, colour = feature value rank (0 low … 1 high). */
export function beeswarmSpec(t: TargetResult): TopLevelSpec {
  const order = t.ranking.map((r) => r.feature);
  const rng = createRng(5);
  const values: { feature: string; shap: number; value_rank: number; jitter: number }[] = [];
  t.features.forEach((f, j) => {
    const col = t.shap.X.map((r) => r[j]);
    const sorted = [...col].sort((a, b) => a - b);
    const span = sorted.length > 1 ? sorted.length - 1 : 1;
    t.shap.values.forEach((row, i) => {
      const rank = sorted.indexOf(col[i]) / span;
      values.push({ feature: f, shap: row[j], value_rank: rank, jitter: rng.uniform() });
    });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${t.target}: SHAP values (${t.shap.method}, ${t.shap.values.length} records)`,
    width: 420,
    height: { step: 28 },
    data: { values },
    mark: { type: 'circle', size: 14, opacity: 0.75 },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: order, title: null, axis: { labelLimit: 260 } },
      yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [0, 1], range: [4, 24] } },
      x: { field: 'shap', type: 'quantitative', title: `SHAP value (${unitLabel(t)})` },
      color: {
        field: 'value_rank',
        type: 'quantitative',
        title: 'feature value (rank)',
        scale: { range: ['#1e88e5', '#ff0d57'] },
      },
    },
  };
}

/** Dependence plots of the top-k features: SHAP vs feature value. */
export function dependenceSpec(t: TargetResult, k = 4): TopLevelSpec {
  const top = t.ranking.slice(0, k).map((r) => r.feature);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${t.target}: SHAP dependence`,
    hconcat: top.map((f) => {
      const j = t.features.indexOf(f);
      return {
        width: 200,
        height: 180,
        data: { values: t.shap.X.map((r, i) => ({ value: r[j], shap: t.shap.values[i][j] })) },
        mark: { type: 'point', filled: true, size: 14, opacity: 0.6 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: f, scale: { zero: false } },
          y: { field: 'shap', type: 'quantitative', title: `SHAP (${unitLabel(t)})` },
        },
      };
    }),
  };
}

/** Feature-significance dynamics across onset → peak → power with red/green/grey classes (Sun 2025 Fig. 5). */
export function dynamicsSpec(r: PipelineResult, topPerTarget = 5): TopLevelSpec {
  const keep = new Set<string>();
  for (const t of r.targets) t.ranking.slice(0, topPerTarget).forEach((x) => keep.add(x.feature));
  const order = r.targets.map((t) => t.target);
  const values = r.dynamics
    .filter((d) => keep.has(d.feature))
    .flatMap((d) =>
      order.map((t) => ({ feature: d.feature, target: t, proportion: d.proportion[t] ?? 0, class: d.class })),
    );
  const last = order[order.length - 1];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Proportion of mean |SHAP| per target (top features)',
    width: 380,
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'target', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0 } },
          y: { field: 'proportion', type: 'quantitative', title: 'share of mean |SHAP|' },
          detail: { field: 'feature', type: 'nominal' },
          color: {
            field: 'class',
            type: 'nominal',
            scale: { domain: ['red', 'green', 'grey'], range: ['#d62728', '#2ca02c', '#999999'] },
          },
        },
      },
      {
        transform: [{ filter: `datum.target === '${last}' && datum.proportion > 0.01` }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 10 },
        encoding: {
          x: { field: 'target', type: 'ordinal', sort: order },
          y: { field: 'proportion', type: 'quantitative' },
          text: { field: 'feature' },
        },
      },
    ],
  };
}

/**
 * NCM ternary map: composition grid coloured by the predicted target in 12 levels (a filled-contour look); grid
 * points farther than `max_distance` from every record with this target are masked (light grey, "extrapolated");
 * the records themselves (NCM-like ones) are drawn as black circles; composition ticks at 0.2, 0.4, 0.6, 0.8 give
 * the Ni fraction along the Co–Ni edge and the Mn fraction along the Co–Mn edge.
 */
export function ternarySpec(t: TargetResult): TopLevelSpec {
  const h = Math.sqrt(3) / 2;
  const steps = Math.round(
    1 / Math.max(1e-9, minOf(t.ternary.points.filter((p) => p.ni > 0).map((p) => p.ni))),
  );
  const size = 420;
  const cell = size / steps;
  const inside = t.ternary.points
    .filter((p) => !p.extrapolated)
    .map((p) => ({ x: p.x, y: p.y, value: p.value }));
  const masked = t.ternary.points
    .filter((p) => p.extrapolated)
    .map((p) => ({ x: p.x, y: p.y, region: `extrapolated (> ${t.ternary.max_distance} from any record)` }));
  const X = { field: 'x', type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: null };
  const Y = { field: 'y', type: 'quantitative' as const, scale: { domain: [0, h] }, axis: null };
  // Composition ticks: the Ni fraction along the Co–Ni edge, the Mn fraction along the Co–Mn edge (Co = 1 − Ni − Mn)
  const ticks: { x: number; y: number; label: string }[] = [];
  for (const f of [0.2, 0.4, 0.6, 0.8]) {
    ticks.push({ ...ternaryXY(f, 1 - f, 0), label: `Ni ${f.toFixed(1)}` });
    ticks.push({ ...ternaryXY(0, 1 - f, f), label: `Mn ${f.toFixed(1)}` });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${t.target}: predicted ${t.label}, NCM at ${t.ternary.voltage_V} V (grey: extrapolated)`,
    width: size,
    height: size * h,
    resolve: { scale: { color: 'independent' } },
    layer: [
      {
        data: { values: inside },
        mark: { type: 'square', size: cell * cell * 0.9, opacity: 1 },
        encoding: {
          x: X,
          y: Y,
          color: {
            field: 'value',
            type: 'quantitative',
            title: t.label,
            scale: { type: 'quantize', scheme: { name: 'viridis', count: 12 } },
          },
        },
      },
      {
        data: { values: masked },
        mark: { type: 'square', size: cell * cell * 0.9, opacity: 1 },
        encoding: {
          x: X,
          y: Y,
          color: {
            field: 'region',
            type: 'nominal',
            title: null,
            scale: { range: ['#dddddd'] },
            legend: { labelLimit: 400 },
          },
        },
      },
      {
        data: { values: t.ternary.records.map((r) => ({ x: r.x, y: r.y, what: 'records' })) },
        mark: { type: 'point', shape: 'circle', size: 14, filled: false, color: 'black', opacity: 0.7 },
        encoding: { x: X, y: Y },
      },
      ...(['Ni', 'Mn'] as const).map((el) => ({
        data: { values: ticks.filter((k) => k.label.startsWith(el)) },
        mark: {
          type: 'text' as const,
          fontSize: 9,
          color: '#333',
          ...(el === 'Ni' ? { dx: -24 } : { dy: 12 }),
        },
        encoding: { x: X, y: Y, text: { field: 'label' } },
      })),
      {
        data: {
          values: [
            { x: 0.5, y: h, label: 'Ni' },
            { x: 0, y: 0, label: 'Co' },
            { x: 1, y: 0, label: 'Mn' },
          ],
        },
        mark: { type: 'text', fontSize: 14, fontWeight: 'bold', dy: -10 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    ],
  };
}

/** Spearman ρ heat map of all candidate features. */
export function spearmanSpec(r: PipelineResult): TopLevelSpec {
  const names = r.spearman.names;
  const values = names.flatMap((a, i) => names.map((b, j) => ({ a, b, rho: r.spearman.rho[i][j] })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Spearman ρ (|ρ| > ${r.spearman.removal.threshold}: removed ${r.spearman.removal.removed.map((x) => x.feature).join(', ') || 'none'})`,
    width: { step: 18 },
    height: { step: 18 },
    data: { values },
    mark: 'rect',
    encoding: {
      x: { field: 'a', type: 'nominal', sort: names, title: null },
      y: { field: 'b', type: 'nominal', sort: names, title: null },
      color: {
        field: 'rho',
        type: 'quantitative',
        scale: { scheme: 'redblue', domain: [-1, 1], reverse: true },
      },
    },
  };
}

/** Null importance: actual gain importance vs the 25th percentile and median of the null distribution. */
export function nullImportanceSpec(t: TargetResult): TopLevelSpec {
  const values = t.null_importance.features.flatMap((f) => [
    { feature: f.feature, kind: 'actual', importance: f.actual, kept: f.kept ? 'kept' : 'dropped' },
    {
      feature: f.feature,
      kind: `null q${Math.round(100 * t.null_importance.quantile)}`,
      importance: f.null_q25,
      kept: f.kept ? 'kept' : 'dropped',
    },
    { feature: f.feature, kind: 'null median', importance: f.null_median, kept: f.kept ? 'kept' : 'dropped' },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${t.target}: null importance (${t.null_importance.shuffles} shuffles)`,
    width: 360,
    height: { step: 20 },
    data: { values },
    mark: { type: 'point', filled: true, size: 50 },
    encoding: {
      y: { field: 'feature', type: 'nominal', title: null, axis: { labelLimit: 260 } },
      x: { field: 'importance', type: 'quantitative', scale: { type: 'symlog' }, title: 'gain importance' },
      color: { field: 'kind', type: 'nominal' },
      shape: { field: 'kept', type: 'nominal' },
    },
  };
}
