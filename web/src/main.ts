import { api, apiBlob, ApiError, waitJob } from './api.ts';
import { renderSafety } from './safety-tab.ts';
import { renderSchemeFit } from './scheme-fit-view.ts';
import { esc, onEvent } from './dom.ts';
import { download, plot } from './plot.ts';
import { badge, collectWarningLists, collectWarnings, warningsHtml } from './warnings-view.ts';
import { webWords } from './web-words.ts';
import { csvExports, xlsxBlob } from './exports.ts';
import type {
  AnalyzeResponse,
  AnalyzeResult,
  AnalyzeRun,
  AnalyzeStage,
  AnalyzeStagePlots,
  CapabilitiesResponse,
  DscRecordsResponse,
  JobStatus,
  KceResponse,
  Limits,
  ScreeningDetail,
  ScreeningRun,
  AnalyzeIsoRow,
} from './api-types.ts';

/**
 * The page of `ckin serve`: upload runs, fix how they are read, then tabs over the API's results. Every number
 * shown comes from the API's JSON (the same JSON as the CLI's --json) and carries its full value in
 * `data-value` (tests compare those with the CLI); nothing is computed here except formatting.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Upload {
  name: string;
  size: number;
  base64: string;
  rate_K_min?: number;
}

interface Capability {
  available: boolean;
  note?: string;
}

const state: {
  uploads: Upload[];
  caps: CapabilitiesResponse['capabilities'];
  limits: Partial<Limits>;
  analysis?: AnalyzeResponse;
  stage: number;
  fit?: Json;
  cnn?: Json;
  xai?: Json;
  busy: number;
} = { uploads: [], caps: {}, limits: {}, stage: 1, busy: 0 };

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;

const TABS: { id: string; label: string; cap?: string; render: (el: HTMLElement) => void | Promise<void> }[] =
  [
    { id: 'dtg', label: 'DTG curves', render: renderDtg },
    { id: 'kissinger', label: 'Kissinger', render: renderKissinger },
    { id: 'ea', label: 'Ea(α)', render: renderEa },
    { id: 'fit', label: 'JMA fit', cap: 'fit', render: renderFit },
    { id: 'cnn', label: 'CNN prediction', cap: 'predict', render: renderCnn },
    { id: 'kce', label: 'KCE map', cap: 'kce', render: renderKce },
    {
      id: 'safety',
      label: 'Safety',
      render: (el) =>
        renderSafety(el, {
          fit: state.fit,
          plot,
          upload: () => (state.uploads.length ? uploadBody() : undefined),
        }),
    },
    { id: 'dsc', label: 'DSC database', cap: 'dsc', render: renderDsc },
    { id: 'screening', label: 'Screening runs', cap: 'screening', render: renderScreening },
    { id: 'export', label: 'Export', render: renderExport },
  ];
let activeTab = 'dtg';

// ---------- formatting helpers ----------
/** A number cell: formatted text, the full value in data-value, a stable data-key for tests. */
function num(value: unknown, decimals: number, key: string): string {
  const ok = typeof value === 'number' && Number.isFinite(value);
  return `<td class="num" data-key="${esc(key)}" data-value="${ok ? String(value) : ''}">${ok ? value.toFixed(decimals) : '—'}</td>`;
}

function showMessage(text: string, kind: 'error' | 'info' = 'error'): void {
  const m = $('#message');
  m.hidden = false;
  m.className = kind;
  m.textContent = webWords(text);
}
function clearMessage(): void {
  const m = $('#message');
  m.hidden = true;
  m.textContent = '';
}

// ---------- upload ----------
function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  // Chunks of at most 32,768 bytes, so the spread stays far below the argument limit whatever the file size.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    // eslint-disable-next-line no-restricted-syntax
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

async function addFiles(list: FileList | File[]): Promise<void> {
  clearMessage();
  activeTab = 'dtg';
  const files = [...list];
  const maxFiles = state.limits.maxFiles ?? 24;
  const fileLimit = (state.limits.fileLimit_MB ?? 16) * 2 ** 20;
  const problems: string[] = [];
  for (const f of files) {
    if (state.uploads.length >= maxFiles) {
      problems.push(`${f.name}: not added, at most ${maxFiles} files at once`);
      continue;
    }
    if (f.size > fileLimit) {
      problems.push(
        `${f.name}: ${(f.size / 2 ** 20).toFixed(0)} MB is above the ${state.limits.fileLimit_MB} MB limit per file; not uploaded`,
      );
      continue;
    }
    if (f.size === 0) {
      problems.push(`${f.name}: the file is empty`);
      continue;
    }
    state.uploads = state.uploads.filter((u) => u.name !== f.name);
    state.uploads.push({ name: f.name, size: f.size, base64: toBase64(await f.arrayBuffer()) });
  }
  renderFiles();
  if (problems.length) showMessage(problems.join('\n'));
  if (state.uploads.length) await analyze(problems);
}

function uploadBody(): Json {
  const body: Json = {
    files: state.uploads.map((u) => ({
      name: u.name,
      base64: u.base64,
      ...(u.rate_K_min ? { rate_K_min: u.rate_K_min } : {}),
    })),
  };
  const columns = $<HTMLInputElement>('#opt-columns').value.trim();
  const tunit = $<HTMLSelectElement>('#opt-tunit').value;
  const exo = $<HTMLSelectElement>('#opt-exo').value;
  const windowC = $<HTMLInputElement>('#opt-window').value.trim();
  if (columns) body.columns = columns;
  if (tunit) body.temperatureUnit = tunit;
  if (exo) body.exoSign = Number(exo);
  if (windowC) body.window_C = windowC;
  const mass = Number($<HTMLInputElement>('#opt-mass').value);
  if (mass > 0) body.sampleMass_mg = mass;
  body.baseline = $<HTMLSelectElement>('#opt-baseline').value;
  return body;
}

/** Number of the latest analysis request: an older answer that arrives later is dropped. */
let analysisSeq = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;

/** Re-run the analysis after the inputs have been still for `ms` (typing in a field re-runs once, not per key). */
function scheduleAnalyze(ms = 500): void {
  if (!state.uploads.length) return;
  clearTimeout(debounce);
  setBusy(`Waiting for you to finish typing, then analysing ${state.uploads.length} file(s)…`);
  debounce = setTimeout(() => void analyze(), ms);
}

