/**
 * Run the trap corpus through the use cases (kissinger, iso ×4, analyze; fit; predict; kissinger → safety) and judge every result against its truth:
 * a result more than 10 % and 10 kJ/mol from the truth must carry a caution or unreliable warning (or the input must
 * be refused); clean results are counted with their quality. `npx tsx test/trust/traps/run.ts` prints the summary
 * line (and each silent result) — the line `.ci/run` shows.
 */
import { InputError } from '../../../src/core/input-error.ts';
import { qualityOf, type Quality, type ResultWarning } from '../../../src/core/warnings.ts';
import { fit } from '../../../src/app/fit.ts';
import { predict, type PredictSampleResult } from '../../../src/app/predict.ts';
import { safety } from '../../../src/app/safety.ts';
import { kissinger } from '../../../src/app/kissinger.ts';
import { iso } from '../../../src/app/iso.ts';
import { analyzeResultJson, runAnalysis } from '../../../src/app/analyze.ts';
import type { RunsInput } from '../../../src/app/run-sources.ts';
import { trapCorpus, type TrapCase } from './generate.ts';

/** One number (or series) that a use case returned, with its quality. */
export interface JudgedResult {
  label: string;
  quality: Quality;
  /** Is it more than 10 % and 10 kJ/mol from the truth (or a single Ea of a multi-step process)? */
  wrong: boolean;
  detail: string;
}

export interface CaseOutcome {
  case: TrapCase;
  refused: string[];
  results: JudgedResult[];
  /** Any caution or unreliable warning anywhere in the outputs (batch, run and stage warnings included). */
  anyWarning: boolean;
}

const ALPHAS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const isWrong = (e: number, truth: number) =>
  !Number.isFinite(e) || (Math.abs(e - truth) > 0.1 * truth && Math.abs(e - truth) > 10);

function judgeSingle(
  c: TrapCase,
  label: string,
  Ea: number,
  quality: Quality,
  stepTruth?: number,
): JudgedResult {
  const t = c.truth;
  const wrong =
    stepTruth !== undefined
      ? isWrong(Ea, stepTruth)
      : t === 'none' || 'multi' in t
        ? true
        : isWrong(Ea, t.Ea_kJ_mol);
  return { label, quality, wrong, detail: `Ea ${Ea.toFixed(1)} kJ/mol` };
}

function judgeSeries(
  c: TrapCase,
  label: string,
  method: string,
  rows: { alpha: number; Ea_kJ_mol: number; quality: Quality }[],
  quality: Quality,
  stepTruth?: number,
): JudgedResult | undefined {
  const t = stepTruth !== undefined ? { Ea_kJ_mol: stepTruth } : c.truth;
  if (t !== 'none' && 'multi' in t) {
    // Friedman and Vyazovkin are model-free: their Ea(α) of a multi-step process has no single truth to judge
    // against here; the integral methods (constant Ea from α = 0) are biased and must be flagged.
    if (method === 'friedman' || method === 'vyazovkin') return undefined;
    return { label, quality, wrong: true, detail: 'integral method on a multi-step process' };
  }
  const inside = rows.filter((r) => r.alpha >= 0.1 - 1e-9 && r.alpha <= 0.9 + 1e-9);
  const bad = t === 'none' ? inside : inside.filter((r) => isWrong(r.Ea_kJ_mol, t.Ea_kJ_mol));
  // A row is flagged when its own quality (series-wide warnings and those at its α) is not ok.
  const silentRows = bad.filter((r) => r.quality === 'ok');
  return {
    label,
    quality:
      silentRows.length > 0 ? 'ok' : bad.length > 0 ? (quality === 'ok' ? 'caution' : quality) : quality,
    wrong: bad.length > 0,
    detail: bad.length
      ? `wrong at α ${bad.map((r) => `${r.alpha}: ${r.Ea_kJ_mol.toFixed(1)}`).join(', ')}`
      : `Ea ${Math.min(...inside.map((r) => r.Ea_kJ_mol)).toFixed(1)}–${Math.max(...inside.map((r) => r.Ea_kJ_mol)).toFixed(1)}`,
  };
}

