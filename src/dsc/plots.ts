/**
 * SVG plots of the explainable-ML report, as Vega-Lite specs rendered headless by src/report/render-svg.ts
 * (`vega` View with renderer 'none' → toSVG). Spec builders are pure; `renderSvg` does the rendering.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TargetResult, PipelineResult } from './pipeline.ts';
import { renderVegaLiteSvg } from '../report/render-svg.ts';
import { extent, maxOf, minOf } from '../core/statistics.ts';
import { FEATURES } from './features.ts';
import { histogramBins, swarmOffsets } from './plot-layout.ts';
import { ternaryXY } from './ternary.ts';

/** The accessible title of a figure: its `description` (or its title), written as the SVG's `<title>`. */
export function figureTitle(spec: TopLevelSpec): string {
  if (spec.description) return spec.description;
  return typeof spec.title === 'string' ? spec.title : '';
}

const escapeXml = (t: string): string =>
  t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Vega-Lite → SVG through the shared headless renderer (src/report/render-svg.ts), with the figure's accessible
 * `<title>` (figureTitle) as the first child of the root `<svg>`.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const svg = await renderVegaLiteSvg(spec);
  const title = figureTitle(spec);
  return title ? svg.replace(/^<svg[^>]*>/, (open) => `${open}<title>${escapeXml(title)}</title>`) : svg;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const unitLabel = (t: TargetResult): string => t.label;
/** Axis title of a feature: its name and its documented meaning with the unit (FEATURES in features.ts). */
const featureTitle = (f: string): string => {
  const doc = FEATURES.find((x) => x.name === f)?.doc;
  return doc ? `${f}: ${doc}` : f;
};
/** Colour of the feature value in the beeswarm and Fig. 4d–g plots: low (0) → high (1) of the feature's range. */
export const VALUE_COLOURS = { low: '#1e88e5', high: '#ff0d57' } as const;
const valueColour = {
  field: 'value_norm',
  type: 'quantitative' as const,
  title: 'feature value',
  scale: { domain: [0, 1], range: [VALUE_COLOURS.low, VALUE_COLOURS.high] },
  legend: { values: [0, 1], labelExpr: "datum.value === 0 ? 'low' : 'high'" },
};

/** (v − min)/(max − min) over the column (0.5 for a constant column): the colour position of each value. */
function normalise(col: readonly number[]): number[] {
  const [lo, hi] = extent(col);
  return col.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5));
}

/**
 * Parity plot (Sun 2025 Fig. 2): predicted vs measured, train and test, with the y = x line. Both axes have the
 * same domain (the range of all measured and predicted values, padded by 3 %; no "nice" rounding, no zero) and
 * the plot is square, so y = x is the diagonal and distances from it read the same on both axes.
 */
