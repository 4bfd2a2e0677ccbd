import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { InputError } from '../../core/input-error.ts';
import type { ProgramSegment, Run, RunSample } from '../run.ts';
import { describeSegment, detectSegments, mainHeatingSegmentIndex, segmentFromRows } from './segments.ts';
import {
  secondsPer,
  type HeatFlowUnit,
  type MassUnit,
  type TemperatureUnit,
  type TimeUnit,
} from './units.ts';

/** Options every instrument reader accepts (the CLI passes them through). */
export interface InstrumentReadOptions {
  /** Override the temperature unit of the file (needed when a header's unit contradicts the values). */
  temperatureUnit?: TemperatureUnit;
  /** Heating rate, K/min, overriding the header (`--rates`). */
  heatingRate_K_min?: number;
  /** Sign that makes exothermic heat flow positive: +1 = as recorded, −1 = flip. Overrides the header. */
  exoSign?: 1 | -1;
  /** Sample mass, mg, when the file has none (needed to normalise a heat flow in mW). */
  sampleMass_mg?: number;
}

/** What a format parser hands over: columns in the file's own units, plus what the header declared. */
export interface RawRun {
  file: string;
  format: string;
  sample: RunSample;
  /** Program declared in the header (rates K/min, temperatures K), in order; matched to data segments by order. */
  declaredProgram?: ProgramSegment[];
  /** 1-based line of the first data row (for messages). */
  dataLine: number;
  time?: { values: number[]; unit: TimeUnit };
  temperature: { values: number[]; unit: TemperatureUnit; label: string };
  /**
   * Program (furnace/reference) temperature in the same unit as `temperature`, when the file has it: segments and
   * slope-fitted heating rates are taken from it, since the sample temperature lags at the start of a ramp.
   */
  programTemperature?: number[];
  mass?: { values: number[]; unit: MassUnit };
  heatFlow?: { values: number[]; unit: HeatFlowUnit };
  /** Exothermic sign declared by the file (e.g. NETZSCH `#EXO:-1`): +1 exo up, −1 exo down. */
  exoSignFromHeader?: 1 | -1;
  /** Segment number of each row when the file has such a column (NETZSCH `Segment`, Pyris step lines). */
  segmentOfRow?: number[];
  notes: string[];
  warnings: string[];
}

/**
 * Plausible ranges of a thermal-analysis run of a battery material, over the whole run (issue 22: a unit decided
 * from the first value or a narrow window let kelvin under a °C header, °C under a K header and minutes labelled
 * seconds through). Outside them the unit is questioned: an error naming the option that settles it.
 */
export const PLAUSIBLE = {
  /** Lowest temperature of a run, K (−73 °C; sub-ambient runs say their unit with --temperature-unit K). */
  minT_K: 200,
  /** A °C column whose values all lie above this (and that rises) reads as kelvin. */
  minStartC_asKelvin: 250,
  /** Highest temperature of a run, K (2000 °C). */
  maxT_K: 2273.15,
  /** Heating-rate range of TGA/DSC, K/min: above or below, the time unit is questioned. */
  minRate_K_min: 0.05,
  maxRate_K_min: 200,
  /** Largest sample mass, mg (10 g), and largest mass in %, beyond which the unit is questioned. */
  maxMass_mg: 10_000,
  maxMass_pct: 200,
} as const;

/**
 * Turn a parsed file into a `Run`: explicit unit conversions (°C → K, min → s, mW → W/g, mg/% kept), a sanity check
 * of the temperature unit against the values, duplicate-timestamp removal, segments of the temperature program, and
 * the heating rate of the analysed segment with its source.
 */
