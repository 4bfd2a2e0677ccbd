import { type MaterialSpec, defaultMaterials } from './materials.ts';
import { type TemperatureGrid, PAPER_GRID_C, assertGrid } from './grid.ts';
import { type NoiseParams, PAPER_NOISE, assertNoiseParams } from './noise.ts';
import { type ValidityCriteria, DEFAULT_VALIDITY } from './validity.ts';

/**
 * What to do with samples whose curves fail the validity criteria (validity.ts):
 * - `keep`: paper-faithful. Kept; flagged in flags.u8; normalization statistics over all training samples.
 * - `flag`: same arrays and flags as `keep`, but the normalization statistics use only the valid training samples
 *   (for training on the valid subset).
 * - `resample`: an invalid draw is redrawn (same material and share, next numbers of the sample's own stream)
 *   until valid, so every stored sample is valid.
 */
export type InvalidPolicy = 'keep' | 'flag' | 'resample';

/** The Avrami exponent: fixed, or drawn uniformly per sample. */
export type ExponentSpec = number | { uniform: [number, number] };

/** The complete generator specification, stored verbatim in the manifest. */
export interface SynthSpec {
  /** Number of samples N. */
  count: number;
  /** Dataset seed (non-negative safe integer). */
  seed: number;
  materials: MaterialSpec[];
  /** Fraction of each material's samples on its KCE line (Zhou §3.4: ~75 %); the rest from the uniform plane. */
  kceShare: number;
  /** The uniform plane of the off-line share (Zhou §3.4: Ea 120–260 kJ/mol × lgA 4–14). */
  plane: { Ea_kJ_mol: [number, number]; lgA_s: [number, number] };
  /** JMA exponent (paper: 3). */
  n: ExponentSpec;
  rates_K_min: number[];
  grid_C: TemperatureGrid;
  noise: NoiseParams;
  policy: InvalidPolicy;
  validity: ValidityCriteria;
  /** Give up (error) when a sample needs more draws than this under `resample`. */
  maxDrawsPerSample: number;
  /** Split fractions, stratified by material. */
  split: { train: number; val: number; test: number };
}

/** The paper-faithful default spec (Zhou 2026 §2.2, §3.4; science.md §5). */
export function defaultSpec(overrides: Partial<SynthSpec> = {}): SynthSpec {
  const spec: SynthSpec = {
    count: 20000,
    seed: 1,
    materials: defaultMaterials(),
    kceShare: 0.75,
    plane: { Ea_kJ_mol: [120, 260], lgA_s: [4, 14] },
    n: 3,
    rates_K_min: [10, 30, 60],
    grid_C: { ...PAPER_GRID_C },
    noise: { ...PAPER_NOISE },
    policy: 'keep',
    validity: { ...DEFAULT_VALIDITY },
    maxDrawsPerSample: 1000,
    split: { train: 0.7, val: 0.15, test: 0.15 },
    ...overrides,
  };
  assertSpec(spec);
  return spec;
}

function range(v: unknown, what: string, positive = false): void {
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((x) => Number.isFinite(x)) ||
    !(v[1] > v[0]) ||
    (positive && !(v[0] > 0))
  ) {
    throw new RangeError(
      `${what} must be [lo, hi] with lo < hi${positive ? ' and lo > 0' : ''}, got ${JSON.stringify(v)}`,
    );
  }
}

/** Throw a RangeError naming the first inconsistent field of a spec. */
export function assertSpec(spec: SynthSpec): void {
  if (!Number.isSafeInteger(spec.count) || spec.count < 1)
    throw new RangeError(`count must be a positive integer, got ${spec.count}`);
  if (!Number.isSafeInteger(spec.seed) || spec.seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${spec.seed}`);
  if (spec.materials.length === 0 || spec.materials.length > 255)
    throw new RangeError('give 1–255 materials');
  for (const m of spec.materials) range(m.Ea_window_kJ_mol, `material ${m.name} Ea window`, true);
  if (!(spec.kceShare >= 0 && spec.kceShare <= 1))
    throw new RangeError(`kceShare must be in [0, 1], got ${spec.kceShare}`);
  range(spec.plane.Ea_kJ_mol, 'plane Ea range', true);
  range(spec.plane.lgA_s, 'plane lgA range');
  if (typeof spec.n === 'number') {
    if (!(spec.n > 0) || !Number.isFinite(spec.n)) throw new RangeError(`n must be > 0, got ${spec.n}`);
  } else range(spec.n.uniform, 'n range', true);
  if (spec.rates_K_min.length === 0 || !spec.rates_K_min.every((b) => b > 0 && Number.isFinite(b))) {
    throw new RangeError(`heating rates must be positive numbers, got ${JSON.stringify(spec.rates_K_min)}`);
  }
  assertGrid(spec.grid_C);
  assertNoiseParams(spec.noise);
  if (!['keep', 'flag', 'resample'].includes(spec.policy))
    throw new RangeError(`policy must be keep, flag or resample, got ${spec.policy}`);
  if (!(spec.validity.minConversion >= 0 && spec.validity.minConversion <= 1))
    throw new RangeError('validity.minConversion must be in [0, 1]');
  if (!Number.isInteger(spec.validity.edgeMargin_points) || spec.validity.edgeMargin_points < 0) {
    throw new RangeError('validity.edgeMargin_points must be a non-negative integer');
  }
  if (!Number.isSafeInteger(spec.maxDrawsPerSample) || spec.maxDrawsPerSample < 1)
    throw new RangeError('maxDrawsPerSample must be ≥ 1');
  const { train, val, test } = spec.split;
  if (![train, val, test].every((f) => f >= 0) || Math.abs(train + val + test - 1) > 1e-9) {
    throw new RangeError(`split fractions must be ≥ 0 and sum to 1, got ${train}/${val}/${test}`);
  }
}
