import { api } from './api.ts';
import { isoTemperatureBandSpec, programBandSpec, timeToAlphaBandSpec } from './safety-plots.ts';
import { esc, onEvent, maxOf } from './dom.ts';

/**
 * The page's "Safety" tab: a kinetic triplet (prefilled from the current JMA fit, with its standard errors and
 * Ea–lgA correlation) → POST /api/safety (the JSON of `ckin safety --json`) → isothermal table, time to α at a
 * temperature, α(t) along an uploaded temperature program, adiabatic runaway T(t) with TMRad and ΔT_ad.
 * Nothing is computed here except unit conversion for display; every number cell carries the JSON value in
 * `data-value` (and its 90 % interval in `data-p05`/`data-p95`), in the JSON's units (K, s).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SafetyTabContext {
  /** The current JMA fit (the `ckin fit --json` object) or undefined. */
  fit?: Json;
  plot: (el: HTMLElement, spec: unknown, id: string) => Promise<void>;
  /** The upload body of the loaded runs (files and read options), for the model-free prediction; undefined if none. */
  upload?: () => Json | undefined;
}

const TIMES = ['1 h', '1 day', '1 year'];

/** Inputs kept across tab switches; `fitKey` remembers which fit they were prefilled from. */
let inputs: Record<string, string> | undefined;
let fitKey: string | undefined;
let program: { name: string; text: string } | undefined;
/** A saved multi-step model (`ckin fit --scheme … --save MODEL.json`) chosen in the tab, parsed. */
let modelFile: { name: string; json: unknown } | undefined;
let lastResult: Json | undefined;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A number cell: `text` shown, the JSON value and its interval as data attributes. */
function cell(key: string, v: Json | number | undefined, show: (x: number) => string): string {
  const value = typeof v === 'number' ? v : v?.value;
  const iv = typeof v === 'object' ? v?.interval90 : undefined;
  const text = finite(value)
    ? show(value) + (iv && finite(iv.p05) && finite(iv.p95) ? ` [${show(iv.p05)}, ${show(iv.p95)}]` : '')
    : '—';
  const attrs = iv ? ` data-p05="${iv.p05 ?? ''}" data-p95="${iv.p95 ?? ''}"` : '';
  return `<td class="num" data-key="${esc(key)}" data-value="${finite(value) ? value : ''}"${attrs}>${esc(text)}</td>`;
}

const celsius = (K: number) => (K - 273.15).toFixed(1);
/** A duration in the unit that reads best. */
export function duration(s: number): string {
  if (s < 120) return `${s.toPrecision(3)} s`;
  if (s < 7200) return `${(s / 60).toPrecision(3)} min`;
  if (s < 3 * 86400) return `${(s / 3600).toPrecision(3)} h`;
  if (s < 2 * 365.25 * 86400) return `${(s / 86400).toPrecision(3)} d`;
  return `${(s / (365.25 * 86400)).toPrecision(3)} y`;
}

function defaults(fit?: Json): Record<string, string> {
  const u = fit?.uncertainty;
  return {
    Ea: fit ? String(fit.Ea_kJ_mol) : '',
    lgA: fit ? String(fit.lgA_s) : '',
    n: fit ? String(fit.n) : '1',
    model: 'jma',
    EaSe: u ? String(u.Ea_se_kJ_mol) : '',
    lgASe: u ? String(u.lgA_se) : '',
    corr: u?.correlation?.[0]?.[1] !== undefined ? String(u.correlation[0][1]) : '',
    samples: '2000',
    seed: '1',
    isoT: '150',
    alphas: '0.05,0.1,0.5',
    dH: '',
    cp: '1',
    T0: '',
    phi: '1',
  };
}

