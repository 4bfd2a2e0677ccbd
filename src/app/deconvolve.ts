import {
  deconvolveCurve,
  peakCurve,
  type DeconvolvedCurve,
} from '../analysis/deconvolution/deconvolve-curve.ts';
import { peakKinetics, type PeakKinetics } from '../analysis/deconvolution/peak-kinetics.ts';
import { initialGuessFromDeconvolution } from '../fit/deconvolution-guess.ts';
import { InputError } from '../core/input-error.ts';
import { minOf, maxOf } from '../core/statistics.ts';
import { pushAll } from '../core/arrays.ts';
import { checkWork } from '../core/work-limits.ts';
import { qualityOf, warning, type ResultWarning } from '../core/warnings.ts';
import { assertEnoughDistinctRates } from '../trust/rates.ts';
import { dedupeWarnings } from '../trust/legacy.ts';
import type { UseCaseCallbacks } from './callbacks.ts';
import { kissingerWarnings, CHECK_ALPHAS } from './kissinger.ts';
import { loadCurves, readRuns, smoothingJson, type RunsInput } from './run-sources.ts';
import { schemeRuns } from './fit-scheme.ts';
import { linearBaseline } from '../analysis/dsc-baseline.ts';

/**
 * `ckin deconvolve`: kinetic deconvolution (issue 17 item 5). Each run's dα/dT (TGA; for a DSC run the heat flow
 * over the baseline, normalised to unit area) is split into K Fraser–Suzuki peaks
 * (src/analysis/deconvolution/deconvolve-curve.ts); peak k of every run (peaks numbered by rising temperature) is
 * one process, analysed across the heating rates by Kissinger on its maxima and Friedman on its conversion
 * (peak-kinetics.ts; Perejón et al., J. Phys. Chem. B 115 (2011) 1780). `initial_guess` holds one parallel step per
 * peak for the scheme fit (src/fit/deconvolution-guess.ts).
 */
export interface DeconvolveOptions extends RunsInput, UseCaseCallbacks {
  /** Number of peaks per run (default 2; bounded by work-limits `deconvPeaks`). */
  peaks?: number;
  /** Points of each run's fitting grid (default 400). */
  gridPoints?: number;
}

/** R² on the fitting grid below which a deconvolution is flagged. */
const R2_MIN = 0.98;
/** A peak with a smaller share of the area is not resolved. */
const MIN_AREA_FRACTION = 0.02;
/** The K-th peak is not needed when it raises R² by less than this (0.1 % of the variance). */
const EXTRA_PEAK_GAIN = 1e-3;

/** The warnings of one run's deconvolution (poor fit, shape on a bound, peaks not resolved). */
export function deconvolutionWarnings(d: DeconvolvedCurve, file?: string): ResultWarning[] {
  const out: ResultWarning[] = [];
  const where = { file };
  if (!(d.r2 >= R2_MIN))
    out.push(
      warning(
        'deconv.poor_fit',
        'caution',
        `${file ?? 'run'}: the ${d.peaks.length} Fraser–Suzuki peaks reproduce the signal with R² ${d.r2.toFixed(4)} (< ${R2_MIN})`,
        where,
      ),
    );
  d.peaks.forEach((p, k) => {
    const shape = p.onBound.filter((b) => b === 'A_s' || b === 'w');
    if (shape.length)
      out.push(
        warning(
          'deconv.shape_on_bound',
          'caution',
          `${file ?? 'run'}: peak ${k + 1} (${p.T_p_K.toFixed(1)} K) ended with ${shape.join(' and ')} on the bound of the fit`,
          { ...where, stage: k + 1 },
        ),
      );
    if (!(p.areaFraction >= MIN_AREA_FRACTION) || p.onBound.includes('h'))
      out.push(
        warning(
          'deconv.peaks_merged',
          'unreliable',
          `${file ?? 'run'}: peak ${k + 1} carries ${(100 * p.areaFraction).toFixed(1)} % of the area: the data do not support ${d.peaks.length} peaks`,
          { ...where, stage: k + 1 },
        ),
      );
    const next = d.peaks[k + 1];
    if (next && next.T_p_K - p.T_p_K < 0.5 * Math.min(p.fwhm_K, next.fwhm_K))
      out.push(
        warning(
          'deconv.peaks_merged',
          'unreliable',
          `${file ?? 'run'}: peaks ${k + 1} and ${k + 2} lie ${(next.T_p_K - p.T_p_K).toFixed(1)} K apart, under half the narrower width (${Math.min(p.fwhm_K, next.fwhm_K).toFixed(1)} K): the data do not resolve them`,
          { ...where, stage: k + 1 },
        ),
      );
  });
  return out;
}

