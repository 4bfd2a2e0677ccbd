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
import { TM_ELEMENTS, contentColumn } from './schema.ts';

/** Parse a layered-oxide formula such as `LiNi0.8Co0.1Mn0.1O2` or `Li1.2Mn0.54Ni0.13Co0.13O2` into contents. */
export function parseFormula(formula: string): { li_content: number } & Record<string, number> {
  const re = /([A-Z][a-z]?)(\d*\.?\d*)/g;
  const out: Record<string, number> = { li_content: 0 };
  for (const el of TM_ELEMENTS) out[contentColumn(el)] = 0;
  let consumed = '';
  for (const m of formula.replace(/\s+/g, '').matchAll(re)) {
    if (!m[0]) continue;
    consumed += m[0];
    const [, el, num] = m;
    const n = num === '' ? 1 : Number(num);
    if (!Number.isFinite(n)) throw new RangeError(`formula "${formula}": bad amount "${num}" for ${el}`);
    if (el === 'O') continue;
    if (el === 'Li') out.li_content += n;
    else if ((TM_ELEMENTS as readonly string[]).includes(el)) out[contentColumn(el)] += n;
    else
      throw new RangeError(
        `formula "${formula}": element ${el} is not in the schema (Li, ${TM_ELEMENTS.join(', ')}, O)`,
      );
  }
  if (consumed !== formula.replace(/\s+/g, ''))
    throw new RangeError(`formula "${formula}": cannot parse (use e.g. LiNi0.8Co0.1Mn0.1O2)`);
  return out as { li_content: number } & Record<string, number>;
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
