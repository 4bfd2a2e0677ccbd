/**
 * `ckin predict` with the general model (issue 19): one multi-rate run at any 3–5 heating rates → Ea, lgA, n and
 * the reaction family, the split-conformal 90 % intervals, the domain-of-validity check (re-simulation with the
 * predicted family and n: src/nn/general/domain.ts) and, with `--refine`, a local JMA fit with free n from the
 * network's answer that falls back to the network's answer (with a warning) instead of failing.
 */
import { InputError } from '../core/input-error.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { fmt } from '../core/format.ts';
import { pushAll } from '../core/arrays.ts';
import { peakNormalize } from '../synth/peak-normalize.ts';
import { refineJmaFit } from '../analysis/fit/jma-fit.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import { GeneralModel } from '../nn/general/model.ts';
import { checkGeneralDomain } from '../nn/general/domain.ts';
import { mondrianHalfWidths } from '../nn/general/conformal.ts';
import { inputNoiseLevel } from '../nn/general/input-noise.ts';
import { MIN_RESIMULATION_R2, MAX_VARIATION_RATIO } from '../nn/domain-of-validity.ts';

/** A conversion curve as the general model reads it (α and dα/dT on the measured temperatures). */
function asRun(c: ConversionCurve) {
  return {
    beta_K_min: c.beta_K_min,
    T_K: Float64Array.from(c.T_K),
    alpha: Float64Array.from(c.alpha),
    dadT_per_K: Float64Array.from(c.dadT_per_K),
  };
}

/** A run whose dα/dT at its end exceeds this fraction of its peak is unfinished. */
const MAX_END_FRACTION = 0.1;
/**
 * A run whose last α is below this is unfinished (the general prior calls a sample unfinished below 0.98 true
 * conversion; 0.95 leaves room for the noise and baseline of a measured α).
 */
const MIN_END_ALPHA = 0.95;

/** dα/dT at the last point over its maximum (a run that stops while still reacting). */
function endFraction(c: ConversionCurve): number {
  let max = 0;
  for (const v of c.dadT_per_K) if (v > max) max = v;
  const last = c.dadT_per_K[c.dadT_per_K.length - 1];
  return max > 0 ? Math.max(0, last) / max : 0;
}

/** ∫|dα/dT| dT / |∫dα/dT dT| (1 for a conversion that only grows; ≫ 1 for noise without a reaction). */
function variationRatio(c: ConversionCurve): number {
  let abs = 0;
  let net = 0;
  for (let i = 1; i < c.T_K.length; i++) {
    const dT = c.T_K[i] - c.T_K[i - 1];
    const m = 0.5 * (c.dadT_per_K[i] + c.dadT_per_K[i - 1]);
    if (!Number.isFinite(m) || !Number.isFinite(dT)) continue;
    net += m * dT;
    abs += Math.abs(m) * dT;
  }
  return net !== 0 ? abs / Math.abs(net) : Infinity;
}

export interface GeneralPredictOptions {
  refine?: boolean;
  force?: boolean;
}