export function buildRun(raw: RawRun, opts: InstrumentReadOptions = {}): Run {
  const notes = [...raw.notes];
  const warnings = [...raw.warnings];
  const n = raw.temperature.values.length;
  if (n === 0)
    throw new InputError('no data rows (file empty or truncated before the data)', { file: raw.file });

  // --- temperature unit: check the declared unit against the values before converting
  let tUnit = raw.temperature.unit;
  if (opts.temperatureUnit && opts.temperatureUnit !== tUnit) {
    notes.push(`temperature unit ${opts.temperatureUnit} by option (the file says ${raw.temperature.label})`);
    tUnit = opts.temperatureUnit;
  } else if (!opts.temperatureUnit) checkTemperatureUnit(raw.temperature.values, tUnit, raw);
  let temperature_K =
    tUnit === 'C' ? raw.temperature.values.map(celsiusToKelvin) : raw.temperature.values.slice();
  if (tUnit === 'C') notes.push('temperature converted from °C to K');

  let time_s = raw.time ? raw.time.values.map((t) => t * secondsPer(raw.time!.unit)) : undefined;
  if (raw.time && raw.time.unit !== 's') notes.push(`time converted from ${raw.time.unit} to s`);

  let mass_mg: number[] | undefined;
  let mass_pct: number[] | undefined;
  if (raw.mass) {
    if (raw.mass.unit === 'mg') mass_mg = raw.mass.values.slice();
    else if (raw.mass.unit === 'g') {
      mass_mg = raw.mass.values.map((m) => m * 1000);
      notes.push('mass converted from g to mg');
    } else mass_pct = raw.mass.values.slice();
  }

  let heatFlow_W_g: number[] | undefined;
  if (raw.heatFlow) {
    const u = raw.heatFlow.unit;
    let factor: number;
    if (u === 'W/g' || u === 'mW/mg') factor = 1;
    else if (u === 'mW' || u === 'W') {
      const m = opts.sampleMass_mg ?? raw.sample.mass_mg;
      if (!m || !(m > 0)) {
        throw new InputError(
          `heat flow is in ${u} but the sample mass is unknown; give it with --sample-mass`,
          {
            file: raw.file,
          },
        );
      }
      // mW / mg = W/g; W / mg = 1000 W/g
      factor = (u === 'mW' ? 1 : 1000) / m;
      notes.push(`heat flow converted from ${u} to W/g with the sample mass ${m} mg`);
    } else {
      throw new InputError('heat flow in µV (uncalibrated DSC signal) cannot be converted to W/g', {
        file: raw.file,
      });
    }
    let sign: 1 | -1 = 1;
    if (opts.exoSign) {
      sign = opts.exoSign;
      notes.push(`exothermic sign ${sign > 0 ? '+' : '−'} by option`);
    } else if (raw.exoSignFromHeader) {
      sign = raw.exoSignFromHeader;
      notes.push(
        `exothermic sign from the header: ${sign > 0 ? 'exo up, kept' : 'exo down, heat flow negated'}`,
      );
    } else notes.push('heat flow sign as recorded (exothermic assumed positive; use --exo-sign -1 to flip)');
    heatFlow_W_g = raw.heatFlow.values.map((v) => v * factor * sign);
  }

  let segmentOfRow = raw.segmentOfRow?.slice();
  let program_K = raw.programTemperature
    ? tUnit === 'C'
      ? raw.programTemperature.map(celsiusToKelvin)
      : raw.programTemperature.slice()
    : undefined;

  // --- duplicate and backward timestamps: keep the first row of each time, drop later repeats
  if (time_s) {
    const keep: number[] = [];
    let dup = 0;
    let back = 0;
    let firstBadLine = 0;
    for (let i = 0; i < n; i++) {
      if (keep.length > 0) {
        const prev = time_s[keep[keep.length - 1]];
        if (time_s[i] === prev) {
          dup++;
          firstBadLine ||= raw.dataLine + i;
          continue;
        }
        if (time_s[i] < prev) {
          back++;
          firstBadLine ||= raw.dataLine + i;
          continue;
        }
      }
      keep.push(i);
    }
    if (dup + back > 0) {
      const pick = <T>(a: T[] | undefined) => (a ? keep.map((i) => a[i]) : undefined);
      time_s = pick(time_s);
      mass_mg = pick(mass_mg);
      mass_pct = pick(mass_pct);
      heatFlow_W_g = pick(heatFlow_W_g);
      segmentOfRow = pick(segmentOfRow);
      program_K = pick(program_K);
      temperature_K = pick(temperature_K)!;
      const what = [
        dup ? `${dup} row(s) repeating the previous timestamp` : '',
        back ? `${back} row(s) going back in time` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      warnings.push(`${raw.file}:${firstBadLine}: dropped ${what}; the first row of each time is kept`);
    }
  }

  // --- program segments from the data (segment column if any, else T(t)), rates from the header where declared
  let program: ProgramSegment[];
  const rampT = program_K ?? temperature_K;
  if (segmentOfRow) {
    program = [];
    let a = 0;
    for (let i = 1; i <= segmentOfRow.length; i++) {
      if (i === segmentOfRow.length || segmentOfRow[i] !== segmentOfRow[a]) {
        program.push(segmentFromRows(time_s, rampT, a, i));
        a = i;
      }
    }
  } else program = detectSegments(time_s, rampT);
  if (program_K) {
    notes.push('segments and fitted rates from the program (furnace/reference) temperature');
    for (const s of program) {
      if (s.rows) {
        s.T_start_K = temperature_K[s.rows[0]];
        s.T_end_K = temperature_K[s.rows[1] - 1];
      }
    }
  }
  const declared = raw.declaredProgram ?? [];
  const rateFromHeader = new Set<number>();
  if (declared.length > 0 && segmentOfRow && declared.length >= program.length) {
    // Segment column numbering follows the header's segments: take declared kinds/rates in order.
    program.forEach((s, i) => {
      const d = declared[i];
      if (d && d.rate_K_min !== undefined) {
        if (
          s.rate_K_min !== undefined &&
          d.kind === 'heating' &&
          Math.abs(s.rate_K_min - d.rate_K_min) > 0.1 * d.rate_K_min
        ) {
          warnings.push(
            `segment ${i + 1}: the header says ${d.rate_K_min} K/min but the data rise at ${s.rate_K_min.toFixed(2)} K/min`,
          );
        }
        s.kind = d.kind;
        s.rate_K_min = d.rate_K_min;
        rateFromHeader.add(i);
      }
    });
  }

  const mainIdx = mainHeatingSegmentIndex(program, mass_mg ?? mass_pct);
  let heatingRate_K_min: number | undefined;
  let heatingRateSource: Run['heatingRateSource'];
  if (mainIdx !== undefined) {
    const seg = program[mainIdx];
    const fitted = seg.rate_K_min;
    const fromHeader = rateFromHeader.has(mainIdx) ? seg.rate_K_min : matchDeclaredRate(seg, declared);
    if (opts.heatingRate_K_min !== undefined) {
      heatingRate_K_min = opts.heatingRate_K_min;
      heatingRateSource = 'option';
    } else if (fromHeader !== undefined) {
      heatingRate_K_min = fromHeader;
      heatingRateSource = 'header';
      if (fitted !== undefined && Math.abs(fitted - fromHeader) > 0.1 * fromHeader) {
        warnings.push(
          `heating rate: the header says ${fromHeader} K/min but the temperature rises at ${fitted.toFixed(2)} K/min in the analysed segment`,
        );
      }
    } else if (fitted !== undefined) {
      heatingRate_K_min = fitted;
      heatingRateSource = 'slope';
      notes.push(
        `heating rate ${fitted.toFixed(3)} K/min fitted from T(t) of the analysed segment (no rate in the header)`,
      );
    }
    seg.rate_K_min = seg.rate_K_min ?? heatingRate_K_min;
  } else if (opts.heatingRate_K_min !== undefined) {
    heatingRate_K_min = opts.heatingRate_K_min;
    heatingRateSource = 'option';
  }
  if (program.length > 1) notes.push(`temperature program: ${program.map(describeSegment).join('; ')}`);
  for (const s of program) {
    if (s.kind === 'cooling') notes.push(`cooling segment ${describeSegment(s)} is not analysed`);
  }

  if (mass_mg && mass_mg.some((m) => m < 0)) {
    warnings.push('the mass signal goes below zero (buoyancy or drift not corrected?)');
  }
  checkMassRange(raw, mass_mg, mass_pct, warnings);
  if (mainIdx !== undefined && time_s)
    checkRatePlausible(raw, time_s, rampT, program[mainIdx], heatingRateSource, warnings);

  const run: Run = {
    file: raw.file,
    format: raw.format,
    sample: raw.sample,
    program,
    temperature_K,
    notes,
    warnings,
  };
  if (mainIdx !== undefined) run.mainSegment = mainIdx;
  if (heatingRate_K_min !== undefined) run.heatingRate_K_min = heatingRate_K_min;
  if (heatingRateSource) run.heatingRateSource = heatingRateSource;
  if (time_s) run.time_s = time_s;
  if (mass_mg) run.mass_mg = mass_mg;
  if (mass_pct) run.mass_pct = mass_pct;
  if (heatFlow_W_g) run.heatFlow_W_g = heatFlow_W_g;
  return run;
}

/** The header's rate for a data segment: the declared heating segment whose end temperature is closest (±15 K). */
function matchDeclaredRate(seg: ProgramSegment, declared: ProgramSegment[]): number | undefined {
  let best: number | undefined;
  let bestErr = Infinity;
  for (const d of declared) {
    if (d.kind !== 'heating' || d.rate_K_min === undefined) continue;
    if (d.T_end_K === undefined || seg.T_end_K === undefined) {
      if (declared.filter((x) => x.kind === 'heating').length === 1) return d.rate_K_min;
      continue;
    }
    const err = Math.abs(d.T_end_K - seg.T_end_K);
    if (err < bestErr && err < 15) {
      bestErr = err;
      best = d.rate_K_min;
    }
  }
  return best;
}

/**
 * Reject a temperature column whose values contradict its unit: °C values that start above 250 (a room-temperature
 * start written in kelvin) or K values below 100 K. Ambiguity is an error, not a guess; `--temperature-unit` resolves it.
 */
export function checkTemperatureUnit(
  values: number[],
  unit: TemperatureUnit,
  raw: Pick<RawRun, 'file' | 'dataLine' | 'temperature'>,
): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const label = raw.temperature.label;
  if (unit === 'C' && min > PLAUSIBLE.minStartC_asKelvin && max > min + 20) {
    throw new InputError(
      `the temperature column is labelled ${label} but its values run from ${min.toFixed(1)} to ${max.toFixed(1)}: a run that never goes below ${PLAUSIBLE.minStartC_asKelvin} looks like kelvin; pass --temperature-unit K (or C) to say which`,
      { file: raw.file, line: raw.dataLine },
    );
  }
  if (unit === 'C' && min < -273.15) {
    throw new InputError(`temperature ${min} ${label} is below absolute zero`, {
      file: raw.file,
      line: raw.dataLine,
    });
  }
  if (unit === 'K' && min < PLAUSIBLE.minT_K) {
    throw new InputError(
      `the temperature column is labelled ${label} but goes down to ${min.toFixed(1)}: that looks like °C; pass --temperature-unit C (or K) to say which`,
      { file: raw.file, line: raw.dataLine },
    );
  }
  const maxK = unit === 'C' ? celsiusToKelvin(max) : max;
  if (maxK > PLAUSIBLE.maxT_K) {
    throw new InputError(
      `the temperature column ${label} reaches ${max.toFixed(1)}, above 2000 °C: not a temperature in this unit (°F? millikelvin? another column?); check the header or pass --temperature-unit`,
      { file: raw.file, line: raw.dataLine },
    );
  }
}

