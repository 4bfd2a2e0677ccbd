/**
 * The noise level of a multi-rate input, as the general model's input-dependent conformal intervals read it
 * (conformal.ts, Mondrian bins): per run, the robust σ of the second differences of the peak-normalized dα/dT,
 * σ ≈ median|Δ²y| / (0.6745·√6) (white noise of σ gives Δ² of σ·√6; the median ignores the peak's curvature);
 * the median over the runs. Dimensionless (a fraction of the peak height); 0 for a smooth curve.
 */
export function inputNoiseLevel(runs: readonly { dadT_per_K: ArrayLike<number> }[]): number {
  const perRun = runs.map((r) => {
    const y = r.dadT_per_K;
    let max = 0;
    for (let i = 0; i < y.length; i++) if (y[i] > max) max = y[i];
    if (!(max > 0) || y.length < 3) return NaN;
    const d2: number[] = [];
    for (let i = 1; i + 1 < y.length; i++) {
      const v = (y[i - 1] - 2 * y[i] + y[i + 1]) / max;
      if (Number.isFinite(v)) d2.push(Math.abs(v));
    }
    return d2.length ? median(d2) / (0.6745 * Math.sqrt(6)) : NaN;
  });
  const ok = perRun.filter(Number.isFinite);
  return ok.length ? median(ok) : NaN;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}
