import { collectWarnings } from './warnings-view.ts';

/**
 * The page's tables as data, built once from the current state (the analysis JSON of `/api/analyze`, the same as
 * `ckin analyze --json`, and the JMA fit JSON when one was run) and written out as CSV or as the sheets of one
 * XLSX workbook, so every export of a state carries the same numbers. Full precision; temperatures in °C as in the
 * JSON's `_C` fields; empty cells where a value does not exist.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Cell = string | number | null;

export interface Table {
  /** Sheet name and file stem. */
  name: string;
  columns: string[];
  rows: Cell[][];
}

const n = (v: unknown): Cell => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const t = (v: unknown): Cell =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
const messages = (a: unknown, b?: unknown) =>
  collectWarnings(a, b)
    .map((w) => `[${w.severity}] ${w.message}`)
    .join('; ') || null;

/** The tables of an analysis (and fit): runs, peaks, Kissinger, Ea(α) side by side, fit parameters. */
export function resultTables(result: Json, fit?: Json): Table[] {
  const stages: Json[] = Array.isArray(result.stages) ? result.stages : [];
  const tables: Table[] = [
    {
      name: 'runs',
      columns: [
        'file',
        'format',
        'sample',
        'sample_mass_mg',
        'beta_K_min',
        'heating_rate_source',
        'signal',
        'error',
        'warnings',
      ],
      rows: (result.runs ?? []).map((r: Json) => [
        t(r.file),
        t(r.format),
        t(r.sample?.name),
        n(r.sample?.mass_mg),
        n(r.beta_K_min),
        t(r.heatingRateSource),
        t(r.signal),
        t(r.error),
        messages(r.warnings),
      ]),
    },
    {
      name: 'peaks',
      columns: [
        'stage',
        'file',
        'beta_K_min',
        'T_onset_C',
        'T_peak_C',
        'enthalpy_J_g',
        'massLoss_pct',
        'kissinger_Ea_kJ_mol',
        'kissinger_lgA_s',
      ],
      rows: stages.flatMap((s) =>
        (s.peaks ?? []).map((p: Json) => [
          n(s.stage),
          t(p.file),
          n(p.beta_K_min),
          n(p.T_onset_C),
          n(p.T_peak_C),
          n(p.enthalpy_J_g),
          n(p.massLoss_pct),
          n(s.kissinger?.Ea_kJ_mol),
          n(s.kissinger?.lgA_s),
        ]),
      ),
    },
    {
      name: 'kissinger',
      columns: [
        'stage',
        'T_peak_mean_C',
        'Ea_kJ_mol',
        'Ea_se_kJ_mol',
        'Ea_ci95_kJ_mol',
        'lgA_s',
        'lgA_se',
        'r2',
        'quality',
        'warnings',
      ],
      rows: stages.map((s) => {
        const k = s.kissinger ?? {};
        return [
          n(s.stage),
          n(s.T_peak_mean_C),
          n(k.Ea_kJ_mol),
          n(k.Ea_se_kJ_mol),
          n(k.Ea_ci95_kJ_mol),
          n(k.lgA_s),
          n(k.lgA_se),
          n(k.r2),
          t(k.quality ?? s.quality),
          messages(s.warnings, k.warnings),
        ];
      }),
    },
    {
      name: 'ea_alpha',
      columns: [
        'stage',
        'alpha',
        'friedman_Ea_kJ_mol',
        'friedman_ci95_low_kJ_mol',
        'friedman_ci95_high_kJ_mol',
        'friedman_lgAf_s',
        'friedman_lgAf_ci95_low_s',
        'friedman_lgAf_ci95_high_s',
        'vyazovkin_Ea_kJ_mol',
        'vyazovkin_ci95_low_kJ_mol',
        'vyazovkin_ci95_high_kJ_mol',
        'kas_Ea_kJ_mol',
        'kas_ci95_low_kJ_mol',
        'kas_ci95_high_kJ_mol',
        'fwo_Ea_kJ_mol',
        'fwo_ci95_low_kJ_mol',
        'fwo_ci95_high_kJ_mol',
        'kissinger_Ea_kJ_mol',
      ],
      rows: stages.flatMap((s) => {
        const byAlpha = new Map<number, { f?: Json; v?: Json }>();
        for (const r of s.friedman?.rows ?? []) byAlpha.set(r.alpha, { f: r });
        for (const r of s.vyazovkin?.rows ?? []) byAlpha.set(r.alpha, { ...byAlpha.get(r.alpha), v: r });
        // KAS and FWO at the same α grid (the analysis JSON's ea_alpha_methods)
        const methods = new Map<number, Json>(
          ((s.ea_alpha_methods ?? []) as Json[]).map((m) => [m.alpha, m]),
        );
        return [...byAlpha]
          .sort((a, b) => a[0] - b[0])
          .map(([alpha, { f, v }]) => [
            n(s.stage),
            alpha,
            n(f?.Ea_kJ_mol),
            n(f?.Ea_ci95_low_kJ_mol),
            n(f?.Ea_ci95_high_kJ_mol),
            n(f?.lgAf_s),
            n(f?.lgAf_ci95_low_s),
            n(f?.lgAf_ci95_high_s),
            n(v?.Ea_kJ_mol),
            n(v?.Ea_ci95_low_kJ_mol),
            n(v?.Ea_ci95_high_kJ_mol),
            n(methods.get(alpha)?.kas?.Ea_kJ_mol),
            n(methods.get(alpha)?.kas?.ci95_low_kJ_mol),
            n(methods.get(alpha)?.kas?.ci95_high_kJ_mol),
            n(methods.get(alpha)?.fwo?.Ea_kJ_mol),
            n(methods.get(alpha)?.fwo?.ci95_low_kJ_mol),
            n(methods.get(alpha)?.fwo?.ci95_high_kJ_mol),
            n(s.kissinger?.Ea_kJ_mol),
          ]);
      }),
    },
  ];
  if (fit) {
    const u = fit.uncertainty ?? {};
    const rows: Cell[][] = [
      ['Ea_kJ_mol', n(fit.Ea_kJ_mol), n(u.Ea_se_kJ_mol), null],
      ['lgA_s', n(fit.lgA_s), n(u.lgA_se), null],
      ['n', n(fit.n), n(u.n_se), fit.n_fixed ? 'fixed' : 'fitted'],
    ];
    for (const r of fit.rates ?? []) rows.push([`r2 at ${r.beta_K_min} K/min`, n(r.r2), null, t(r.file)]);
    tables.push({ name: 'jma_fit', columns: ['parameter', 'value', 'se', 'note'], rows });
  }
  return tables;
}

/** RFC 4180 CSV of a table (fields with a comma, quote or line break quoted). */
export function tableCsv(table: Table): string {
  const q = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [table.columns.join(','), ...table.rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
}

/** The CSV text of every table, by name. */
export function csvExports(result: Json, fit?: Json): Record<string, string> {
  return Object.fromEntries(resultTables(result, fit).map((tb) => [tb.name, tableCsv(tb)]));
}

/**
 * One XLSX workbook, a sheet per table (exceljs, loaded only when asked for: it is a large module). Numbers stay
 * numbers in the cells (no rounding); headers are bold and frozen.
 */
export async function xlsxBlob(result: Json, fit?: Json): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cathode-kinetics';
  for (const tb of resultTables(result, fit)) {
    const ws = wb.addWorksheet(tb.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(tb.columns).font = { bold: true };
    for (const r of tb.rows) ws.addRow(r);
    ws.columns.forEach((c, i) => (c.width = Math.max(10, Math.min(40, tb.columns[i].length + 2))));
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
