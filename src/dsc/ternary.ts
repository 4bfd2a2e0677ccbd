import type { DscRecord } from './schema.ts';
import { TM_ELEMENTS, contentColumn } from './schema.ts';

export interface TernaryPoint {
  ni: number;
  co: number;
  mn: number;
  /** Cartesian position in the unit equilateral triangle: Ni at (0.5, √3/2), Co at (0, 0), Mn at (1, 0). */
  x: number;
  y: number;
}

/** Barycentric (Ni, Co, Mn) → Cartesian (Co bottom-left, Mn bottom-right, Ni top). */
export function ternaryXY(ni: number, co: number, mn: number): { x: number; y: number } {
  const s = ni + co + mn;
  return { x: (mn + 0.5 * ni) / s, y: ((Math.sqrt(3) / 2) * ni) / s };
}

/** All compositions Ni + Co + Mn = 1 on a grid with `steps` intervals per edge ((steps+1)(steps+2)/2 points). */
export function ncmGrid(steps = 40): TernaryPoint[] {
  const out: TernaryPoint[] = [];
  for (let i = 0; i <= steps; i++)
    for (let j = 0; i + j <= steps; j++) {
      const ni = i / steps,
        co = j / steps,
        mn = (steps - i - j) / steps;
      out.push({ ni, co, mn, ...ternaryXY(ni, co, mn) });
    }
  return out;
}

/**
 * Virtual NCM records over the ternary grid at fixed conditions (Sun 2025 Fig. 3: charged to 4.3 V, other
 * conditions held constant): LiNi_xCo_yMn_zO2, no dopant, `conditions` supplies cut-off voltage, electrolyte,
 * crucible, scan rate, … (typically the medians / modes of the database).
 */
export function ternaryRecords(grid: TernaryPoint[], conditions: DscRecord): DscRecord[] {
  return grid.map((p) => {
    const rec: DscRecord = { ...conditions, li_content: 1, family: 'ncm' };
    for (const el of TM_ELEMENTS) rec[contentColumn(el)] = 0;
    rec.ni_content = p.ni;
    rec.co_content = p.co;
    rec.mn_content = p.mn;
    return rec;
  });
}