const FIELDS: [string, string, string][] = [
  ['Ea', 'Ea (kJ/mol)', '10'],
  ['lgA', 'lg(A/s⁻¹)', '10'],
  ['n', 'n', '6'],
  ['EaSe', '± Ea SE', '8'],
  ['lgASe', '± lgA SE', '8'],
  ['corr', 'corr(Ea, lgA)', '8'],
  ['samples', 'samples', '6'],
  ['seed', 'seed', '4'],
  ['isoT', 'isothermal T (°C)', '6'],
  ['alphas', 'α values', '14'],
  ['dH', 'ΔH (J/g)', '7'],
  ['cp', 'cp (J/(g·K))', '5'],
  ['T0', 'T0 (°C)', '6'],
  ['phi', 'φ', '4'],
];

/** The POST /api/safety body from the form (throws a readable Error on a bad entry). */
export function safetyBody(v: Record<string, string>): Json {
  const numOf = (k: string, label: string, required = false): number | undefined => {
    const s = (v[k] ?? '').trim();
    if (s === '') {
      if (required) throw new Error(`${label}: enter a number`);
      return undefined;
    }
    const x = Number(s);
    if (!Number.isFinite(x)) throw new Error(`${label}: "${s}" is not a number`);
    return x;
  };
  const body: Json = {
    Ea_kJ_mol: numOf('Ea', 'Ea', true),
    lgA_s: numOf('lgA', 'lgA', true),
    n: numOf('n', 'n'),
    model: v.model || 'jma',
    Ea_se_kJ_mol: numOf('EaSe', 'Ea SE'),
    lgA_se: numOf('lgASe', 'lgA SE'),
    corr: numOf('corr', 'correlation'),
    samples: numOf('samples', 'samples'),
    seed: numOf('seed', 'seed'),
    isothermal_C: numOf('isoT', 'isothermal T'),
  };
  const alphas = (v.alphas ?? '').trim();
  if (alphas)
    body.alphas = alphas
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
  const dH = numOf('dH', 'ΔH');
  const T0 = numOf('T0', 'T0');
  if (dH !== undefined || T0 !== undefined) {
    if (dH === undefined || T0 === undefined)
      throw new Error('adiabatic runaway: enter both ΔH (J/g) and T0 (°C), or neither');
    body.adiabatic = { dH_J_g: dH, cp_J_gK: numOf('cp', 'cp', true), T0_C: T0, phi: numOf('phi', 'φ') };
  }
  if (program) body.program = program;
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body;
}

