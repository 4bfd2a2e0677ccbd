/**
 * Interval calibration for ensemble predictions (pure functions).
 *
 * A deep ensemble's spread σ (standard deviation over members) is the right *shape* of the uncertainty but is
 * usually too narrow in absolute terms. We scale it per output with one factor s fitted on a held-out split so that
 * the central interval mean ± z·s·σ covers the requested fraction there (split-conformal calibration on the
 * normalised residual |y − μ|/σ; Vovk et al. 2005, Angelopoulos & Bates 2021), then check the coverage on data the
 * fit never saw. z = Φ⁻¹(1 − (1 − level)/2), e.g. 1.6449 for 90 %.
 */

/** Standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The scale factor s for one output: the ⌈(n+1)·level⌉-th smallest of |yᵢ − μᵢ|/(z·σᵢ) (the finite-sample
 * conformal quantile), so that |y − μ| ≤ z·s·σ holds for at least `level` of exchangeable new samples.
 */
export function calibrateScale(
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
  truth: ArrayLike<number>,
  level = 0.9,
): number {
  const z = normalQuantile(1 - (1 - level) / 2);
  const scores: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    const s = Math.abs(truth[i] - mean[i]) / (z * Math.max(std[i], 1e-12));
    if (Number.isFinite(s)) scores.push(s);
  }
  if (scores.length < 10) throw new RangeError(`calibration needs at least 10 samples, got ${scores.length}`);
  scores.sort((x, y) => x - y);
  const k = Math.min(scores.length, Math.ceil((scores.length + 1) * level)) - 1;
  return scores[k];
}

/** Fraction of samples whose truth lies inside mean ± z·scale·std. */
export function intervalCoverage(
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
  truth: ArrayLike<number>,
  scale: number,
  level = 0.9,
): number {
  const z = normalQuantile(1 - (1 - level) / 2);
  let inside = 0;
  for (let i = 0; i < truth.length; i++) if (Math.abs(truth[i] - mean[i]) <= z * scale * std[i]) inside++;
  return truth.length ? inside / truth.length : NaN;
}
