/**
 * Training curves as a standalone SVG (like Zhou 2026 Fig. 9): left panel loss (train, validation; log scale),
 * right panel validation R² of Ea and lgA, against the epoch. Hand-written: a few polylines need no plotting library.
 */
import { maxOf, minOf } from '../core/statistics.ts';
export interface HistoryEntry {
  epoch: number;
  lr: number;
  train_loss: number;
  val_loss: number;
  train_r2_Ea?: number;
  train_r2_lgA?: number;
  val_r2_Ea: number;
  val_r2_lgA: number;
  val_rmse_Ea_kJ_mol: number;
  val_rmse_lgA: number;
  seconds: number;
}

interface Series {
  name: string;
  color: string;
  values: number[];
}

function panel(
  x0: number,
  title: string,
  epochs: number[],
  series: Series[],
  log: boolean,
  w: number,
  h: number,
): string {
  const pad = { l: 55, r: 10, t: 25, b: 35 };
  const all = series.flatMap((s) => s.values).filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (all.length === 0 || epochs.length === 0) return '';
  const f = (v: number) => (log ? Math.log10(v) : v);
  let lo = minOf(all.map(f));
  let hi = maxOf(all.map(f));
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const e0 = minOf(epochs);
  const e1 = Math.max(maxOf(epochs), e0 + 1);
  const px = (e: number) => x0 + pad.l + ((e - e0) / (e1 - e0)) * (w - pad.l - pad.r);
  const py = (v: number) => pad.t + (1 - (f(v) - lo) / (hi - lo)) * (h - pad.t - pad.b);
  const parts: string[] = [];
  parts.push(`<text x="${x0 + w / 2}" y="16" text-anchor="middle" font-size="13">${title}</text>`);
  parts.push(
    `<rect x="${x0 + pad.l}" y="${pad.t}" width="${w - pad.l - pad.r}" height="${h - pad.t - pad.b}" fill="none" stroke="#888"/>`,
  );
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    const y = pad.t + (1 - k / 4) * (h - pad.t - pad.b);
    const label = log ? (10 ** v).toExponential(1) : v.toFixed(3);
    parts.push(`<text x="${x0 + pad.l - 4}" y="${y + 4}" text-anchor="end" font-size="10">${label}</text>`);
  }
  parts.push(`<text x="${x0 + pad.l}" y="${h - 12}" font-size="10">epoch ${e0}</text>`);
  parts.push(`<text x="${x0 + w - pad.r}" y="${h - 12}" text-anchor="end" font-size="10">${e1}</text>`);
  series.forEach((s, j) => {
    const pts = s.values
      .map((v, i) =>
        Number.isFinite(v) && (!log || v > 0) ? `${px(epochs[i]).toFixed(1)},${py(v).toFixed(1)}` : null,
      )
      .filter((p) => p !== null)
      .join(' ');
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${pts}"/>`);
    parts.push(
      `<text x="${x0 + pad.l + 8}" y="${pad.t + 14 + 13 * j}" font-size="11" fill="${s.color}">${s.name}</text>`,
    );
  });
  return parts.join('\n');
}

export function historySvg(history: HistoryEntry[], title = 'training history'): string {
  const w = 420;
  const h = 300;
  const epochs = history.map((e) => e.epoch);
  const left = panel(
    0,
    `${title}: loss (z-scored MSE)`,
    epochs,
    [
      { name: 'train', color: '#1f77b4', values: history.map((e) => e.train_loss) },
      { name: 'validation', color: '#d62728', values: history.map((e) => e.val_loss) },
    ],
    true,
    w,
    h,
  );
  const right = panel(
    w,
    'R²',
    epochs,
    [
      { name: 'val Ea', color: '#2ca02c', values: history.map((e) => e.val_r2_Ea) },
      { name: 'val lgA', color: '#9467bd', values: history.map((e) => e.val_r2_lgA) },
      { name: 'train Ea', color: '#98df8a', values: history.map((e) => e.train_r2_Ea ?? NaN) },
      { name: 'train lgA', color: '#c5b0d5', values: history.map((e) => e.train_r2_lgA ?? NaN) },
    ],
    false,
    w,
    h,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * w}" height="${h}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${left}\n${right}\n</svg>\n`;
}
