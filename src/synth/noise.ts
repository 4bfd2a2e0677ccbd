import type { Rng } from '../core/random.ts';

/**
 * Composite noise added to a peak-normalized DTG curve (peak height 1), independently per curve
 * (Zhou 2026 §3.4 names the components; the amplitudes are this project's, pinned in science.md §5):
 *   y_i = s_i + offset + ramp·i/(P−1) + s_i·ε_i + w_i + spike_i
 * offset ~ N(0, σ_offset), ramp ~ N(0, σ_ramp) (baseline drift: a constant plus a linear ramp from 0 at the first
 * grid point to `ramp` at the last), ε_i ~ N(0, σ_signal) (signal-dependent fluctuation), w_i ~ N(0, σ_white),
 * spike_i = N(0, σ_spike) with probability p_spike, else 0.
 */
export interface NoiseParams {
  /** Name recorded in the manifest: `paper`, `clean`, or `paper*K` for scaled amplitudes. */
  name: string;
  baselineOffsetSigma: number;
  baselineRampSigma: number;
  /** Relative (multiplies the signal). */
  signalSigma: number;
  whiteSigma: number;
  spikeProbability: number;
  spikeSigma: number;
}

/** The pinned default (science.md §5); every accuracy figure of the project is quoted with it. */
export const PAPER_NOISE: Readonly<NoiseParams> = Object.freeze({
  name: 'paper',
  baselineOffsetSigma: 0.02,
  baselineRampSigma: 0.02,
  signalSigma: 0.02,
  whiteSigma: 0.005,
  spikeProbability: 0.005,
  spikeSigma: 0.2,
});

/** No noise at all: the stored curves are the exact peak-normalized curves (rounded to float32). */
export const CLEAN_NOISE: Readonly<NoiseParams> = Object.freeze({
  name: 'clean',
  baselineOffsetSigma: 0,
  baselineRampSigma: 0,
  signalSigma: 0,
  whiteSigma: 0,
  spikeProbability: 0,
  spikeSigma: 0,
});

/**
 * Noise parameters by name: `paper`, `clean`, or `paper*K` / `paperxK` (all amplitudes of the paper noise × K,
 * spike probability unchanged), e.g. `paper*2`.
 */
export function noiseByName(name: string): NoiseParams {
  if (name === 'paper') return { ...PAPER_NOISE };
  if (name === 'clean') return { ...CLEAN_NOISE };
  const m = /^paper[*x]([0-9]*\.?[0-9]+)$/.exec(name);
  if (m) {
    const k = Number(m[1]);
    if (!(k >= 0 && Number.isFinite(k))) throw new RangeError(`noise scale must be ≥ 0, got ${m[1]}`);
    return {
      name,
      baselineOffsetSigma: PAPER_NOISE.baselineOffsetSigma * k,
      baselineRampSigma: PAPER_NOISE.baselineRampSigma * k,
      signalSigma: PAPER_NOISE.signalSigma * k,
      whiteSigma: PAPER_NOISE.whiteSigma * k,
      spikeProbability: PAPER_NOISE.spikeProbability,
      spikeSigma: PAPER_NOISE.spikeSigma * k,
    };
  }
  throw new RangeError(`unknown noise "${name}" (use paper, clean or paper*K)`);
}

/** Throw a RangeError unless all amplitudes are finite and ≥ 0 and the spike probability is in [0, 1]. */
export function assertNoiseParams(p: NoiseParams): void {
  for (const key of [
    'baselineOffsetSigma',
    'baselineRampSigma',
    'signalSigma',
    'whiteSigma',
    'spikeSigma',
  ] as const) {
    if (!(p[key] >= 0 && Number.isFinite(p[key])))
      throw new RangeError(`noise ${key} must be a finite number ≥ 0, got ${p[key]}`);
  }
  if (!(p.spikeProbability >= 0 && p.spikeProbability <= 1)) {
    throw new RangeError(`noise spikeProbability must be in [0, 1], got ${p.spikeProbability}`);
  }
}

/** True when the parameters add nothing (then no random numbers are drawn). */
export function isClean(p: NoiseParams): boolean {
  return (
    p.baselineOffsetSigma === 0 &&
    p.baselineRampSigma === 0 &&
    p.signalSigma === 0 &&
    p.whiteSigma === 0 &&
    (p.spikeProbability === 0 || p.spikeSigma === 0)
  );
}

/**
 * Add composite noise to `signal` (peak-normalized) and write the result into `out` starting at `outOffset`.
 * Random numbers are drawn in a fixed order (offset, ramp, then per point: fluctuation, white, spike test, spike
 * amplitude when one occurs), so a seeded `rng` gives the same bytes everywhere. Clean parameters draw nothing.
 */
export function addCompositeNoise(
  signal: ArrayLike<number>,
  params: NoiseParams,
  rng: Rng,
  out: { [i: number]: number; length: number } = new Float64Array(signal.length),
  outOffset = 0,
): typeof out {
  const P = signal.length;
  if (isClean(params)) {
    for (let i = 0; i < P; i++) out[outOffset + i] = signal[i];
    return out;
  }
  const offset = params.baselineOffsetSigma * rng.normal();
  const ramp = params.baselineRampSigma * rng.normal();
  const rampStep = P > 1 ? ramp / (P - 1) : 0;
  const { signalSigma, whiteSigma, spikeProbability, spikeSigma } = params;
  for (let i = 0; i < P; i++) {
    const s = signal[i];
    let y = s + offset + rampStep * i + s * signalSigma * rng.normal() + whiteSigma * rng.normal();
    if (rng.uniform() < spikeProbability) y += spikeSigma * rng.normal();
    out[outOffset + i] = y;
  }
  return out;
}
