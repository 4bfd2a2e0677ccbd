import { fmtRate } from '../core/format.ts';
import type { TopLevelSpec } from 'vega-lite';
import type { AnalyzeResult, StageResult } from '../analysis/analyze.ts';
import { extent, maxOf, mean, minOf } from '../core/statistics.ts';
import type { IsoRow } from '../analysis/isoconversional/result.ts';
import { pointAtConversion } from '../analysis/isoconversional/isoconversional-point.ts';
import { kPerMinToKPerS, R_J_PER_MOL_K } from '../kinetics/constants.ts';

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
  const windows = stageWindows(result.stages);
  return {
    $schema: SCHEMA,
    title: 'Rate signals overlaid (each normalised to its maximum; shaded: stage windows)',
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: windows },
        mark: { type: 'rect', color: '#9bb7d4', opacity: 0.25 },
        encoding: {
          x: { field: 'lo_C', type: 'quantitative' },
          x2: { field: 'hi_C' },
          tooltip: [
            { field: 'stage', type: 'nominal', title: 'stage window' },
            { field: 'lo_C', type: 'quantitative', title: 'from (°C)', format: '.1f' },
            { field: 'hi_C', type: 'quantitative', title: 'to (°C)', format: '.1f' },
          ],
        },
      },
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

/**
 * The window of each stage in °C, the mean over the runs of the per-run windows (the analysis picks each run's
 * window around its own peak; the band shows where the stage lies).
 */
export function stageWindows(stages: StageResult[]): { stage: string; lo_C: number; hi_C: number }[] {
  return stages
    .filter((s) => s.peaks.length)
    .map((s) => ({
      stage: `stage ${s.stage}`,
      lo_C: mean(s.peaks.map((p) => p.window_K[0])) - 273.15,
      hi_C: mean(s.peaks.map((p) => p.window_K[1])) - 273.15,
    }));
}

/** Linear interpolation of y(x) at x0 on increasing x (clamped to the ends). */
function interpolate(x: ArrayLike<number>, y: ArrayLike<number>, x0: number): number {
  if (x.length === 0) return NaN;
  if (x0 <= x[0]) return y[0];
  for (let i = 1; i < x.length; i++) {
    if (x[i] >= x0) return y[i - 1] + ((y[i] - y[i - 1]) * (x0 - x[i - 1])) / (x[i] - x[i - 1]);
  }
  return y[x.length - 1];
}

/** dα/dT of each run over one stage window, with each run's peak (the T_peak of the peak table) marked. */
export function stageCurvesSpec(stage: StageResult): TopLevelSpec {
  const values: { T_C: number; dadT: number; beta: string }[] = [];
  for (const c of stage.curves) {
    const step = Math.max(1, Math.floor(c.T_K.length / 600));
    for (let i = 0; i < c.T_K.length; i += step) {
      values.push({ T_C: c.T_K[i] - 273.15, dadT: c.dadT_per_K[i], beta: `${fmtRate(c.beta_K_min)} K/min` });
    }
  }
  const peaks = stage.peaks.flatMap((p) => {
    const c = stage.curves.find((x) => x.file === p.file && x.beta_K_min === p.beta_K_min);
    return c
      ? [
          {
            T_C: p.T_peak_K - 273.15,
            dadT: interpolate(c.T_K, c.dadT_per_K, p.T_peak_K),
            beta: `${fmtRate(p.beta_K_min)} K/min`,
            what: 'peak',
          },
        ]
      : [];
  });
  const order = betaOrder(values);
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: dα/dT (points: peaks)`,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
          y: { field: 'dadT', type: 'quantitative', title: 'dα/dT (1/K)' },
          color: { field: 'beta', type: 'nominal', title: 'β', sort: order },
        },
      },
      {
        data: { values: peaks },
        mark: { type: 'point', filled: true, size: 60, shape: 'diamond' },
        encoding: {
          x: { field: 'T_C', type: 'quantitative' },
          y: { field: 'dadT', type: 'quantitative' },
          color: { field: 'beta', type: 'nominal', sort: order },
          tooltip: [
            { field: 'beta', type: 'nominal', title: 'β' },
            { field: 'T_C', type: 'quantitative', title: 'T peak (°C)', format: '.2f' },
          ],
        },
      },
    ],
  };
}

/** α(T) of each run over one stage window. */
export function alphaCurvesSpec(stage: StageResult): TopLevelSpec {
  const values: { T_C: number; alpha: number; beta: string }[] = [];
  for (const c of stage.curves) {
    const step = Math.max(1, Math.floor(c.T_K.length / 600));
    for (let i = 0; i < c.T_K.length; i += step) {
      values.push({ T_C: c.T_K[i] - 273.15, alpha: c.alpha[i], beta: `${fmtRate(c.beta_K_min)} K/min` });
    }
  }
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: conversion α(T)`,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
      y: { field: 'alpha', type: 'quantitative', title: 'Conversion α', scale: { domain: [0, 1] } },
      color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(values) },
    },
  };
}