async function analyze(keepMessages: string[] = []): Promise<void> {
  clearTimeout(debounce);
  const seq = ++analysisSeq;
  state.fit = undefined;
  state.cnn = undefined;
  setBusy(`Analysing ${state.uploads.length} file(s)…`);
  const t0 = performance.now();
  let answer: AnalyzeResponse;
  try {
    answer = await api<AnalyzeResponse>('/api/analyze', uploadBody());
  } catch (e) {
    if (seq !== analysisSeq) return;
    state.analysis = undefined;
    const err = e as ApiError;
    const partial = (err.details as { result?: AnalyzeResult } | undefined)?.result;
    renderFiles(partial);
    renderBatchWarnings(partial);
    showMessage([...keepMessages, `Could not analyse the upload (${err.status}): ${err.message}`].join('\n'));
    renderTabs();
    setBusy('');
    return;
  }
  if (seq !== analysisSeq) return; // a newer request is under way: its answer is the current one
  state.analysis = answer;
  document.body.dataset.analyzeMs = String(performance.now() - t0);
  if (!keepMessages.length) clearMessage();
  if (!answer.result.stages.some((s) => s.stage === state.stage)) state.stage = 1;
  // focus inside the results (a tab, a button of a plot) comes back to the selected tab, not to the page's top
  const focusInResults =
    $('#tabs').contains(document.activeElement) || $('#panels').contains(document.activeElement);
  renderFiles(answer.result);
  renderBatchWarnings(answer.result);
  renderTabs(focusInResults);
  setBusy('', `Analysed ${state.uploads.length} file(s) in ${(performance.now() - t0).toFixed(0)} ms.`);
}

/**
 * The busy state: a visible status line (announced politely to screen readers), `body[data-busy]`, and every action
 * that needs the current result disabled until it is there. `done` is the line shown once it is over.
 */
function setBusy(text: string, done = ''): void {
  document.body.dataset.busy = text ? '1' : '';
  const b = $('#busy');
  b.textContent = text || done;
  b.className = text ? 'busy' : '';
  $('#panels').setAttribute('aria-busy', text ? 'true' : 'false');
  $<HTMLButtonElement>('#reanalyze').disabled = !!text || state.uploads.length === 0;
  document.querySelectorAll<HTMLButtonElement>('#panels button').forEach((btn) => {
    if (text) {
      if (!btn.disabled) btn.dataset.busyDisabled = '1';
      btn.disabled = true;
    } else if (btn.dataset.busyDisabled) {
      btn.disabled = false;
      delete btn.dataset.busyDisabled;
    }
  });
}

/** Warnings of the whole batch (and of stages the page has no tab for), above the tabs. */
function renderBatchWarnings(result?: AnalyzeResult): void {
  const list = collectWarnings(result?.warnings).filter((w) => w.stage === undefined && !w.file);
  $('#batch-warnings').innerHTML = warningsHtml(list, 'Warnings on this set of runs', result?.quality);
}

/** Warnings of the current stage: the stage's own, batch warnings that name it, and those of `extra` results. */
function stageWarningsHtml(s: AnalyzeStage | undefined, label: string, extra: unknown[] = []): string {
  if (!s) return '';
  const batch = collectWarnings(state.analysis?.result.warnings).filter((w) => w.stage === s.stage);
  const list = collectWarningLists([batch, s.warnings, ...extra]);
  return warningsHtml(list, label, s.quality);
}

function renderFiles(result?: AnalyzeResult): void {
  const table = $<HTMLTableElement>('#files');
  // the rows are rebuilt: a rate being typed keeps its focus and caret across the re-run it started
  const active = document.activeElement;
  const typing =
    active instanceof HTMLInputElement && active.classList.contains('rate')
      ? active.dataset.index
      : undefined;
  table.hidden = state.uploads.length === 0;
  $<HTMLButtonElement>('#reanalyze').disabled = state.uploads.length === 0;
  const byFile = new Map<string, AnalyzeRun>((result?.runs ?? []).map((r) => [r.file, r]));
  const batch = collectWarnings(result?.warnings).filter((w) => w.file);
  table.tBodies[0].innerHTML = state.uploads
    .map((u, i) => {
      const r = byFile.get(u.name);
      const warns = collectWarnings(
        batch.filter((w) => w.file === u.name || w.file === r?.file),
        r?.warnings,
      );
      const noteList = (Array.isArray(r?.notes) ? r.notes : []).map((n: unknown) => esc(webWords(String(n))));
      // one line per file: the warnings and notes fold into a summary that says how many of each there are
      const counts = (['unreliable', 'caution', 'info'] as const)
        .map((sev) => [sev, warns.filter((w) => w.severity === sev).length] as const)
        .filter(([, c]) => c > 0)
        .map(([sev, c]) => `${badge(sev)} ${c}`);
      if (noteList.length) counts.push(`${noteList.length} note${noteList.length > 1 ? 's' : ''}`);
      const notes = r?.error
        ? `<span class="error">${esc(webWords(String(r.error)))}</span>`
        : counts.length
          ? `<details${warns.some((w) => w.severity === 'unreliable') ? ' open' : ''}><summary>${counts.join(' · ')}</summary>${warns.length ? warningsHtml(warns, `Warnings on ${u.name}`, r?.quality) : ''}${noteList.join('<br>')}</details>`
          : '';
      return `<tr data-file="${esc(u.name)}"><td>${esc(u.name)}</td><td class="num">${(u.size / 1024).toFixed(1)} kB</td>
<td>${esc(r?.format ?? '')}</td>
<td><input class="rate" data-index="${i}" type="number" min="0" step="any" value="${u.rate_K_min ?? r?.beta_K_min ?? ''}" aria-label="heating rate of ${esc(u.name)}, K/min" title="heating rate, K/min: change it to override the file"></td>
<td>${esc(u.rate_K_min ? 'you' : (r?.heatingRateSource ?? ''))}</td><td>${esc(r?.signal ?? '')}</td>
<td class="notes${r?.error ? ' error' : ''}">${notes}</td></tr>`;
    })
    .join('');
  table.querySelectorAll<HTMLInputElement>('input.rate').forEach((inp) =>
    inp.addEventListener('input', () => {
      const v = Number(inp.value);
      state.uploads[Number(inp.dataset.index)].rate_K_min = v > 0 ? v : undefined;
      scheduleAnalyze(700);
    }),
  );
  if (typing !== undefined)
    table.querySelector<HTMLInputElement>(`input.rate[data-index="${typing}"]`)?.focus();
}

