import type { Run } from '../io/run.ts';
import { warning, type ResultWarning } from '../core/warnings.ts';
import { InputError } from '../core/input-error.ts';
import { selectHeatingSegment, pickRunRows } from './heating-segment.ts';
import { gcvSmoothingSpline } from './smoothing-spline.ts';
import { startTransientEnd } from './transient.ts';
import type { SmoothingInfo } from './smoothing.ts';

/**
 * A run made ready for kinetic analysis: its main heating segment, with a temperature that increases strictly.
 *
 * The **time route** (the file has a time column; ICTAC 2011, Vyazovkin et al., Thermochim. Acta 520, 1): the
 * measured T(t) is smoothed by a GCV smoothing spline (src/analysis/smoothing-spline.ts), so thermocouple jitter and
 * short reversals of a few hundredths of a kelvin become harmless; `run.temperature_K` is that smooth measured
 * temperature and `dTdt_K_s` its derivative. Downstream, α(t) and dα/dt are computed in time and
 * dα/dT = (dα/dt)/(dT/dt) with the measured T, so self-heating and lag are in the numbers.
 *
 * The **nominal route** (no time column): rows whose temperature does not rise above every earlier one are dropped
 * (with a `rows.dropped` warning) and the nominal β of the header is used (`time.nominal`).
 */
export interface HeatingRun {
  run: Run;
  route: 'time' | 'nominal';
  /** dT/dt of the smoothed measured temperature, K/s (time route). */
  dTdt_K_s?: number[];
  /** The smoothing of T(t) (time route). */
  temperatureSmoothing?: SmoothingInfo;
  warnings: ResultWarning[];
}

/** The finest time scale of the temperature smoothing, s (see `GcvOptions.maxEdf`). */
export const TEMPERATURE_RESOLUTION_S = 20;

/** Select the main heating segment and make T strictly increasing (by the time or the nominal route). */
export function prepareHeatingRun(input: Run): HeatingRun {
  const sel = selectHeatingSegment(input);
  const run = sel.run;
  const warnings = [...sel.warnings];
  const t = run.time_s;
  const T = run.temperature_K;
  for (let i = 0; i < T.length; i++) {
    if (!Number.isFinite(T[i])) {
      throw new InputError(`temperature at data row ${i + 1} is not a number`, { file: run.file });
    }
  }
  if (t && t.length >= 10 && increasing(t)) {
    // at most one degree of freedom per TEMPERATURE_RESOLUTION_S of time: a self-heating excursion lasts minutes
    const fit = gcvSmoothingSpline(t, T, {
      maxEdf: Math.max(10, (t[t.length - 1] - t[0]) / TEMPERATURE_RESOLUTION_S),
    });
    const Ts = Array.from(fit.value);
    const dT = Array.from(fit.derivative);
    // the start-up transient (furnace reaching the programmed rate, balance settling) is not analysed
    const start = startTransientEnd(t, dT, run.heatingRate_K_min ?? 0);
    if (start > 0) {
      warnings.push(
        warning(
          'transient.excluded',
          'info',
          `start-up transient excluded: the first ${(t[start] - t[0]).toFixed(0)} s ` +
            `(${(Ts[0] - 273.15).toFixed(1)}–${(Ts[start] - 273.15).toFixed(1)} °C, rows 1–${start}), until the ` +
            'measured heating rate reached the program and the balance settled',
          { file: run.file },
        ),
      );
    }
    const keep = risingRows(Ts, dT, start);
    const out = keep.length === Ts.length ? { ...run } : pickRunRows(run, keep);
    out.temperature_K = keep.map((i) => Ts[i]);
    const dropped = Ts.length - start - keep.length;
    if (dropped > 0) {
      warnings.push(
        warning(
          'rows.dropped',
          dropped > 0.05 * (Ts.length - start) ? 'caution' : 'info',
          `${dropped} of ${Ts.length - start} rows left out where the smoothed sample temperature does not rise (a hold or ` +
            'a reversal inside the heating segment)',
          { file: run.file },
        ),
      );
    }
    return {
      run: out,
      route: 'time',
      dTdt_K_s: keep.map((i) => dT[i]),
      temperatureSmoothing: {
        method: 'spline-gcv',
        signal: 'T(t)',
        lambda: fit.lambda,
        edf: fit.edf,
        noise_sigma: fit.sigma,
      },
      warnings,
    };
  }
  warnings.push(
    warning(
      'time.nominal',
      'info',
      'no time column: α and dα/dT are taken against temperature with the nominal heating rate',
      { file: run.file },
    ),
  );
  const keep: number[] = [];
  let max = -Infinity;
  let repeats = 0;
  for (let i = 0; i < T.length; i++) {
    if (T[i] > max) {
      keep.push(i);
      max = T[i];
    } else if (T[i] === T[keep[keep.length - 1]]) repeats++;
  }
  if (keep.length === T.length) return { run, route: 'nominal', warnings };
  const dropped = T.length - keep.length;
  const msg =
    repeats === dropped
      ? `${dropped} rows with a repeated temperature dropped`
      : `${dropped} of ${T.length} rows dropped where the temperature did not rise above every earlier value ` +
        `(${repeats} repeated; thermocouple jitter or lag — with a time column the run is smoothed in time instead)`;
  warnings.push(
    warning('rows.dropped', dropped > 0.05 * T.length ? 'caution' : 'info', msg, { file: run.file }),
  );
  return { run: pickRunRows(run, keep), route: 'nominal', warnings };
}

function increasing(t: number[]): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i] > t[i - 1])) return false;
  return true;
}

/**
 * Rows of the smoothed temperature that rise strictly above every earlier row and where the smooth is heating
 * (dT/dt > 0): a hold or a reversal larger than the noise inside the segment is left out.
 */
function risingRows(T: number[], dT: number[], start: number): number[] {
  const keep: number[] = [];
  let max = -Infinity;
  for (let i = start; i < T.length; i++) {
    if (T[i] > max && dT[i] > 0) {
      keep.push(i);
      max = T[i];
    }
  }
  return keep;
}
