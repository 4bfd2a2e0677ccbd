/**
 * From analysed DSC runs to database records (`ckin db add-run`): composition from the formula, results from the
 * run and from `analyzeRuns` (src/analysis/analyze.ts):
 *   onset_T_K      tangent onset of the first (lowest-temperature) exothermic stage of the run;
 *   peak_T_K       temperature of the maximum heat flow over the whole heating segment;
 *   max_power_W_g  that maximum heat flow (W/g, exothermic positive, as recorded — no baseline subtracted);
 *   total_heat_J_g sum of the baseline-corrected peak areas of all stages of the run (when available).
 */
import type { Run } from '../io/run.ts';
import type { AnalyzeResult } from '../analysis/analyze.ts';
import { increasingTemperature } from '../analysis/analyze.ts';
import { parseCathodeFormula } from './formula.ts';
import { compositionColumns } from './composition.ts';

/**
 * Parse a cathode formula (any form src/dsc/formula.ts accepts: `LiNi0.8Co0.1Mn0.1O2`, `NCM811`, `NCA`,
 * `Li[Ni0.6Co0.2Mn0.2]O2`, dopants, composite Li-rich notation) into the schema's composition columns.
 */
export function parseFormula(
  formula: string,
): { li_content: number } & Record<string, number | string | null> {
  return compositionColumns(parseCathodeFormula(formula).elements) as { li_content: number } & Record<
    string,
    number | string | null
  >;
}

export interface RunDscResults {
  file: string;
  scan_rate_K_min: number;
  onset_T_K: number | null;
  peak_T_K: number;
  max_power_W_g: number;
  total_heat_J_g: number | null;
}

/** Results of one DSC run (heat-flow signal required) given the batch analysis it was part of. */
export function dscResultsFromRun(run: Run, analysis: AnalyzeResult): RunDscResults {
  if (!run.heatFlow_W_g) throw new RangeError(`${run.file}: not a DSC run (no heat-flow signal)`);
  if (!(run.heatingRate_K_min && run.heatingRate_K_min > 0))
    throw new RangeError(`${run.file}: heating rate unknown (give --rates)`);
  const r = increasingTemperature(run);
  const hf = r.heatFlow_W_g!;
  let k = 0;
  for (let i = 1; i < hf.length; i++) if (hf[i] > hf[k]) k = i;
  if (!(hf[k] > 0))
    throw new RangeError(`${run.file}: no exothermic heat flow (max ${hf[k]} W/g; check --exo-sign)`);
  const rows = analysis.stages
    .slice()
    .sort((a, b) => a.T_peak_mean_K - b.T_peak_mean_K)
    .map((s) => s.peaks.find((p) => p.file === run.file))
    .filter((p) => p !== undefined);
  const heats = rows
    .map((p) => p.enthalpy_J_g)
    .filter((h): h is number => typeof h === 'number' && Number.isFinite(h));
  return {
    file: run.file,
    scan_rate_K_min: run.heatingRate_K_min,
    onset_T_K: rows.length && rows[0].T_onset_K !== null ? rows[0].T_onset_K : null,
    peak_T_K: r.temperature_K[k],
    max_power_W_g: hf[k],
    total_heat_J_g: heats.length ? heats.reduce((a, b) => a + Math.abs(b), 0) : null,
  };
}
