/**
 * Geometry of the explainable-ML figures (src/dsc/plots.ts) against hand-made inputs: the rendered SVG is parsed
 * (vega writes each mark as a <path>/<rect> with an aria-label of its data and its position) and checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineResult, TargetResult } from '../../src/dsc/pipeline.ts';
import {
  beeswarmSpec,
  dependenceSpec,
  dynamicsSpec,
  featureAcrossTargetsSpec,
  fig4Features,
  nullHistogramSpec,
  paritySpec,
  renderSvg,
  VALUE_COLOURS,
} from '../../src/dsc/plots.ts';
import { histogramBins, swarmOffsets } from '../../src/dsc/plot-layout.ts';

interface Mark {
  label: string;
  x: number;
  y: number;
  fill: string | undefined;
  d: string | undefined;
  attrs: string;
}

/** The marks of the vega mark groups whose class contains `cls` (e.g. 'mark-symbol'), in document order. */
function marks(svg: string, cls: string): Mark[] {
  const out: Mark[] = [];
  const groupRe = new RegExp(`<g class="${cls} role-mark[^"]*"[^>]*>(.*?)</g>`, 'g');
  for (const g of svg.matchAll(groupRe)) {
    for (const m of g[1].matchAll(/<(?:path|rect|text|line)([^>]*)>/g)) {
      const a = m[1];
      const tr = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(a);
      out.push({
        label: /aria-label="([^"]*)"/.exec(a)?.[1] ?? '',
        x: tr ? Number(tr[1]) : NaN,
        y: tr ? Number(tr[2]) : NaN,
        fill: /fill="([^"]*)"/.exec(a)?.[1],
        d: /\sd="([^"]*)"/.exec(a)?.[1],
        attrs: a,
      });
    }
  }
  return out;
}

/** Value of `key` in a vega aria-label "a: 1; b: x". */
function field(label: string, key: string): string | undefined {
  for (const part of label.split('; ')) {
    const i = part.indexOf(': ');
    if (part.slice(0, i) === key) return part.slice(i + 2);
  }
  return undefined;
}

/** A hand-made target result: only the fields the figures read. */
function target(over: Partial<TargetResult> = {}): TargetResult {
  return {
    target: 'onset',
    column: 'onset_T_K',
    transform: 'none',
    label: 'onset T (K)',
    n_records: 4,
    metrics: {
      train: { r2: 0.9, rmse: 3, mae: 2 },
      test: { r2: 0.8, rmse: 4, mae: 3 },
    },
    parity: [
      { split: 'train', y_true: 430, y_pred: 440 },
      { split: 'train', y_true: 500, y_pred: 500 },
      { split: 'test', y_true: 570, y_pred: 560 },
    ],
    features: ['ni_content', 'crucible_sealed'],
    shap: {
      method: 'exact',
      base_value: 500,
      background_size: 4,
      // crucible: records 0 and 1 tie at SHAP 2 (both sealed = 1); record 3 has the max nickel content
      values: [
        [-5, 2],
        [1, 2],
        [3, -6],
        [-8, 2],
      ],
      X: [
        [0.5, 1],
        [0.33, 1],
        [0.2, 0],
        [0.9, 1],
      ],
      record_ids: [1, 2, 3, 4],
    },
    ranking: [
      { feature: 'ni_content', mean_abs_shap: 4.25, sign: -1, rho_value_shap: -1, se: 0, relative_se: 0 },
      { feature: 'crucible_sealed', mean_abs_shap: 3, sign: 1, rho_value_shap: 1, se: 0, relative_se: 0 },
    ],
    null_importance: {
      shuffles: 7,
      quantile: 0.25,
      kept: ['ni_content'],
      features: [
        {
          feature: 'ni_content',
          actual: 10,
          null_q25: 1,
          null_median: 2,
          null_values: [0, 0.5, 1, 1, 2, 3, 9.9],
          kept: true,
        },
      ],
    },
    ...over,
  } as unknown as TargetResult;
}

test('parity: both axes have the same domain (not from 0) and a point (x, x) lies on the drawn y = x line', async () => {
  const svg = await renderSvg(paritySpec(target()));
  const axes = [
    ...svg.matchAll(
      /aria-label="([XY])-axis titled '[^']*' for a linear scale with values from (\S+) to ([^"]+)"/g,
    ),
  ];
  assert.equal(axes.length, 2);
  assert.deepEqual([axes[0][2], axes[0][3]], [axes[1][2], axes[1][3]], 'same domain on x and y');
  assert.ok(Number(axes[0][2]) > 400, `domain starts near the data, not at 0: ${axes[0][2]}`);
  const line = marks(svg, 'mark-line')[0].d!;
  const [x0, y0, x1, y1] = /^M([-\d.]+),([-\d.]+)L([-\d.]+),([-\d.]+)$/.exec(line)!.slice(1).map(Number);
  assert.deepEqual([x0, y0, x1, y1], [0, 360, 360, 0], 'y = x spans the square plot corner to corner');
  const onLine = marks(svg, 'mark-symbol').find((m) => m.label.includes('500') && !m.label.includes('440'))!;
  assert.ok(onLine, 'the (500, 500) point');
  const yOnLine = y0 + ((onLine.x - x0) * (y1 - y0)) / (x1 - x0);
  assert.ok(Math.abs(onLine.y - yOnLine) < 1e-6, `(500, 500) at ${onLine.x},${onLine.y}, line y ${yOnLine}`);
  // a point below the diagonal in data (pred < true) is drawn below the line (larger SVG y)
  const below = marks(svg, 'mark-symbol').find((m) => m.label.includes('560'))!;
  assert.ok(below.y > y0 + ((below.x - x0) * (y1 - y0)) / (x1 - x0));
  assert.match(svg, /^<svg[^>]*><title>Parity plot \(Sun 2025 Fig\. 2\), onset: SVR parity/);
});

