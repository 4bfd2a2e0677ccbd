import { TM_ELEMENTS, contentColumn, type DscRecord } from './schema.ts';
import { tmDescriptors } from './descriptors.ts';
import { recordCations } from './composition.ts';
import { extent } from '../core/statistics.ts';

/**
 * Model features derived from DSC records. Names are schema column names (e.g. `ni_content`,
 * `cutoff_voltage_V`) or descriptor names. `rank` encodes "simpler / more fundamental" for the Spearman
 * redundancy rule (lower = more fundamental): 0 measured inputs (contents, conditions), 1 composition-weighted means
 * of tabulated properties, 2 their standard deviations and the mean of the derived ionic potential, 3 its std.
 */
export interface FeatureSpec {
  name: string;
  rank: number;
  group: 'material' | 'descriptor' | 'sample' | 'dsc';
  doc: string;
}

export const FEATURES: FeatureSpec[] = [
  { name: 'li_content', rank: 0, group: 'material', doc: 'pristine Li per formula unit' },
  ...TM_ELEMENTS.map((el) => ({
    name: contentColumn(el),
    rank: 0,
    group: 'material' as const,
    doc: `${el} per formula unit`,
  })),
  {
    name: 'en_tm_mean',
    rank: 1,
    group: 'descriptor',
    doc: 'weighted mean Pauling electronegativity of TM cations',
  },
  {
    name: 'radius_tm_mean_A',
    rank: 1,
    group: 'descriptor',
    doc: 'weighted mean Shannon radius of charged TM cations (Å)',
  },
  { name: 'en_tm_std', rank: 2, group: 'descriptor', doc: 'weighted std of TM electronegativity' },
  {
    name: 'radius_tm_std_A',
    rank: 2,
    group: 'descriptor',
    doc: 'weighted std of TM radius (Å) — TM-radius spread',
  },
  {
    name: 'ionic_potential_tm_mean',
    rank: 2,
    group: 'descriptor',
    doc: 'weighted mean ionic potential z/r (1/Å)',
  },
  {
    name: 'ionic_potential_tm_std',
    rank: 3,
    group: 'descriptor',
    doc: 'weighted std of ionic potential (1/Å)',
  },
  { name: 'cutoff_voltage_V', rank: 0, group: 'dsc', doc: 'charge cut-off voltage (V)' },
  {
    name: 'electrolyte_content_mg_mg',
    rank: 0,
    group: 'sample',
    doc: 'electrolyte per electrode mass (mg/mg)',
  },
  { name: 'electrolyte_additive', rank: 0, group: 'sample', doc: '1 = electrolyte with additives' },
  { name: 'active_material_ratio', rank: 0, group: 'sample', doc: 'active-material mass fraction' },
  { name: 'crucible_sealed', rank: 0, group: 'sample', doc: '1 = sealed crucible, 0 = open' },
  { name: 'scan_rate_K_min', rank: 0, group: 'dsc', doc: 'DSC scan rate (K/min)' },
];

export type TargetName = 'onset' | 'peak' | 'power';
export const TARGETS: { name: TargetName; column: string; label: string; transform: 'none' | 'log10' }[] = [
  { name: 'onset', column: 'onset_T_K', label: 'onset T (K)', transform: 'none' },
  { name: 'peak', column: 'peak_T_K', label: 'peak T (K)', transform: 'none' },
  { name: 'power', column: 'max_power_W_g', label: 'log10 max power (W/g)', transform: 'log10' },
];

/** Raw (possibly missing = NaN) feature values of one record. */
export function recordFeatures(rec: DscRecord): Record<string, number> {
  const num = (k: string): number => (typeof rec[k] === 'number' ? rec[k] : NaN);
  const d = tmDescriptors(recordCations(rec)) as unknown as Record<string, number>;
  const out: Record<string, number> = {};
  for (const f of FEATURES) {
    if (f.name in d) out[f.name] = d[f.name];
    else if (f.name === 'crucible_sealed')
      out[f.name] = rec.crucible === 'sealed' ? 1 : rec.crucible === 'open' ? 0 : NaN;
    else out[f.name] = num(f.name);
  }
  return out;
}

/** A design matrix: rows = samples, columns = `names`. */
export interface FeatureMatrix {
  names: string[];
  X: Float64Array[];
}

export interface FeatureTable extends FeatureMatrix {
  /** Features dropped before selection, with the reason (constant, mostly missing). */
  dropped: { feature: string; reason: string }[];
  /** Median used to fill missing values per feature (documented imputation). */
  imputed: Record<string, { median: number; count: number }>;
  /** Median of every kept feature (fills gaps in other records, e.g. a cross-validation test fold). */
  medians: Record<string, number>;
}

/** Design matrix of `records` for the features `names`, gaps filled with the given (training) medians. */
export function featureMatrix(records: DscRecord[], names: string[], medians: Record<string, number>): Float64Array[] {
  return records.map((rec) => {
    const f = recordFeatures(rec);
    return Float64Array.from(names, (n) => (Number.isFinite(f[n]) ? f[n] : medians[n]));
  });
}

/**
 * Build the feature table of all records: drops features missing in more than half of the records or constant
 * across them, fills remaining gaps with the feature's median (reported in `imputed`).
 */
export function buildFeatureTable(records: DscRecord[]): FeatureTable {
  const raw = records.map(recordFeatures);
  const names: string[] = [];
  const dropped: FeatureTable['dropped'] = [];
  const imputed: FeatureTable['imputed'] = {};
  const medians: Record<string, number> = {};
  for (const f of FEATURES) {
    const vals = raw.map((r) => r[f.name]).filter((v) => Number.isFinite(v));
    if (vals.length < records.length / 2) {
      dropped.push({
        feature: f.name,
        reason: `missing in ${records.length - vals.length}/${records.length} records`,
      });
      continue;
    }
    const [min, max] = extent(vals);
    if (!(max - min > 1e-12 * Math.max(1, Math.abs(max)))) {
      dropped.push({ feature: f.name, reason: `constant (${min})` });
      continue;
    }
    const sorted = [...vals].sort((a, b) => a - b);
    const m = sorted.length;
    medians[f.name] = m % 2 ? sorted[(m - 1) / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    if (vals.length < records.length)
      imputed[f.name] = { median: medians[f.name], count: records.length - vals.length };
    names.push(f.name);
  }
  const X = raw.map((r) => Float64Array.from(names, (n) => (Number.isFinite(r[n]) ? r[n] : medians[n])));
  return { names, X, dropped, imputed, medians };
}

export function featureRank(name: string): number {
  return FEATURES.find((f) => f.name === name)?.rank ?? 0;
}

/**
 * The players of the grouped Shapley values: one group `composition` with every selected composition feature
 * (contents and composition-weighted descriptors, FEATURES group material/descriptor) and one group per other
 * feature (named after it). Order: composition first, then the features in their order.
 */
export function compositionGroups(features: string[]): { name: string; features: string[] }[] {
  const isComp = (f: string): boolean => {
    const g = FEATURES.find((x) => x.name === f)?.group;
    return g === 'material' || g === 'descriptor';
  };
  const comp = features.filter(isComp);
  return [
    ...(comp.length ? [{ name: 'composition', features: comp }] : []),
    ...features.filter((f) => !isComp(f)).map((f) => ({ name: f, features: [f] })),
  ];
}
