import type { ProgramSegment } from '../run.ts';

/** Rates below this magnitude (K/min) count as isothermal. */
export const ISOTHERMAL_RATE_K_MIN = 0.3;

/**
 * Least-squares slope of T on t, in K/min (t in s). Plain formula: slope = Σ(t−t̄)(T−T̄) / Σ(t−t̄)².
 */
export function fittedRate_K_min(time_s: number[], T_K: number[], from = 0, to = time_s.length): number {
  const n = to - from;
  if (n < 2) return NaN;
  let mt = 0;
  let mT = 0;
  for (let i = from; i < to; i++) {
    mt += time_s[i];
    mT += T_K[i];
  }
  mt /= n;
  mT /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i < to; i++) {
    sxy += (time_s[i] - mt) * (T_K[i] - mT);
    sxx += (time_s[i] - mt) ** 2;
  }
  return sxx > 0 ? (sxy / sxx) * 60 : NaN;
}

/**
 * A whole segment slower than `ISOTHERMAL_RATE_K_MIN` is still a ramp when it spans at least this many kelvin: a
 * hold drifts by a kelvin or two at most, so legitimate 0.05–0.3 K/min ramps are ramps (the 1-min local windows of
 * `detectSegments` cannot see such a slope through the noise), and a slower "ramp" is kept as one for the reader's
 * plausibility check (below 0.05 K/min the time unit is questioned, src/io/instruments/build-run.ts).
 */
export const SLOW_RAMP_SPAN_K = 10;

/** The kind of a whole segment from its fitted rate and its temperature span (see `SLOW_RAMP_SPAN_K`). */
function segmentKind(rate_K_min: number, span_K: number): ProgramSegment['kind'] {
  const k = kindOfRate(rate_K_min);
  if (k === 'isothermal' && rate_K_min !== 0 && span_K >= SLOW_RAMP_SPAN_K)
    return rate_K_min > 0 ? 'heating' : 'cooling';
  return k;
}

export function kindOfRate(rate_K_min: number): ProgramSegment['kind'] {
  if (!Number.isFinite(rate_K_min)) return 'unknown';
  if (Math.abs(rate_K_min) < ISOTHERMAL_RATE_K_MIN) return 'isothermal';
  return rate_K_min > 0 ? 'heating' : 'cooling';
}

/** Build one segment record for rows [a, b) with its rate fitted from the data. */
export function segmentFromRows(
  time_s: number[] | undefined,
  T_K: number[],
  a: number,
  b: number,
): ProgramSegment {
  let rate = NaN;
  if (time_s) rate = fittedRate_K_min(time_s, T_K, a, b);
  const seg: ProgramSegment = { kind: 'unknown', T_start_K: T_K[a], T_end_K: T_K[b - 1], rows: [a, b] };
  const span_K = Math.abs(T_K[b - 1] - T_K[a]);
  if (Number.isFinite(rate) && segmentKind(rate, span_K) !== 'isothermal' && time_s) {
    // Refit over the central 10–90 % of the temperature span: the start-up transient of a ramp (furnace catching
    // up with the program) would otherwise bias the rate low.
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = a; i < b; i++) {
      lo = Math.min(lo, T_K[i]);
      hi = Math.max(hi, T_K[i]);
    }
    const span = hi - lo;
    const ts: number[] = [];
    const Ts: number[] = [];
    for (let i = a; i < b; i++) {
      if (T_K[i] >= lo + 0.1 * span && T_K[i] <= lo + 0.9 * span) {
        ts.push(time_s[i]);
        Ts.push(T_K[i]);
      }
    }
    if (ts.length >= 3) rate = fittedRate_K_min(ts, Ts);
  }
  if (Number.isFinite(rate)) {
    seg.kind = segmentKind(rate, span_K);
    seg.rate_K_min = seg.kind === 'isothermal' ? 0 : rate;
  } else if (!time_s) {
    // No time column: a monotone temperature ramp is taken as one heating (or cooling) segment of unknown rate.
    seg.kind = T_K[b - 1] > T_K[a] ? 'heating' : T_K[b - 1] < T_K[a] ? 'cooling' : 'isothermal';
  }
  return seg;
}

/**
 * Split a run into heating / cooling / isothermal segments from T(t) alone: the local rate over a ≥ 1 min window
 * is classified, runs of one class shorter than 2 min are merged into their neighbour, and each segment's rate is then
 * fitted over its rows. Hand-written: no library segments a temperature program.
 */
