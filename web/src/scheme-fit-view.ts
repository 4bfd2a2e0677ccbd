import { api, waitJob } from './api.ts';
import type { AnalyzeStage, JobStatus } from './api-types.ts';
import { esc, onEvent } from './dom.ts';
import { collectWarnings, warningsHtml } from './warnings-view.ts';
import {
  schemeFitSpec,
  schemeStepsTableHtml,
  type SchemeFitView,
} from '../../src/report/scheme-fit-plots.ts';

/**
 * The multi-step fit of the JMA fit tab: a reaction scheme (`A->B:F1; B->C:F1`, `consecutive:2`, … as
 * `ckin fit --scheme`) fitted to all rates of the current stage (POST /api/fit/scheme, a job), then the steps table
 * and per heating rate the plot of data, model, each step's contribution and residuals — the same Vega-Lite specs
 * as the HTML report (src/report/scheme-fit-plots.ts), each exportable as SVG/PNG with its data table.
 */
export interface SchemeFitContext {
  /** The upload fields of the current inputs (files, columns, units, sample mass…). */
  upload: () => Record<string, unknown>;
  /** The stage the other tabs show (its window is the window fitted). */
  stage: () => AnalyzeStage | undefined;
  plot: (el: HTMLElement, spec: unknown, id: string) => Promise<void>;
}

/** The JSON of `ckin fit --scheme … --json` as the page reads it. */
export type SchemeFitResult = SchemeFitView & { quality?: string; warnings?: unknown[]; aicc?: number };

/** The last scheme fit, with the request it answers: shown only while the inputs are still the same. */
let last: { key: string; scheme: string; baseline: string; result: SchemeFitResult } | undefined;

/** The request body of a scheme fit: the upload (without the DSC baseline menu) and the stage window in °C. */
export function schemeFitBody(
  upload: Record<string, unknown>,
  stage: AnalyzeStage | undefined,
  scheme: string,
  baseline: string,
): Record<string, unknown> {
  const { baseline: _dsc, ...rest } = upload;
  const body: Record<string, unknown> = {
    ...rest,
    scheme,
    baseline: baseline === 'linear' ? 'linear' : 'none',
  };
  const w = stage?.peaks.map((p) => p.window_C).filter((x) => x.length === 2 && x.every(Number.isFinite));
  if (w?.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of w) {
      lo = Math.min(lo, x[0] as number);
      hi = Math.max(hi, x[1] as number);
    }
    body.window_C = `${lo}:${hi}`;
  }
  return body;
}

export function renderSchemeFit(el: HTMLElement, ctx: SchemeFitContext): void {
  const box = document.createElement('section');
  box.className = 'scheme-fit';
  box.setAttribute('aria-labelledby', 'scheme-fit-h');
  box.innerHTML = `<h3 id="scheme-fit-h">Multi-step scheme fit</h3>
<p class="muted">A reaction scheme fitted to all rates of this stage at once; each step's contribution is drawn (TGA: its mass-loss fraction × dα/dT; DSC: ΔH·r).</p>
<label>Scheme <input id="scheme-text" size="28" value="A->B:Fn; B->C:Fn" aria-describedby="scheme-help"></label>
<label>Baseline <select id="scheme-baseline"><option value="none">none</option><option value="linear">linear per run (DSC)</option></select></label>
<button id="scheme-run" type="button">Run scheme fit</button> <span id="scheme-status" class="status" role="status"></span>
<p id="scheme-help" class="muted">Steps like A->B:F1; B->C:F1 (models Fn F1 An SB Cn Bna R2 R3 D1–D4), or consecutive:2, parallel:2, competitive:2.</p>
<div id="scheme-out"></div>`;
  el.appendChild(box);
  const out = box.querySelector<HTMLElement>('#scheme-out')!;
  const status = box.querySelector<HTMLElement>('#scheme-status')!;
  const button = box.querySelector<HTMLButtonElement>('#scheme-run')!;
  const request = () =>
    schemeFitBody(
      ctx.upload(),
      ctx.stage(),
      box.querySelector<HTMLInputElement>('#scheme-text')!.value.trim(),
      box.querySelector<HTMLSelectElement>('#scheme-baseline')!.value,
    );
  onEvent(button, 'click', async () => {
    const body = request();
    const key = JSON.stringify(body);
    button.disabled = true;
    out.setAttribute('aria-busy', 'true');
    status.textContent = 'queued…';
    try {
      const job = await api<JobStatus>('/api/fit/scheme', body);
      const result = await waitJob<SchemeFitResult>(job.id, (s) => (status.textContent = `${s}…`));
      last = { key, scheme: String(body.scheme), baseline: String(body.baseline), result };
      status.textContent = '';
      await show(out, result, ctx);
    } catch (e) {
      status.textContent = '';
      out.innerHTML = `<p class="note">The scheme fit failed: ${esc((e as Error).message)}</p>`;
    } finally {
      button.disabled = false;
      out.removeAttribute('aria-busy');
    }
  });
  if (last) {
    // Back on the tab: the last fit's scheme and baseline, and its result while the inputs are still those it answers
    box.querySelector<HTMLInputElement>('#scheme-text')!.value = last.scheme;
    box.querySelector<HTMLSelectElement>('#scheme-baseline')!.value = last.baseline;
    if (JSON.stringify(request()) === last.key) void show(out, last.result, ctx);
  }
}

async function show(out: HTMLElement, f: SchemeFitResult, ctx: SchemeFitContext): Promise<void> {
  out.innerHTML = `${schemeStepsTableHtml(f, esc)}
<p class="muted">R² per rate: ${f.runs.map((r) => `${Number(r.beta_K_min.toFixed(3))} K/min ${r.r2.toFixed(4)}`).join(', ')}${
    f.aicc !== undefined ? `; AICc ${f.aicc.toFixed(1)}` : ''
  }</p>
${warningsHtml(collectWarnings(f.warnings), 'Warnings on the scheme fit', f.quality)}`;
  const wrap = document.createElement('div');
  wrap.className = 'plots';
  out.appendChild(wrap);
  for (let k = 0; k < f.runs.length; k++) await ctx.plot(wrap, schemeFitSpec(f, k), `plot-scheme-${k}`);
}
