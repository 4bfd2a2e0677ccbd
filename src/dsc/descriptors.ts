import { cationTable, type CationProperties } from './elements.ts';

/** Composition-weighted statistics of the TM-layer cations (Sun et al. 2025, "radii-TM ave./std (wt.)"). */
export interface TmDescriptors {
  en_tm_mean: number;
  en_tm_std: number;
  radius_tm_mean_A: number;
  radius_tm_std_A: number;
  ionic_potential_tm_mean: number;
  ionic_potential_tm_std: number;
}

/**
 * Weighted mean and (population) standard deviation of a property p over the TM-layer cations with weights
 * w_i = c_i / Σc (c_i = content per formula unit): mean = Σ w_i p_i, std = sqrt(Σ w_i (p_i − mean)²).
 * Properties: Pauling electronegativity, Shannon radius (Å, VI, charged state) and ionic potential z/r (1/Å).
 * `contents` maps element symbol → content; elements absent from the table throw (RangeError).
 */
export function tmDescriptors(
  contents: Record<string, number>,
  table: Record<string, CationProperties> = cationTable(),
): TmDescriptors {
  const els = Object.keys(contents).filter((el) => contents[el] > 0);
  const total = els.reduce((s, el) => s + contents[el], 0);
  if (!(total > 0)) throw new RangeError('tmDescriptors: no transition-metal content');
  const stat = (prop: (p: CationProperties) => number): [number, number] => {
    let mean = 0;
    for (const el of els) {
      const p = table[el];
      if (!p)
        throw new RangeError(`no elemental properties for ${el} (add it to src/dsc/data/elements.json)`);
      mean += (contents[el] / total) * prop(p);
    }
    let v = 0;
    for (const el of els) v += (contents[el] / total) * (prop(table[el]) - mean) ** 2;
    return [mean, Math.sqrt(v)];
  };
  const [en_tm_mean, en_tm_std] = stat((p) => p.electronegativity_pauling);
  const [radius_tm_mean_A, radius_tm_std_A] = stat((p) => p.ionic_radius_A);
  const [ionic_potential_tm_mean, ionic_potential_tm_std] = stat((p) => p.charge / p.ionic_radius_A);
  return {
    en_tm_mean,
    en_tm_std,
    radius_tm_mean_A,
    radius_tm_std_A,
    ionic_potential_tm_mean,
    ionic_potential_tm_std,
  };
}
