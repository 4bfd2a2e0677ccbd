/**
 * Vega-Lite specs of the Safety tab's predictions with their 90 % bands, built from the numbers the safety routes
 * already return (POST /api/safety, /api/safety/model-free, /api/safety/model-file): the isothermal temperature at
 * which each α is reached after 1 h, 1 day, 1 year; the time to each α at the chosen isothermal temperature; α(t)
 * along a temperature program. Temperatures are shown in °C, times in hours.
 */
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A predicted number with its 90 % band, whatever shape the route gives it. */
export interface Banded {
  value: number;
  lo: number | null;
  hi: number | null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A number of a safety answer as {value, lo, hi}: `{value, interval90: {p05, p95}}` (kinetic triplet),
 * `{value, lo90, hi90}` (SafetyNumber of the model-free and model-file routes) or a bare number (no band).
 */
export function banded(v: unknown): Banded | undefined {
  if (finite(v)) return { value: v, lo: null, hi: null };
  if (!v || typeof v !== 'object') return undefined;
  const o = v as {
    value?: unknown;
    lo90?: unknown;
    hi90?: unknown;
    interval90?: { p05?: unknown; p95?: unknown };
  };
  if (!finite(o.value)) return undefined;
  const lo = o.interval90 ? o.interval90.p05 : o.lo90;
  const hi = o.interval90 ? o.interval90.p95 : o.hi90;
  return { value: o.value, lo: finite(lo) ? lo : null, hi: finite(hi) ? hi : null };
}

/** One point of a band plot: the value and its limits (the value itself where there is no band). */
function limits(b: Banded): { lo: number; hi: number; band: string } {
  const has = b.lo !== null && b.hi !== null;
  return { lo: has ? b.lo! : b.value, hi: has ? b.hi! : b.value, band: has ? '90 %' : 'none' };
}

/**
 * Isothermal temperature (°C) at which α is reached after each time (columns `times`, e.g. 1 h, 1 day, 1 year),
 * one line per α, the 90 % band as error bars. `rows`: `isothermal_T_for_time` of a safety answer.
 */
export function isoTemperatureBandSpec(
  rows: { alpha: number; T_K: Record<string, unknown> }[],
  times: string[],
  title: string,
): unknown {
  const values: Record<string, number | string>[] = [];
  for (const row of rows)
    for (const t of times) {
      const b = banded(row.T_K[t]);
      if (!b) continue;
      const l = limits(b);
      values.push({
        alpha: String(row.alpha),
        time: t,
        T_C: b.value - 273.15,
        lo_C: l.lo - 273.15,
        hi_C: l.hi - 273.15,
        band: l.band,
      });
    }
  if (!values.length) return undefined;
  const x = { field: 'time', type: 'ordinal', sort: times, title: 'time to α' };
  return {
    $schema: SCHEMA,
    title,
    width: 420,
    height: 260,
    data: { values },
    encoding: { x, color: { field: 'alpha', type: 'nominal', title: 'α' } },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.6 },
        encoding: { y: { field: 'lo_C', type: 'quantitative' }, y2: { field: 'hi_C' } },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          y: { field: 'T_C', type: 'quantitative', title: 'isothermal T (°C)', scale: { zero: false } },
        },
      },
    ],
  };
}

/** Time to each α (hours, log scale) at one isothermal temperature, with its 90 % band as error bars. */
export function timeToAlphaBandSpec(times: { alpha: number; time_s: unknown }[], title: string): unknown {
  const values: Record<string, number | string>[] = [];
  for (const t of times) {
    const b = banded(t.time_s);
    if (!b || !(b.value > 0)) continue;
    const l = limits(b);
    values.push({ alpha: t.alpha, t_h: b.value / 3600, lo_h: l.lo / 3600, hi_h: l.hi / 3600, band: l.band });
  }
  if (!values.length) return undefined;
  const y = { type: 'quantitative', scale: { type: 'log' } };
  return {
    $schema: SCHEMA,
    title,
    width: 420,
    height: 260,
    data: { values },
    encoding: { x: { field: 'alpha', type: 'quantitative', title: 'α', scale: { domain: [0, 1] } } },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2, color: '#c0392b', opacity: 0.6 },
        encoding: { y: { ...y, field: 'lo_h' }, y2: { field: 'hi_h' } },
      },
      {
        mark: { type: 'line', point: true, color: '#c0392b' },
        encoding: { y: { ...y, field: 't_h', title: 'time to α (h)' } },
      },
    ],
  };
}

/** α(t) along a temperature program with its 90 % band (`alpha_lo90`/`alpha_hi90`; none when they are empty). */
export function programBandSpec(
  p: { time_s: number[]; alpha: number[]; alpha_lo90?: number[]; alpha_hi90?: number[] },
  title: string,
): unknown {
  const hasBand = p.alpha_lo90?.length === p.alpha.length && p.alpha_hi90?.length === p.alpha.length;
  const values = p.time_s.map((t, i) => ({
    t_min: t / 60,
    alpha: p.alpha[i],
    lo: hasBand ? p.alpha_lo90![i] : p.alpha[i],
    hi: hasBand ? p.alpha_hi90![i] : p.alpha[i],
  }));
  return {
    $schema: SCHEMA,
    title,
    width: 480,
    height: 280,
    data: { values },
    encoding: { x: { field: 't_min', type: 'quantitative', title: 'time (min)' } },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25, color: '#c0392b' },
        encoding: { y: { field: 'lo', type: 'quantitative', title: 'α' }, y2: { field: 'hi' } },
      },
      { mark: { type: 'line', color: '#c0392b' }, encoding: { y: { field: 'alpha', type: 'quantitative' } } },
    ],
  };
}
