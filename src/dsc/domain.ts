import type { DscRecord } from './schema.ts';
import { recordCations } from './composition.ts';

/**
 * The applicability domain of a model trained on DSC records: how far a record's composition is from the nearest
 * training record, and which features lie outside the training range.
 *
 * Composition distance: Euclidean distance between the element contents per formula unit (Li and every cation:
 * Ni, Co, Mn, dopants), e.g. NCM811 → NCM622 is √(0.2² + 0.1² + 0.1²) = 0.245, NCM811 with 2 % Al → NCM811 is
 * ≈ 0.03. Elements absent from a record count as 0. Default threshold 0.1 (`DEFAULT_MAX_DISTANCE`): beyond it the
 * model extrapolates in composition (a step larger than the usual spacing of a compositional series).
 */
export const DEFAULT_MAX_DISTANCE = 0.1;

/** Element contents of a record: Li plus the cations (recordCations), zeros left out. */
export function compositionOf(rec: DscRecord): Record<string, number> {
  const out: Record<string, number> = {};
  const li = rec.li_content;
  if (typeof li === 'number' && Number.isFinite(li) && li !== 0) out.Li = li;
  for (const [el, v] of Object.entries(recordCations(rec))) if (v !== 0) out[el] = v;
  return out;
}

/** Training compositions as a dense table: `elements` (columns) and one row per training record. */
export interface CompositionTable {
  elements: string[];
  rows: number[][];
}

export function compositionTable(comps: Record<string, number>[]): CompositionTable {
  const set = new Set<string>();
  for (const c of comps) for (const el of Object.keys(c)) set.add(el);
  const elements = [...set].sort();
  return { elements, rows: comps.map((c) => elements.map((el) => c[el] ?? 0)) };
}

/** Distance from `comp` to the nearest row of `table` (Infinity for an empty table), and that row's index. */
export function nearestComposition(
  comp: Record<string, number>,
  table: CompositionTable,
): { distance: number; index: number } {
  // contents of elements the training set never had add to every distance alike
  let extra = 0;
  for (const [el, v] of Object.entries(comp)) if (!table.elements.includes(el)) extra += v * v;
  const x = table.elements.map((el) => comp[el] ?? 0);
  let best = Infinity,
    index = -1;
  table.rows.forEach((r, i) => {
    let s = extra;
    for (let j = 0; j < x.length; j++) s += (x[j] - r[j]) ** 2;
    if (s < best) {
      best = s;
      index = i;
    }
  });
  return { distance: Math.sqrt(best), index };
}

/** Features of `x` outside [min, max] of the training data (by name, with the value and the range). */
export function outsideRange(
  names: string[],
  x: ArrayLike<number>,
  min: ArrayLike<number>,
  max: ArrayLike<number>,
): { feature: string; value: number; min: number; max: number }[] {
  const out: { feature: string; value: number; min: number; max: number }[] = [];
  // a relative tolerance so that a value equal to the bound up to rounding is inside
  names.forEach((f, j) => {
    const tol = 1e-9 * Math.max(1, Math.abs(min[j]), Math.abs(max[j]));
    if (x[j] < min[j] - tol || x[j] > max[j] + tol)
      out.push({ feature: f, value: x[j], min: min[j], max: max[j] });
  });
  return out;
}