export async function renderSafety(el: HTMLElement, ctx: SafetyTabContext): Promise<void> {
  const key = ctx.fit ? `${ctx.fit.Ea_kJ_mol},${ctx.fit.lgA_s},${ctx.fit.n}` : 'none';
  if (!inputs || (key !== fitKey && ctx.fit)) {
    inputs = defaults(ctx.fit);
    fitKey = key;
    lastResult = undefined;
  }
  const v = inputs;
  const form = document.createElement('div');
  form.id = 'safety-form';
  form.innerHTML = `<p class="muted">${
    ctx.fit
      ? `Prefilled from the JMA fit (standard errors and correlation: ${esc(ctx.fit.uncertainty?.method ?? 'not available')}).`
      : 'No JMA fit yet: type a kinetic triplet (or run the fit in the JMA fit tab).'
  } Intervals are 90 % (Monte Carlo over Ea, lgA with the given standard errors and correlation).</p>
<div class="safety-inputs">${FIELDS.map(
    ([k, label, size]) =>
      `<label>${esc(label)} <input id="safety-${k}" value="${esc(v[k])}" size="${size}"></label>`,
  ).join(' ')}
<label>model <select id="safety-model">${['jma', 'nth-order', 'first-order', 'R2', 'R3', 'D1', 'D3']
    .map((m) => `<option value="${m}"${m === v.model ? ' selected' : ''}>${m}</option>`)
    .join('')}</select></label>
<label>temperature program CSV <input id="safety-program" type="file" accept=".csv,.txt,text/csv"></label>
<span id="safety-program-name" class="muted">${program ? esc(program.name) : 'none (e.g. time_min,temperature_C)'}</span>
<label>saved model JSON <input id="safety-model-file" type="file" accept=".json,application/json"></label>
<span id="safety-model-file-name" class="muted">${modelFile ? esc(modelFile.name) : 'none (ckin fit --scheme … --save MODEL.json)'}</span>
</div>
<p><button id="safety-run" type="button">Compute</button>
<button id="safety-mf-run" type="button" title="POST /api/safety/model-free: Ea(α) and the recorded T(t) of the loaded runs (no triplet)">Model-free from the loaded runs</button>
<button id="safety-mfile-run" type="button" title="POST /api/safety/model-file: a saved multi-step model (bands from its covariance)">From the saved model file</button>
<span id="safety-status" class="status"></span></p>`;
  el.appendChild(form);
  const out = document.createElement('div');
  out.id = 'safety-out';
  el.appendChild(out);
  const read = () => {
    for (const [k] of FIELDS) v[k] = (form.querySelector(`#safety-${k}`) as HTMLInputElement).value;
    v.model = (form.querySelector('#safety-model') as HTMLSelectElement).value;
  };
  const status = form.querySelector('#safety-status') as HTMLElement;
  onEvent(form.querySelector('#safety-program') as HTMLInputElement, 'change', async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    program = f ? { name: f.name, text: await f.text() } : undefined;
    (form.querySelector('#safety-program-name') as HTMLElement).textContent = program?.name ?? 'none';
  });
  onEvent(form.querySelector('#safety-model-file') as HTMLInputElement, 'change', async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    const label = form.querySelector('#safety-model-file-name') as HTMLElement;
    modelFile = undefined;
    if (f) {
      try {
        modelFile = { name: f.name, json: JSON.parse(await f.text()) as unknown };
      } catch {
        label.textContent = `${f.name}: not JSON`;
        return;
      }
    }
    label.textContent = modelFile?.name ?? 'none';
  });
  onEvent(form.querySelector('#safety-mfile-run') as HTMLButtonElement, 'click', async () => {
    read();
    if (!modelFile) {
      out.innerHTML =
        '<p class="note" id="safety-error">Choose a saved model file first (ckin fit --scheme … --save MODEL.json).</p>';
      return;
    }
    status.textContent = 'computing…';
    try {
      lastResult = await api<Json>('/api/safety/model-file', modelFileBody(v, modelFile));
      status.textContent = '';
      out.innerHTML = '';
      await showSafety(out, lastResult, ctx);
    } catch (e) {
      status.textContent = '';
      out.innerHTML = `<p class="note" id="safety-error">${esc((e as Error).message)}</p>`;
    }
  });
  onEvent(form.querySelector('#safety-run') as HTMLButtonElement, 'click', async () => {
    read();
    status.textContent = 'computing…';
    try {
      lastResult = await api<Json>('/api/safety', safetyBody(v));
      status.textContent = '';
      out.innerHTML = '';
      await showSafety(out, lastResult, ctx);
    } catch (e) {
      status.textContent = '';
      out.innerHTML = `<p class="note" id="safety-error">${esc((e as Error).message)}</p>`;
    }
  });
  onEvent(form.querySelector('#safety-mf-run') as HTMLButtonElement, 'click', async () => {
    read();
    const upload = ctx.upload?.();
    if (!upload) {
      out.innerHTML =
        '<p class="note" id="safety-error">Load the runs first (one file per heating rate).</p>';
      return;
    }
    status.textContent = 'computing…';
    try {
      lastResult = await api<Json>('/api/safety/model-free', modelFreeBody(v, upload));
      status.textContent = '';
      out.innerHTML = '';
      await showSafety(out, lastResult, ctx);
    } catch (e) {
      status.textContent = '';
      out.innerHTML = `<p class="note" id="safety-error">${esc((e as Error).message)}</p>`;
    }
  });
  if (lastResult) await showSafety(out, lastResult, ctx);
}

