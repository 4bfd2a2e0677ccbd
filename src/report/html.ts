import type { AnalyzeResult } from '../analysis/analyze.ts';
import type { IsoRow } from '../analysis/isoconversional/result.ts';
import { fmt } from '../core/format.ts';
import { basename } from 'node:path';
import { fmtRate } from './plots.ts';
import { maxOf, minOf } from '../core/statistics.ts';
import { groupWarningsByAlpha } from '../core/warnings.ts';
import { eaAlphaMethods, type MethodEa } from './ea-alpha-methods.ts';

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const C = (K: number | null | undefined) => (K === null || K === undefined ? '—' : fmt(K - 273.15, 1));

/** A structured warning as the report shows it (`ResultWarning` of src/core/warnings.ts). */
export interface ReportWarning {
  code: string;
  severity: 'info' | 'caution' | 'unreliable';
  message: string;
  alpha?: number;
}
/** A result's quality and warnings. */
interface Judged {
  quality: 'ok' | 'caution' | 'unreliable';
  warnings: ReportWarning[];
}
/**
 * The trust layer's view of the analysis (the JSON of `ckin analyze`, `analyzeResultJson`): the batch, each run
 * (same order as the analysis) and each stage with its Kissinger and Ea(α) series. The report shows these warnings
 * beside the result they concern.
 */
export interface ReportTrust extends Judged {
  runs: Judged[];
  stages: (Judged & {
    kissinger?: Judged;
    friedman?: Judged & { rows: { alpha: number }[] };
    vyazovkin?: Judged & { rows: { alpha: number }[] };
  })[];
}

/** A quality badge (ok, caution, unreliable). */
export function qualityBadge(q: Judged['quality']): string {
  return `<span class="q q-${q}">${q}</span>`;
}

/** The warnings of one result: severity badge, code, message; per-α warnings of one code as one line with α ranges. */
export function warningList(ws: readonly ReportWarning[], grid?: readonly number[]): string {
  if (!ws.length) return '';
  const items = groupWarningsByAlpha(ws, grid).map(({ first: w, alphas, ranges }) => {
    const text =
      alphas.length > 1 ? `at α ${ranges} (${alphas.length} conversions), e.g. ${w.message}` : w.message;
    return `<li><span class="sev sev-${w.severity}">${w.severity}</span> <code>${escapeHtml(w.code)}</code> ${escapeHtml(text)}</li>`;
  });
  return `<ul class="warn">${items.join('')}</ul>`;
}

/**
 * Ea(α) of every method of a stage side by side (Friedman and Vyazovkin, each with its 95 % limits) and Friedman's
 * lg[A·f(α)] with its limits, one row per α; empty when the stage has no isoconversional result.
 */
