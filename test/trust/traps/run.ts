/**
 * Run the trap corpus through the use cases (kissinger, iso ×4, analyze) and judge every result against its truth:
 * a result more than 10 % and 10 kJ/mol from the truth must carry a caution or unreliable warning (or the input must
 * be refused); clean results are counted with their quality. `npx tsx test/trust/traps/run.ts` prints the summary
 * line (and each silent result) — the line `.ci/run` shows.
 */
import { InputError } from '../../../src/core/input-error.ts';
import type { Quality } from '../../../src/core/warnings.ts';
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
    for (const s of a.stages) {
      seen(s.quality);
      const stepTruth = steps && a.stages.length === steps.length ? steps[s.stage - 1] : undefined;
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