/** The POST /api/safety/model-free body: the loaded runs plus the form's prediction inputs (no triplet). */
export function modelFreeBody(v: Record<string, string>, upload: Json): Json {
  const t = safetyBody({ ...v, Ea: v.Ea || '1', lgA: v.lgA || '0' });
  const body: Json = { ...upload };
  for (const k of ['isothermal_C', 'alphas', 'adiabatic', 'program']) if (t[k] !== undefined) body[k] = t[k];
  return body;
}

/**
 * The POST /api/safety/model-file body: the model plus the form's isothermal T, α values, program and adiabatic
 * inputs (ΔH optional: a DSC model has its step heats; a TGA model needs it).
 */
export function modelFileBody(v: Record<string, string>, model: { name: string; json: unknown }): Json {
  const t = safetyBody({ ...v, Ea: '1', lgA: '0', dH: '', T0: '' });
  const body: Json = { model: model.json, name: model.name };
  for (const k of ['isothermal_C', 'alphas', 'program', 'seed']) if (t[k] !== undefined) body[k] = t[k];
  const num = (k: string) => {
    const x = (v[k] ?? '').trim();
    if (x === '') return undefined;
    const n = Number(x);
    if (!Number.isFinite(n)) throw new Error(`${k}: "${x}" is not a number`);
    return n;
  };
  const dH = num('dH');
  const T0 = num('T0');
  if (T0 !== undefined)
    body.adiabatic = {
      cp_J_gK: num('cp'),
      T0_C: T0,
      phi: num('phi'),
      ...(dH !== undefined ? { dH_J_g: dH } : {}),
    };
  else if (dH !== undefined) body.dH_J_g = dH;
  return body;
}

/** The model-file result: the scheme, time to α, program times and α(t) band, adiabatic numbers, every warning. */
function showModelFile(r: Json): string {
  const range = r.data_T_range_K as number[] | null;
  let html = `<p class="muted" id="safety-mfile-note">Saved model ${esc(r.file)}: ${esc(r.scheme)} (${esc(r.observable)}; fitted ${
    range ? `${celsius(range[0])}–${celsius(range[1])} °C` : 'range unknown'
  }). ${
    r.band
      ? `Bands: 90 % from ${r.band.samples} parameter draws of the fit covariance (seed ${r.band.seed}).`
      : 'No band: the model file has no uncertainty block.'
  }</p>
<table id="safety-mfile-steps"><thead><tr><th>step</th><th>model</th><th>Ea (kJ/mol)</th><th>lg(A/s⁻¹)</th><th>${
    r.observable === 'heatflow' ? 'ΔH (J/g)' : 'mass fraction'
  }</th></tr></thead><tbody>${(r.steps as Json[])
    .map(
      (st, i) =>
        `<tr><td>${esc(st.from)}→${esc(st.to)}</td><td>${esc(st.model)}</td>${cell(`safety.mfile.step.${i}.Ea`, st.Ea_kJ_mol, (x) => x.toFixed(2))}${cell(`safety.mfile.step.${i}.lgA`, st.lgA_s, (x) => x.toFixed(3))}${cell(`safety.mfile.step.${i}.amp`, st.amplitude, (x) => x.toPrecision(4))}</tr>`,
    )
    .join('')}</tbody></table>`;
  if (r.isothermal)
    html += `<h3>Time to α at ${celsius(r.isothermal.T_K)} °C${
      finite(r.isothermal.extrapolation_factor)
        ? ` (extrapolation factor ${Number(r.isothermal.extrapolation_factor).toFixed(2)})`
        : ''
    }</h3>
<table id="safety-mfile-time"><thead><tr><th>α</th><th>time</th></tr></thead><tbody>${(
      r.isothermal.times as Json[]
    )
      .map((t, i) => `<tr><td>${t.alpha}</td>${sn(`safety.mfile.time.${i}`, t.time_s, duration)}</tr>`)
      .join('')}</tbody></table>`;
  if (r.program)
    html += `<h3>Temperature program ${esc(r.program.file)}: time to α</h3>
<table id="safety-mfile-program"><thead><tr><th>α</th><th>time</th></tr></thead><tbody>${(
      r.program.times as Json[]
    )
      .map((t, i) => `<tr><td>${t.alpha}</td>${sn(`safety.mfile.program.${i}`, t.time_s, duration)}</tr>`)
      .join('')}</tbody></table>`;
  if (r.adiabatic) {
    const a = r.adiabatic;
    html += `<h3>Adiabatic runaway from ${celsius(a.T0_K)} °C</h3>
<table id="safety-mfile-adiabatic"><thead><tr><th>ΔT_ad (K)</th><th>TMRad</th><th>T_D8 (°C)</th><th>T_D24 (°C)</th><th>T at max rate (°C)</th></tr></thead><tbody><tr>${sn(
      'safety-mfile-adiabatic.dT_ad_K',
      a.dT_ad_K,
      (x) => x.toFixed(1),
    )}${sn('safety-mfile-adiabatic.tmr_s', a.tmr_s, duration)}${sn('safety-mfile-adiabatic.T_D8_K', a.T_D8_K, celsius)}${sn(
      'safety-mfile-adiabatic.T_D24_K',
      a.T_D24_K,
      celsius,
    )}${cell('safety-mfile-adiabatic.T_at_max_rate_K', a.T_at_max_rate_K, celsius)}</tr></tbody></table>`;
  }
  return html + warningList(r);
}

