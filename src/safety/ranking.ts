import type { KineticTriplet } from './kinetic-triplet.ts';
import { isothermalTemperatureForTime_K } from './isothermal.ts';
import { propagate, sampleTriplets, type ArrheniusUncertainty, type Interval90 } from './propagate.ts';

export interface RankedMaterial {
  name: string;
  /** Isothermal temperature at which conversion α is reached after the reference time, K (higher = safer). */
  T_K: number;
  T_interval_K?: Interval90;
  rank: number;
}

/**
 * Rank materials by the isothermal temperature at which they reach conversion α after a fixed time (default α = 0.1
 * in one day). Comparing at a fixed time-to-α removes the kinetic-compensation ambiguity of comparing Ea or A alone
 * (two (Ea, lgA) pairs on one compensation line can have equal rates at one temperature and very different ones
 * elsewhere — the idea of Zhou 2026 Table 2, carried to the quantity a safety engineer needs). Uncertainty by sampling.
 */
export function rankByTimeToConversion(
  materials: { name: string; triplet: KineticTriplet; uncertainty?: ArrheniusUncertainty }[],
  options: { alpha?: number; time_s?: number; samples?: number; seed?: number } = {},
): RankedMaterial[] {
  const alpha = options.alpha ?? 0.1;
  const time = options.time_s ?? 86400;
  const rows = materials.map((m) => {
    const T_K = isothermalTemperatureForTime_K(m.triplet, time, alpha);
    const row: Omit<RankedMaterial, 'rank'> = { name: m.name, T_K };
    if (m.uncertainty) {
      const s = sampleTriplets(m.triplet, m.uncertainty, options.samples ?? 2000, options.seed ?? 1);
      row.T_interval_K = propagate(s, (t) => isothermalTemperatureForTime_K(t, time, alpha));
    }
    return row;
  });
  const order = [...rows].sort((a, b) => b.T_K - a.T_K);
  return rows.map((r) => ({ ...r, rank: order.indexOf(r) + 1 }));
}
