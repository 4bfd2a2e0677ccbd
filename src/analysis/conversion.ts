/**
 * Conversion α from a mass signal over a stage window: α = (m_start − m)/(m_start − m_end), where m_start and
 * m_end are the masses at the first and last point of the window (any mass unit; it cancels).
 * Throws when the window shows no mass change.
 */
export function conversionFromMass(mass: ArrayLike<number>): Float64Array {
  const n = mass.length;
  if (n < 2) throw new RangeError('conversionFromMass: need at least 2 points');
  const m0 = mass[0];
  const m1 = mass[n - 1];
  const loss = m0 - m1;
  if (!(Math.abs(loss) > 1e-12 * Math.max(Math.abs(m0), 1))) {
    throw new RangeError('no mass change over the window: conversion α is undefined');
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (m0 - mass[i]) / loss;
  return out;
}

/**
 * Conversion α(T) from a rate signal r(T) (e.g. DTG or a baseline-corrected DSC peak): the partial area
 * α(T) = ∫_{T_start}^{T} r dT′ / ∫_{T_start}^{T_end} r dT′ by the trapezoid rule. Returns α and the
 * normalised rate dα/dT = r / total area (in 1/x-units).
 */
export function conversionFromRate(
  x: ArrayLike<number>,
  rate: ArrayLike<number>,
): { alpha: Float64Array; dadx: Float64Array; area: number } {
  const n = x.length;
  if (n < 2) throw new RangeError('conversionFromRate: need at least 2 points');
  const cum = new Float64Array(n);
  for (let i = 1; i < n; i++) cum[i] = cum[i - 1] + 0.5 * (rate[i] + rate[i - 1]) * (x[i] - x[i - 1]);
  const area = cum[n - 1];
  if (!(Math.abs(area) > 0)) throw new RangeError('zero peak area: conversion α is undefined');
  const alpha = cum.map((c) => c / area);
  const dadx = Float64Array.from(rate, (r) => r / area);
  return { alpha, dadx, area };
}