/** α(t) along the program with its 90 % band, and the heat-release rate when the result has one. */
async function plotModelFileProgram(out: HTMLElement, r: Json, ctx: SafetyTabContext): Promise<void> {
  const p = r.program;
  if (!p) return;
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  out.appendChild(wrap);
  const hasBand = (p.alpha_lo90 as number[]).length === (p.alpha as number[]).length;
  const rows = (p.time_s as number[]).map((t, i) => ({
    t_min: t / 60,
    alpha: p.alpha[i],
    lo: hasBand ? p.alpha_lo90[i] : p.alpha[i],
    hi: hasBand ? p.alpha_hi90[i] : p.alpha[i],
    q: p.heat_flow_W_g ? p.heat_flow_W_g[i] : null,
  }));
  await ctx.plot(
    wrap,
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `α(t) along ${p.file} (saved model; band 90 %)`,
      width: 480,
      height: 280,
      data: { values: rows },
      encoding: { x: { field: 't_min', type: 'quantitative', title: 'time (min)' } },
      layer: [
        {
          mark: { type: 'area', opacity: 0.25, color: '#c0392b' },
          encoding: { y: { field: 'lo', type: 'quantitative', title: 'α' }, y2: { field: 'hi' } },
        },
        {
          mark: { type: 'line', color: '#c0392b' },
          encoding: { y: { field: 'alpha', type: 'quantitative' } },
        },
      ],
    },
    'plot-safety-mfile-program',
  );
  if (p.heat_flow_W_g)
    await ctx.plot(
      wrap,
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'Heat-release rate (W/g)',
        width: 480,
        height: 220,
        data: { values: rows },
        mark: { type: 'line', color: '#d35400' },
        encoding: {
          x: { field: 't_min', type: 'quantitative', title: 'time (min)' },
          y: { field: 'q', type: 'quantitative', title: 'q (W/g)' },
        },
      },
      'plot-safety-mfile-heat',
    );
}

/** A SafetyNumber cell ({value, lo90, hi90, quality}): value [lo, hi], the numbers as data attributes. */
function sn(key: string, v: Json | undefined, show: (x: number) => string): string {
  if (!v || !finite(v.value)) return `<td class="num" data-key="${esc(key)}" data-value="">—</td>`;
  const band = finite(v.lo90) && finite(v.hi90) ? ` [${show(v.lo90)}, ${show(v.hi90)}]` : '';
  const flag = v.quality === 'unreliable' ? ' ‼' : v.quality === 'caution' ? ' !' : '';
  const title = (v.warnings as Json[] | undefined)?.map((w) => w.message).join('\n') ?? '';
  return `<td class="num q-${esc(String(v.quality))}" data-key="${esc(key)}" data-value="${v.value}" data-lo90="${v.lo90 ?? ''}" data-hi90="${v.hi90 ?? ''}" title="${esc(title)}">${esc(show(v.value) + band + flag)}</td>`;
}

