import embed from 'vega-embed';
import { esc } from './dom.ts';

/**
 * One plot of the page: a <figure> with the Vega-Lite chart (SVG renderer, its accessible name from the title),
 * buttons that save it as SVG or PNG (vega's view.toSVG / view.toImageURL, so the file is the chart as drawn), and
 * a data-table alternative (the values the chart draws, in a collapsible table, also as CSV).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Largest table shown inline; the CSV button gives every row. */
const MAX_ROWS = 200;

/** Title text of a Vega-Lite spec (string, array of lines, or {text}). */
export function specTitle(spec: Json): string {
  const t = spec.title;
  const text = typeof t === 'object' && t && !Array.isArray(t) ? t.text : t;
  return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : 'plot';
}

/** Every inline data set of a spec (top level, layers, concatenations), each with the rows it draws. */
export function specDatasets(spec: Json): Json[][] {
  const out: Json[][] = [];
  const visit = (s: Json) => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s.data?.values) && s.data.values.length) out.push(s.data.values);
    for (const k of ['layer', 'vconcat', 'hconcat', 'concat'])
      if (Array.isArray(s[k])) for (const c of s[k]) visit(c);
  };
  visit(spec);
  return out.filter((d, i) => out.indexOf(d) === i);
}

function columnsOf(rows: Json[]): string[] {
  const cols: string[] = [];
  for (const r of rows.slice(0, 50)) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

function cell(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '';
  return esc(v);
}

/** CSV text of rows (header from the keys; full precision; quoted where needed). */
export function rowsCsv(rows: Json[]): string {
  const cols = columnsOf(rows);
  const q = (v: unknown) => {
    const s =
      v === null || v === undefined
        ? ''
        : typeof v === 'number'
          ? Number.isFinite(v)
            ? String(v)
            : ''
          : typeof v === 'string'
            ? v
            : JSON.stringify(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => q(r[c])).join(','))].join('\n') + '\n';
}

/**
 * A spec no wider than the space it gets. On a narrow screen the legend moves below the chart, a single or layered
 * chart is fitted to the width with its axes and legend (autosize fit), and concatenated charts get the width less
 * room for their axes.
 */
function fitWidth(spec: Json, available: number): Json {
  const s: Json = { ...spec };
  const room = Math.max(160, available - 24);
  const concat = ['vconcat', 'hconcat', 'concat'].find((k) => Array.isArray(s[k]));
  const wide = concat
    ? (s[concat] as Json[]).some((c) => typeof c.width === 'number' && c.width + 160 > room)
    : typeof s.width === 'number' && s.width + 160 > room;
  if (!wide) return s;
  s.config = {
    ...s.config,
    legend: { orient: 'bottom', direction: 'horizontal', columns: 3 },
    title: { limit: room - 10, fontSize: 12 },
  };
  if (concat) {
    s[concat] = (s[concat] as Json[]).map((c) => ({ ...c, width: Math.max(120, room - 90) }));
  } else {
    s.width = room;
    s.autosize = { type: 'fit-x', contains: 'padding' };
  }
  return s;
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Draw `spec` into `el` as figure `id` (the chart's div keeps that id, e.g. #plot-kissinger). */
export async function plot(el: HTMLElement, spec: unknown, id: string): Promise<void> {
  if (!spec) return;
  const s0 = spec as Json;
  const title = specTitle(s0);
  const fig = document.createElement('figure');
  fig.className = 'plot';
  fig.setAttribute('aria-labelledby', `${id}-caption`);
  const div = document.createElement('div');
  div.id = id;
  div.className = 'chart';
  div.tabIndex = 0; // it scrolls sideways when the chart is wider than a phone: keyboard users can scroll it too
  div.role = 'region';
  const base = id.replace(/^plot-/, '');
  fig.innerHTML = `<figcaption id="${id}-caption" class="visually-hidden">${esc(title)}</figcaption>`;
  div.setAttribute('aria-label', `chart: ${title}`);
  fig.appendChild(div);
  const tools = document.createElement('div');
  tools.className = 'plot-tools';
  tools.innerHTML = `<button type="button" data-export="svg" aria-label="Save “${esc(title)}” as SVG">SVG</button> <button type="button" data-export="png" aria-label="Save “${esc(title)}” as PNG">PNG</button> <button type="button" data-export="csv" aria-label="Save the data of “${esc(title)}” as CSV">data CSV</button>`;
  fig.appendChild(tools);
  const sets = specDatasets(s0);
  const details = document.createElement('details');
  details.className = 'plot-data';
  details.innerHTML =
    `<summary>Data table: ${esc(title)}</summary>` +
    sets
      .map((rows) => {
        const cols = columnsOf(rows);
        const shown = rows.slice(0, MAX_ROWS);
        return `<div class="table-wrap" tabindex="0" role="region" aria-label="data of ${esc(title)}"><table><caption>${rows.length} rows${rows.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown; “data CSV” has all)` : ''}</caption><thead><tr>${cols.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${shown.map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
      })
      .join('');
  fig.appendChild(details);
  el.appendChild(fig);
  const available = el.clientWidth || document.documentElement.clientWidth;
  const drawn = { ...fitWidth(s0, available), description: title };
  const { view } = await embed(div, drawn, { actions: false, renderer: 'svg' });
  const svg = div.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
  }
  tools.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-export]');
    if (!b) return;
    const kind = b.dataset.export;
    void (async () => {
      if (kind === 'svg') download(`${base}.svg`, new Blob([await view.toSVG()], { type: 'image/svg+xml' }));
      else if (kind === 'png') {
        const url = await view.toImageURL('png', 2);
        download(`${base}.png`, await (await fetch(url)).blob());
      } else download(`${base}-data.csv`, new Blob([sets.map(rowsCsv).join('\n')], { type: 'text/csv' }));
    })().catch((err: unknown) => console.error(err));
  });
}
