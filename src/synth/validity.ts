import { argMax, maxOf } from './peak-normalize.ts';

/** Bits of DIR/flags.u8. Bit 0 set = valid; the other bits name each reason a sample is not. */
export const FLAG_VALID = 1 << 0;
/** For some heating rate, α at the last grid temperature is below `minConversion` (reaction unfinished). */
export const FLAG_INCOMPLETE = 1 << 1;
/** For some heating rate, the maximum of dα/dT is on the first or last grid point (peak at or beyond the edge). */
export const FLAG_PEAK_AT_EDGE = 1 << 2;
/** For some heating rate, the peak lies within `edgeMargin_points` grid steps of an edge (but not on it). */
export const FLAG_PEAK_NEAR_EDGE = 1 << 3;
/** For some heating rate, the curve has no positive finite maximum (nothing to normalize). */
export const FLAG_NO_SIGNAL = 1 << 4;

/** Reason names by bit, as written to the manifest and printed by `ckin synth --inspect`. */
export const FLAG_REASONS: readonly { bit: number; name: string }[] = [
  { bit: FLAG_INCOMPLETE, name: 'incomplete' },
  { bit: FLAG_PEAK_AT_EDGE, name: 'peakAtEdge' },
  { bit: FLAG_PEAK_NEAR_EDGE, name: 'peakNearEdge' },
  { bit: FLAG_NO_SIGNAL, name: 'noSignal' },
];

/** What makes a sample valid (science.md §4: a peak outside the window carries little information). */
export interface ValidityCriteria {
  /** Minimum α at the window end, for every rate. Default 0.99. */
  minConversion: number;
  /** Minimum distance of the peak from either edge, in grid steps. Default 5 (≈ 19 K on the paper grid). */
  edgeMargin_points: number;
}

export const DEFAULT_VALIDITY: Readonly<ValidityCriteria> = Object.freeze({
  minConversion: 0.99,
  edgeMargin_points: 5,
});

/**
 * Validity flags of one sample from its exact (noise-free) curves: valid when, for every heating rate, conversion
 * reached `minConversion` at the window end and the dα/dT peak lies at least `edgeMargin_points` grid steps inside
 * both edges.
 *
 * @param dadT exact dα/dT per rate on the grid
 * @param alphaEnd α at the last grid temperature, per rate
 */
export function sampleFlags(
  dadT: ArrayLike<number>[],
  alphaEnd: ArrayLike<number>,
  criteria: ValidityCriteria = DEFAULT_VALIDITY,
): number {
  let flags = 0;
  for (let r = 0; r < dadT.length; r++) {
    const c = dadT[r];
    const P = c.length;
    if (!(alphaEnd[r] >= criteria.minConversion)) flags |= FLAG_INCOMPLETE;
    const max = maxOf(c);
    if (!(max > 0) || !Number.isFinite(max)) {
      flags |= FLAG_NO_SIGNAL;
      continue;
    }
    const k = argMax(c);
    if (k === 0 || k === P - 1) flags |= FLAG_PEAK_AT_EDGE;
    else if (k < criteria.edgeMargin_points || k > P - 1 - criteria.edgeMargin_points)
      flags |= FLAG_PEAK_NEAR_EDGE;
  }
  return flags === 0 ? FLAG_VALID : flags;
}

/** True when bit 0 (valid) is set. */
export function isValidFlags(flags: number): boolean {
  return (flags & FLAG_VALID) !== 0;
}