/** The model-free result: isothermal tables, program times, adiabatic TMRad and T_D8/T_D24, every warning. */
function showModelFree(r: Json): string {
  const iso = r.isothermal_T_for_time as Json[];
  let html = `<p class="muted" id="safety-mf-note">Model-free (${esc(r.method)}, ${(r.rates_K_min as number[])
    .map((b) => b.toFixed(1))
    .join(
      '/',
    )} K/min; data ${celsius(r.data_T_range_K[0])}–${celsius(r.data_T_range_K[1])} °C; Ea(α) varies by ${(100 * r.Ea_variation).toFixed(0)} %). Bands: 90 % from the Ea(α) limits.</p>
<h3>Isothermal temperature (°C) at which α is reached after</h3>
<table id="safety-mf-iso"><thead><tr><th>α</th>${TIMES.map((t) => `<th>${t}</th>`).join('')}</tr></thead><tbody>${iso
    .map(
      (row, i) =>
        `<tr><td>${row.alpha}</td>${TIMES.map((t) => sn(`safety.mf.iso.${i}.${t}`, row.T_K[t], celsius)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
  if (r.isothermal)
    html += `<h3>Time to α at ${celsius(r.isothermal.T_K)} °C (extrapolation factor ${Number(r.isothermal.extrapolation_factor).toFixed(2)})</h3>
<table id="safety-mf-time"><thead><tr><th>α</th><th>time</th></tr></thead><tbody>${(
      r.isothermal.times as Json[]
    )
      .map((t, i) => `<tr><td>${t.alpha}</td>${sn(`safety.mf.time.${i}`, t.time_s, duration)}</tr>`)
      .join('')}</tbody></table>`;
  if (r.program)
    html += `<h3>Temperature program ${esc(r.program.file)}: time to α</h3>
<table id="safety-mf-program"><thead><tr><th>α</th><th>time</th></tr></thead><tbody>${(
      r.program.times as Json[]
    )
      .map((t, i) => `<tr><td>${t.alpha}</td>${sn(`safety.mf.program.${i}`, t.time_s, duration)}</tr>`)
      .join('')}</tbody></table>`;
  if (r.adiabatic) html += adiabaticTds(r.adiabatic, 'safety-mf-adiabatic');
  return html + warningList(r);
}

/** TMRad and T_D8/T_D24 (SafetyNumbers) of either mode. */
function adiabaticTds(a: Json, id: string): string {
  return `<table id="${id}"><thead><tr><th>ΔT_ad (K)</th><th>TMRad</th><th>T_D8 (°C)</th><th>T_D24 (°C)</th></tr></thead><tbody><tr>${cell(`${id}.dT_ad_K`, a.dT_ad_K, (x) => x.toFixed(1))}${
    a.tmr_s && 'unit' in a.tmr_s
      ? sn(`${id}.tmr_s`, a.tmr_s, duration)
      : cell(`${id}.tmr_s`, a.tmr_s, duration)
  }${sn(`${id}.T_D8_K`, a.T_D8_K, celsius)}${sn(`${id}.T_D24_K`, a.T_D24_K, celsius)}</tr></tbody></table>`;
}

/** Every structured warning of a result (top level and inside its numbers), once each. */
function warningList(r: Json): string {
  const seen = new Set<string>();
  const items: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x as Json)) {
        if (k === 'warnings' && Array.isArray(v)) {
          for (const w of v as Json[]) {
            if (!w || typeof w !== 'object') continue;
            const line = `${w.severity}: ${w.message} [${w.code}]`;
            if (!seen.has(line)) items.push(`<li class="w-${esc(String(w.severity))}">${esc(line)}</li>`);
            seen.add(line);
          }
        } else walk(v);
      }
    }
  };
  walk(r);
  return items.length ? `<h3>Warnings</h3><ul id="safety-warnings">${items.join('')}</ul>` : '';
}

