/**
 * The HTML report shows the structured warnings (severity badge, code, message) beside each result — batch, run,
 * stage, Kissinger, Ea(α) — instead of plain strings (issue 16).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeResultJson, runAnalysis } from '../../src/app/analyze.ts';
import { analyzeReportHtml } from '../../src/report/html.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { simulateUploads } from '../trust/traps/generate.ts';

const step = { model: nthOrder(1), Ea_kJ_mol: 150, lgA_s: 12 };
const meta = { title: 't', command: 'ckin analyze …', version: '0' };
function report(runs: { name: string; content: string }[]) {
  const res = runAnalysis({ runs, rateFromFileName: true });
  const json = analyzeResultJson(res);
  const html = analyzeReportHtml(res, { overview: '', stages: res.stages.map(() => []) }, meta, json);
  return { html, json };
}
/** The HTML of stage k's section. */
const section = (html: string, k: number) => html.split('<section>')[k] ?? '';

test('report: two steps under one signal → Kissinger cautioned "apparent" beside its line; the batch its refusals', () => {
  const runs = [
    ...simulateUploads({
      steps: [
        { model: nthOrder(1), Ea_kJ_mol: 120, lgA_s: 9.6, weight: 50 },
        { model: nthOrder(1), Ea_kJ_mol: 180, lgA_s: 14.5, weight: 50 },
      ],
      rates: [2, 5, 10, 20],
      seed: 101,
    }),
    ...simulateUploads({
      steps: [{ ...step, weight: 0 }],
      rates: [30],
      seed: 3,
      names: ['blank_30Kmin.csv'],
    }),
  ];
  const { html, json } = report(runs);
  assert.equal(json.stages[0].kissinger!.quality, 'caution');
  const st = section(html, 1);
  assert.match(
    st,
    /<b>Kissinger<\/b>: Ea = [^<]*<span class="q q-caution">caution<\/span><\/p><ul class="warn"><li><span class="sev sev-caution">caution<\/span> <code>kinetics\.apparent<\/code> /,
  );
  assert.match(
    st,
    // Friedman is model-free: a varying Ea(α) is information about the process, not a flaw of the series
    /<b>Friedman<\/b>: [^<]*<span class="q q-ok">ok<\/span><\/p><ul class="warn"><li><span class="sev sev-info">info<\/span> <code>iso\.ea_varies<\/code> /,
  );
  // batch level, before the runs table: the refused run with its code
  const head = html.slice(0, html.indexOf('<h2>Runs</h2>'));
  assert.match(head, /<code>batch\.runs_refused<\/code> 4 of 5 runs analysed; 1 refused: blank_30Kmin\.csv/);
  // no plain-string warning list is left (every item carries a severity badge)
  for (const li of html.match(/<ul class="warn">(.*?)<\/ul>/g) ?? [])
    for (const item of li.match(/<li>.*?<\/li>/g) ?? []) assert.match(item, /^<li><span class="sev sev-/);
});

test('report: a stage-level ΔH warning shows beside the stage; a clean set shows ok badges and no warning list', () => {
  const bad = report(
    simulateUploads({ steps: [step], rates: [2, 5, 10], seed: 1, dsc: { dH_J_g: 500, scale: 1000 } }),
  );
  assert.match(
    section(bad.html, 1),
    /<b>Stage<\/b> <span class="q q-unreliable">unreliable<\/span><\/p><ul class="warn"><li><span class="sev sev-unreliable">unreliable<\/span> <code>dsc\.enthalpy_implausible<\/code> ΔH above 5000 J\/g/,
  );
  const clean = report(simulateUploads({ steps: [step], rates: [2, 5, 10], seed: 1 }));
  assert.doesNotMatch(clean.html, /<ul class="warn">/);
  assert.match(section(clean.html, 1), /<b>Kissinger<\/b>: Ea = 150\.0 [^<]*<span class="q q-ok">ok<\/span>/);
  assert.match(section(clean.html, 1), /<b>Friedman<\/b>: [^<]*<span class="q q-ok">ok<\/span>/);
});