export function eaAlphaTableHtml(s: AnalyzeResult['stages'][number]): string {
  const methods = eaAlphaMethods(s);
  if (methods.length === 0) return '';
  const friedman = new Map((s.friedman?.rows ?? []).map((r) => [r.alpha, r] as const));
  const ea = (r: MethodEa | null) =>
    r
      ? `<td>${fmt(r.Ea_kJ_mol, 1)}</td><td>${fmt(r.ci95_low_kJ_mol, 1)} – ${fmt(r.ci95_high_kJ_mol, 1)}</td>`
      : '<td>—</td><td>—</td>';
  const lgaf = (r?: IsoRow) =>
    r?.lgAf_s !== undefined
      ? `<td>${fmt(r.lgAf_s, 2)}</td><td>${fmt(r.lgAf_ci95_low_s ?? NaN, 2)} – ${fmt(r.lgAf_ci95_high_s ?? NaN, 2)}</td>`
      : '<td>—</td><td>—</td>';
  const rows = methods
    .map(
      (m) =>
        `<tr><td>${m.alpha}</td>${ea(m.friedman)}${lgaf(friedman.get(m.alpha))}${ea(m.kas)}${ea(m.fwo)}${ea(m.vyazovkin)}</tr>`,
    )
    .join('\n');
  return `<table class="ea-alpha"><caption>Ea(α) of stage ${s.stage} by method (kJ/mol, 95 % limits) and Friedman lg[A·f(α)/s⁻¹]</caption>
<thead><tr><th>α</th><th>Friedman Ea</th><th>95 %</th><th>lg[A·f(α)]</th><th>95 %</th><th>KAS Ea</th><th>95 %</th><th>FWO Ea</th><th>95 %</th><th>Vyazovkin Ea</th><th>95 %</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/** The self-contained HTML page of an analysis: tables, notes, and the SVG plots inlined (no scripts, no network). */
export function analyzeReportHtml(
  res: AnalyzeResult,
  /** The overview SVG and, per stage, its plots' SVGs in the order to show (`renderAnalysisSvgs`). */
  svgs: { overview: string; stages: string[][] },
  meta: { title: string; command: string; version: string },
  /** The structured warnings and qualities (the analysis JSON), shown beside each result. */
  trust: ReportTrust,
): string {
  const e = escapeHtml;
  const runRows = res.runs
    .map(
      (
        r,
        i,
      ) => `<tr${r.error ? ' class="err"' : ''}><td title="${e(r.file)}">${e(basename(r.file))}</td><td>${e(r.format ?? '')}</td><td>${e(r.sample?.name ?? '')}</td>
<td>${r.sample?.mass_mg ?? '—'}</td><td>${r.beta_K_min === undefined ? '—' : fmtRate(r.beta_K_min)}</td><td>${e(r.heatingRateSource ?? '')}</td>
<td>${e(r.signal ?? '')}</td><td>${qualityBadge(trust.runs[i]?.quality ?? 'ok')}${r.error ? ` <b>${e(r.error)}</b>` : ''}${warningList((trust.runs[i]?.warnings ?? []).filter((w) => !r.error || w.message !== r.error))}${r.notes.map(e).join('<br>')}</td></tr>`,
    )
    .join('\n');
  const stageHtml = res.stages
    .map((s, k) => {
      const rows = s.peaks
        .map(
          (p) =>
            `<tr><td>${fmtRate(p.beta_K_min)}</td><td>${C(p.T_onset_K)}</td><td>${C(p.T_peak_K)}</td><td>${
              p.massLoss_pct !== undefined
                ? fmt(p.massLoss_pct, 2) + ' %'
                : p.enthalpy_J_g !== undefined
                  ? fmt(p.enthalpy_J_g, 1) + ' J/g'
                  : '—'
            }</td><td>${C(p.window_K[0])}–${C(p.window_K[1])}</td><td title="${e(p.file)}">${e(basename(p.file))}</td></tr>`,
        )
        .join('\n');
      const t = trust.stages[k];
      const kis = s.kissinger
        ? `<p><b>Kissinger</b>: Ea = ${fmt(s.kissinger.Ea_kJ_mol, 1)} ± ${fmt(s.kissinger.Ea_se_kJ_mol, 1)} kJ/mol (SE), lgA = ${fmt(s.kissinger.lgA_s, 2)} (A in s⁻¹), R² = ${fmt(s.kissinger.r2, 4)} ${qualityBadge(t?.kissinger?.quality ?? 'ok')}</p>${warningList(t?.kissinger?.warnings ?? [])}`
        : '';
      const isoLine = (
        name: string,
        r: { rows: { alpha: number; Ea_kJ_mol: number }[] } | undefined,
        j: (Judged & { rows: { alpha: number }[] }) | undefined,
      ) => {
        const rows = r ? r.rows.filter((x) => Number.isFinite(x.Ea_kJ_mol)) : [];
        if (!rows.length) return '';
        const v = rows.map((x) => x.Ea_kJ_mol);
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        return `<p><b>${name}</b>: Ea from ${fmt(minOf(v), 1)} to ${fmt(maxOf(v), 1)} kJ/mol over α = ${rows[0].alpha}–${rows[rows.length - 1].alpha}; mean ${fmt(mean, 1)} kJ/mol ${qualityBadge(j?.quality ?? 'ok')}</p>${warningList(
          j?.warnings ?? [],
          j?.rows.map((x) => x.alpha),
        )}`;
      };
      const errors = s.errors.map((x) => `${x.method}: ${x.message}`);
      const eaTable = eaAlphaTableHtml(s);
      const sv = svgs.stages[k];
      return `<section><h2>Stage ${s.stage} (peak ≈ ${C(s.T_peak_mean_K)} °C)</h2>
<table><thead><tr><th>β (K/min)</th><th>T_onset (°C)</th><th>T_peak (°C)</th><th>mass loss / ΔH</th><th>window (°C)</th><th>file</th></tr></thead>
<tbody>${rows}</tbody></table>
${kis}${isoLine('Friedman', s.friedman, t?.friedman)}${isoLine('Vyazovkin', s.vyazovkin, t?.vyazovkin)}
${eaTable}
${t && t.warnings.length ? `<p><b>Stage</b> ${qualityBadge(t.quality)}</p>${warningList(t.warnings)}` : ''}
${errors.length ? `<ul class="warn">${errors.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : ''}
<div class="plots">${sv.map((svg) => `<figure class="plot">${svg}</figure>`).join('')}</div>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(meta.title)}</title>
<style>
body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}tr.err td{background:#fee}.warn{color:#8a4b00}.plots{display:flex;flex-wrap:wrap;gap:12px}
figure.plot{margin:0}code{background:#f5f5f5;padding:1px 4px}
.q,.sev{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;font-weight:600;color:#fff}
.q-ok{background:#2e7d32}.q-caution,.sev-caution{background:#b26a00}.q-unreliable,.sev-unreliable{background:#b71c1c}
.sev-info{background:#607d8b}ul.warn{list-style:none;padding-left:0;margin:4px 0}ul.warn li{margin:2px 0}
</style></head><body>
<h1>${e(meta.title)}</h1>
<p>Command: <code>${e(meta.command)}</code> — cathode-kinetics ${e(meta.version)}</p>
<p>Batch ${qualityBadge(trust.quality)}</p>${warningList(trust.warnings)}
<h2>Runs</h2>
<table><thead><tr><th>file</th><th>format</th><th>sample</th><th>mass (mg)</th><th>β (K/min)</th><th>β from</th><th>signal</th><th>notes</th></tr></thead>
<tbody>${runRows}</tbody></table>
<figure class="plot">${svgs.overview}</figure>
${stageHtml}
</body></html>
`;
}
