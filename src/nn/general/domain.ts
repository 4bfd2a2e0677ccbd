/**
 * Domain-of-validity checks of a general-model prediction (issue 19; the same idea as src/nn/domain-of-validity.ts
 * for the paper model): the runs are simulated again at the predicted (family, n, Ea, lgA) on their own measured
 * temperatures and heating rates (src/synth/general-curves.ts `exactRunsOnGrid`, α = 0 at each run's first point),
 * with lgA re-fitted within ±0.6 (see `generalResimulationR2`);
 * each measured dα/dT, peak-normalized, is compared with a·s + b + c·t (`baselineAdjustedR2`); the worst per-run R²
 * below 0.95 makes the prediction unreliable (`cnn.resimulation-mismatch`). Input or answer outside the training
 * prior → `cnn.general-outside-prior` (caution). Pure functions.
 */
import { warning, type ResultWarning } from '../../core/warnings.ts';
import { fmt } from '../../core/format.ts';
import { maxOf, minOf } from '../../core/statistics.ts';
import { goldenSectionMin } from '../../core/golden-section.ts';
import { peakNormalize } from '../../synth/peak-normalize.ts';
import { exactRunsOnGrid } from '../../synth/general-curves.ts';
import { GENERAL_PRIOR } from '../../synth/general-prior.ts';
import { baselineAdjustedR2, MIN_RESIMULATION_R2 } from '../domain-of-validity.ts';
import type { GeneralPrediction } from './model.ts';

export interface MeasuredRun {
  beta_K_min: number;
  T_K: ArrayLike<number>;
  dadT_per_K: ArrayLike<number>;
  file?: string;
}

/**
 * Per-run R² of the curves re-simulated at the prediction (−∞ for a run where nothing reacts). lgA is re-fitted
 * within ±0.6 of the prediction (golden section on Σ(1 − R²)): the network's lgA error follows its Ea error by the
 * compensation effect (δlgA ≈ δEa/(ln10·R·T)), and a 2–3 kJ/mol error would otherwise shift narrow peaks enough to
 * fail an answer that is as good as the model's RMSE; a wrong family, n or a multi-step process changes the shapes,
 * which no lgA repairs. Cheap: p(T) and e^(−Ea/RT) do not depend on lgA (one evaluation per point and run).
 */
export function generalResimulationR2(runs: readonly MeasuredRun[], p: GeneralPrediction): number[] {
  if (!(p.Ea_kJ_mol > 0 && Number.isFinite(p.lgA_s) && Number.isFinite(p.n)))
    return runs.map(() => -Infinity);
  const n = Math.min(6, Math.max(0.2, p.n));
  const T = runs.map((r) => Float64Array.from(r.T_K));
  const data = runs.map((r) => peakNormalize(r.dadT_per_K));
  const at = (lgA: number) => {
    const sim = exactRunsOnGrid(
      { rates_K_min: runs.map((r) => r.beta_K_min), family: p.family, n, Ea_kJ_mol: p.Ea_kJ_mol, lgA_s: lgA },
      T,
    );
    return runs.map((_, i) => {
      const s = sim[i].dadT_per_K;
      if (!s.some((v) => v > 0)) return -Infinity;
      const r2 = baselineAdjustedR2(data[i], peakNormalize(s));
      return Number.isNaN(r2) ? -Infinity : r2;
    });
  };
  const cost = (lgA: number) => at(lgA).reduce((a, r2) => a + (Number.isFinite(r2) ? 1 - r2 : 1e6), 0);
  const best = goldenSectionMin(cost, p.lgA_s - 0.6, p.lgA_s + 0.6, 1e-3);
  const r = at(best);
  const r0 = at(p.lgA_s);
  return r.map((v, i) => Math.max(v, r0[i]));
}

export interface GeneralDomainCheck {
  resimulation_r2: number[];
  worst_r2: number;
  warnings: ResultWarning[];
}

export function checkGeneralDomain(runs: readonly MeasuredRun[], p: GeneralPrediction): GeneralDomainCheck {
  const warnings: ResultWarning[] = [];
  const P = GENERAL_PRIOR;
  const rates = runs.map((r) => r.beta_K_min);
  const outside: string[] = [];
  if (runs.length < P.rateCount[0] || runs.length > P.rateCount[1])
    outside.push(`${runs.length} runs (trained on ${P.rateCount[0]}–${P.rateCount[1]})`);
  const lo = minOf(rates);
  const hi = maxOf(rates);
  if (lo < P.rates_K_min[0] * 0.9 || hi > P.rates_K_min[1] * 1.1)
    outside.push(
      `heating rates ${fmt(lo, 3)}–${fmt(hi, 3)} K/min (trained on ${P.rates_K_min[0]}–${P.rates_K_min[1]})`,
    );
  if (p.Ea_kJ_mol < P.Ea_kJ_mol[0] - 5 || p.Ea_kJ_mol > P.Ea_kJ_mol[1] + 5)
    outside.push(`Ea ${fmt(p.Ea_kJ_mol, 1)} kJ/mol (prior ${P.Ea_kJ_mol[0]}–${P.Ea_kJ_mol[1]})`);
  if (p.lgA_s < P.lgA_s[0] - 0.5 || p.lgA_s > P.lgA_s[1] + 0.5)
    outside.push(`lgA ${fmt(p.lgA_s, 2)} (prior ${P.lgA_s[0]}–${P.lgA_s[1]})`);
  if (p.n < P.nJma[0] - 0.2 || p.n > P.nJma[1] + 0.2)
    outside.push(`n ${fmt(p.n, 2)} (prior ${P.nJma[0]}–${P.nJma[1]})`);
  if (outside.length)
    warnings.push(
      warning(
        'cnn.general-outside-prior',
        'caution',
        `outside the general model's training prior: ${outside.join('; ')}`,
      ),
    );
  const r2 = generalResimulationR2(runs, p);
  // The worst run; a non-finite R² (a simulated curve that never reacts in the data's range, or overflows) is worst.
  let k = 0;
  for (let i = 1; i < r2.length; i++) if (!(r2[i] >= r2[k])) k = i;
  const worst = r2.length ? (Number.isFinite(r2[k]) ? r2[k] : -Infinity) : Infinity;
  if (!(worst >= MIN_RESIMULATION_R2)) {
    const r2Text = Number.isFinite(worst)
      ? fmt(worst, 3)
      : 'below any bound (the simulated curve misses the data)';
    warnings.push(
      warning(
        'cnn.resimulation-mismatch',
        'unreliable',
        `the curves simulated at the predicted ${p.family === 'jma' ? 'JMA' : 'nth-order'} n ${fmt(p.n, 2)}, Ea ${fmt(p.Ea_kJ_mol, 1)} kJ/mol, ` +
          `lgA ${fmt(p.lgA_s, 2)} do not reproduce the data: R² ${r2Text} for ${runs[k].file ?? `the ${fmt(runs[k].beta_K_min, 3)} K/min run`} ` +
          `(need ≥ ${MIN_RESIMULATION_R2}); several steps or a model outside JMA/nth order, or a wrong answer — use \`ckin fit\` or \`ckin iso\``,
        { file: runs[k].file },
      ),
    );
  }
  return { resimulation_r2: r2, worst_r2: worst, warnings };
}
