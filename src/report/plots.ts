import type { TopLevelSpec } from 'vega-lite';
import type { AnalyzeResult, StageResult } from '../analysis/analyze.ts';
import { extent, maxOf, minOf } from '../core/statistics.ts';

/**
 * Vega-Lite specifications of the `ckin analyze` report plots. Data are inlined; temperatures are shown in °C
 * (converted here, at the edge), rates in K/min, Ea in kJ/mol.
 */
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 520;
const HEIGHT = 300;

/** Every run's rate signal over its analysed segment (DTG or heat flow), normalised, coloured by heating rate. */
export function rateCurvesSpec(result: AnalyzeResult): TopLevelSpec {
  const values: { T_C: number; rate: number; beta: string; file: string }[] = [];
  for (const r of result.runs) {
    if (!r.rateCurve || r.beta_K_min === undefined) continue;
    const step = Math.max(1, Math.floor(r.rateCurve.T_K.length / 800)); // ≤ 800 points per curve keeps the SVG small
    for (let i = 0; i < r.rateCurve.T_K.length; i += step) {
      values.push({
        T_C: r.rateCurve.T_K[i] - 273.15,
        rate: r.rateCurve.rate_norm[i],
        beta: `${fmtRate(r.beta_K_min)} K/min`,
        file: r.file,
      });
    }
  }
  const label = result.runs.find((r) => r.rateCurve)?.rateCurve?.label ?? 'rate, normalised';
  const rules = result.stages.flatMap((s) =>
    s.peaks.length ? [{ T_C: s.T_peak_mean_K - 273.15, stage: `stage ${s.stage}` }] : [],
  );
  return {
    $schema: SCHEMA,
    title: 'Rate signals overlaid (each normalised to its maximum)',
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
          y: { field: 'rate', type: 'quantitative', title: label },
          color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(values) },
          detail: { field: 'file', type: 'nominal' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888' },
        encoding: { x: { field: 'T_C', type: 'quantitative' } },
      },
    ],
  };
}

/** dα/dT of each run over one stage window. */
export function stageCurvesSpec(stage: StageResult): TopLevelSpec {
  const values: { T_C: number; dadT: number; beta: string }[] = [];
  for (const c of stage.curves) {
    const step = Math.max(1, Math.floor(c.T_K.length / 600));
    for (let i = 0; i < c.T_K.length; i += step) {
      values.push({ T_C: c.T_K[i] - 273.15, dadT: c.dadT_per_K[i], beta: `${fmtRate(c.beta_K_min)} K/min` });
    }
  }
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: dα/dT`,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
      y: { field: 'dadT', type: 'quantitative', title: 'dα/dT (1/K)' },
      color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(values) },
    },
  };
}

/** Legend labels "x K/min" in numeric order (Vega-Lite would sort the strings: 10, 15, 2, 20). */
function betaOrder(values: { beta: string }[]): string[] {
  return [...new Set(values.map((v) => v.beta))].sort((a, b) => parseFloat(a) - parseFloat(b));
}

/** Kissinger plot: ln(β/Tp²) (β in K/s) against 1000/Tp with the fitted line. */
export function kissingerSpec(stage: StageResult): TopLevelSpec | undefined {
  const k = stage.kissinger;
  if (!k) return undefined;
  const pts = k.points.map((p) => ({
    x: p.x_1000_per_K,
    y: p.y_ln_beta_K_s_per_T2,
    beta: `${fmtRate(p.beta_K_min)} K/min`,
  }));
  const xs = pts.map((p) => p.x);
  const [x0, x1] = extent(xs);
  const pad = 0.05 * (x1 - x0 || 1);
  const line = [x0 - pad, x1 + pad].map((x) => ({ x, y: k.intercept + (k.slope_K * x) / 1000 }));
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: Kissinger, Ea = ${k.Ea_kJ_mol.toFixed(1)} kJ/mol, R² = ${k.r2.toFixed(4)}`,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: line },
        mark: { type: 'line', color: '#555' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: '1000/T_peak (1/K)', scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: 'ln(β/T_peak²), β in K/s', scale: { zero: false } },
        },
      },
      {
        data: { values: pts },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(pts) },
        },
      },
    ],
  };
}

/** Ea(α) from Friedman and Vyazovkin with 95 % limits, and the Kissinger value as a reference line. */
export function eaAlphaSpec(stage: StageResult): TopLevelSpec | undefined {
  const values: { alpha: number; Ea: number; lo: number; hi: number; method: string }[] = [];
  for (const [name, res] of [
    ['Friedman', stage.friedman],
    ['Vyazovkin', stage.vyazovkin],
  ] as const) {
    if (!res) continue;
    for (const r of res.rows) {
      if (!Number.isFinite(r.Ea_kJ_mol)) continue;
      values.push({
        alpha: r.alpha,
        Ea: r.Ea_kJ_mol,
        lo: Number.isFinite(r.Ea_ci95_low_kJ_mol) ? r.Ea_ci95_low_kJ_mol : r.Ea_kJ_mol,
        hi: Number.isFinite(r.Ea_ci95_high_kJ_mol) ? r.Ea_ci95_high_kJ_mol : r.Ea_kJ_mol,
        method: name,
      });
    }
  }
  if (values.length === 0) return undefined;
  // y-domain at least 10 kJ/mol tall, so that a constant Ea is not drawn as a dramatic trend at 0.01 kJ/mol scale
  let yLo = minOf(values.map((v) => v.lo));
  let yHi = maxOf(values.map((v) => v.hi));
  if (stage.kissinger && Number.isFinite(stage.kissinger.Ea_kJ_mol)) {
    yLo = Math.min(yLo, stage.kissinger.Ea_kJ_mol);
    yHi = Math.max(yHi, stage.kissinger.Ea_kJ_mol);
  }
  const mid = (yLo + yHi) / 2;
  const domain = [Math.min(yLo, mid - 5), Math.max(yHi, mid + 5)];
  const layers: unknown[] = [
    {
      data: { values },
      mark: { type: 'errorbar', ticks: true },
      encoding: {
        x: { field: 'alpha', type: 'quantitative', title: 'Conversion α', scale: { domain: [0, 1] } },
        y: { field: 'lo', type: 'quantitative', title: 'Ea (kJ/mol)', scale: { zero: false, domain } },
        y2: { field: 'hi' },
        color: { field: 'method', type: 'nominal', title: 'method' },
      },
    },
    {
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'alpha', type: 'quantitative' },
        y: { field: 'Ea', type: 'quantitative' },
        color: { field: 'method', type: 'nominal' },
      },
    },
  ];
  if (stage.kissinger) {
    layers.push({
      data: { values: [{ Ea: stage.kissinger.Ea_kJ_mol, label: 'Kissinger' }] },
      mark: { type: 'rule', strokeDash: [6, 3], color: '#444' },
      encoding: { y: { field: 'Ea', type: 'quantitative' } },
    });
  }
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: Ea(α) (95 % limits; dashed: Kissinger)`,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
  } as TopLevelSpec;
}

export function fmtRate(beta: number): string {
  return Number(beta.toFixed(3)).toString();
}
