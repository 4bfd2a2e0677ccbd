/**
 * The domain-of-validity corpus (docs/cnn.md "Domain of validity"): simulated three-rate runs inside and outside the
 * shipped model's domain — other heating rates, other Avrami exponents, Ea outside the training prior — with the
 * paper's noise, each with its truth. For every case: the CNN's error and whether the checks flag it.
 * Used by test/nn/domain-of-validity.test.ts and by `npx tsx scripts/cnn-domain-corpus.ts [model-dir]`, which
 * prints the table behind the numbers in docs/cnn.md.
 */
import { jmaCleanCurves } from '../src/synth/synthesize.ts';
import { peakNormalize } from '../src/synth/peak-normalize.ts';
import { addCompositeNoise, PAPER_NOISE } from '../src/synth/noise.ts';
import { gridTemperatures_K } from '../src/synth/grid.ts';
import { mulberry32 } from '../src/core/random.ts';
import { NCM_MATERIALS, kceLineLgA } from '../src/synth/materials.ts';
import { checkCnnDomain } from '../src/nn/domain-of-validity.ts';
import { isValidFlags, sampleFlags } from '../src/synth/validity.ts';
import { qualityOf } from '../src/core/warnings.ts';
import { CnnModel, resolveModelDir } from '../src/nn/model.ts';
import { setThreads } from '../src/nn/engine.ts';

export interface CorpusCase {
  group: string;
  rates_K_min: number[];
  Ea_kJ_mol: number;
  lgA_s: number;
  n: number;
}

/**
 * The corpus: `perGroup` cases in each group, deterministic from `seed`. lgA lies on one of the four materials'
 * KCE lines with the generator's jitter (σ 0.5), as in the training prior, so that each group changes one thing
 * (n, the rates, or Ea below the prior's 120–260 kJ/mol).
 */
export function domainCorpus(perGroup = 20, seed = 7): CorpusCase[] {
  const rng = mulberry32(seed);
  const groups: { group: string; rates: number[]; n: number; Ea: [number, number] }[] = [
    { group: 'in-domain 10/30/60 n=3', rates: [10, 30, 60], n: 3, Ea: [120, 260] },
    { group: '10/30/60 n=1', rates: [10, 30, 60], n: 1, Ea: [100, 300] },
    { group: '10/30/60 n=2', rates: [10, 30, 60], n: 2, Ea: [100, 300] },
    { group: '10/30/60 n=4', rates: [10, 30, 60], n: 4, Ea: [100, 300] },
    { group: '5/20/40 n=3', rates: [5, 20, 40], n: 3, Ea: [100, 300] },
    { group: '2/10/40 n=3', rates: [2, 10, 40], n: 3, Ea: [100, 300] },
    { group: '10/30/60 n=3 Ea 60-100', rates: [10, 30, 60], n: 3, Ea: [60, 100] },
  ];
  const out: CorpusCase[] = [];
  for (const g of groups) {
    for (let i = 0; i < perGroup; i++) {
      const Ea = g.Ea[0] + (g.Ea[1] - g.Ea[0]) * rng.uniform();
      const material = NCM_MATERIALS[Math.floor(rng.uniform() * NCM_MATERIALS.length)];
      const lgA = kceLineLgA(material, Ea) + material.lgA_jitter_sigma * rng.normal();
      out.push({ group: g.group, rates_K_min: g.rates, Ea_kJ_mol: Ea, lgA_s: lgA, n: g.n });
    }
  }
  return out;
}

export interface CaseOutcome extends CorpusCase {
  Ea_pred: number;
  lgA_pred: number;
  error_kJ_mol: number;
  worst_r2: number;
  quality: 'ok' | 'caution' | 'unreliable';
  codes: string[];
  check_ms: number;
  /** Valid in the dataset's sense (every peak inside the window, conversion complete: src/synth/validity.ts). */
  valid: boolean;
}