// ---------- tabs ----------
/**
 * The result tabs, after the WAI-ARIA tabs pattern: a tablist of buttons (role tab, aria-selected, aria-controls,
 * roving tabindex), one tabpanel each (aria-labelledby). Left/Right arrows, Home and End move between tabs and
 * select them; focus stays on the selected tab (`focusTab`) when the tabs are rebuilt.
 */
function renderTabs(focusTab = false): void {
  const nav = $('#tabs');
  const panels = $('#panels');
  nav.innerHTML = '';
  panels.innerHTML = '';
  if (!state.analysis) return;
  for (const t of TABS) {
    const cap = t.cap ? state.caps[t.cap] : { available: true };
    const selected = t.id === activeTab;
    const b = document.createElement('button');
    b.type = 'button';
    b.role = 'tab';
    b.id = `tab-${t.id}`;
    b.dataset.tab = t.id;
    b.textContent = t.label;
    b.setAttribute('aria-selected', String(selected));
    b.setAttribute('aria-controls', `panel-${t.id}`);
    b.tabIndex = selected ? 0 : -1;
    if (!cap?.available) {
      b.classList.add('disabled');
      b.title = cap?.note ?? 'not available';
    }
    b.addEventListener('click', () => selectTab(t.id));
    nav.appendChild(b);
    const p = document.createElement('div');
    p.className = 'panel';
    p.id = `panel-${t.id}`;
    p.role = 'tabpanel';
    p.tabIndex = 0;
    p.setAttribute('aria-labelledby', b.id);
    p.hidden = !selected;
    panels.appendChild(p);
    if (!selected) continue;
    if (!cap?.available) {
      p.innerHTML = `<p class="note">Not available in this build: ${esc(cap?.note ?? '')}</p>`;
      continue;
    }
    void Promise.resolve(t.render(p))
      .catch((e: Error) => (p.innerHTML += `<p class="note">${esc(webWords(e.message))}</p>`))
      .finally(() => {
        wrapTables(p);
        p.dataset.rendered = '1';
      });
  }
  if (focusTab) $(`#tab-${activeTab}`).focus();
}

function selectTab(id: string, focus = true): void {
  activeTab = id;
  renderTabs(focus);
}

/** Arrow keys on the tab list (installed once, on the container). */
function onTabKey(e: KeyboardEvent): void {
  const ids = TABS.map((t) => t.id);
  const i = ids.indexOf(activeTab);
  const next =
    e.key === 'ArrowRight'
      ? ids[(i + 1) % ids.length]
      : e.key === 'ArrowLeft'
        ? ids[(i - 1 + ids.length) % ids.length]
        : e.key === 'Home'
          ? ids[0]
          : e.key === 'End'
            ? ids[ids.length - 1]
            : undefined;
  if (!next) return;
  e.preventDefault();
  selectTab(next);
}

/** Wide tables scroll sideways inside their own box instead of widening the page (390 px phones). */
function wrapTables(root: HTMLElement): void {
  root.querySelectorAll('table').forEach((t) => {
    if (t.parentElement?.classList.contains('table-wrap')) return;
    const w = document.createElement('div');
    w.className = 'table-wrap';
    // a box that may scroll must be reachable by keyboard, and say what it holds
    w.tabIndex = 0;
    w.role = 'region';
    w.setAttribute('aria-label', t.caption?.textContent || t.id.replace(/-/g, ' ') || 'table');
    t.replaceWith(w);
    w.appendChild(t);
  });
}

function stages(): AnalyzeStage[] {
  return state.analysis?.result.stages ?? [];
}
function currentStage(): AnalyzeStage {
  return stages().find((s) => s.stage === state.stage) ?? stages()[0];
}
function stagePlots(): AnalyzeStagePlots {
  return state.analysis!.plots.stages.find((s) => s.stage === state.stage) ?? state.analysis!.plots.stages[0];
}

function stagePicker(el: HTMLElement): void {
  if (stages().length < 2) return;
  const sel = document.createElement('select');
  sel.id = 'stage-select';
  for (const s of stages()) {
    const o = document.createElement('option');
    o.value = String(s.stage);
    o.textContent = `stage ${s.stage} (peak ≈ ${s.T_peak_mean_C?.toFixed(0) ?? '—'} °C)`;
    o.selected = s.stage === state.stage;
    sel.appendChild(o);
  }
  sel.addEventListener('change', () => {
    state.stage = Number(sel.value);
    state.fit = undefined;
    state.cnn = undefined;
    renderTabs();
    $('#stage-select')?.focus();
  });
  const label = document.createElement('label');
  label.textContent = 'Stage ';
  label.appendChild(sel);
  el.appendChild(label);
}

async function renderDtg(el: HTMLElement): Promise<void> {
  stagePicker(el);
  const s = currentStage();
  el.insertAdjacentHTML('beforeend', stageWarningsHtml(s, `Warnings on stage ${s?.stage ?? ''}`));
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  el.appendChild(wrap);
  if (s) {
    const t = document.createElement('table');
    t.id = 'peak-table';
    t.innerHTML =
      '<thead><tr><th>file</th><th>β (K/min)</th><th>T onset (°C)</th><th>T peak (°C)</th><th>ΔH (J/g)</th><th>mass loss (%)</th></tr></thead><tbody>' +
      s.peaks
        .map(
          (p: Json, i: number) =>
            `<tr><td>${esc(p.file)}</td>${num(p.beta_K_min, 2, `stage${s.stage}.peaks.${i}.beta_K_min`)}${num(p.T_onset_C, 1, `stage${s.stage}.peaks.${i}.T_onset_C`)}${num(p.T_peak_C, 2, `stage${s.stage}.peaks.${i}.T_peak_C`)}${num(p.enthalpy_J_g, 1, `stage${s.stage}.peaks.${i}.enthalpy_J_g`)}${num(p.massLoss_pct, 2, `stage${s.stage}.peaks.${i}.massLoss_pct`)}</tr>`,
        )
        .join('') +
      '</tbody>';
    el.appendChild(t);
  }
  await plot(wrap, state.analysis!.plots.overview, 'plot-overview');
  if (s) {
    const baseline = stagePlots().baseline;
    if (baseline) await plot(wrap, baseline, 'plot-dsc-baseline');
    await plot(wrap, stagePlots().alpha, 'plot-alpha');
    await plot(wrap, stagePlots().curves, 'plot-stage-curves');
  }
}