function peakJson(p: DeconvolvedCurve['peaks'][number], grid: number[]) {
  return {
    T_p_K: p.T_p_K,
    T_p_C: p.T_p_K - 273.15,
    h_per_K: p.h,
    w_K: p.w_K,
    fwhm_K: p.fwhm_K,
    A_s: p.A_s,
    area: p.area,
    area_fraction: p.areaFraction,
    on_bound: p.onBound,
    curve: peakCurve(p, grid),
  };
}

function kineticsJson(k: PeakKinetics) {
  const rows = k.friedman?.rows ?? [];
  const inner = rows.filter((r) => r.alpha >= 0.1 - 1e-9 && r.alpha <= 0.9 + 1e-9);
  const eas = inner.map((r) => r.Ea_kJ_mol);
  return {
    kissinger: k.kissinger
      ? {
          Ea_kJ_mol: k.kissinger.Ea_kJ_mol,
          Ea_se_kJ_mol: k.kissinger.Ea_se_kJ_mol,
          lgA_s: k.kissinger.lgA_s,
          lgA_se: k.kissinger.lgA_se,
          r2: k.kissinger.r2,
        }
      : null,
    friedman: k.friedman
      ? {
          Ea_mean_kJ_mol: eas.length ? eas.reduce((a, b) => a + b, 0) / eas.length : null,
          Ea_min_kJ_mol: eas.length ? minOf(eas) : null,
          Ea_max_kJ_mol: eas.length ? maxOf(eas) : null,
          rows: rows.map((r) => ({ alpha: r.alpha, Ea_kJ_mol: r.Ea_kJ_mol, r2: r.r2 ?? null })),
        }
      : null,
  };
}

/** One run's signal to deconvolve. */
interface Series {
  beta_K_min: number;
  T_K: number[];
  dadT_per_K: number[];
  file?: string;
}

/**
 * The signals: dα/dT of the conversion curves (TGA, or runs with α), or — for runs that have only a DSC heat flow, or
 * with `signal: 'heatflow'` — the heat flow in the window (as the scheme fit reads it) over the straight line through
 * its first and last points.
 */
function deconvolutionInputs(opts: DeconvolveOptions): {
  curves: Series[];
  warnings: ResultWarning[];
  signal: 'dadT_per_K' | 'heatflow_W_g';
  smoothing: ReturnType<typeof smoothingJson> | null;
} {
  const raw = readRuns(opts);
  const heat =
    opts.signal === 'heatflow' ||
    (opts.signal === undefined && raw.every((r) => r.heatFlow_W_g && !r.mass_mg && !r.mass_pct && !r.alpha));
  if (heat) {
    const { runs } = schemeRuns({ ...opts, maxPointsPerRun: 100_000 });
    return {
      curves: runs.map((r) => {
        const b = linearBaseline(r.T_K, r.y);
        return {
          beta_K_min: r.beta_K_min,
          T_K: r.T_K,
          dadT_per_K: r.y.map((v, i) => v - b[i]),
          file: r.file,
        };
      }),
      warnings: [],
      signal: 'heatflow_W_g',
      smoothing: null,
    };
  }
  const { curves, warnings } = loadCurves(opts);
  return { curves, warnings, signal: 'dadT_per_K', smoothing: smoothingJson(curves, opts.smoothing) };
}

export type DeconvolveJson = ReturnType<typeof deconvolve>;

