import { basename } from 'node:path';
import type { Run } from '../run.ts';

/**
 * A heating rate written in a file name, K/min: `…_10Kmin.csv`, `…10K_min…`, `… 5 K-min…`, or a trailing number
 * `cath_1_20.csv` / `E_cnt_2.5.csv` (the convention of the CRNN and pICNIK example data). Undefined when none.
 */
export function heatingRateFromFileName(file: string): number | undefined {
  const name = basename(file).replace(/\.[A-Za-z0-9]+$/, '');
  const explicit = /(\d+(?:[.,]\d+)?)\s*[-_ ]?(?:K|°C|C)\s*[-_/ ]?\s*min\b/i.exec(name);
  if (explicit) return Number(explicit[1].replace(',', '.'));
  const trailing = /[_\- ](\d+(?:\.\d+)?)$/.exec(name);
  return trailing ? Number(trailing[1]) : undefined;
}

/**
 * Last-resort heating rate: when a run has none (no header rate, no time column, no `--rates`), take it from the
 * file name and say so loudly in the warnings. Returns the run unchanged when it already has a rate or the name has none.
 */
export function withFileNameRate(run: Run): Run {
  if (run.heatingRate_K_min !== undefined) return run;
  const rate = heatingRateFromFileName(run.file);
  if (rate === undefined || !(rate > 0)) return run;
  return {
    ...run,
    heatingRate_K_min: rate,
    heatingRateSource: 'filename',
    warnings: [
      ...run.warnings,
      `heating rate ${rate} K/min taken from the file name ${basename(run.file)} (the file states none; check it or give --rates)`,
    ],
  };
}
