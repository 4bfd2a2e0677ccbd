import type { TopLevelSpec } from 'vega-lite';
import { fmt, fmtRate } from '../core/format.ts';
import type { FittedRun } from '../fit/multistep-fit.ts';

/**
 * Plots and tables of a multi-step scheme fit (`ckin fit --scheme … --json`, POST /api/fit/scheme): per heating rate
 * the data, the model, each step's contribution and the residuals. The contribution of step j is the term c_j·g_j of
 * the model (src/fit/multistep-problem.ts): TGA, mass-loss fraction × dα_j/dT (1/K); DSC, ΔH_j·r_j (W/g). The model
 * is their sum plus the run's linear baseline when one was fitted (drawn as its own series). Temperatures in °C.
 * Imports only types and display helpers, so the page (web/) uses the same specs as the HTML report.
 */
export interface SchemeFitView {
  scheme: string;
  /** `conversion-rate` (TGA dα/dT) or `heatflow` (DSC). */
  observable: string;
  steps: {
    from: string;
    to: string;
    model: string;
    Ea_kJ_mol: number;
    lgA_s: number;
    params?: Record<string, number>;
    dH_J_g?: number;
    mass_fraction?: number;
  }[];
  /** Per heating rate: the fit's own run record (src/fit/multistep-fit.ts), the parts a plot reads. */
  runs: Pick<
    FittedRun,
    'beta_K_min' | 'file' | 'r2' | 'T_K' | 'data' | 'model' | 'steps' | 'residuals' | 'baseline'
  >[];
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Name of step j in plots and tables, e.g. `step 1 A→B (F1)`. */
export function schemeStepName(fit: SchemeFitView, j: number): string {
  const s = fit.steps[j];
  return `step ${j + 1} ${s.from}→${s.to} (${s.model})`;
}

/** Axis title of the fitted signal. */
function signalTitle(fit: SchemeFitView): string {
  return fit.observable === 'heatflow' ? 'heat flow (W/g)' : 'dα/dT (1/K)';
}

/**
 * One row per point of run k: T (°C), data, model, each step's contribution (keyed by `schemeStepName`), the
 * baseline (model − Σ steps, only when one was fitted), residual (model − data). The plot draws these rows.
 */
export function schemeFitRows(fit: SchemeFitView, k: number): Record<string, number>[] {
  const r = fit.runs[k];
  const names = fit.steps.map((_, j) => schemeStepName(fit, j));
  return r.T_K.map((T, i) => {
    const row: Record<string, number> = { T_C: T - 273.15, data: r.data[i], model: r.model[i] };
    r.steps.forEach((c, j) => (row[names[j]] = c[i]));
    if (r.baseline) row.baseline = r.model[i] - r.steps.reduce((s, c) => s + c[i], 0);
    row.residual = r.residuals[i];
    return row;
  });
}

/** Title of the plot of run k (also its accessible name on the page). */
export function schemeFitTitle(fit: SchemeFitView, k: number): string {
  const r = fit.runs[k];
  return `Scheme fit ${fit.scheme} at β = ${fmtRate(r.beta_K_min)} K/min: data, model and step contributions (R² = ${fmt(r.r2, 4)})`;
}

/**
 * Run k of a scheme fit: data (points), model (solid) and each step's contribution (dashed), with the residuals
 * (model − data) below on the same temperature axis.
 */
export function schemeFitSpec(fit: SchemeFitView, k: number): TopLevelSpec {
  const r = fit.runs[k];
  const names = fit.steps.map((_, j) => schemeStepName(fit, j));
  const domain = ['model', ...names, ...(r.baseline ? ['baseline'] : [])];
  const x = {
    field: 'T_C',
    type: 'quantitative' as const,
    title: 'Temperature (°C)',
    scale: { zero: false },
  };
  return {
    $schema: SCHEMA,
    title: schemeFitTitle(fit, k),
    data: { values: schemeFitRows(fit, k) },
    vconcat: [
      {
        width: 520,
        height: 260,
        layer: [
          {
            mark: { type: 'point', size: 14, color: '#555', filled: true, opacity: 0.6 },
            encoding: { x, y: { field: 'data', type: 'quantitative', title: signalTitle(fit) } },
          },
          {
            transform: [{ fold: domain, as: ['series', 'y'] }],
            mark: { type: 'line', strokeWidth: 1.6 },
            encoding: {
              x,
              y: { field: 'y', type: 'quantitative', title: signalTitle(fit) },
              color: { field: 'series', type: 'nominal', title: 'curve', scale: { domain } },
              strokeDash: {
                field: 'series',
                type: 'nominal',
                title: 'curve',
                scale: { domain, range: domain.map((d) => (d === 'model' ? [1, 0] : [5, 3])) },
              },
            },
          },
        ],
      },
      {
        width: 520,
        height: 110,
        mark: { type: 'point', size: 10, color: '#555' },
        encoding: { x, y: { field: 'residual', type: 'quantitative', title: 'model − data' } },
      },
    ],
  };
}

/** The fitted parameters of every step as an HTML table (escape: the caller's HTML escaper). */
export function schemeStepsTableHtml(fit: SchemeFitView, escape: (s: string) => string): string {
  const heat = fit.observable === 'heatflow';
  const rows = fit.steps
    .map((s, j) => {
      const params = Object.entries(s.params ?? {})
        .map(([n, v]) => `${escape(n)} = ${fmt(v, 3)}`)
        .join(', ');
      const amp = heat ? fmt(s.dH_J_g, 1) : fmt(s.mass_fraction, 4);
      return `<tr><td>${escape(schemeStepName(fit, j))}</td><td>${fmt(s.Ea_kJ_mol, 2)}</td><td>${fmt(s.lgA_s, 3)}</td><td>${params || '—'}</td><td>${amp}</td></tr>`;
    })
    .join('');
  return `<table class="scheme-steps"><caption>Fitted steps of ${escape(fit.scheme)}</caption><thead><tr><th>step</th><th>Ea (kJ/mol)</th><th>lg(A/s⁻¹)</th><th>model parameters</th><th>${heat ? 'ΔH (J/g)' : 'mass-loss fraction'}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The values plotted for run k as an HTML table (the data-table alternative of its plot). */
export function schemeFitDataTableHtml(fit: SchemeFitView, k: number, escape: (s: string) => string): string {
  const rows = schemeFitRows(fit, k);
  const cols = Object.keys(rows[0] ?? {});
  const head = cols.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td>${Number(r[c].toPrecision(6))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<details><summary>Data table: ${escape(schemeFitTitle(fit, k))}</summary><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></details>`;
}
