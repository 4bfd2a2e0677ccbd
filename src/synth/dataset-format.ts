import type { SynthSpec } from './spec.ts';
import type { TemperatureGrid } from './grid.ts';

/**
 * The on-disk dataset directory (docs/synthetic-dataset.md). All arrays little-endian, C order, no header:
 * curves.f32 [N,R,P], aux.f32 [N,R], labels.f32 [N,3], material.u8 [N], share.u8 [N], flags.u8 [N], split.u8 [N].
 */
export const DATASET_FORMAT = 'cathode-kinetics-dataset';
export const DATASET_FORMAT_VERSION = 1;

export type ArrayFileName =
  'curves.f32' | 'aux.f32' | 'labels.f32' | 'material.u8' | 'share.u8' | 'flags.u8' | 'split.u8';

export const ARRAY_FILES: readonly ArrayFileName[] = [
  'curves.f32',
  'aux.f32',
  'labels.f32',
  'material.u8',
  'share.u8',
  'flags.u8',
  'split.u8',
];

export interface ArrayFileInfo {
  dtype: 'float32' | 'uint8';
  shape: number[];
  sha256: string;
}

/** Invalid fraction of one group of samples. */
export interface InvalidStats {
  count: number;
  invalid: number;
  invalidFraction: number;
  /** Fraction of the group's samples showing each reason (a sample may show several). */
  reasons: Record<string, number>;
}

export interface DatasetSummary {
  validFraction: number;
  byMaterial: Record<string, InvalidStats>;
  byShare: Record<'kce' | 'plane', InvalidStats>;
  /** The same statistics for each sample's first draw: the paper-faithful invalid fractions, even under `resample`. */
  firstDraw: {
    validFraction: number;
    byMaterial: Record<string, InvalidStats>;
    byShare: Record<'kce' | 'plane', InvalidStats>;
  };
  /** Parameter draws in total (> count only under `resample`). */
  draws: number;
}

export interface Normalization {
  /** Which samples the statistics come from: every training sample, or (policy `flag`) the valid ones. */
  from: 'train' | 'train-valid';
  /** Per heating-rate channel (arrays of length R), over all points of the stored (noisy) training curves. */
  curves: { mean: number[]; std: number[]; per: 'rate-channel' };
  /**
   * Heating rates, per channel (length R). With the same rates in every sample the spread is 0 and the std is
   * stored as 1 (the feature is only centred), as src/nn/normalization.ts does.
   */
  aux: { mean: number[]; std: number[]; per: 'channel' };
  /** Ea_kJ_mol and lgA_s. */
  labels: { mean: [number, number]; std: [number, number]; names: ['Ea_kJ_mol', 'lgA_s'] };
  /** Population standard deviations (divide by the count); a zero std is stored as 1. */
  stdKind: 'population';
}

export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  formatVersion: typeof DATASET_FORMAT_VERSION;
  libraryVersion: string;
  createdAt: string;
  spec: SynthSpec;
  seed: number;
  count: number;
  points: number;
  rates_K_min: number[];
  grid_C: TemperatureGrid;
  materials: string[];
  shares: ['kce', 'plane'];
  splits: ['train', 'val', 'test'];
  splitCounts: { train: number; val: number; test: number };
  flagBits: Record<string, number>;
  normalization: Normalization;
  files: Record<ArrayFileName, ArrayFileInfo>;
  /** Optional exports written with the dataset (CSV / Parquet), with their sha256. */
  exports?: Record<string, { format: 'csv' | 'parquet'; sha256: string }>;
  summary: DatasetSummary;
}
