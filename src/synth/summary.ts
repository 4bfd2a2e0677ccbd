import type { DatasetSummary, InvalidStats } from './dataset-format.ts';
import { FLAG_REASONS, isValidFlags } from './validity.ts';
import { SHARE_KCE, SHARE_PLANE } from './sampling-plan.ts';

/** Invalid count, fraction and per-reason fractions of the samples selected by `pick`. */
export function invalidStats(flags: ArrayLike<number>, pick: (i: number) => boolean): InvalidStats {
  let count = 0;
  let invalid = 0;
  const reasonCounts = new Map<string, number>(FLAG_REASONS.map((r) => [r.name, 0]));
  for (let i = 0; i < flags.length; i++) {
    if (!pick(i)) continue;
    count++;
    const f = flags[i];
    if (!isValidFlags(f)) invalid++;
    for (const r of FLAG_REASONS) if (f & r.bit) reasonCounts.set(r.name, reasonCounts.get(r.name)! + 1);
  }
  const reasons: Record<string, number> = {};
  for (const [name, c] of reasonCounts) reasons[name] = count > 0 ? c / count : 0;
  return { count, invalid, invalidFraction: count > 0 ? invalid / count : 0, reasons };
}

function groups(
  flags: ArrayLike<number>,
  material: ArrayLike<number>,
  share: ArrayLike<number>,
  materialNames: string[],
) {
  const byMaterial: Record<string, InvalidStats> = {};
  materialNames.forEach((name, m) => {
    byMaterial[name] = invalidStats(flags, (i) => material[i] === m);
  });
  const byShare = {
    kce: invalidStats(flags, (i) => share[i] === SHARE_KCE),
    plane: invalidStats(flags, (i) => share[i] === SHARE_PLANE),
  };
  const all = invalidStats(flags, () => true);
  return { validFraction: all.count > 0 ? 1 - all.invalidFraction : 0, byMaterial, byShare };
}

/** The manifest summary: invalid fractions per material and per share, for the stored samples and the first draws. */
export function summarize(
  flags: ArrayLike<number>,
  firstDrawFlags: ArrayLike<number>,
  material: ArrayLike<number>,
  share: ArrayLike<number>,
  materialNames: string[],
  draws: number,
): DatasetSummary {
  return {
    ...groups(flags, material, share, materialNames),
    firstDraw: groups(firstDrawFlags, material, share, materialNames),
    draws,
  };
}