test('swarmOffsets: tied values get distinct offsets, deterministic; histogramBins counts by hand', () => {
  const off = swarmOffsets([2, 2, 2, -6], -8, 3);
  assert.deepEqual(off.slice(0, 3), [0, 1 / 6, -1 / 6]);
  assert.equal(off[3], 0);
  assert.deepEqual(swarmOffsets([2, 2, 2, -6], -8, 3), off);
  // [0, 10] in 5 bins of 2: 0, 0.5, 1, 1 → bin 0 (4); 2, 3 → bin 1 (2); 9.9 → bin 4 (1); 10 (= hi) → last bin
  const bins = histogramBins([0, 0.5, 1, 1, 2, 3, 9.9, 10, 11], 5, [0, 10]);
  assert.deepEqual(
    bins.map((b) => b.count),
    [4, 2, 0, 0, 2],
  );
  assert.deepEqual(
    bins.map((b) => [b.x0, b.x1]),
    [
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
    ],
  );
  assert.deepEqual(
    histogramBins([0, 0, 0], 2).map((b) => [b.x0, b.x1, b.count]),
    [
      [-0.5, 0, 0],
      [0, 0.5, 3],
    ],
  );
});

test('beeswarm: tied SHAP values get different y offsets; the max feature value has the high colour, ties with it too', async () => {
  const svg = await renderSvg(beeswarmSpec(target()));
  const pts = marks(svg, 'mark-symbol');
  assert.equal(pts.length, 8);
  const crucible = pts.filter((m) => field(m.label, 'feature') === 'crucible_sealed');
  const shapOf = (m: Mark): number => Number(field(m.label, 'SHAP value (onset T (K))')!.replace('−', '-'));
  const tied = crucible.filter((m) => shapOf(m) === 2);
  assert.equal(tied.length, 3);
  assert.equal(new Set(tied.map((m) => m.y)).size, 3, `tied points at y ${tied.map((m) => m.y).join(',')}`);
  assert.ok(
    tied.every((m) => m.x === tied[0].x),
    'same SHAP value, same x',
  );
  const rgb = (hex: string): string =>
    `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  const isColour = (fill: string | undefined, hex: string): boolean => fill === hex || fill === rgb(hex);
  // sealed (1) is the max of the crucible column: all three tied sealed records are drawn in the high colour
  for (const m of tied) assert.ok(isColour(m.fill, VALUE_COLOURS.high), `sealed drawn ${m.fill}`);
  const open = crucible.find((m) => shapOf(m) === -6)!;
  assert.ok(isColour(open.fill, VALUE_COLOURS.low), `open drawn ${open.fill}`);
  const ni = pts.filter((m) => field(m.label, 'feature') === 'ni_content');
  const maxNi = ni.find((m) => shapOf(m) === -8)!;
  assert.ok(isColour(maxNi.fill, VALUE_COLOURS.high), `max Ni drawn ${maxNi.fill}`);
  assert.match(svg, /<title>SHAP summary beeswarm \(Sun 2025 Fig\. 4a–c\)/);
  assert.ok(svg.includes('SHAP value (onset T (K))'), 'x axis title with the unit');
});

test('dependence: one panel per top feature, points at (value, SHAP), axis titles with units', async () => {
  const svg = await renderSvg(dependenceSpec(target()));
  assert.match(svg, /<title>SHAP dependence plots, onset:/);
  assert.ok(svg.includes('ni_content: Ni per formula unit'));
  assert.ok(svg.includes('SHAP (onset T (K))'));
  const pts = marks(svg, 'mark-symbol');
  assert.equal(pts.length, 8);
  // within the Ni panel, SHAP −8 (max Ni 0.9) is the lowest point and the rightmost
  const ni = pts.slice(0, 4);
  const maxNi = ni.reduce((a, b) => (b.x > a.x ? b : a));
  assert.equal(
    maxNi,
    ni.reduce((a, b) => (b.y > a.y ? b : a)),
  );
});

test('null-importance histogram (Fig. 1d/e): bar counts equal the hand count, actual importance drawn', async () => {
  const svg = await renderSvg(nullHistogramSpec(target(), 5));
  const bars = marks(svg, 'mark-rect');
  // range [0, 10 · 1.05 = 10.5] in 5 bins of 2.1: {0, 0.5, 1, 1, 2} | {3} | – | – | {9.9}
  assert.deepEqual(
    bars.map((b) => Number(field(b.label, 'shuffles'))),
    [5, 1, 0, 0, 1],
  );
  const heights = bars.map((b) => Number(/v([\d.]+)h/.exec(b.d!)![1]));
  assert.ok(Math.abs(heights[0] / heights[1] - 5) < 1e-6, `bar heights ∝ counts: ${heights.join(',')}`);
  assert.match(svg, /<title>Null importance histograms \(Sun 2025 Fig\. 1d\/e\), onset/);
  assert.ok(svg.includes('ni_content: kept'));
  assert.ok(
    svg.includes('gain importance (K²)'),
    'x axis title with the unit of the gain (target unit squared)',
  );
  const rules = marks(svg, 'mark-rule');
  assert.equal(rules.length, 2, 'actual and q25 rules');
  // 180 px wide panel over [0, 10.5]: the actual importance 10 at 180·10/10.5, the q25 (1) at 180/10.5
  assert.ok(Math.abs(rules[0].x - (180 * 10) / 10.5) < 0.01, `actual at ${rules[0].x}`);
  assert.ok(Math.abs(rules[1].x - 180 / 10.5) < 0.01, `q25 at ${rules[1].x}`);
});

/** Three targets with hand-made rankings: `fade` is top-5 for onset and peak only (share 0 for power). */
function pipeline(): PipelineResult {
  const feats = ['a', 'b', 'c', 'd', 'e', 'fade', 'cutoff_voltage_V'];
  const mk = (name: 'onset' | 'peak' | 'power', order: string[]): TargetResult =>
    target({
      target: name,
      label: name === 'power' ? 'log10 max power (W/g)' : `${name} T (K)`,
      features: order,
      ranking: order.map((feature, k) => ({
        feature,
        mean_abs_shap: 10 - k,
        sign: 1,
        rho_value_shap: 1,
        se: 0,
        relative_se: 0,
      })),
      shap: {
        method: 'exact',
        base_value: 0,
        background_size: 2,
        values: [order.map((_, k) => k), order.map((_, k) => -k)],
        X: [order.map(() => 0), order.map(() => 1)],
        record_ids: [1, 2],
      },
    });
  const onset = mk('onset', ['fade', 'a', 'b', 'c', 'd', 'cutoff_voltage_V']);
  const peak = mk('peak', ['fade', 'b', 'a', 'c', 'e', 'cutoff_voltage_V']);
  const power = mk('power', ['e', 'd', 'c', 'b', 'a']);
  const share = (t: TargetResult, f: string): number => {
    const tot = t.ranking.reduce((s, r) => s + r.mean_abs_shap, 0);
    return (t.ranking.find((r) => r.feature === f)?.mean_abs_shap ?? 0) / tot;
  };
  return {
    targets: [onset, peak, power],
    dynamics: feats.map((f) => ({
      feature: f,
      proportion: { onset: share(onset, f), peak: share(peak, f), power: share(power, f) },
      class: f === 'fade' ? 'red' : 'grey',
    })),
  } as unknown as PipelineResult;
}

test('Fig. 5: every top-5 feature of any target is labelled, the fading one too', async () => {
  const r = pipeline();
  const svg = await renderSvg(dynamicsSpec(r));
  const texts = [...svg.matchAll(/<g class="mark-text role-mark[^"]*"[^>]*>(.*?)<\/g>/g)]
    .flatMap((g) => [...g[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]))
    .sort();
  assert.deepEqual(texts, ['a', 'b', 'c', 'd', 'e', 'fade']);
  assert.match(svg, /<title>Feature significance dynamics \(Sun 2025 Fig\. 5\)/);
  assert.ok(svg.includes('red: fades'));
});

test('Fig. 4d–g: one row per target that selected the feature, the others named; the paper features first', async () => {
  const r = pipeline();
  assert.deepEqual(fig4Features(r), ['cutoff_voltage_V', 'fade', 'a', 'b', 'c', 'd', 'e']);
  const svg = await renderSvg(featureAcrossTargetsSpec(r, 'cutoff_voltage_V'));
  assert.match(
    svg,
    /<title>SHAP of one feature across targets \(Sun 2025 Fig\. 4d–g\), cutoff_voltage_V: SHAP values across onset → peak → power \(not selected for power\)/,
  );
  assert.equal(marks(svg, 'mark-symbol').length, 4, '2 records × 2 targets');
  assert.ok(svg.includes('SHAP value (onset T (K))') && svg.includes('SHAP value (peak T (K))'));
  // onset: cutoff is the 6th feature (k = 5): SHAP 5 for the record with value 0 (low), −5 for value 1 (high)
  const pts = marks(svg, 'mark-symbol').slice(0, 2);
  assert.ok(pts[0].x > pts[1].x);
  assert.ok([VALUE_COLOURS.low, 'rgb(30, 136, 229)'].includes(pts[0].fill!), pts[0].fill);
});