/**
 * The mass signal over the whole run: a mass in mg above 10 g (µg labelled mg?), in g above 10 g (mg labelled g?),
 * in % above 200 (mg labelled %?) is refused; a mass that rises by more than half its start (a temperature or
 * time column read as mass?) is questioned with a warning.
 */
function checkMassRange(
  raw: RawRun,
  mass_mg: number[] | undefined,
  mass_pct: number[] | undefined,
  warnings: string[],
): void {
  const values = mass_mg ?? mass_pct;
  if (!values || values.length === 0) return;
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  const unit: string = raw.mass?.unit ?? (mass_mg ? 'mg' : '%');
  const limit = mass_mg ? PLAUSIBLE.maxMass_mg : PLAUSIBLE.maxMass_pct;
  if (max > limit) {
    const v = unit === 'g' ? max / 1000 : max;
    const shown = `${v >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4)} ${unit}`;
    const hint =
      unit === 'mg' ? 'µg labelled mg?' : unit === 'g' ? 'mg labelled g?' : 'a mass in mg labelled %?';
    throw new InputError(
      `the mass column reaches ${shown}, implausible for a thermal-analysis sample (${hint}); fix the unit in the header`,
      { file: raw.file, line: raw.dataLine },
    );
  }
  const first = values[0];
  if (first > 0 && max > 1.5 * first) {
    warnings.push(
      `the mass rises from ${first.toPrecision(4)} to ${max.toPrecision(4)} ${unit} (+${((max / first - 1) * 100).toFixed(0)} %): is this column the mass?`,
    );
  }
}

