import { celsiusToKelvin } from '../kinetics/constants.ts';

/** An equidistant temperature grid given in °C at the edge (the dataset's `grid_C`). */
export interface TemperatureGrid {
  start: number;
  end: number;
  points: number;
}

/** The paper's grid: 200 equidistant points on 30–800 °C (Zhou 2026 §2.2), 3.869 K apart. */
export const PAPER_GRID_C: Readonly<TemperatureGrid> = Object.freeze({ start: 30, end: 800, points: 200 });

/** Throw a RangeError unless the grid is usable (≥ 3 points, end above start, above 0 K). */
export function assertGrid(grid: TemperatureGrid): void {
  if (!Number.isInteger(grid.points) || grid.points < 3)
    throw new RangeError(`grid needs ≥ 3 points, got ${grid.points}`);
  if (!(Number.isFinite(grid.start) && Number.isFinite(grid.end) && grid.end > grid.start)) {
    throw new RangeError(`grid end (${grid.end} °C) must be above its start (${grid.start} °C)`);
  }
  if (!(celsiusToKelvin(grid.start) > 0)) throw new RangeError(`grid start ${grid.start} °C is below 0 K`);
}

/**
 * The grid temperatures in K: T_i = (start + i·(end − start)/(points − 1)) °C converted to K, i = 0…points−1.
 * Both ends are included exactly.
 */
export function gridTemperatures_K(grid: TemperatureGrid): Float64Array {
  assertGrid(grid);
  const out = new Float64Array(grid.points);
  const step_C = (grid.end - grid.start) / (grid.points - 1);
  for (let i = 0; i < grid.points; i++)
    out[i] = celsiusToKelvin(i === grid.points - 1 ? grid.end : grid.start + i * step_C);
  return out;
}

/**
 * Resample a measured curve (T in K ascending, any spacing) onto grid temperatures by linear interpolation.
 * Grid points outside the measured range get 0 (dα/dT vanishes outside the reaction; a run that stops before the
 * grid ends therefore reads as "no reaction there" — check coverage with `gridCoverage` if that matters).
 * Use this to put real runs on the dataset's grid exactly like the synthetic curves (which are evaluated exactly at
 * the grid temperatures, so they need no interpolation).
 *
 * @param T_K measured temperatures, K, non-decreasing (equal neighbours are allowed and averaged away by taking the later one)
 * @param values signal at those temperatures (e.g. dα/dT in K⁻¹)
 * @param grid_K target temperatures, K (e.g. `gridTemperatures_K(PAPER_GRID_C)`)
 */
export function resampleToGrid(
  T_K: ArrayLike<number>,
  values: ArrayLike<number>,
  grid_K: ArrayLike<number>,
): Float64Array {
  const n = T_K.length;
  if (values.length !== n)
    throw new RangeError(`resampleToGrid: ${n} temperatures but ${values.length} values`);
  if (n < 2) throw new RangeError('resampleToGrid: need at least 2 measured points');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(T_K[i]) || !Number.isFinite(values[i])) {
      throw new RangeError(`resampleToGrid: non-finite temperature or value at index ${i}`);
    }
    if (i > 0 && T_K[i] < T_K[i - 1]) {
      throw new RangeError(
        `resampleToGrid: temperatures must be non-decreasing (index ${i}: ${T_K[i]} K after ${T_K[i - 1]} K)`,
      );
    }
  }
  const out = new Float64Array(grid_K.length);
  let j = 0;
  for (let k = 0; k < grid_K.length; k++) {
    const t = grid_K[k];
    if (t < T_K[0] || t > T_K[n - 1]) continue; // outside the measured range: 0
    while (j < n - 2 && T_K[j + 1] < t) j++;
    const t0 = T_K[j];
    const t1 = T_K[j + 1];
    out[k] = t1 > t0 ? values[j] + ((values[j + 1] - values[j]) * (t - t0)) / (t1 - t0) : values[j + 1];
  }
  return out;
}

/** Fraction of the grid temperatures inside the measured range [T_K[0], T_K[last]]. */
export function gridCoverage(T_K: ArrayLike<number>, grid_K: ArrayLike<number>): number {
  if (T_K.length === 0 || grid_K.length === 0) return 0;
  const lo = T_K[0];
  const hi = T_K[T_K.length - 1];
  let inside = 0;
  for (let k = 0; k < grid_K.length; k++) if (grid_K[k] >= lo && grid_K[k] <= hi) inside++;
  return inside / grid_K.length;
}