export function deconvolve(opts: DeconvolveOptions) {
  const K = opts.peaks ?? 2;
  checkWork('deconvPeaks', K);
  const { curves, warnings: read, signal, smoothing } = deconvolutionInputs(opts);
  const warnings: ResultWarning[] = [...read];
  const fits: DeconvolvedCurve[] = curves.map((c, i) => {
    try {
      const d = deconvolveCurve(c.T_K, c.dadT_per_K, { peaks: K, gridPoints: opts.gridPoints });
      return d;
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(`cannot deconvolve: ${e.message}`, { file: c.file });
      throw e;
    } finally {
      opts.onProgress?.(i + 1, curves.length, 'deconvolving');
    }
  });
  // Second pass: the best-fitting run's peaks, shifted to each other run's maximum and scaled to its height, as a
  // further start there, so that the runs are split alike when the data allow it.
  if (K >= 2 && fits.length > 1) {
    const b = fits.reduce((bi, d, i) => (d.r2 > fits[bi].r2 ? i : bi), 0);
    const top = (d: DeconvolvedCurve): { T: number; y: number } => {
      let im = 0;
      for (let i = 0; i < d.y.length; i++) if (d.y[i] > d.y[im]) im = i;
      return { T: d.T_K[im], y: d.y[im] };
    };
    const tb = top(fits[b]);
    fits.forEach((d, i) => {
      if (i === b) return;
      const ti = top(d);
      const start = fits[b].peaks.map((p) => ({
        h: (p.h * ti.y) / tb.y,
        T_p_K: p.T_p_K + ti.T - tb.T,
        w_K: p.w_K,
        A_s: p.A_s,
      }));
      const c = curves[i];
      const again = deconvolveCurve(c.T_K, c.dadT_per_K, {
        peaks: K,
        gridPoints: opts.gridPoints,
        starts: [start],
      });
      if (again.sse < d.sse) fits[i] = again;
    });
  }
  fits.forEach((d, i) => pushAll(warnings, deconvolutionWarnings(d, curves[i].file)));
  // Parsimony: fit K − 1 peaks too; where they already explain the run (the K-th peak adds under 0.1 % of the
  // variance) the K-th peak is not supported by the data.
  const fewer =
    K >= 2
      ? curves.map((c) => deconvolveCurve(c.T_K, c.dadT_per_K, { peaks: K - 1, gridPoints: opts.gridPoints }))
      : [];
  let notNeeded = 0;
  fewer.forEach((d, i) => {
    const gain = fits[i].r2 - d.r2;
    if (gain < EXTRA_PEAK_GAIN) {
      notNeeded++;
      warnings.push(
        warning(
          'deconv.extra_peak',
          'caution',
          `${curves[i].file ?? 'run'}: ${K - 1 > 1 ? `${K - 1} peaks already reproduce` : '1 peak already reproduces'} the run (R² ${d.r2.toFixed(5)}); peak ${K} adds only ${(100 * gain).toFixed(3)} % of the variance`,
          { file: curves[i].file },
        ),
      );
    }
  });
  const preferred = K >= 2 && 2 * notNeeded > curves.length ? K - 1 : K;

  let enoughRates = true;
  try {
    pushAll(warnings, assertEnoughDistinctRates(curves, 'Per-peak kinetics'));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    enoughRates = false;
    warnings.push(warning('deconv.no_kinetics', 'info', e.message));
  }
  const rates = curves.map((c) => c.beta_K_min);
  const files = curves.map((c) => c.file);
  const perPeak = Array.from({ length: K }, (_, k) => {
    const peaks = fits.map((d) => d.peaks[k]);
    const kin: PeakKinetics = enoughRates ? peakKinetics(peaks, rates, CHECK_ALPHAS, files) : {};
    if (kin.kissinger)
      pushAll(warnings, kissingerWarnings(kin.kissinger, { iso: kin.friedman, stage: k + 1 }));
    return {
      kin,
      T_peak_K: peaks.map((p) => p.T_p_K),
      areaFraction: peaks.map((p) => p.areaFraction),
    };
  });
  const ws = dedupeWarnings(warnings);
  return {
    method: 'fraser-suzuki' as const,
    /** `dadT_per_K`: y is dα/dT (K⁻¹); `heatflow_W_g`: y is the DSC heat flow over a linear baseline (W/g). */
    signal,
    peaks_requested: K,
    /** K − 1 when K − 1 peaks already explain most runs (see `deconv.extra_peak`), else K. */
    peaks_preferred: preferred,
    runs: fits.map((d, i) => ({
      file: curves[i].file ?? null,
      beta_K_min: curves[i].beta_K_min,
      r2: d.r2,
      r2_one_peak_fewer: fewer[i]?.r2 ?? null,
      T_K: d.T_K,
      y: d.y,
      model: d.model,
      peaks: d.peaks.map((p) => ({
        ...peakJson(p, d.T_K),
        /** Heat flow signal: the peak's ΔH = area/β, J/g. */
        dH_J_g: signal === 'heatflow_W_g' ? p.area / (curves[i].beta_K_min / 60) : null,
      })),
    })),
    peaks: perPeak.map((p, k) => ({
      peak: k + 1,
      T_p_K: p.T_peak_K,
      area_fraction: p.areaFraction,
      ...kineticsJson(p.kin),
    })),
    initial_guess: initialGuessFromDeconvolution(
      perPeak.map((p) => ({ kinetics: p.kin, T_peak_K: p.T_peak_K, areaFraction: p.areaFraction })),
    ),
    quality: qualityOf(ws),
    warnings: ws,
    smoothing,
  };
}