export function paritySpec(t: TargetResult): TopLevelSpec {
  const vals = t.parity.map((p) => ({ ...p }));
  const lo0 = minOf(vals.map((v) => Math.min(v.y_true, v.y_pred)));
  const hi0 = maxOf(vals.map((v) => Math.max(v.y_true, v.y_pred)));
  const pad = 0.03 * (hi0 - lo0 || Math.abs(hi0) || 1);
  const [lo, hi] = [lo0 - pad, hi0 + pad];
  const scale = { domain: [lo, hi], nice: false, zero: false };
  const title = `${t.target}: SVR parity, predicted vs measured ${t.label} (test R² = ${t.metrics.test.r2.toFixed(3)}, RMSE = ${t.metrics.test.rmse.toPrecision(3)}; dashed: y = x)`;
  return {
    $schema: SCHEMA,
    title,
    description: `Parity plot (Sun 2025 Fig. 2), ${title}`,
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
        encoding: {
          x: { field: 'a', type: 'quantitative', scale },
          y: { field: 'b', type: 'quantitative', scale },
        },
      },
      {
        data: { values: vals },
        mark: { type: 'point', filled: true, opacity: 0.6, size: 18 },
        encoding: {
          x: { field: 'y_true', type: 'quantitative', title: `measured ${unitLabel(t)}`, scale },
          y: { field: 'y_pred', type: 'quantitative', title: `predicted ${unitLabel(t)}`, scale },
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

/**
 * Beeswarm summary (SHAP summary plot, Sun 2025 Fig. 4a–c): one row per feature (sorted by mean |SHAP|), SHAP on
 * x, colour = the feature value scaled to its range (low → high; ties share a colour: e.g. 34 sealed crucibles
 * out of 37 are all "high"), vertical offsets from swarmOffsets (tied SHAP values are stacked, deterministic).
 */
export function beeswarmSpec(t: TargetResult): TopLevelSpec {
  const order = t.ranking.map((r) => r.feature);
  const [lo, hi] = extent(t.shap.values.flat());
  const values: { feature: string; shap: number; value: number; value_norm: number; offset: number }[] = [];
  t.features.forEach((f, j) => {
    const col = t.shap.X.map((r) => r[j]);
    const norm = normalise(col);
    const off = swarmOffsets(
      t.shap.values.map((row) => row[j]),
      lo,
      hi,
    );
    t.shap.values.forEach((row, i) => {
      values.push({ feature: f, shap: row[j], value: col[i], value_norm: norm[i], offset: off[i] });
    });
  });
  const title = `${t.target}: SHAP values on ${t.label} (${t.shap.method}, ${t.shap.values.length} records; colour: feature value)`;
  return {
    $schema: SCHEMA,
    title,
    description: `SHAP summary beeswarm (Sun 2025 Fig. 4a–c), ${title}`,
    width: 420,
    height: { step: 28 },
    data: { values },
    mark: { type: 'circle', size: 14, opacity: 0.8 },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: order, title: null, axis: { labelLimit: 260 } },
      yOffset: { field: 'offset', type: 'quantitative', scale: { domain: [-1, 1], range: [2, 26] } },
      x: { field: 'shap', type: 'quantitative', title: `SHAP value (${unitLabel(t)})` },
      color: valueColour,
    },
  };
}

/** Dependence plots of the top-k features (SHAP value vs feature value, y = 0 drawn), one panel per feature. */
export function dependenceSpec(t: TargetResult, k = 5): TopLevelSpec {
  const top = t.ranking.slice(0, k).map((r) => r.feature);
  const title = `${t.target}: SHAP dependence of ${t.label} on the top ${top.length} features (${top.join(', ')})`;
  return {
    $schema: SCHEMA,
    title,
    description: `SHAP dependence plots, ${title}`,
    columns: 3,
    concat: top.map((f) => {
      const j = t.features.indexOf(f);
      return {
        title: f,
        width: 220,
        height: 180,
        layer: [
          {
            data: { values: [{ zero: 0 }] },
            mark: { type: 'rule', color: '#aaa' },
            encoding: { y: { field: 'zero', type: 'quantitative' } },
          },
          {
            data: { values: t.shap.X.map((r, i) => ({ value: r[j], shap: t.shap.values[i][j] })) },
            mark: { type: 'point', filled: true, size: 14, opacity: 0.6 },
            encoding: {
              x: {
                field: 'value',
                type: 'quantitative',
                title: featureTitle(f),
                scale: { zero: false },
                axis: { titleLimit: 220 },
              },
              y: { field: 'shap', type: 'quantitative', title: `SHAP (${unitLabel(t)})` },
            },
          },
        ],
      };
    }),
  };
}

/**
 * Null-importance distributions (Sun 2025 Fig. 1d/e): per candidate feature, the histogram of its gain importance
 * over the shuffled-target forests (histogramBins, 20 bins), its actual importance (solid red rule) and the
 * screening quantile of the null (dashed), kept or dropped in the panel title.
 */
export function nullHistogramSpec(t: TargetResult, nBins = 20): TopLevelSpec {
  const ni = t.null_importance;
  const q = Math.round(100 * ni.quantile);
  const title = `${t.target}: null importance distributions (${ni.shuffles} shuffles; red: actual importance, dashed: null q${q})`;
  return {
    $schema: SCHEMA,
    title,
    description: `Null importance histograms (Sun 2025 Fig. 1d/e), ${title}`,
    columns: 4,
    concat: ni.features.map((f) => {
      const hi = Math.max(f.actual, f.null_values.length ? maxOf(f.null_values) : 0) * 1.05 || 1;
      const bins = histogramBins(f.null_values, nBins, [0, hi]);
      const x = {
        field: 'x0',
        type: 'quantitative' as const,
        title: `gain importance (${gainUnit(t)})`,
        scale: { domain: [0, hi], nice: false },
        axis: { titleLimit: 300, titleFontSize: 10, tickCount: 4 },
      };
      return {
        title: `${f.feature}: ${f.kept ? (f.forced ? 'kept (--keep)' : 'kept') : 'dropped'}`,
        width: 180,
        height: 110,
        layer: [
          {
            data: { values: bins },
            mark: { type: 'rect', color: '#9bb7d4', stroke: '#4c78a8', strokeWidth: 0.5 },
            encoding: {
              x,
              x2: { field: 'x1' },
              y: { field: 'count', type: 'quantitative', title: 'shuffles' },
            },
          },
          {
            data: { values: [{ x0: f.actual }] },
            mark: { type: 'rule', color: '#d62728', strokeWidth: 2 },
            encoding: { x },
          },
          {
            data: { values: [{ x0: f.null_q25 }] },
            mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
            encoding: { x },
          },
        ],
      };
    }),
  };
}

/** Unit of the gain importance (sum of squared-error decreases per tree) of a target: its unit squared. */
function gainUnit(t: TargetResult): string {
  const u = /\(([^()]*)\)$/.exec(t.label)?.[1] ?? 'target unit';
  return t.transform === 'log10' ? `(log10 ${u})²` : `${u}²`;
}

/** The paper's Fig. 4d–g features (cutoff voltage, electrolyte content, electrolyte composition, crucible type). */
export const PAPER_FIG4_FEATURES = [
  'cutoff_voltage_V',
  'electrolyte_content_mg_mg',
  'electrolyte_additive',
  'crucible_sealed',
] as const;

/** Features drawn in Fig. 4d–g: the paper's four and every top-`k` feature of any target, each selected for one target or more. */
export function fig4Features(r: PipelineResult, k = 5): string[] {
  const out: string[] = [];
  const add = (f: string): void => {
    if (!out.includes(f) && r.targets.some((t) => t.features.includes(f))) out.push(f);
  };
  PAPER_FIG4_FEATURES.forEach(add);
  for (const t of r.targets) t.ranking.slice(0, k).forEach((x) => add(x.feature));
  return out;
}

/**
 * One feature across the targets (Sun 2025 Fig. 4d–g): for each target in which the feature was selected, a row
 * with its SHAP values (x, in that target's unit, so rows have their own axes) in a beeswarm, coloured by the
 * feature value as in the summary plot. Targets that did not select it are named in the title.
 */
export function featureAcrossTargetsSpec(r: PipelineResult, feature: string): TopLevelSpec {
  const rows = r.targets.filter((t) => t.features.includes(feature));
  const missing = r.targets.filter((t) => !t.features.includes(feature)).map((t) => t.target);
  const title = `${feature}: SHAP values across ${r.targets.map((t) => t.target).join(' → ')}${missing.length ? ` (not selected for ${missing.join(', ')})` : ''}`;
  return {
    $schema: SCHEMA,
    title,
    description: `SHAP of one feature across targets (Sun 2025 Fig. 4d–g), ${title}`,
    vconcat: rows.map((t) => {
      const j = t.features.indexOf(feature);
      const shap = t.shap.values.map((row) => row[j]);
      const [lo, hi] = extent(shap);
      const off = swarmOffsets(shap, lo, hi, 60, 4);
      const norm = normalise(t.shap.X.map((row) => row[j]));
      const mean = shap.reduce((a, b) => a + Math.abs(b), 0) / (shap.length || 1);
      return {
        title: `${t.target} (mean |SHAP| = ${mean.toPrecision(3)})`,
        width: 420,
        height: 60,
        data: { values: shap.map((s, i) => ({ shap: s, offset: off[i], value_norm: norm[i] })) },
        mark: { type: 'circle', size: 14, opacity: 0.8 },
        encoding: {
          x: { field: 'shap', type: 'quantitative', title: `SHAP value (${unitLabel(t)})` },
          y: { field: 'offset', type: 'quantitative', scale: { domain: [-1.1, 1.1] }, axis: null },
          color: valueColour,
        },
      };
    }),
    resolve: { scale: { x: 'independent' } },
  };
}

/**
 * Feature-significance dynamics across onset → peak → power with red/green/grey classes (Sun 2025 Fig. 5). Every
 * top-`topPerTarget` feature of any target is drawn and labelled, the label at the target where its share is
 * largest (so features whose influence fades to 0 are labelled too).
 */
export function dynamicsSpec(r: PipelineResult, topPerTarget = 5): TopLevelSpec {
  const keep = new Set<string>();
  for (const t of r.targets) t.ranking.slice(0, topPerTarget).forEach((x) => keep.add(x.feature));
  const order = r.targets.map((t) => t.target);
  const kept = r.dynamics.filter((d) => keep.has(d.feature));
  const values = kept.flatMap((d) =>
    order.map((t) => ({ feature: d.feature, target: t, proportion: d.proportion[t] ?? 0, class: d.class })),
  );
  const labels = kept.map((d) => {
    const at = order.reduce((a, b) => ((d.proportion[b] ?? 0) > (d.proportion[a] ?? 0) ? b : a), order[0]);
    return { feature: d.feature, target: at, proportion: d.proportion[at] ?? 0, first: at === order[0] };
  });
  const x = { field: 'target', type: 'ordinal' as const, sort: order };
  const y = { field: 'proportion', type: 'quantitative' as const };
  const title = `Share of mean |SHAP| along ${order.join(' → ')} (top ${topPerTarget} features of each target)`;
  return {
    $schema: SCHEMA,
    title,
    description: `Feature significance dynamics (Sun 2025 Fig. 5), ${title}`,
    width: 420,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { ...x, title: null, axis: { labelAngle: 0 } },
          y: { ...y, title: 'share of mean |SHAP| (fraction of the target total)' },
          detail: { field: 'feature', type: 'nominal' },
          color: {
            field: 'class',
            type: 'nominal',
            title: 'trend toward power',
            scale: { domain: ['red', 'green', 'grey'], range: ['#d62728', '#2ca02c', '#999999'] },
            legend: {
              orient: 'bottom',
              labelLimit: 300,
              labelExpr:
                "{red: 'red: fades', green: 'green: grows', grey: 'grey: no clear trend'}[datum.label]",
            },
          },
        },
      },
      ...[true, false].map((first) => ({
        data: { values: labels.filter((l) => l.first === first) },
        mark: {
          type: 'text' as const,
          fontSize: 10,
          ...(first ? { align: 'right' as const, dx: -7 } : { align: 'left' as const, dx: 7 }),
        },
        encoding: { x, y, text: { field: 'feature' } },
      })),
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
    description: `NCM ternary map (Sun 2025 Fig. 3a–c), ${t.target}: predicted ${t.label} at ${t.ternary.voltage_V} V, records as circles, grey: extrapolated (> ${t.ternary.max_distance} from any record)`,
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
    description: `Spearman correlation heat map (Sun 2025 Fig. 1a), |ρ| > ${r.spearman.removal.threshold} removed: ${r.spearman.removal.removed.map((x) => x.feature).join(', ') || 'none'}`,
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
    description: `Null importance screening, ${t.target}: actual gain importance against the null q${Math.round(100 * t.null_importance.quantile)} and median (${t.null_importance.shuffles} shuffles)`,
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
