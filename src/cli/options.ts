import { InputError } from '../core/input-error.ts';
import { celsiusToKelvin } from '../kinetics/constants.ts';

/** Parse `--rates 10,30,60` (K/min) into numbers; every value must be positive and finite. */
export function parseRates(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const rates = value
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) {
    throw new InputError(
      `--rates: expected positive heating rates in K/min separated by commas, got "${value}"`,
    );
  }
  return rates;
}

/** Parse `--window 200:400` (°C) into a [lo, hi] window in K. */
export function parseWindowC(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[:,]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!m) throw new InputError(`--window: expected LO:HI in °C (e.g. 200:400), got "${value}"`);
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  if (!(hi > lo)) throw new InputError(`--window: the upper limit must exceed the lower (${value})`);
  return [celsiusToKelvin(lo), celsiusToKelvin(hi)];
}

/** Parse a finite number option, with the option name in the error. */
export function parseNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new InputError(`${name}: expected a number, got "${value}"`);
  return v;
}

/** Parse `--temperature-unit C|K`. */
export function parseTemperatureUnitOption(value: string | undefined): 'C' | 'K' | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toUpperCase().replace('°', '');
  if (v !== 'C' && v !== 'K') throw new InputError(`--temperature-unit: expected C or K, got "${value}"`);
  return v;
}