/** Predict one experiment with the general model; `curves` as `loadCurves` returns them. */
export function predictWithGeneral(
  model: GeneralModel,
  modelDir: string,
  curves: ConversionCurve[],
  readWarnings: ResultWarning[],
  opts: GeneralPredictOptions,
) {
  if (curves.length < 2)
    throw new InputError(`the general model needs ≥ 2 runs at different heating rates, got ${curves.length}`);
  const sorted = [...curves].sort((a, b) => a.beta_K_min - b.beta_K_min);
  const warnings: ResultWarning[] = [...readWarnings];
  if (model.incomplete)
    warnings.push(
      warning(
        'cnn.model-incomplete',
        'unreliable',
        `the general model is not finished (${model.incomplete})`,
      ),
    );
  const noReaction = sorted.filter(
    (c) => !(variationRatio(c) <= MAX_VARIATION_RATIO) || !c.dadT_per_K.some((v) => v > 0),
  );
  for (const c of noReaction)
    warnings.push(
      warning(
        'cnn.no-reaction',
        'unreliable',
        `${c.file ?? `the ${fmt(c.beta_K_min, 3)} K/min run`}: no reaction — the conversion has no net rise`,
        {
          file: c.file,
        },
      ),
    );
  if (noReaction.length && !opts.force)
    throw new InputError(
      noReaction.map((c) => `${c.file ?? c.beta_K_min}: no reaction`).join('; ') +
        ' — refused (--force predicts anyway)',
    );
  for (const c of sorted) {
    const end = endFraction(c);
    const lastAlpha = c.alpha[c.alpha.length - 1];
    const why = [
      ...(end > MAX_END_FRACTION ? [`dα/dT is still ${fmt(100 * end, 0)} % of its peak`] : []),
      // α as the file gives it (an α column); α from the mass is normalized to 1 at the end of the run
      ...(lastAlpha < MIN_END_ALPHA ? [`α reaches only ${fmt(lastAlpha, 2)}`] : []),
    ];
    if (why.length)
      warnings.push(
        warning(
          'cnn.run-unfinished',
          'caution',
          `${c.file ?? `the ${fmt(c.beta_K_min, 3)} K/min run`}: the run ends while ${why.join(' and ')} — α of an unfinished run is not the true conversion`,
          { file: c.file },
        ),
      );
  }
  const t0 = performance.now();
  const runs = sorted.map(asRun);
  const p = model.predictRuns(runs);
  const cnnMs = performance.now() - t0;
  const measured = sorted.map((c) => ({
    beta_K_min: c.beta_K_min,
    T_K: c.T_K,
    dadT_per_K: c.dadT_per_K,
    file: c.file,
  }));
  const domain = checkGeneralDomain(measured, p);
  pushAll(warnings, domain.warnings);
  const interval = (v: number, h: number) => ({ lo: v - h, hi: v + h });
  // Input-dependent (Mondrian) half-widths when the model has them; else the constant split-conformal ones.
  const noise = inputNoiseLevel(runs);
  const mc = model.mondrian;
  const q = mc
    ? {
        ...mondrianHalfWidths(mc, noise, p.family, p.n, p.Ea_kJ_mol),
        method: `Mondrian split-conformal (input noise level ${noise.toPrecision(2)}, family, n, Ea)`,
      }
    : {
        ...model.manifest.conformal,
        method: `split-conformal on ${model.manifest.conformal.calibrationCount} calibration samples`,
      };
  let refined: ReturnType<typeof refineGeneral>;
  if (opts.refine) refined = refineGeneral(measured, p, warnings);
  return {
    model: modelDir,
    preset: 'general',
    model_version: `general ${model.manifest.createdAt}`,
    model_used: 'general',
    files: sorted.map((c) => c.file ?? ''),
    beta_K_min: sorted.map((c) => c.beta_K_min),
    n: p.n,
    model_family: p.family,
    cnn: { Ea_kJ_mol: p.Ea_kJ_mol, lgA_s: p.lgA_s, n: p.n, family: p.family, family_score: p.family_score },
    interval_90: {
      method: 'bin' in q ? `${q.method}: bin ${q.bin} of ${q.count} calibration samples` : q.method,
      Ea_kJ_mol: interval(p.Ea_kJ_mol, q.Ea_kJ_mol),
      lgA_s: interval(p.lgA_s, q.lgA_s),
      n: interval(p.n, q.n),
    },
    quality: qualityOf(warnings),
    domain: { resimulation_r2: domain.resimulation_r2, worst_r2: domain.worst_r2 },
    refined,
    time_ms: { cnn: cnnMs },
    warnings,
  };
}

/**
 * Levenberg–Marquardt on the JMA model with free n (peak-normalized curves) from the network's answer (an nth-order
 * answer starts from JMA n = 1). Never throws on input problems: `cnn.refine-failed` and the network answer stands.
 */
function refineGeneral(
  runs: { beta_K_min: number; T_K: number[]; dadT_per_K: number[]; file?: string }[],
  p: { Ea_kJ_mol: number; lgA_s: number; n: number; family: string },
  warnings: ResultWarning[],
) {
  let r: ReturnType<typeof refineJmaFit>;
  try {
    const n0 = p.family === 'jma' ? Math.min(4, Math.max(0.5, p.n)) : 1;
    // The fitter's `peak` normalization compares peak-normalized model curves with the data as given: normalize the data.
    const data = runs.map((c) => ({ ...c, dadT_per_K: Array.from(peakNormalize(c.dadT_per_K)) }));
    r = refineJmaFit(
      data,
      { Ea_kJ_mol: p.Ea_kJ_mol, lgA_s: p.lgA_s, n: n0 },
      { normalize: 'peak', T0_K: runs[0].T_K[0] },
    );
  } catch (e) {
    if (!(e instanceof InputError || e instanceof RangeError)) throw e;
    warnings.push(
      warning('cnn.refine-failed', 'caution', `refinement not possible, network answer kept: ${e.message}`),
    );
    return undefined;
  }
  const worst = r.rates.reduce((a, b) => Math.min(a, b.r2), Infinity);
  if (!(worst >= MIN_RESIMULATION_R2))
    warnings.push(
      warning(
        'cnn.refine-poor-fit',
        'unreliable',
        `the refined JMA fit (Ea ${fmt(r.Ea_kJ_mol, 1)} kJ/mol, lgA ${fmt(r.lgA_s, 2)}, n ${fmt(r.n, 2)}) fits poorly (worst per-rate R² ${fmt(worst, 3)} < ${MIN_RESIMULATION_R2})`,
      ),
    );
  else if (Math.abs(r.Ea_kJ_mol - p.Ea_kJ_mol) > 10)
    warnings.push(
      warning(
        'cnn.methods-disagree',
        'caution',
        `the refined Ea ${fmt(r.Ea_kJ_mol, 1)} kJ/mol is ${fmt(Math.abs(r.Ea_kJ_mol - p.Ea_kJ_mol), 1)} kJ/mol from the network's ${fmt(p.Ea_kJ_mol, 1)}`,
      ),
    );
  return {
    family: 'jma' as const,
    Ea_kJ_mol: r.Ea_kJ_mol,
    lgA_s: r.lgA_s,
    n: r.n,
    rates: r.rates.map((x) => ({ beta_K_min: x.beta_K_min, r2: x.r2 })),
    method: r.search.method,
  };
}
