import { NCM_MATERIALS, ZHOU2026_KCE_LINES } from '../data/paper-zhou2026.ts';
import { maxOf, minOf } from '../core/statistics.ts';

/**
 * Place a point (Ea, lgA) among the KCE lines lgA = a·Ea + b of Zhou 2026 §3.3 (Ea in kJ/mol). For each material:
 * the vertical distance ΔlgA = lgA − (a·Ea + b) and the Ea the line gives at this lgA, Ea_line = (lgA − b)/a.
 * The nearest line is the one with the smallest |ΔlgA|.
 */
export function placeOnKceLines(Ea_kJ_mol: number, lgA_s: number) {
  const lines = NCM_MATERIALS.map((m) => {
    const { slope_per_kJ_mol: a, intercept: b } = ZHOU2026_KCE_LINES[m];
    return { material: m, delta_lgA: lgA_s - (a * Ea_kJ_mol + b), Ea_on_line_kJ_mol: (lgA_s - b) / a };
  });
  const nearest = lines.reduce((best, l) => (Math.abs(l.delta_lgA) < Math.abs(best.delta_lgA) ? l : best));
  return { Ea_kJ_mol, lgA_s, lines, nearest: nearest.material };
}

/** The KCE lines as data for the page's map, over an Ea range (kJ/mol). */
export function kceLinesData(Ea_range: [number, number] = [100, 280]) {
  return NCM_MATERIALS.map((m) => ({ material: m, ...ZHOU2026_KCE_LINES[m], Ea_range_kJ_mol: Ea_range }));
}

/** Vega-Lite spec of the KCE map: the four material lines and the given points (method → (Ea, lgA)). */
export function kceMapSpec(points: { method: string; Ea_kJ_mol: number; lgA_s: number }[]) {
  const Eas = points.map((p) => p.Ea_kJ_mol).filter(Number.isFinite);
  const lo = Math.min(100, minOf(Eas) - 20);
  const hi = Math.max(280, maxOf(Eas) + 20);
  const lineRows = NCM_MATERIALS.flatMap((m) => {
    const { slope_per_kJ_mol: a, intercept: b } = ZHOU2026_KCE_LINES[m];
    return [lo, hi].map((Ea) => ({ material: m.toUpperCase(), Ea_kJ_mol: Ea, lgA_s: a * Ea + b }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: 340,
    title: 'KCE map: Zhou 2026 material lines lgA = a·Ea + b and this sample',
    layer: [
      {
        data: { values: lineRows },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'Ea_kJ_mol', type: 'quantitative', title: 'Ea (kJ/mol)', scale: { zero: false } },
          y: { field: 'lgA_s', type: 'quantitative', title: 'lg(A / s⁻¹)', scale: { zero: false } },
          color: { field: 'material', type: 'nominal', title: 'material line' },
        },
      },
      {
        data: { values: points.filter((p) => Number.isFinite(p.Ea_kJ_mol) && Number.isFinite(p.lgA_s)) },
        mark: { type: 'point', filled: true, size: 120, color: '#222' },
        encoding: {
          x: { field: 'Ea_kJ_mol', type: 'quantitative' },
          y: { field: 'lgA_s', type: 'quantitative' },
          shape: { field: 'method', type: 'nominal', title: 'this sample' },
          tooltip: [
            { field: 'method', type: 'nominal' },
            { field: 'Ea_kJ_mol', type: 'quantitative', format: '.2f' },
            { field: 'lgA_s', type: 'quantitative', format: '.3f' },
          ],
        },
      },
    ],
  };
}