async function renderKissinger(el: HTMLElement): Promise<void> {
  const rows = stages()
    .map((s) => {
      const k = s.kissinger;
      const p = `stage${s.stage}.kissinger`;
      return `<tr><td>${s.stage}</td>${num(s.T_peak_mean_C, 1, `stage${s.stage}.T_peak_mean_C`)}${k ? num(k.Ea_kJ_mol, 2, `${p}.Ea_kJ_mol`) + num(k.Ea_se_kJ_mol, 2, `${p}.Ea_se_kJ_mol`) + num(k.lgA_s, 3, `${p}.lgA_s`) + num(k.r2, 5, `${p}.r2`) : `<td colspan="4">${esc(s.errors?.map((e) => e.message).join('; '))}</td>`}</tr>`;
    })
    .join('');
  const result = state.analysis?.result;
  el.innerHTML =
    `<table id="kissinger-table"><thead><tr><th>stage</th><th>mean T peak (°C)</th><th>Ea (kJ/mol)</th><th>± SE</th><th>lg(A/s⁻¹)</th><th>R²</th></tr></thead><tbody>${rows}</tbody></table>` +
    (result?.summary ? `<p class="note">${esc(result.summary.text)}</p>` : '') +
    warnList(result?.warnings);
  stagePicker(el);
  const s = currentStage();
  el.insertAdjacentHTML(
    'beforeend',
    stageWarningsHtml(s, `Warnings on the Kissinger result of stage ${s?.stage ?? ''}`, [
      s?.kissinger?.warnings,
    ]),
  );
  await plot(el, stagePlots().kissinger, 'plot-kissinger');
}