/**
 * The Friedman isoconversional plot: for a few conversions α, the points ln(β·dα/dT) (β in K/s, so ln of dα/dt in
 * s⁻¹) against 1000/T_α of every run (taken with `pointAtConversion`, as the method does) and the method's fitted
 * line ln(dα/dt) = intercept − Ea/(R·T) (Friedman 1964). Points off their line are what widens the Ea(α) band.
 */
export function isoconversionalSpec(stage: StageResult, maxLines = 10): TopLevelSpec | undefined {
  const fr = stage.friedman;
  if (!fr) return undefined;
  const rows = fr.rows.filter(
    (r): r is IsoRow & { intercept: number } => Number.isFinite(r.Ea_kJ_mol) && r.intercept !== undefined,
  );
  if (!rows.length) return undefined;
  const every = Math.max(1, Math.ceil(rows.length / maxLines));
  const chosen = rows.filter((_r, i) => i % every === 0);
  const points: { x_1000_per_K: number; y_ln_dadt_s: number; alpha: string; beta: string }[] = [];
  const lines: { x_1000_per_K: number; y_ln_dadt_s: number; alpha: string }[] = [];
  for (const r of chosen) {
    const label = `α = ${Number(r.alpha.toFixed(3))}`;
    const xs: number[] = [];
    for (const c of stage.curves) {
      let p;
      try {
        p = pointAtConversion(c, r.alpha);
      } catch {
        continue; // a run that never reaches this α has no point (the method then fails too)
      }
      const x = 1000 / p.T_K;
      xs.push(x);
      points.push({
        x_1000_per_K: x,
        y_ln_dadt_s: Math.log(kPerMinToKPerS(p.beta_K_min) * p.dadT_per_K),
        alpha: label,
        beta: `${fmtRate(p.beta_K_min)} K/min`,
      });
    }
    if (xs.length < 2) continue;
    const slope = (-r.Ea_kJ_mol * 1000) / R_J_PER_MOL_K; // K, per unit of 1/T
    const [x0, x1] = extent(xs);
    for (const x of [x0, x1])
      lines.push({ x_1000_per_K: x, y_ln_dadt_s: r.intercept + (slope * x) / 1000, alpha: label });
  }
  const order = chosen.map((r) => `α = ${Number(r.alpha.toFixed(3))}`);
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: Friedman isoconversional lines`,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 1.2 },
        encoding: {
          x: { field: 'x_1000_per_K', type: 'quantitative', title: '1000/T_α (1/K)', scale: { zero: false } },
          y: {
            field: 'y_ln_dadt_s',
            type: 'quantitative',
            title: 'ln(β·dα/dT), s⁻¹',
            scale: { zero: false },
          },
          color: { field: 'alpha', type: 'ordinal', title: 'conversion', sort: order },
          detail: { field: 'alpha', type: 'nominal' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          x: { field: 'x_1000_per_K', type: 'quantitative' },
          y: { field: 'y_ln_dadt_s', type: 'quantitative' },
          color: { field: 'alpha', type: 'ordinal', sort: order },
          shape: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(points) },
        },
      },
    ],
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
  const residuals = pts.map((p) => ({
    x: p.x,
    residual: p.y - (k.intercept + (k.slope_K * p.x) / 1000),
    beta: p.beta,
  }));
  const main = {
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
  const resid = {
    width: WIDTH,
    height: 110,
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#555' },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
      {
        data: { values: residuals },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: '1000/T_peak (1/K)', scale: { zero: false } },
          y: { field: 'residual', type: 'quantitative', title: 'residual' },
          color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(pts) },
        },
      },
    ],
  };
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: Kissinger, Ea = ${k.Ea_kJ_mol.toFixed(1)} kJ/mol, R² = ${k.r2.toFixed(4)} (below: residuals)`,
    vconcat: [main, resid],
    resolve: { scale: { x: 'shared' } },
  } as TopLevelSpec;
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

