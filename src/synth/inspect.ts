import type { Dataset } from './dataset-reader.ts';
import { FLAG_REASONS, isValidFlags } from './validity.ts';

/** Min/max/mean of a label over a group of samples. */
export interface LabelRange {
  min: number;
  max: number;
  mean: number;
}

/** What `ckin synth --inspect` reports about a dataset. */
export interface DatasetInspection {
  dir: string;
  count: number;
  seed: number;
  noise: string;
  policy: string;
  rates_K_min: number[];
  grid_C: { start: number; end: number; points: number };
  splitCounts: { train: number; val: number; test: number };
  /** Per material: counts by share and split, valid fraction, label ranges. */
  materials: {
    name: string;
    count: number;
    kce: number;
    plane: number;
    train: number;
    val: number;
    test: number;
    validFraction: number;
    Ea_kJ_mol: LabelRange;
    lgA_s: LabelRange;
  }[];
  /** Fraction of all samples that are valid, and that show each invalidity reason. */
  flagFractions: Record<string, number>;
  labelRanges: { Ea_kJ_mol: LabelRange; lgA_s: LabelRange; n: LabelRange };
}

function range(
  values: ArrayLike<number>,
  stride: number,
  offset: number,
  pick: (i: number) => boolean,
  count: number,
): LabelRange {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!pick(i)) continue;
    const v = values[i * stride + offset];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n > 0 ? { min, max, mean: sum / n } : { min: NaN, max: NaN, mean: NaN };
}

/** Counts, flag fractions and label ranges of a dataset (pure; the arrays are already verified by readDataset). */
export function inspectDataset(ds: Dataset): DatasetInspection {
  const m = ds.manifest;
  const N = m.count;
  const materials = m.materials.map((name, k) => {
    let count = 0;
    let kce = 0;
    let valid = 0;
    const splits = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      if (ds.material[i] !== k) continue;
      count++;
      if (ds.share[i] === 0) kce++;
      if (isValidFlags(ds.flags[i])) valid++;
      splits[ds.split[i]]++;
    }
    const pick = (i: number): boolean => ds.material[i] === k;
    return {
      name,
      count,
      kce,
      plane: count - kce,
      train: splits[0],
      val: splits[1],
      test: splits[2],
      validFraction: count > 0 ? valid / count : 0,
      Ea_kJ_mol: range(ds.labels, 3, 0, pick, N),
      lgA_s: range(ds.labels, 3, 1, pick, N),
    };
  });
  const flagFractions: Record<string, number> = { valid: 0 };
  for (const r of FLAG_REASONS) flagFractions[r.name] = 0;
  for (let i = 0; i < N; i++) {
    if (isValidFlags(ds.flags[i])) flagFractions.valid++;
    for (const r of FLAG_REASONS) if (ds.flags[i] & r.bit) flagFractions[r.name]++;
  }
  for (const key of Object.keys(flagFractions)) flagFractions[key] /= N;
  const all = (): boolean => true;
  return {
    dir: ds.dir,
    count: N,
    seed: m.seed,
    noise: m.spec.noise.name,
    policy: m.spec.policy,
    rates_K_min: m.rates_K_min,
    grid_C: m.grid_C,
    splitCounts: m.splitCounts,
    materials,
    flagFractions,
    labelRanges: {
      Ea_kJ_mol: range(ds.labels, 3, 0, all, N),
      lgA_s: range(ds.labels, 3, 1, all, N),
      n: range(ds.labels, 3, 2, all, N),
    },
  };
}