async function renderEa(el: HTMLElement): Promise<void> {
  stagePicker(el);
  const s = currentStage();
  el.insertAdjacentHTML(
    'beforeend',
    stageWarningsHtml(s, `Warnings on Ea(α) of stage ${s?.stage ?? ''}`, [
      s?.friedman?.warnings,
      s?.vyazovkin?.warnings,
    ]),
  );
  const spec = stagePlots().ea;
  if (!spec) {
    el.insertAdjacentHTML(
      'beforeend',
      `<p class="note">No Ea(α) for this stage: ${esc(s?.errors?.map((e) => e.message).join('; '))}</p>`,
    );
    return;
  }
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  el.appendChild(wrap);
  await plot(wrap, spec, 'plot-ea');
  const lga = stagePlots().lga;
  if (lga) await plot(wrap, lga, 'plot-lga');
  await plot(wrap, stagePlots().iso, 'plot-iso');
  const fr = s.friedman?.rows ?? [];
  const vy = s.vyazovkin?.rows ?? [];
  const ci = (r: AnalyzeIsoRow | undefined, m: string, i: number) =>
    num(r?.Ea_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_kJ_mol`) +
    num(r?.Ea_ci95_low_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_ci95_low_kJ_mol`) +
    num(r?.Ea_ci95_high_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_ci95_high_kJ_mol`);
  const lgaf = (r: AnalyzeIsoRow, i: number) =>
    num(r.lgAf_s, 2, `stage${s.stage}.friedman.${i}.lgAf_s`) +
    num(r.lgAf_ci95_low_s, 2, `stage${s.stage}.friedman.${i}.lgAf_ci95_low_s`) +
    num(r.lgAf_ci95_high_s, 2, `stage${s.stage}.friedman.${i}.lgAf_ci95_high_s`);
  const k = s.kissinger;
  // KAS and FWO at the same α grid (ea_alpha_methods of the analysis JSON)
  const methods = new Map((s.ea_alpha_methods ?? []).map((m) => [m.alpha, m] as const));
  type MethodEa = {
    Ea_kJ_mol: number | null;
    ci95_low_kJ_mol: number | null;
    ci95_high_kJ_mol: number | null;
  };
  const mci = (r: MethodEa | null | undefined, m: string, i: number) =>
    num(r?.Ea_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_kJ_mol`) +
    num(r?.ci95_low_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_ci95_low_kJ_mol`) +
    num(r?.ci95_high_kJ_mol, 1, `stage${s.stage}.${m}.${i}.Ea_ci95_high_kJ_mol`);
  el.insertAdjacentHTML(
    'beforeend',
    `<table id="ea-table"><caption>Ea(α) of stage ${s.stage}, kJ/mol, with 95 % limits, and Friedman’s lg[A·f(α)]${k ? `; Kissinger: ${k.Ea_kJ_mol?.toFixed(1) ?? '—'} kJ/mol` : ''}</caption><thead><tr><th scope="col">α</th><th scope="col">Friedman Ea</th><th scope="col">2.5 %</th><th scope="col">97.5 %</th><th scope="col">Friedman lg[A·f(α)/s⁻¹]</th><th scope="col">2.5 %</th><th scope="col">97.5 %</th><th scope="col">KAS Ea</th><th scope="col">2.5 %</th><th scope="col">97.5 %</th><th scope="col">FWO Ea</th><th scope="col">2.5 %</th><th scope="col">97.5 %</th><th scope="col">Vyazovkin Ea</th><th scope="col">2.5 %</th><th scope="col">97.5 %</th></tr></thead><tbody>${fr
      .map(
        (r, i) =>
          `<tr><td>${r.alpha}</td>${ci(r, 'friedman', i)}${lgaf(r, i)}${mci(methods.get(r.alpha)?.kas, 'kas', i)}${mci(methods.get(r.alpha)?.fwo, 'fwo', i)}${ci(vy[i], 'vyazovkin', i)}</tr>`,
      )
      .join('')}</tbody></table>` +
      warnList(s.friedman?.warnings, 'Friedman: ') +
      warnList(s.vyazovkin?.warnings, 'Vyazovkin: '),
  );
}

/** A warning as text: structured (`{severity, message, code}`) or a plain string from an older server. */
function warnText(w: Json): string {
  return typeof w === 'string' ? w : `${w.severity}: ${w.message} [${w.code}]`;
}

/** Warnings beside a result, as a note paragraph (empty when there are none). */
function warnList(ws: Json[] | undefined, prefix = ''): string {
  return ws?.length
    ? `<p class="note warn">${ws.map((w) => esc(prefix + warnText(w))).join('<br>')}</p>`
    : '';
}

async function renderFit(el: HTMLElement): Promise<void> {
  stagePicker(el);
  const controls = document.createElement('div');
  controls.innerHTML = `<label>Avrami exponent n <input id="fit-n" placeholder="free (fit it)" size="8"></label> <button id="fit-run" type="button">Run JMA fit</button> <span id="fit-status" class="status"></span>`;
  el.appendChild(controls);
  const out = document.createElement('div');
  el.appendChild(out);
  onEvent($('#fit-run'), 'click', async () => {
    const nRaw = $<HTMLInputElement>('#fit-n').value.trim();
    const body = { ...uploadBody(), stage: state.stage, ...(nRaw ? { n: Number(nRaw) } : {}) };
    $('#fit-status').textContent = 'queued…';
    try {
      const job = await api<JobStatus>('/api/fit', body);
      const res = await waitJob<Json>(job.id, (s) => ($('#fit-status').textContent = `${s}…`));
      state.fit = res.fit;
      $('#fit-status').textContent = '';
      await showFit(out);
    } catch (e) {
      $('#fit-status').textContent = '';
      out.innerHTML = `<p class="note">The fit failed: ${esc((e as Error).message)}</p>`;
    }
  });
  if (state.fit) await showFit(out);
  renderSchemeFit(el, {
    upload: uploadBody,
    stage: () => (stages().length ? currentStage() : undefined),
    plot,
  });
}

async function showFit(out: HTMLElement): Promise<void> {
  const f = state.fit!;
  out.innerHTML = `<table id="fit-table"><thead><tr><th>Ea (kJ/mol)</th><th>± SE</th><th>lg(A/s⁻¹)</th><th>± SE</th><th>n</th><th>R² per rate</th></tr></thead><tbody><tr>
${num(f.Ea_kJ_mol, 2, 'fit.Ea_kJ_mol')}${num(f.uncertainty?.Ea_se_kJ_mol, 2, 'fit.Ea_se_kJ_mol')}${num(f.lgA_s, 3, 'fit.lgA_s')}${num(f.uncertainty?.lgA_se, 3, 'fit.lgA_se')}${num(f.n, 3, 'fit.n')}
<td>${f.rates.map((r: Json) => `${r.beta_K_min} K/min: ${r.r2.toFixed(4)}`).join(', ')}</td></tr></tbody></table>
${warningsHtml(collectWarnings(f.warnings), 'Warnings on the JMA fit', f.quality)}`;
  const data: Json[] = [];
  const betaOrder = [...f.rates]
    .sort((a: Json, b: Json) => a.beta_K_min - b.beta_K_min)
    .map((r: Json) => `${r.beta_K_min} K/min`);
  for (const r of f.rates) {
    r.T_K.forEach((T: number, i: number) => {
      const beta = `${r.beta_K_min} K/min`;
      data.push({
        T_C: T - 273.15,
        beta,
        kind: 'data',
        y: r.model_per_K[i] + r.residuals_per_K[i],
        residual: r.residuals_per_K[i],
      });
      data.push({ T_C: T - 273.15, beta, kind: 'JMA model', y: r.model_per_K[i] });
    });
  }
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  out.appendChild(wrap);
  await plot(
    wrap,
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `JMA fit: Ea = ${f.Ea_kJ_mol.toFixed(1)} kJ/mol, lgA = ${f.lgA_s.toFixed(2)}, n = ${f.n.toFixed(2)}`,
      width: 480,
      height: 280,
      data: { values: data },
      mark: { type: 'line' },
      encoding: {
        x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
        y: { field: 'y', type: 'quantitative', title: 'dα/dT (1/K)' },
        color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder },
        strokeDash: {
          field: 'kind',
          type: 'nominal',
          title: '',
          scale: {
            domain: ['data', 'JMA model'],
            range: [
              [1, 0],
              [5, 3],
            ],
          },
        },
      },
    },
    'plot-fit',
  );
  await plot(
    wrap,
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'Residuals (data − model)',
      width: 480,
      height: 280,
      data: { values: data.filter((d) => d.kind === 'data') },
      mark: { type: 'point', size: 12 },
      encoding: {
        x: { field: 'T_C', type: 'quantitative', title: 'Temperature (°C)', scale: { zero: false } },
        y: { field: 'residual', type: 'quantitative', title: 'residual (1/K)' },
        color: { field: 'beta', type: 'nominal', title: 'β', sort: betaOrder },
      },
    },
    'plot-residuals',
  );
}

async function renderCnn(el: HTMLElement): Promise<void> {
  stagePicker(el);
  const out = document.createElement('div');
  el.appendChild(out);
  out.innerHTML = '<span class="status">predicting…</span>';
  try {
    // force: input outside the model's domain is predicted and shown with its quality and warnings, not refused
    state.cnn =
      state.cnn ?? (await api<Json>('/api/predict', { ...uploadBody(), stage: state.stage, force: true }));
  } catch (e) {
    out.innerHTML = `<p class="note">No prediction: ${esc((e as Error).message)}</p>`;
    return;
  }
  const c = state.cnn;
  const k = currentStage()?.kissinger;
  const f = state.fit;
  out.innerHTML = `<table id="compare-table"><thead><tr><th>method</th><th>Ea (kJ/mol)</th><th>lg(A/s⁻¹)</th><th>note</th></tr></thead><tbody>
<tr><td>CNN (${esc(c.model_used ?? c.preset)})</td>${num(c.cnn.Ea_kJ_mol, 2, 'cnn.Ea_kJ_mol')}${num(c.cnn.lgA_s, 3, 'cnn.lgA_s')}<td>${cnnNote(c)}</td></tr>
<tr><td>JMA fit (DE)</td>${num(f?.Ea_kJ_mol, 2, 'cnn.fit.Ea_kJ_mol')}${num(f?.lgA_s, 3, 'cnn.fit.lgA_s')}<td>${f ? `n = ${f.n.toFixed(2)}` : 'run it in the JMA fit tab'}</td></tr>
<tr><td>Kissinger</td>${num(k?.Ea_kJ_mol, 2, 'cnn.kissinger.Ea_kJ_mol')}${num(k?.lgA_s, 3, 'cnn.kissinger.lgA_s')}<td></td></tr></tbody></table>
${warningsHtml(collectWarnings(c.warnings), 'Warnings on the CNN prediction', c.quality)}`;
}

/** The CNN row's note: the general model's n, family and 90 % intervals, or the paper model's n = 3 and test RMSE. */
function cnnNote(c: Json): string {
  const iv = c.interval_90;
  if (iv) {
    const r = (x: Json, d: number) => `[${Number(x.lo).toFixed(d)}, ${Number(x.hi).toFixed(d)}]`;
    return esc(
      `${c.model_family === 'nth-order' ? 'nth order, order' : 'JMA, n'} = ${Number(c.n).toFixed(2)}; 90 % intervals: Ea ${r(iv.Ea_kJ_mol, 1)} kJ/mol, lgA ${r(iv.lgA_s, 2)}, n ${r(iv.n, 2)} (${iv.method})`,
    );
  }
  const m = c.test_metrics;
  return `n = 3; test RMSE ${m ? `${m.rmse_Ea_kJ_mol.toFixed(1)} kJ/mol, ${m.rmse_lgA.toFixed(2)} in lgA` : 'unknown'}`;
}

async function renderKce(el: HTMLElement): Promise<void> {
  stagePicker(el);
  const points: Json[] = [];
  const k = currentStage()?.kissinger;
  if (k) points.push({ method: 'Kissinger', Ea_kJ_mol: k.Ea_kJ_mol, lgA_s: k.lgA_s });
  if (state.fit) points.push({ method: 'JMA fit', Ea_kJ_mol: state.fit.Ea_kJ_mol, lgA_s: state.fit.lgA_s });
  if (state.cnn)
    points.push({ method: 'CNN', Ea_kJ_mol: state.cnn.cnn.Ea_kJ_mol, lgA_s: state.cnn.cnn.lgA_s });
  const r = await api<KceResponse>('/api/kce', { points });
  const ridge = await kceRidge();
  if (ridge.layer) (r.spec as { layer: Json[] }).layer.push(ridge.layer);
  el.insertAdjacentHTML(
    'beforeend',
    `<table id="kce-table"><thead><tr><th>estimate</th><th>nearest material line</th><th>Δlg A to it</th></tr></thead><tbody>${r.placements
      .map((p: Json, i: number) => {
        const near = p.lines.find((l: Json) => l.material === p.nearest);
        return `<tr><td>${esc(p.method)}</td><td>${esc(p.nearest.toUpperCase())}</td>${num(near.delta_lgA, 2, `kce.${i}.delta_lgA`)}</tr>`;
      })
      .join(
        '',
      )}</tbody></table><p class="muted">Lines: Zhou et al. 2026, Table 2 (lgA = a·Ea + b, n = 3). The lines hold for n = 3: compare a JMA fit with them when it is run with n fixed at 3 (JMA fit tab). A point far from every line is a material unlike the paper's.</p>${ridge.html}`,
  );
  await plot(el, r.spec, 'plot-kce');
}

