import { fmtRate } from '../../core/format.ts';
import { InputError } from '../../core/input-error.ts';
import { extent } from '../../core/statistics.ts';

/** The input of a fit: one dα/dT curve per heating rate (structurally the lead's `ConversionCurve`). */
export interface FitCurve {
  beta_K_min: number;
  T_K: ArrayLike<number>;
  dadT_per_K: ArrayLike<number>;
  file?: string;
}

export interface CheckedCurve {
  beta_K_min: number;
  T_K: number[];
  y: number[];
  label: string;
  file?: string;
}

/** Label used in messages: the heating rate (the InputError adds the file), or the curve number and rate. */
export function curveLabel(c: FitCurve, index: number): string {
  const beta = `β = ${Number(c.beta_K_min.toPrecision(6))} K/min`;
  return c.file ? beta : `curve ${index + 1} (${beta})`;
}

/**
 * Check fitting input and cut it to a temperature window. Errors (InputError, naming the curve and point):
 * no curves, bad heating rate, length mismatch, fewer than 5 points in the window, NaN/∞, temperatures not
 * increasing, no peak inside the window (maximum at an edge or no positive value).
 * Warnings (returned): point counts differing by more than 4×, repeated heating rates, fewer than 3 distinct rates.
 */
export function checkFitCurves(
  curves: FitCurve[],
  window_K?: [number, number],
): { curves: CheckedCurve[]; warnings: string[] } {
  if (curves.length === 0) throw new InputError('fit: no curves given');
  const warnings: string[] = [];
  const out = curves.map((c, idx) => {
    const label = curveLabel(c, idx);
    const where = { file: c.file };
    if (!(Number.isFinite(c.beta_K_min) && c.beta_K_min > 0)) {
      throw new InputError(
        `${c.file ? '' : label + ': '}heating rate must be a positive number of K/min, got ${c.beta_K_min}`,
        where,
      );
    }
    if (c.T_K.length !== c.dadT_per_K.length) {
      throw new InputError(
        `${label}: ${c.T_K.length} temperatures but ${c.dadT_per_K.length} dα/dT values`,
        where,
      );
    }
    const T: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < c.T_K.length; i++) {
      const t = c.T_K[i];
      const v = c.dadT_per_K[i];
      if (!Number.isFinite(t) || !Number.isFinite(v)) {
        throw new InputError(
          `${label}: non-finite value at point ${i + 1} (T = ${t} K, dα/dT = ${v}); remove or interpolate it`,
          where,
        );
      }
      if (window_K && (t < window_K[0] || t > window_K[1])) continue;
      if (T.length > 0 && !(t > T[T.length - 1])) {
        throw new InputError(
          `${label}: temperatures must increase, but point ${i + 1} (${t} K) follows ${T[T.length - 1]} K`,
          where,
        );
      }
      T.push(t);
      y.push(v);
    }
    const win = window_K ? ` in the window ${window_K[0]}–${window_K[1]} K` : '';
    if (T.length < 5) throw new InputError(`${label}: only ${T.length} points${win}; need at least 5`, where);
    let k = 0;
    for (let i = 1; i < y.length; i++) if (y[i] > y[k]) k = i;
    if (!(y[k] > 0)) throw new InputError(`${label}: no positive dα/dT${win}, so no peak to fit`, where);
    if (k === 0 || k === y.length - 1) {
      throw new InputError(
        `${label}: no peak${win} — the maximum of dα/dT is at the ${k === 0 ? 'first' : 'last'} point (${T[k].toFixed(1)} K); widen the window or check the data`,
        where,
      );
    }
    return { beta_K_min: c.beta_K_min, T_K: T, y, label, file: c.file };
  });
  const counts = out.map((c) => c.T_K.length);
  const [lo, hi] = extent(counts);
  if (hi > 4 * lo) {
    warnings.push(
      `rates have very different point counts (${out.map((c) => `${fmtRate(c.beta_K_min)} K/min: ${c.T_K.length}`).join(', ')}); each rate is weighted equally (relative error per curve), not per point`,
    );
  }
  const rates = out.map((c) => c.beta_K_min);
  if (new Set(rates).size !== rates.length)
    warnings.push(`repeated heating rates: ${rates.map(fmtRate).join(', ')} K/min`);
  if (new Set(rates).size < 3) {
    warnings.push(
      `only ${new Set(rates).size} distinct heating rate(s): Ea and lgA compensate each other and are poorly determined; use at least three rates (ICTAC kinetics recommendations)`,
    );
  }
  return { curves: out, warnings };
}