/** Run the model and the checks on every case (noisy curves built exactly as the dataset generator builds them). */
export function runCorpus(model: CnnModel, cases: CorpusCase[], seed = 11): CaseOutcome[] {
  const grid_K = gridTemperatures_K(model.manifest.input.grid_C);
  const P = grid_K.length;
  const rng = mulberry32(seed);
  return cases.map((c) => {
    const exact = jmaCleanCurves(c, c.rates_K_min, grid_K);
    const clean = exact.dadT_per_K;
    const valid = isValidFlags(
      sampleFlags(
        clean,
        exact.alpha.map((a) => a[P - 1]),
      ),
    );
    const curves = clean.map((d, r) => ({
      beta_K_min: c.rates_K_min[r],
      dadT_per_K: Float64Array.from(addCompositeNoise(peakNormalize(d), PAPER_NOISE, rng) as Float64Array),
    }));
    const x = new Float32Array(curves.length * P);
    curves.forEach((cv, r) => x.set(cv.dadT_per_K, r * P));
    const [Ea, lgA] = model.predict({
      count: 1,
      channels: curves.length,
      length: P,
      auxSize: curves.length,
      curves: x,
      aux: Float32Array.from(c.rates_K_min),
      targets: new Float32Array(2),
    });
    const t0 = performance.now();
    const d = checkCnnDomain(
      curves,
      { Ea_kJ_mol: Ea, lgA_s: lgA },
      { grid_K, trainingRates_K_min: model.manifest.input.rates_K_min, n: 3 },
    );
    const check_ms = performance.now() - t0;
    return {
      ...c,
      Ea_pred: Ea,
      lgA_pred: lgA,
      error_kJ_mol: Ea - c.Ea_kJ_mol,
      worst_r2: d.worst_r2,
      quality: qualityOf(d.warnings),
      codes: [...new Set(d.warnings.map((w) => w.code))],
      check_ms,
      valid,
    };
  });
}

/** Counts: errors > 10 kJ/mol flagged unreliable, and correct answers (≤ 10 kJ/mol) flagged (false alarms). */
export function summarizeCorpus(out: CaseOutcome[], only?: (o: CaseOutcome) => boolean) {
  const rows = only ? out.filter(only) : out;
  const wrong = rows.filter((o) => Math.abs(o.error_kJ_mol) > 10);
  const right = rows.filter((o) => Math.abs(o.error_kJ_mol) <= 10);
  return {
    cases: rows.length,
    wrong: wrong.length,
    wrong_flagged: wrong.filter((o) => o.quality === 'unreliable').length,
    right: right.length,
    right_flagged: right.filter((o) => o.quality === 'unreliable').length,
    right_flagged_by_r2: right.filter((o) => o.codes.includes('cnn.resimulation-mismatch')).length,
    wrong_flagged_by_r2: wrong.filter((o) => o.codes.includes('cnn.resimulation-mismatch')).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setThreads(1);
  const model = CnnModel.load(resolveModelDir(process.argv[2]));
  const out = runCorpus(model, domainCorpus(Number(process.argv[3] ?? 20)));
  const groups = [...new Set(out.map((o) => o.group))];
  for (const g of groups) {
    for (const v of [true, false]) {
      const s = summarizeCorpus(out, (o) => o.group === g && o.valid === v);
      console.log(`  ${g} ${v ? 'valid' : 'invalid'}: ${JSON.stringify(s)}`);
    }
    const s = summarizeCorpus(out, (o) => o.group === g);
    const rows = out.filter((o) => o.group === g);
    const rmse = Math.sqrt(rows.reduce((a, o) => a + o.error_kJ_mol ** 2, 0) / rows.length);
    const rmseLgA = Math.sqrt(rows.reduce((a, o) => a + (o.lgA_pred - o.lgA_s) ** 2, 0) / rows.length);
    console.log(
      `${g.padEnd(26)} N ${s.cases}  RMSE ${rmse.toFixed(1)} / ${rmseLgA.toFixed(2)}  wrong>10 ${s.wrong} (flagged ${s.wrong_flagged}, by R² ${s.wrong_flagged_by_r2})  ` +
        `right ${s.right} (flagged ${s.right_flagged}, by R² ${s.right_flagged_by_r2})`,
    );
  }
  console.log('all', JSON.stringify(summarizeCorpus(out)));
  console.log('all valid', JSON.stringify(summarizeCorpus(out, (o) => o.valid)));
  const ms = out.map((o) => o.check_ms).sort((a, b) => a - b);
  console.log(`check: median ${ms[ms.length >> 1].toFixed(3)} ms`);
  for (const o of out.filter((o) => Math.abs(o.error_kJ_mol) > 10 && o.quality !== 'unreliable'))
    console.log(
      'MISSED',
      o.group,
      o.Ea_kJ_mol.toFixed(1),
      o.lgA_s.toFixed(2),
      '→',
      o.Ea_pred.toFixed(1),
      'R²',
      o.worst_r2.toFixed(3),
    );
  for (const o of out.filter((o) => Math.abs(o.error_kJ_mol) <= 10 && o.quality === 'unreliable'))
    console.log(
      'FALSE ALARM',
      o.group,
      o.Ea_kJ_mol.toFixed(1),
      o.lgA_s.toFixed(2),
      '→',
      o.Ea_pred.toFixed(1),
      o.lgA_pred.toFixed(2),
      'R²',
      o.worst_r2.toFixed(3),
      o.codes.join(','),
    );
}