/**
 * The JMA fit's compensation ridge (POST /api/fit/bootstrap, computed once per fit and kept in the fit JSON as
 * `bootstrap` and `ridge`, the fields of `ckin fit --bootstrap N --json`): a dashed segment on the KCE map.
 */
async function kceRidge(): Promise<{ layer?: Json; html: string }> {
  const f = state.fit;
  if (!f) return { html: '' };
  if (!f.ridge) {
    try {
      const b = await api<Json>('/api/fit/bootstrap', {
        ...uploadBody(),
        stage: state.stage,
        ...(f.n_fixed ? { n: f.n } : {}),
        start: { Ea_kJ_mol: f.Ea_kJ_mol, lgA_s: f.lgA_s, n: f.n },
      });
      f.bootstrap = b.bootstrap;
      f.ridge = b.ridge;
    } catch (e) {
      return { html: `<p class="note">No compensation ridge: ${esc((e as Error).message)}</p>` };
    }
  }
  const {
    slope_per_kJ_mol: a,
    intercept: b,
    Ea_range_kJ_mol: [lo, hi],
    T_iso_K,
  } = f.ridge;
  const bs = f.bootstrap;
  return {
    layer: {
      data: {
        values: [lo, hi].map((Ea: number) => ({
          Ea_kJ_mol: Ea,
          lgA_s: a * Ea + b,
          what: 'JMA fit: compensation ridge (95 %)',
        })),
      },
      mark: { type: 'line', color: '#222', strokeDash: [6, 3], strokeWidth: 2.5 },
      encoding: {
        x: { field: 'Ea_kJ_mol', type: 'quantitative' },
        y: { field: 'lgA_s', type: 'quantitative' },
        tooltip: [{ field: 'what', type: 'nominal' }],
      },
    },
    html: `<table id="kce-ridge"><thead><tr><th>JMA fit, bootstrap (${bs.samples} replicates)</th><th>Ea 2.5 %</th><th>Ea 97.5 %</th><th>lgA 2.5 %</th><th>lgA 97.5 %</th><th>corr(Ea, lgA)</th><th>ridge slope (per kJ/mol)</th><th>intercept</th><th>isokinetic T (°C)</th></tr></thead><tbody><tr><td>dashed segment on the map</td>${num(bs.Ea_kJ_mol.p025, 2, 'ridge.Ea_p025')}${num(bs.Ea_kJ_mol.p975, 2, 'ridge.Ea_p975')}${num(bs.lgA_s.p025, 3, 'ridge.lgA_p025')}${num(bs.lgA_s.p975, 3, 'ridge.lgA_p975')}${num(bs.corr_Ea_lgA, 4, 'ridge.corr')}${num(a, 5, 'ridge.slope_per_kJ_mol')}${num(b, 3, 'ridge.intercept')}${num(T_iso_K === null ? undefined : T_iso_K - 273.15, 1, 'ridge.T_iso_C')}</tr></tbody></table>
<p class="muted">The fit's uncertainty stretches along this line (Ea and lgA compensate): every point of it gives about the same rate at the isokinetic temperature. Percentile intervals from a wild bootstrap over the fit's residuals.</p>`,
  };
}

