import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_DATA } from '../helpers/paths.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { simulatedRunFileName, simulatedRunToCsv } from '../../src/io/simulated-run-csv.ts';

/** The real NCM333 DSC runs (two columns, no header: °C and W/g; the rate is in the file name). */
export const NCM333_DIR = join(EXTERNAL_DATA, 'crnn-ncm333-dsc');
export const NCM333_COLUMNS = 'temperature_C,heatflow_W_g';
export const ncm333Path = (beta: number) => join(NCM333_DIR, `cath_1_${beta}.csv`);
export const ncm333Upload = (betas: number[]) => ({
  files: betas.map((b) => ({ name: `cath_1_${b}.csv`, text: readFileSync(ncm333Path(b), 'utf8') })),
  columns: NCM333_COLUMNS,
});

/** JMA runs with known parameters, as the CSV files `ckin simulate --out` writes. */
export const SIM = { Ea_kJ_mol: 150, lgA_s: 12, n: 1.5, rates: [5, 10, 20] };
export function simulatedUpload() {
  const runs = simulateRuns({
    model: modelByName('jma', { n: SIM.n }),
    params: { Ea_kJ_mol: SIM.Ea_kJ_mol, lgA_s: SIM.lgA_s },
    rates_K_min: SIM.rates,
    T_start_K: 303.15,
    T_end_K: 1073.15,
    step_K: 1,
  });
  return {
    files: runs.map((r) => ({ name: simulatedRunFileName(r.beta_K_min), text: simulatedRunToCsv(r) })),
  };
}

/** A JSON-faithful copy (what travels over HTTP: NaN → null, typed arrays → arrays) with file paths reduced to names. */
export function asJson<T>(v: T): T {
  return JSON.parse(
    JSON.stringify(v, (k, x) => {
      if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
      if (typeof x === 'number' && !Number.isFinite(x)) return null;
      if (k === 'file' && typeof x === 'string') return x.split('/').pop();
      return x;
    }),
  );
}
