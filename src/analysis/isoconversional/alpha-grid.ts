import { InputError } from '../../core/input-error.ts';
import { alphaGridPoints, checkWork } from '../../core/work-limits.ts';

/**
 * The conversion grid α = FROM, FROM+STEP, …, ≤ TO (default 0.05, 0.10, …, 0.95). A grid above the
 * `alphaGridPoints` bound (10,000 points, src/core/work-limits.ts) is refused before it is made.
 */
export function defaultAlphaGrid(step = 0.05, from = 0.05, to = 0.95): number[] {
  checkWork('alphaGridPoints', alphaGridPoints(from, to, step));
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const a = Math.round((from + k * step) * 1e9) / 1e9;
    if (a > to + 1e-12) break;
    out.push(a);
  }
  return out;
}

/** Parse a conversion grid `FROM:TO:STEP` (e.g. `0.05:0.95:0.05`, the CLI's `--alpha`, the API's `alpha`). */
export function parseAlphaGrid(spec: string): number[] {
  const parts = spec.split(':').map(Number);
  if (parts.length !== 3 || parts.some((v) => !Number.isFinite(v))) {
    throw new InputError(`--alpha: expected FROM:TO:STEP, got "${spec}"`);
  }
  const [from, to, step] = parts;
  if (!(from > 0 && to < 1 && from <= to && step > 0)) {
    throw new InputError(`--alpha: need 0 < FROM ≤ TO < 1 and STEP > 0, got "${spec}"`);
  }
  return defaultAlphaGrid(step, from, to);
}