async function showSafety(out: HTMLElement, r: Json, ctx: SafetyTabContext): Promise<void> {
  if (r.mode === 'model-free') {
    out.innerHTML = showModelFree(r);
    await plotBands(out, r, ctx, 'model-free', 'mf');
    return;
  }
  if (r.mode === 'model-file') {
    out.innerHTML = showModelFile(r);
    await plotModelFileProgram(out, r, ctx);
    return;
  }
  const iso = r.isothermal_T_for_time as Json[];
  let html = `<h3>Isothermal temperature (°C) at which α is reached after</h3>
<table id="safety-iso"><thead><tr><th>α</th>${TIMES.map((t) => `<th>${t}</th>`).join('')}</tr></thead><tbody>${iso
    .map(
      (row, i) =>
        `<tr><td>${row.alpha}</td>${TIMES.map((t) => cell(`safety.iso.${i}.${t}`, row.T_K[t], celsius)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
  if (r.isothermal) {
    html += `<h3>Time to α at ${celsius(r.isothermal.T_K)} °C</h3>
<table id="safety-time"><thead><tr><th>α</th><th>time</th></tr></thead><tbody>${(r.isothermal.times as Json[])
      .map((t, i) => `<tr><td>${t.alpha}</td>${cell(`safety.time.${i}`, t.time_s, duration)}</tr>`)
      .join('')}</tbody></table>`;
  }
  if (r.adiabatic) {
    const a = r.adiabatic;
    html += `<h3>Adiabatic runaway</h3>
<table id="safety-adiabatic"><thead><tr><th>ΔT_ad (K)</th><th>TMRad</th><th>TMRad, Semenov approximation</th><th>T at max rate (°C)</th><th>max dT/dt (K/s)</th></tr></thead><tbody><tr>
${cell('safety.adiabatic.dT_ad_K', a.dT_ad_K, (x) => x.toFixed(1))}${cell('safety.adiabatic.tmr_s', a.tmr_s, duration)}${cell('safety.adiabatic.tmr_semenov_s', a.tmr_semenov_s ?? undefined, duration)}${cell('safety.adiabatic.T_at_max_rate_K', a.T_at_max_rate_K, celsius)}${cell('safety.adiabatic.max_dTdt_K_s', a.max_dTdt_K_s, (x) => x.toPrecision(3))}</tr></tbody></table>
${
  // The rate is largest at the very start when f(α) → ∞ as α → 0 (JMA with n < 1): TMRad ≈ 0 then says nothing.
  a.curve && Math.abs(a.T_at_max_rate_K - a.curve.T_K[0]) < 0.01
    ? `<p class="note" id="safety-tmr-note">The heat-release rate of this model is largest at the start (f(α) grows without bound as α → 0, e.g. JMA with n < 1), so the time to maximum rate is ≈ 0 and not a useful safety margin; read the runaway time off the curve below.</p>`
    : ''
}`;
  }
  if (r.program) {
    const p = r.program;
    const last = p.alpha.length - 1;
    html += `<h3>Temperature program ${esc(p.file)}</h3><table id="safety-program-table"><thead><tr><th>end time</th><th>α at the end</th><th>max α</th></tr></thead><tbody><tr>${cell('safety.program.time_end_s', p.time_s[last], duration)}${cell('safety.program.alpha_end', p.alpha[last], (x) => x.toPrecision(4))}${cell('safety.program.alpha_max', maxOf(p.alpha), (x) => x.toPrecision(4))}</tr></tbody></table>`;
  }
  if (r.adiabatic?.T_D24_K) html += adiabaticTds(r.adiabatic, 'safety-td');
  html += warningList(r);
  out.innerHTML = html;
  await plotBands(out, r, ctx, 'kinetic triplet', 'kin');
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  out.appendChild(wrap);
  if (r.program) {
    const p = r.program;
    const rows = (p.time_s as number[]).map((t, i) => ({
      t_min: t / 60,
      alpha: p.alpha[i],
      T_C: p.T_K[i] - 273.15,
    }));
    await ctx.plot(
      wrap,
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `α(t) along ${p.file}`,
        width: 480,
        height: 280,
        data: { values: rows },
        encoding: { x: { field: 't_min', type: 'quantitative', title: 'time (min)' } },
        layer: [
          {
            mark: { type: 'line', color: '#c0392b' },
            encoding: {
              y: { field: 'alpha', type: 'quantitative', title: 'α', axis: { titleColor: '#c0392b' } },
            },
          },
          {
            mark: { type: 'line', color: '#7f8c8d', strokeDash: [4, 3] },
            encoding: {
              y: { field: 'T_C', type: 'quantitative', title: 'T (°C)', axis: { titleColor: '#7f8c8d' } },
            },
          },
        ],
        resolve: { scale: { y: 'independent' } },
      },
      'plot-safety-program',
    );
  }
  if (r.adiabatic) {
    const a = r.adiabatic;
    const c = a.curve;
    const rows = (c.time_s as number[]).map((t, i) => ({ t_h: t / 3600, T_C: c.T_K[i] - 273.15 }));
    await ctx.plot(
      wrap,
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: `Adiabatic runaway: ΔT_ad = ${a.dT_ad_K.toFixed(0)} K, TMRad = ${duration(a.tmr_s.value)}`,
        width: 480,
        height: 280,
        layer: [
          {
            data: { values: rows },
            mark: { type: 'line' },
            encoding: {
              x: { field: 't_h', type: 'quantitative', title: 'time (h)' },
              y: { field: 'T_C', type: 'quantitative', title: 'T (°C)', scale: { zero: false } },
            },
          },
          {
            data: { values: [{ t_h: a.tmr_s.value / 3600, label: 'TMRad' }] },
            mark: { type: 'rule', strokeDash: [4, 3], color: '#c0392b' },
            encoding: { x: { field: 't_h', type: 'quantitative' } },
          },
        ],
      },
      'plot-safety-adiabatic',
    );
  }
}