/** Sample name of a file in a screening batch: the name without extension and without its heating rate. */
function sampleKey(name: string): string {
  return (
    name
      .replace(/\.[A-Za-z0-9]+$/, '')
      .replace(/[_\- ]*\d+(?:[.,]\d+)?\s*[-_ ]?(?:K|°C|C)\s*[-_/ ]?\s*min$/i, '')
      .replace(/[_\- ]\d+(?:\.\d+)?$/, '') || name
  );
}

async function renderScreening(el: HTMLElement): Promise<void> {
  el.innerHTML = `<p>Batch prediction over many samples: choose the files of all samples at once; files are grouped into
samples by their name without the heating rate (A_10.csv, A_30.csv, A_60.csv → sample A). The read options above apply.</p>
<p><label>Files of all samples <input id="screening-files" type="file" multiple></label> <label>Name of this screening run <input id="screening-name" placeholder="e.g. NCM batch 3" size="28"></label>
<button id="screening-run" type="button">Screen</button> <span id="screening-status" class="status"></span></p>
<div id="screening-list"></div><div id="screening-detail"></div>`;
  onEvent($('#screening-run'), 'click', async () => {
    const files = [...($<HTMLInputElement>('#screening-files').files ?? [])];
    if (!files.length) return void ($('#screening-status').textContent = 'choose files first');
    const groups = new Map<string, Json[]>();
    for (const f of files) {
      const key = sampleKey(f.name);
      groups.set(key, [
        ...(groups.get(key) ?? []),
        { name: f.name, base64: toBase64(await f.arrayBuffer()) },
      ]);
    }
    const { files: _f, ...opts } = uploadBody();
    const body = {
      name: $<HTMLInputElement>('#screening-name').value.trim() || undefined,
      samples: [...groups].map(([id, fs]) => ({ id, files: fs, ...opts })),
    };
    $('#screening-status').textContent = `${groups.size} samples queued…`;
    try {
      const job = await api<JobStatus>('/api/screening', body);
      const res = await waitJob<Json>(job.id, (st) => ($('#screening-status').textContent = `${st}…`));
      $('#screening-status').textContent = '';
      await listScreening();
      await openScreening(res.run.id);
    } catch (e) {
      $('#screening-status').textContent = (e as Error).message;
    }
  });
  await listScreening();
}

async function listScreening(): Promise<void> {
  const runs = await api<ScreeningRun[]>('/api/screening');
  $('#screening-list').innerHTML = runs.length
    ? `<table id="screening-table"><thead><tr><th>name</th><th>created</th><th>model</th><th>samples</th><th>failed</th></tr></thead><tbody>${runs
        .map(
          (r) =>
            `<tr><td><a href="#" data-run="${esc(r.id)}">${esc(r.name)}</a></td><td>${esc(r.created)}</td><td>${esc(r.model_version)}</td><td>${r.samples}</td><td>${r.failed}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>No screening runs stored yet.</p>';
  document.querySelectorAll<HTMLAnchorElement>('#screening-list a[data-run]').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      void openScreening(a.dataset.run!);
    }),
  );
}

async function openScreening(id: string): Promise<void> {
  const r = await api<ScreeningDetail>(`/api/screening/${id}`);
  $('#screening-detail').innerHTML =
    `<h3>${esc(r.run.name)}</h3><table id="screening-results"><thead><tr><th>sample</th><th>CNN Ea (kJ/mol)</th><th>CNN lg(A/s⁻¹)</th><th>Kissinger Ea</th><th>input SHA-256</th><th>problem</th></tr></thead><tbody>${r.results
      .map(
        (x: Json, i: number) =>
          `<tr><td>${esc(x.sample_id)}</td>${num(x.Ea_kJ_mol, 2, `screening.${i}.Ea_kJ_mol`)}${num(x.lgA_s, 3, `screening.${i}.lgA_s`)}${num(x.result?.kissinger?.Ea_kJ_mol, 2, `screening.${i}.kissinger_Ea_kJ_mol`)}<td title="${esc(x.input_sha256)}"><code>${esc(x.input_sha256.slice(0, 12))}…</code></td><td class="error">${esc(x.error ?? '')}</td></tr>`,
      )
      .join('')}</tbody></table>`;
}

const DSC_COLUMNS = [
  'record_id',
  'formula',
  'family',
  'ni_content',
  'co_content',
  'mn_content',
  'cutoff_voltage_V',
  'scan_rate_K_min',
  'onset_T_K',
  'peak_T_K',
  'max_power_W_g',
];

