/** Parity plots (predicted vs true) for Ea and lgA as one standalone SVG. Hand-written: two scatter panels. */
import { extent } from '../core/statistics.ts';
function panel(x0: number, title: string, truth: number[], pred: number[], w: number, h: number): string {
  const pad = 45;
  const finite = [...truth, ...pred].filter(Number.isFinite);
  if (finite.length === 0) return '';
  const [lo, hi] = extent(finite);
  const span = hi - lo || 1;
  const sx = (v: number) => x0 + pad + ((v - lo) / span) * (w - 2 * pad);
  const sy = (v: number) => h - pad - ((v - lo) / span) * (h - 2 * pad);
  const dots = truth
    .map((t, i) =>
      Number.isFinite(pred[i])
        ? `<circle cx="${sx(t).toFixed(1)}" cy="${sy(pred[i]).toFixed(1)}" r="1.6"/>`
        : '',
    )
    .join('');
  return [
    `<text x="${x0 + w / 2}" y="18" text-anchor="middle" font-size="13">${title}</text>`,
    `<rect x="${x0 + pad}" y="${pad}" width="${w - 2 * pad}" height="${h - 2 * pad}" fill="none" stroke="#888"/>`,
    `<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#d62728"/>`,
    `<g fill="#1f77b4" fill-opacity="0.5">${dots}</g>`,
    `<text x="${x0 + pad}" y="${h - 12}" font-size="10">true ${lo.toFixed(1)}</text>`,
    `<text x="${x0 + w - pad}" y="${h - 12}" text-anchor="end" font-size="10">${hi.toFixed(1)}</text>`,
    `<text x="${x0 + 10}" y="${pad + 10}" font-size="10">pred</text>`,
  ].join('\n');
}

/** `pred` and `target` row-major [N × 2] (Ea_kJ_mol, lgA_s). */
export function paritySvg(pred: ArrayLike<number>, target: ArrayLike<number>, title = ''): string {
  const n = Math.floor(target.length / 2);
  const col = (a: ArrayLike<number>, j: number) => Array.from({ length: n }, (_, i) => a[2 * i + j]);
  const w = 380;
  const h = 380;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * w}" height="${h}" font-family="sans-serif">\n` +
    `<rect width="100%" height="100%" fill="white"/>\n` +
    panel(0, `${title} Ea (kJ/mol)`, col(target, 0), col(pred, 0), w, h) +
    '\n' +
    panel(w, `${title} lgA (s⁻¹)`, col(target, 1), col(pred, 1), w, h) +
    '\n</svg>\n'
  );
}