/**
 * The predictions with their 90 % bands (web/src/safety-plots.ts): isothermal temperature for each time to α, the
 * time to α at the isothermal temperature, and (model-free) α(t) along the program.
 */
async function plotBands(
  out: HTMLElement,
  r: Json,
  ctx: SafetyTabContext,
  what: string,
  id: string,
): Promise<void> {
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  out.appendChild(wrap);
  await ctx.plot(
    wrap,
    isoTemperatureBandSpec(
      r.isothermal_T_for_time as { alpha: number; T_K: Record<string, unknown> }[],
      TIMES,
      `Isothermal temperature at which α is reached (${what}; bars: 90 % band)`,
    ),
    `plot-safety-${id}-iso`,
  );
  if (r.isothermal)
    await ctx.plot(
      wrap,
      timeToAlphaBandSpec(
        r.isothermal.times as { alpha: number; time_s: unknown }[],
        `Time to α at ${celsius(r.isothermal.T_K as number)} °C (${what}; bars: 90 % band)`,
      ),
      `plot-safety-${id}-time`,
    );
  if (r.program && Array.isArray(r.program.alpha_lo90))
    await ctx.plot(
      wrap,
      programBandSpec(
        r.program as { time_s: number[]; alpha: number[]; alpha_lo90?: number[]; alpha_hi90?: number[] },
        `α(t) along ${String(r.program.file)} (${what}; band 90 %)`,
      ),
      `plot-safety-${id}-program`,
    );
}