async function renderDsc(el: HTMLElement): Promise<void> {
  const cap = state.caps.dsc as Capability & { source?: string };
  el.innerHTML = `${cap.note ? `<p class="note">${esc(cap.note)}</p>` : ''}
<div id="dsc-records"><span class="status">loading records…</span></div>
<p><label>Targets <select id="xai-targets"><option value="onset,peak,power">onset, peak, power</option><option value="onset">onset T</option><option value="peak">peak T</option><option value="power">log max power</option></select></label>
<label>Null-importance shuffles <input id="xai-shuffles" type="number" min="1" max="100" value="20" style="width:5em"></label>
<button id="xai-run" type="button">Run explainable ML (SVR + SHAP)</button> <span id="xai-status" class="status"></span></p>
<div id="xai-out"></div>`;
  const recs = await api<DscRecordsResponse>(`/api/dsc/records?limit=12`);
  const cols = DSC_COLUMNS.filter((c) => recs.rows.length === 0 || c in recs.rows[0]);
  $('#dsc-records').innerHTML =
    `<p>Source: <b>${esc(recs.source)}</b> — ${recs.total} records (first ${recs.rows.length} shown)</p>
<table id="dsc-table"><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${recs.rows
      .map(
        (r: Json) =>
          `<tr>${cols.map((c) => `<td class="num">${typeof r[c] === 'number' ? +r[c].toFixed(4) : esc(r[c])}</td>`).join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  onEvent($('#xai-run'), 'click', async () => {
    const body = {
      targets: $<HTMLSelectElement>('#xai-targets').value.split(','),
      shuffles: Number($<HTMLInputElement>('#xai-shuffles').value) || 20,
    };
    $('#xai-status').textContent = 'queued…';
    try {
      const job = await api<JobStatus>('/api/dsc/xai', body);
      state.xai = await waitJob<Json>(job.id, (s) => ($('#xai-status').textContent = `${s}…`));
      $('#xai-status').textContent = '';
      await showXai($('#xai-out'));
    } catch (e) {
      $('#xai-status').textContent = '';
      $('#xai-out').innerHTML = `<p class="note">Explainable ML failed: ${esc((e as Error).message)}</p>`;
    }
  });
  if (state.xai) await showXai($('#xai-out'));
}

async function showXai(out: HTMLElement): Promise<void> {
  const x = state.xai!;
  const names = Object.keys(x.targets);
  out.innerHTML = `<p>${esc(x.source)}; ${x.n_records} records; ${x.elapsed_s.toFixed(1)} s</p>
<table id="xai-table"><thead><tr><th>target</th><th>test R²</th><th>test RMSE</th><th>top features by mean |SHAP| (sign)</th></tr></thead><tbody>${names
    .map((n) => {
      const t = x.targets[n];
      return `<tr><td>${esc(n)}</td>${num(t.metrics.test.r2, 3, `xai.${n}.test_r2`)}${num(t.metrics.test.rmse, 3, `xai.${n}.test_rmse`)}<td data-key="xai.${esc(n)}.top">${t.ranking
        .slice(0, 4)
        .map((r: Json) => `${esc(r.feature)} (${r.sign > 0 ? '+' : r.sign < 0 ? '−' : '·'})`)
        .join(', ')}</td></tr>`;
    })
    .join('')}</tbody></table>`;
  for (const p of x.plots) {
    const wrap = document.createElement('div');
    wrap.className = 'plots';
    out.appendChild(wrap);
    await plot(wrap, p.ternary, `plot-ternary-${p.target}`);
    await plot(wrap, p.shap, `plot-shap-${p.target}`);
  }
}

function renderExport(el: HTMLElement): void {
  const r = state.analysis!.result;
  el.innerHTML = `<p>Everything below is written from the results now on the page (the current files and options).</p>
<p><button id="export-json" type="button">Analysis JSON</button> <button id="export-xlsx" type="button">All tables (XLSX)</button>
<button id="export-fit" type="button" ${state.fit ? '' : 'disabled'}>JMA fit JSON</button> <button id="export-html" type="button">HTML report</button></p>
<p>CSV: <button id="export-csv" type="button">Peak table</button> <button id="export-csv-ea" type="button">Ea(α), all methods</button>
<button id="export-csv-kissinger" type="button">Kissinger</button> <button id="export-csv-runs" type="button">Runs</button>
<button id="export-csv-fit" type="button" ${state.fit ? '' : 'disabled'}>JMA fit parameters</button> <span id="export-status" class="status" role="status"></span></p>`;
  const json = (name: string, v: unknown) =>
    download(name, new Blob([JSON.stringify(v, null, 2)], { type: 'application/json' }));
  const csv = (name: string, file: string) => () =>
    download(file, new Blob([csvExports(r, state.fit)[name]], { type: 'text/csv' }));
  $('#export-json').addEventListener('click', () => json('analysis.json', r));
  $('#export-fit').addEventListener('click', () => json('fit.json', state.fit));
  $('#export-csv').addEventListener('click', csv('peaks', 'peaks.csv'));
  $('#export-csv-ea').addEventListener('click', csv('ea_alpha', 'ea-alpha.csv'));
  $('#export-csv-kissinger').addEventListener('click', csv('kissinger', 'kissinger.csv'));
  $('#export-csv-runs').addEventListener('click', csv('runs', 'runs.csv'));
  $('#export-csv-fit').addEventListener('click', csv('jma_fit', 'jma-fit.csv'));
  const action = (id: string, busyText: string, fn: () => Promise<void>) =>
    onEvent($(id), 'click', async () => {
      const b = $<HTMLButtonElement>(id);
      b.disabled = true;
      $('#export-status').textContent = busyText;
      try {
        await fn();
        $('#export-status').textContent = '';
      } catch (e) {
        $('#export-status').textContent = webWords((e as Error).message);
      } finally {
        b.disabled = document.body.dataset.busy === '1';
      }
    });
  action('#export-xlsx', 'writing the workbook…', async () =>
    download('ckin-tables.xlsx', await xlsxBlob(r, state.fit)),
  );
  action('#export-html', 'rendering the report…', async () =>
    download('ckin-report.html', await apiBlob('/api/report', uploadBody())),
  );
}

// ---------- start ----------
async function start(): Promise<void> {
  try {
    const c = await api<CapabilitiesResponse>('/api/capabilities');
    state.caps = c.capabilities;
    state.limits = c.limits;
    $('#version').textContent = `v${c.version}`;
  } catch (e) {
    showMessage((e as Error).message);
  }
  const drop = $('#drop');
  const input = $<HTMLInputElement>('#file-input');
  drop.addEventListener('click', () => input.click());
  drop.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && input.click());
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files.length) void addFiles(e.dataTransfer.files);
  });
  input.addEventListener('change', () => {
    if (input.files?.length) void addFiles(input.files);
    input.value = '';
  });
  $('#reanalyze').addEventListener('click', () => void analyze());
  $('#tabs').addEventListener('keydown', onTabKey);
  // every read option re-runs the analysis: text fields after a pause in typing, menus at once
  for (const id of ['#opt-columns', '#opt-window', '#opt-mass'])
    $(id).addEventListener('input', () => scheduleAnalyze(700));
  for (const id of ['#opt-tunit', '#opt-exo', '#opt-baseline'])
    $(id).addEventListener('change', () => scheduleAnalyze(0));
  $('#clear').addEventListener('click', () => {
    clearTimeout(debounce);
    analysisSeq++;
    setBusy('');
    state.uploads = [];
    state.analysis = undefined;
    renderBatchWarnings();
    clearMessage();
    renderFiles();
    renderTabs();
  });
  document.body.dataset.ready = '1';
}

void start();