export function detectSegments(time_s: number[] | undefined, T_K: number[]): ProgramSegment[] {
  const n = T_K.length;
  if (n === 0) return [];
  if (!time_s || n < 3) return [segmentFromRows(time_s, T_K, 0, n)];
  const WINDOW_S = 60;
  const MIN_SEGMENT_S = 120;
  const cls = new Array<ProgramSegment['kind']>(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (j < i) j = i;
    while (j < n - 1 && time_s[j] - time_s[i] < WINDOW_S) j++;
    let a = i;
    const b = j;
    if (time_s[b] - time_s[a] < WINDOW_S) {
      // near the end: look backwards instead
      a = i;
      while (a > 0 && time_s[b] - time_s[a] < WINDOW_S) a--;
    }
    const dt = time_s[b] - time_s[a];
    cls[i] = dt > 0 ? kindOfRate(((T_K[b] - T_K[a]) / dt) * 60) : 'unknown';
  }
  // runs of equal class
  let runs: { kind: ProgramSegment['kind']; a: number; b: number }[] = [];
  for (let i = 0; i < n; i++) {
    const last = runs[runs.length - 1];
    if (last && last.kind === cls[i]) last.b = i + 1;
    else runs.push({ kind: cls[i], a: i, b: i + 1 });
  }
  // merge short runs into the previous (or next) one until stable
  let changed = true;
  while (changed && runs.length > 1) {
    changed = false;
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k];
      if (time_s[r.b - 1] - time_s[r.a] < MIN_SEGMENT_S) {
        if (k > 0) runs[k - 1].b = r.b;
        else runs[k + 1].a = r.a;
        runs.splice(k, 1);
        changed = true;
        break;
      }
    }
    const merged: typeof runs = [];
    for (const r of runs) {
      const last = merged[merged.length - 1];
      if (last && last.kind === r.kind) last.b = r.b;
      else merged.push({ ...r });
    }
    runs = merged;
  }
  // the rate window blurs each boundary by up to a window: move it to the best two-line split nearby
  for (let k = 0; k + 1 < runs.length; k++) {
    const s = bestSplit(time_s, T_K, runs[k].a, runs[k + 1].b, runs[k].b, WINDOW_S);
    runs[k].b = s;
    runs[k + 1].a = s;
  }
  return runs.map((r) => segmentFromRows(time_s, T_K, r.a, r.b));
}

/**
 * The split index s in (a, b) within ±`reach_s` of `guess` that minimises the summed squared residuals of two
 * straight lines T(t) fitted to [a, s) and [s, b) (prefix sums make each candidate O(1)).
 */
function bestSplit(t: number[], T: number[], a: number, b: number, guess: number, reach_s: number): number {
  const n = b - a;
  const S = {
    t: new Float64Array(n + 1),
    T: new Float64Array(n + 1),
    tt: new Float64Array(n + 1),
    tT: new Float64Array(n + 1),
    TT: new Float64Array(n + 1),
  };
  const t0 = t[a];
  const T0 = T[a];
  for (let i = 0; i < n; i++) {
    const x = t[a + i] - t0;
    const y = T[a + i] - T0;
    S.t[i + 1] = S.t[i] + x;
    S.T[i + 1] = S.T[i] + y;
    S.tt[i + 1] = S.tt[i] + x * x;
    S.tT[i + 1] = S.tT[i] + x * y;
    S.TT[i + 1] = S.TT[i] + y * y;
  }
  const sse = (i: number, j: number) => {
    const m = j - i;
    if (m < 2) return 0;
    const st = S.t[j] - S.t[i];
    const sT = S.T[j] - S.T[i];
    const sxx = S.tt[j] - S.tt[i] - (st * st) / m;
    const sxy = S.tT[j] - S.tT[i] - (st * sT) / m;
    const syy = S.TT[j] - S.TT[i] - (sT * sT) / m;
    return sxx > 0 ? Math.max(0, syy - (sxy * sxy) / sxx) : Math.max(0, syy);
  };
  let best = guess;
  let bestErr = Infinity;
  for (let s = a + 2; s <= b - 2; s++) {
    if (Math.abs(t[s] - t[guess]) > reach_s) continue;
    const err = sse(0, s - a) + sse(s - a, n);
    if (err < bestErr) {
      bestErr = err;
      best = s;
    }
  }
  return best;
}

/**
 * The heating segment that is analysed: with a mass signal, the one over which the mass changes most (a later ramp of
 * an already decomposed sample carries no information); otherwise the one with the widest temperature span.
 */
export function mainHeatingSegmentIndex(program: ProgramSegment[], mass?: number[]): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  program.forEach((s, i) => {
    if (s.kind !== 'heating' || !s.rows) return;
    const span = (s.T_end_K ?? 0) - (s.T_start_K ?? 0);
    let score = span;
    if (mass) {
      const [a, b] = s.rows;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = a; k < b; k++) {
        lo = Math.min(lo, mass[k]);
        hi = Math.max(hi, mass[k]);
      }
      score = (hi - lo) * 1e6 + span; // mass change first, span breaks ties
    }
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

export function describeSegment(s: ProgramSegment): string {
  const c = (T?: number) => (T === undefined ? '?' : (T - 273.15).toFixed(0));
  const rate = s.rate_K_min === undefined ? '' : ` at ${s.rate_K_min.toFixed(2)} K/min`;
  return `${s.kind} ${c(s.T_start_K)}→${c(s.T_end_K)} °C${s.kind === 'isothermal' ? '' : rate}`;
}