/**
 * Friedman's lg[A·f(α)] (the intercept of each isoconversional line, A in s⁻¹) with its 95 % limits, and the Kissinger
 * lgA as a reference line. Model-free: lgA itself is lg[A·f(α)] − lg f(α) for a chosen reaction model f; for a single
 * step the curve follows lg f(α), a curve far from that shape says the process is not one step.
 */
export function lgAfAlphaSpec(stage: StageResult): TopLevelSpec | undefined {
  const values: { alpha: number; lgAf: number; lo: number; hi: number }[] = [];
  for (const r of stage.friedman?.rows ?? []) {
    const v = r.lgAf_s;
    if (v === undefined || !Number.isFinite(v)) continue;
    const lo = r.lgAf_ci95_low_s ?? NaN;
    const hi = r.lgAf_ci95_high_s ?? NaN;
    values.push({
      alpha: r.alpha,
      lgAf: v,
      lo: Number.isFinite(lo) ? lo : v,
      hi: Number.isFinite(hi) ? hi : v,
    });
  }
  if (values.length === 0) return undefined;
  let yLo = minOf(values.map((v) => v.lo));
  let yHi = maxOf(values.map((v) => v.hi));
  const k = stage.kissinger && Number.isFinite(stage.kissinger.lgA_s) ? stage.kissinger.lgA_s : undefined;
  if (k !== undefined) {
    yLo = Math.min(yLo, k);
    yHi = Math.max(yHi, k);
  }
  // at least 1 decade tall, so that a constant value is not drawn as a trend at the 0.01 scale
  const mid = (yLo + yHi) / 2;
  const domain = [Math.min(yLo, mid - 0.5), Math.max(yHi, mid + 0.5)];
  const layers: unknown[] = [
    {
      data: { values },
      mark: { type: 'area', opacity: 0.25, color: '#1f77b4' },
      encoding: {
        x: { field: 'alpha', type: 'quantitative', title: 'Conversion α', scale: { domain: [0, 1] } },
        y: {
          field: 'lo',
          type: 'quantitative',
          title: 'lg[A·f(α) / s⁻¹] (Friedman)',
          scale: { zero: false, domain },
        },
        y2: { field: 'hi' },
      },
    },
    {
      data: { values },
      mark: { type: 'line', point: true, color: '#1f77b4' },
      encoding: {
        x: { field: 'alpha', type: 'quantitative' },
        y: { field: 'lgAf', type: 'quantitative' },
      },
    },
  ];
  if (k !== undefined) {
    layers.push({
      data: { values: [{ lgA: k, label: 'Kissinger lgA' }] },
      mark: { type: 'rule', strokeDash: [6, 3], color: '#444' },
      encoding: { y: { field: 'lgA', type: 'quantitative' } },
    });
  }
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: lg[A·f(α)] by Friedman (band: 95 % limits; dashed: Kissinger lgA)`,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
  } as TopLevelSpec;
}

/** The one display rounding of heating rates (src/core/format.ts), re-exported for the report. */
export { fmtRate };

/**
 * DSC stages: each run's heat flow over the stage window with the baseline drawn under its peak (dashed), the area
 * between them being what α is computed from. The title names the baseline and the Kissinger Ea it gives, so the
 * effect of choosing another baseline (`--baseline`, the page's DSC baseline menu) is visible in both.
 */
export function dscBaselineSpec(stage: StageResult): TopLevelSpec | undefined {
  const values: { T_C: number; W_g: number; beta: string; curve: string }[] = [];
  let kind: string | undefined;
  for (const c of stage.curves) {
    if (!c.dsc) continue;
    kind = c.dsc.baseline;
    const step = Math.max(1, Math.floor(c.T_K.length / 400));
    const beta = `${fmtRate(c.beta_K_min)} K/min`;
    for (let i = 0; i < c.T_K.length; i += step) {
      const T_C = c.T_K[i] - 273.15;
      values.push({ T_C, W_g: c.dsc.heatFlow_W_g[i], beta, curve: 'heat flow' });
      values.push({ T_C, W_g: c.dsc.baseline_W_g[i], beta, curve: 'baseline' });
    }
  }
  if (!kind) return undefined;
  const k = stage.kissinger;
  const ea = k && Number.isFinite(k.Ea_kJ_mol) ? `; Kissinger Ea = ${k.Ea_kJ_mol.toFixed(1)} kJ/mol` : '';
  return {
    $schema: SCHEMA,
    title: `Stage ${stage.stage}: DSC heat flow and the ${kind} baseline under each peak (dashed)${ea}`,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
      y: {
        field: 'W_g',
        type: 'quantitative',
        title: 'Heat flow (W/g, exotherm up)',
        scale: { zero: false },
      },
      color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder(values) },
      strokeDash: {
        field: 'curve',
        type: 'nominal',
        title: 'curve',
        scale: {
          domain: ['heat flow', 'baseline'],
          range: [
            [1, 0],
            [5, 3],
          ],
        },
      },
      detail: { field: 'curve', type: 'nominal' },
    },
  };
}

/** The plots of one stage, in the order the report shows them (absent ones null). */
export interface StageSpecs {
  stage: number;
  alpha: TopLevelSpec;
  curves: TopLevelSpec;
  kissinger: TopLevelSpec | null;
  iso: TopLevelSpec | null;
  ea: TopLevelSpec | null;
  lga: TopLevelSpec | null;
  /** DSC stages only: heat flow with the chosen baseline. */
  baseline: TopLevelSpec | null;
}

/** Every plot of an analysis: the overview and, per stage, α(T), dα/dT, Kissinger, isoconversional, Ea(α), lg[A·f(α)]. */
export function analysisSpecs(res: AnalyzeResult): { overview: TopLevelSpec; stages: StageSpecs[] } {
  return {
    overview: rateCurvesSpec(res),
    stages: res.stages.map((s) => ({
      stage: s.stage,
      alpha: alphaCurvesSpec(s),
      curves: stageCurvesSpec(s),
      kissinger: kissingerSpec(s) ?? null,
      iso: isoconversionalSpec(s) ?? null,
      ea: eaAlphaSpec(s) ?? null,
      lga: lgAfAlphaSpec(s) ?? null,
      baseline: dscBaselineSpec(s) ?? null,
    })),
  };
}

/** The SVGs of `analysisSpecs` (rendered with `render`, e.g. renderVegaLiteSvg), absent plots left out. */
export async function renderAnalysisSvgs(
  specs: { overview: TopLevelSpec; stages: StageSpecs[] },
  render: (spec: TopLevelSpec) => Promise<string>,
): Promise<{ overview: string; stages: string[][] }> {
  const stages: string[][] = [];
  for (const s of specs.stages) {
    const svgs: string[] = [];
    for (const spec of [s.baseline, s.alpha, s.curves, s.kissinger, s.iso, s.ea, s.lga])
      if (spec) svgs.push(await render(spec));
    stages.push(svgs);
  }
  return { overview: await render(specs.overview), stages };
}