function attempt<T>(refused: string[], label: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) {
      refused.push(`${label}: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}

/** Is a time more than 10 % from its truth? */
const timeWrong = (t: number, truth: number) => !Number.isFinite(t) || Math.abs(t / truth - 1) > 0.1;

/** The quality of one safety number: the warnings about it (their message names it) and those about every number. */
function safetyQuality(ws: ResultWarning[], what: RegExp): Quality {
  return qualityOf(
    ws.filter(
      (w) =>
        what.test(w.message) ||
        w.code === 'safety.single-step-multistep' ||
        w.code === 'safety.no-band' ||
        w.code === 'safety.ea-varies',
    ),
  );
}

/** A fit, CNN or safety case (no analyze run). */
function runModelCase(c: TrapCase, input: RunsInput, refused: string[], results: JudgedResult[]): boolean {
  const t = c.truth;
  const single = t !== 'none' && !('multi' in t) ? t.Ea_kJ_mol : undefined;
  if (c.kind === 'fit') {
    const f = attempt(refused, 'fit', () => fit({ ...input, n: c.fit?.n }));
    if (!f) return false;
    const wrong = single === undefined || !c.fit?.jmaTruth || isWrong(f.Ea_kJ_mol, single);
    const r2 = f.rates.map((r) => r.r2.toFixed(3)).join('/');
    results.push({
      label: 'fit',
      quality: f.quality,
      wrong,
      detail: `Ea ${f.Ea_kJ_mol.toFixed(1)} kJ/mol, n ${f.n.toFixed(3)}, r² ${r2}`,
    });
    return f.quality !== 'ok';
  }
  if (c.kind === 'cnn') {
    const p = attempt(refused, 'predict', () => predict({ ...input, model: 'best' })) as
      PredictSampleResult | undefined; // the paper model's checks (the general model answers other inputs)
    if (!p) return false;
    const Ea = p.cnn.Ea_kJ_mol;
    results.push({
      label: 'cnn',
      quality: p.quality,
      wrong: single === undefined || isWrong(Ea, single),
      detail: `Ea ${Ea.toFixed(1)} kJ/mol`,
    });
    return p.quality !== 'ok';
  }
  // safety: Kissinger on the runs, then the safety numbers from its triplet (with its standard errors)
  const k = attempt(refused, 'kissinger', () => kissinger(input));
  if (!k) return false;
  const o = c.safety!;
  const s = attempt(refused, 'safety', () =>
    safety({
      Ea_kJ_mol: k.Ea_kJ_mol,
      lgA_s: k.lgA_s,
      Ea_se_kJ_mol: k.Ea_se_kJ_mol,
      lgA_se: k.lgA_se,
      n: 1,
      samples: 200,
      alphas: [o.alpha],
      isothermal_K: o.isothermal_C === undefined ? undefined : o.isothermal_C + 273.15,
      adiabatic: o.adiabatic && {
        dH_J_g: o.adiabatic.dH_J_g,
        cp_J_gK: o.adiabatic.cp_J_gK,
        T0_K: o.adiabatic.T0_C + 273.15,
      },
      runs: input.runs,
    }),
  );
  if (!s) return false;
  if (s.isothermal) {
    const time = s.isothermal.times[0].time_s.value;
    results.push({
      label: `isothermal time to α ${o.alpha} at ${o.isothermal_C} °C`,
      quality: safetyQuality(s.warnings, /^isothermal/),
      wrong: o.truth_s === undefined || timeWrong(time, o.truth_s),
      detail: `${time.toExponential(3)} s (truth ${o.truth_s?.toExponential(3) ?? 'none'})`,
    });
  }
  if (s.adiabatic) {
    const tmr = s.adiabatic.tmr_s.value;
    const out = !(tmr >= 1 && tmr <= 100 * 365.25 * 86400);
    results.push({
      label: `TMRad from ${o.adiabatic!.T0_C} °C`,
      quality: safetyQuality(s.warnings, /^TMRad/),
      // a single-step TMRad of a multi-step process has no truth; one beyond 100 years or below 1 s is not testable
      wrong: single === undefined || out,
      detail: `${tmr.toExponential(3)} s`,
    });
  }
  return s.quality !== 'ok';
}

/** Run one case through the use cases. */
export function runCase(c: TrapCase): CaseOutcome {
  const input: RunsInput = {
    runs: c.runs,
    heatingRates_K_min: c.rates,
    temperatureUnit: c.read?.temperatureUnit,
    exoSign: c.read?.exoSign,
  };
  const refused: string[] = [];
  const results: JudgedResult[] = [];
  let anyWarning = false;
  const seen = (q: Quality) => {
    if (q !== 'ok') anyWarning = true;
  };
  if (c.kind === 'fit' || c.kind === 'cnn' || c.kind === 'safety') {
    anyWarning = runModelCase(c, input, refused, results);
    return { case: c, refused, results, anyWarning };
  }
  if (c.kind === 'tga') {
    const k = attempt(refused, 'kissinger', () => kissinger(input));
    if (k) {
      results.push(judgeSingle(c, 'kissinger', k.Ea_kJ_mol, k.quality));
      seen(k.quality);
    }
    for (const method of ['friedman', 'kas', 'fwo', 'vyazovkin'] as const) {
      const r = attempt(refused, method, () => iso({ ...input, method, alphaGrid: ALPHAS }));
      if (!r) continue;
      seen(r.quality);
      const j = judgeSeries(c, method, method, r.rows, r.quality);
      if (j) results.push(j);
    }
  }
  const a = attempt(refused, 'analyze', () =>
    analyzeResultJson(runAnalysis({ ...input, rateFromFileName: true })),
  );
  if (a) {
    if (a.summary.runs_analysed === 0)
      refused.push(`analyze: every run refused: ${a.summary.runs_refused.map((r) => r.reason).join('; ')}`);
    seen(a.quality);
    for (const r of a.runs) seen(r.quality);
    const steps = c.truth !== 'none' && 'multi' in c.truth ? c.truth.multi : undefined;
    const dH = c.dH_J_g;
    for (const s of a.stages) {
      seen(s.quality);
      const stepTruth = steps && a.stages.length === steps.length ? steps[s.stage - 1] : undefined;
      // ΔH of the stage: the process's, or its step's when the stages resolve the steps one to one
      const dHTruth =
        typeof dH === 'number' ? dH : dH && a.stages.length === dH.length ? dH[s.stage - 1] : undefined;
      if (dHTruth !== undefined || Array.isArray(dH)) {
        const values = s.peaks.map((p) => p.enthalpy_J_g ?? NaN);
        results.push({
          label: `analyze stage ${s.stage} ΔH`,
          quality: s.quality,
          wrong: dHTruth === undefined || values.some((v) => !(Math.abs(v - dHTruth) <= 0.1 * dHTruth)),
          detail: `ΔH ${values.map((v) => v.toPrecision(4)).join(', ')} J/g (truth ${dHTruth ?? 'none'})`,
        });
      }
      if (s.kissinger) {
        seen(s.kissinger.quality);
        results.push(
          judgeSingle(
            c,
            `analyze stage ${s.stage} kissinger`,
            s.kissinger.Ea_kJ_mol,
            s.kissinger.quality,
            stepTruth,
          ),
        );
      }
      for (const [m, r] of [
        ['friedman', s.friedman],
        ['vyazovkin', s.vyazovkin],
      ] as const) {
        if (!r) continue;
        seen(r.quality);
        const j = judgeSeries(c, `analyze stage ${s.stage} ${m}`, m, r.rows, r.quality, stepTruth);
        if (j) results.push(j);
      }
    }
  }
  return { case: c, refused, results, anyWarning };
}

export interface CorpusSummary {
  traps: { tried: number; flagged: number; silent: CaseOutcome[] };
  clean: { tried: number; cautioned: number; wrong: JudgedResult[]; refused: CaseOutcome[] };
  line: string;
  outcomes: CaseOutcome[];
}

/**
 * A trap is flagged when no wrong result is silent (quality ok) and the trap was noticed: refused, or some caution or
 * unreliable warning in the outputs. Clean results are counted one by one (each Kissinger, each Ea(α) series).
 */
export function runCorpus(cases: TrapCase[] = trapCorpus()): CorpusSummary {
  const outcomes = cases.map(runCase);
  const trapOutcomes = outcomes.filter((o) => !o.case.clean);
  const silent = trapOutcomes.filter(
    (o) => o.results.some((r) => r.wrong && r.quality === 'ok') || (!o.anyWarning && o.refused.length === 0),
  );
  const cleanOutcomes = outcomes.filter((o) => o.case.clean);
  const cleanResults = cleanOutcomes.flatMap((o) => o.results);
  const cautioned = cleanResults.filter((r) => r.quality !== 'ok').length;
  const traps = { tried: trapOutcomes.length, flagged: trapOutcomes.length - silent.length, silent };
  const clean = {
    tried: cleanResults.length,
    cautioned,
    wrong: cleanResults.filter((r) => r.wrong && r.quality === 'ok'),
    refused: cleanOutcomes.filter((o) => o.refused.length > 0),
  };
  const line = `traps: ${traps.tried} tried, ${traps.flagged} flagged, ${silent.length} silent; clean: ${clean.tried} tried, ${cautioned} cautioned`;
  return { traps, clean, line, outcomes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = runCorpus();
  const verbose = process.argv.includes('--verbose');
  for (const o of s.outcomes) {
    const bad = o.results.filter((r) => r.wrong && r.quality === 'ok');
    if (!verbose && bad.length === 0 && (o.case.clean || o.anyWarning || o.refused.length)) continue;
    console.log(`${o.case.clean ? 'clean' : 'trap '} ${o.case.name}`);
    for (const r of o.results)
      console.log(`   ${r.quality.padEnd(10)} ${r.wrong ? 'WRONG' : 'ok   '} ${r.label}: ${r.detail}`);
    for (const r of o.refused) console.log(`   refused ${r.slice(0, 160)}`);
  }
  console.log(s.line);
}
