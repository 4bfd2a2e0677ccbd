import { InputError } from '../core/input-error.ts';

/**
 * Check a set of runs for multi-rate analysis (Kissinger, isoconversional): at least two runs, every rate positive
 * and finite, no two runs at the same rate (within 0.1 %). Throws an InputError naming the files otherwise.
 */
export function assertDistinctHeatingRates(
  runs: { beta_K_min: number; file?: string }[],
  method: string,
): void {
  if (runs.length < 2) {
    const f = runs[0]?.file;
    throw new InputError(
      `${method} needs runs at two or more different heating rates; got ${runs.length}` +
        (f ? ` (${f})` : '') +
        '. Give one file per heating rate.',
    );
  }
  for (const r of runs) {
    if (!Number.isFinite(r.beta_K_min) || r.beta_K_min <= 0) {
      throw new InputError(`heating rate must be a positive number of K/min, got ${r.beta_K_min}`, {
        file: r.file,
      });
    }
  }
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i].beta_K_min;
      const b = runs[j].beta_K_min;
      if (Math.abs(a - b) <= 1e-3 * Math.max(a, b)) {
        throw new InputError(
          `two runs at the same heating rate ${a} K/min (${runs[i].file ?? `run ${i + 1}`} and ` +
            `${runs[j].file ?? `run ${j + 1}`}): ${method} needs distinct rates`,
        );
      }
    }
  }
}
