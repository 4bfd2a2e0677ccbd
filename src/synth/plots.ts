import type { TopLevelSpec } from 'vega-lite';
import { renderVegaLiteSvg } from '../report/render-svg.ts';
import type { Dataset } from './dataset-reader.ts';
import { isValidFlags } from './validity.ts';
import { gridTemperatures_K } from './grid.ts';
import { kelvinToCelsius } from '../kinetics/constants.ts';
import { kceLineLgA } from './materials.ts';

/*
 * Fig. 8-style figures of a synthetic dataset (Zhou 2026 Fig. 8 A–D) as Vega-Lite specs, rendered to SVG by the
 * shared headless renderer (src/report/render-svg.ts).
 */

/** Every k-th index so that at most `max` are kept (deterministic thinning for scatter plots). */
function thin(indices: number[], max: number): number[] {
  if (indices.length <= max) return indices;
  const step = indices.length / max;
  return Array.from({ length: max }, (_, j) => indices[Math.floor(j * step)]);
}

function labelHistogram(ds: Dataset, column: 0 | 1, title: string): TopLevelSpec {
  const m = ds.manifest;
  const values = Array.from({ length: m.count }, (_, i) => ({
    material: m.materials[ds.material[i]],
    value: ds.labels[i * 3 + column],
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    mark: { type: 'bar', opacity: 0.85 },
    encoding: {
      x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title },
      y: { aggregate: 'count', type: 'quantitative', title: 'samples' },
      color: { field: 'material', type: 'nominal', title: 'material' },
      row: { field: 'material', type: 'nominal', title: null },
    },
    resolve: { scale: { y: 'independent' } },
    width: 420,
    height: 90,
  };
}

function kceScatter(ds: Dataset, maxPoints: number): TopLevelSpec {
  const m = ds.manifest;
  const idx = thin(
    Array.from({ length: m.count }, (_, i) => i),
    maxPoints,
  );
  const points = idx.map((i) => ({
    material: m.materials[ds.material[i]],
    share: m.shares[ds.share[i]],
    valid: isValidFlags(ds.flags[i]) ? 'valid' : 'invalid',
    Ea_kJ_mol: ds.labels[i * 3],
    lgA_s: ds.labels[i * 3 + 1],
  }));
  const lines = m.spec.materials.flatMap((mat) =>
    mat.Ea_window_kJ_mol.map((Ea) => ({ material: mat.name, Ea_kJ_mol: Ea, lgA_s: kceLineLgA(mat, Ea) })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `(Ea, lgA) of ${points.length} of ${m.count} samples; lines: KCE lines`,
    width: 520,
    height: 380,
    layer: [
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 9, opacity: 0.5 },
        encoding: {
          x: { field: 'Ea_kJ_mol', type: 'quantitative', title: 'Ea (kJ/mol)', scale: { zero: false } },
          y: { field: 'lgA_s', type: 'quantitative', title: 'lg(A/s⁻¹)', scale: { zero: false } },
          color: { field: 'material', type: 'nominal' },
          shape: { field: 'share', type: 'nominal' },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'Ea_kJ_mol', type: 'quantitative' },
          y: { field: 'lgA_s', type: 'quantitative' },
          detail: { field: 'material', type: 'nominal' },
          color: { field: 'material', type: 'nominal' },
        },
      },
    ],
  };
}

/**
 * Example triplets like Zhou Fig. 8D: the valid samples (either share) closest to the paper's low-barrier
 * (Ea 135.1, lgA 11.4) and high-stability (Ea 251.2, lgA 11.77) cases, distance in (Ea/40 kJ/mol, lgA) units.
 */
export function exampleSamples(
  ds: Dataset,
  targets: [number, number][] = [
    [135.1, 11.4],
    [251.2, 11.77],
  ],
): number[] {
  const picks: number[] = [];
  for (const [Ea, lgA] of targets) {
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < ds.manifest.count; i++) {
      if (!isValidFlags(ds.flags[i]) || picks.includes(i)) continue;
      const d = ((ds.labels[i * 3] - Ea) / 40) ** 2 + (ds.labels[i * 3 + 1] - lgA) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0) picks.push(best);
  }
  return picks;
}

function tripletPlot(ds: Dataset, picks: number[]): TopLevelSpec {
  const m = ds.manifest;
  const R = m.rates_K_min.length;
  const P = m.points;
  const T_C = Array.from(gridTemperatures_K(m.grid_C), kelvinToCelsius);
  const values: Record<string, unknown>[] = [];
  for (const i of picks) {
    const name = `#${i} ${m.materials[ds.material[i]]} (${m.shares[ds.share[i]]}): Ea ${ds.labels[i * 3].toFixed(1)} kJ/mol, lgA ${ds.labels[i * 3 + 1].toFixed(2)}`;
    for (let r = 0; r < R; r++) {
      for (let p = 0; p < P; p++) {
        values.push({
          sample: name,
          rate: `${m.rates_K_min[r]} K/min`,
          T_C: T_C[p],
          dtg: ds.curves[(i * R + r) * P + p],
        });
      }
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Example triplets (stored curves: peak-normalized, with noise)',
    data: { values },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: {
        field: 'T_C',
        type: 'quantitative',
        title: 'T (°C)',
        scale: { domain: [m.grid_C.start, m.grid_C.end] },
      },
      y: { field: 'dtg', type: 'quantitative', title: 'normalized dα/dT' },
      color: { field: 'rate', type: 'nominal', title: 'β', sort: null },
      row: {
        field: 'sample',
        type: 'nominal',
        title: null,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12 },
      },
    },
    width: 520,
    height: 160,
  };
}

/** The four figures as { file name: SVG text }. */
export async function datasetFigures(ds: Dataset, maxScatterPoints = 4000): Promise<Record<string, string>> {
  return {
    'ea-distribution.svg': await renderVegaLiteSvg(labelHistogram(ds, 0, 'Ea (kJ/mol)')),
    'lgA-distribution.svg': await renderVegaLiteSvg(labelHistogram(ds, 1, 'lg(A/s⁻¹)')),
    'kce-scatter.svg': await renderVegaLiteSvg(kceScatter(ds, maxScatterPoints)),
    'example-triplets.svg': await renderVegaLiteSvg(tripletPlot(ds, exampleSamples(ds))),
  };
}