/**
 * The heating rate from T(t) against the time unit: a segment rising faster than 200 K/min (time in minutes
 * labelled seconds?) or slower than 0.05 K/min (seconds labelled minutes?) is refused when the rate would be taken
 * from T(t), and questioned with a warning when the rate comes from --rates or the header.
 */
function checkRatePlausible(
  raw: RawRun,
  time_s: number[],
  rampT_K: number[],
  seg: ProgramSegment,
  source: Run['heatingRateSource'],
  warnings: string[],
): void {
  if (!raw.time || !seg.rows) return;
  // The rate the data show (the segment's own rate may have been replaced by the header's).
  const fitted = segmentFromRows(time_s, rampT_K, seg.rows[0], seg.rows[1]).rate_K_min;
  if (fitted === undefined || !Number.isFinite(fitted)) return;
  const fast = fitted > PLAUSIBLE.maxRate_K_min;
  const slow = fitted > 0 && fitted < PLAUSIBLE.minRate_K_min;
  if (!fast && !slow) return;
  const hint = fast
    ? `above ${PLAUSIBLE.maxRate_K_min} K/min: is the time column in minutes rather than ${raw.time.unit}?`
    : `below ${PLAUSIBLE.minRate_K_min} K/min: is the time column in seconds rather than ${raw.time.unit}?`;
  const msg = `the temperature rises at ${fitted.toPrecision(3)} K/min in the analysed segment with time in ${raw.time.unit}, ${hint}`;
  if (source === 'slope' || source === undefined)
    throw new InputError(`${msg} Fix the time unit in the header or give the rate with --rates`, {
      file: raw.file,
      line: raw.dataLine,
    });
  warnings.push(`${msg} (the rate ${source === 'option' ? 'given' : 'of the header'} is used)`);
}
