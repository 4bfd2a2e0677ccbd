import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { lnTemperatureIntegralSegment } from '../analysis/isoconversional/vyazovkin.ts';

/**
 * A temperature history as breakpoints (time s, temperature K), linear in between and held at the end values
 * outside: a measured run's T(t) or a temperature program. Times must not decrease.
 */
export interface TemperatureHistory {
  time_s: ArrayLike<number>;
  T_K: ArrayLike<number>;
}

/** ln(e^a + e^b) without overflow (−∞ is the neutral element). */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/**
 * ln ∫ exp(−E/RT(t)) dt over one linear piece, T from T1 to T2 in dt seconds, exactly: on a ramp
 * (dt/(T2 − T1))·[p(T2) − p(T1)] with the temperature integral p(T) = T·E₂(E/RT) (scaled, so it does not underflow),
 * cooling by symmetry; on a hold (|ΔT| < 10⁻⁴·T, where the difference of p would cancel) the midpoint rule, whose
 * relative error (E·ΔT/RT²)²/24 is below 10⁻⁶ there. −∞ for dt ≤ 0.
 * @param E_J_mol activation energy, J/mol
 */
export function lnSegmentIntegral(E_J_mol: number, T1_K: number, T2_K: number, dt_s: number): number {
  if (!(dt_s > 0)) return -Infinity;
  const lo = Math.min(T1_K, T2_K);
  const hi = Math.max(T1_K, T2_K);
  if (hi - lo < 1e-4 * lo) return Math.log(dt_s) - E_J_mol / (R_J_PER_MOL_K * 0.5 * (lo + hi));
  return Math.log(dt_s / (hi - lo)) + lnTemperatureIntegralSegment(E_J_mol, lo, hi);
}

/** Temperature of the history at time t (linear interpolation, held at the ends) and the piece index i (t_i ≤ t). */
export function historyAt(h: TemperatureHistory, t: number): { T_K: number; piece: number } {
  const n = h.time_s.length;
  if (t <= h.time_s[0]) return { T_K: h.T_K[0], piece: -1 };
  if (t >= h.time_s[n - 1]) return { T_K: h.T_K[n - 1], piece: n - 1 };
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (h.time_s[mid] <= t) lo = mid;
    else hi = mid;
  }
  const span = h.time_s[hi] - h.time_s[lo];
  const w = span > 0 ? (t - h.time_s[lo]) / span : 0;
  return { T_K: h.T_K[lo] + w * (h.T_K[hi] - h.T_K[lo]), piece: lo };
}

/**
 * ln ∫_{ta}^{tb} exp(−E/RT(t)) dt along a piecewise-linear temperature history (exact per piece, see
 * `lnSegmentIntegral`); before the first and after the last breakpoint the end temperatures are held.
 * This is Vyazovkin's J integral over the recorded T(t) (ICTAC 2011 §3: use the measured program, not a nominal β).
 * @param E_J_mol activation energy, J/mol
 */
export function lnArrheniusTimeIntegral(
  h: TemperatureHistory,
  ta: number,
  tb: number,
  E_J_mol: number,
): number {
  if (!(tb > ta)) return -Infinity;
  const n = h.time_s.length;
  let acc = -Infinity;
  let t = ta;
  let cur = historyAt(h, ta);
  let i = cur.piece; // next breakpoint index is i + 1
  while (t < tb) {
    const nextT = i + 1 < n ? h.time_s[i + 1] : Infinity;
    const end = Math.min(tb, nextT);
    const Tend = end === nextT ? h.T_K[i + 1] : historyAt(h, end).T_K;
    acc = logAddExp(acc, lnSegmentIntegral(E_J_mol, cur.T_K, Tend, end - t));
    t = end;
    cur = { T_K: Tend, piece: i + 1 };
    i++;
  }
  return acc;
}

/**
 * The time te ≥ ts at which ln ∫_{ts}^{te} exp(−E/RT(t)) dt reaches `lnTarget` along the history (its end
 * temperature held afterwards): the inverse of `lnArrheniusTimeIntegral`. Walks the pieces, then bisects inside the
 * piece that crosses the target (the integral is monotone in te). Infinity when the held end temperature never gets
 * there in finite time (a result beyond ~10³⁰⁰ s).
 */
export function timeToReachIntegral(
  h: TemperatureHistory,
  ts: number,
  lnTarget: number,
  E_J_mol: number,
): number {
  if (lnTarget === -Infinity) return ts;
  const n = h.time_s.length;
  let acc = -Infinity;
  let t = ts;
  let cur = historyAt(h, ts);
  let i = cur.piece;
  while (i + 1 < n) {
    const nextT = h.time_s[i + 1];
    const piece = lnSegmentIntegral(E_J_mol, cur.T_K, h.T_K[i + 1], nextT - t);
    const withPiece = logAddExp(acc, piece);
    if (withPiece >= lnTarget) {
      // Bisect inside [t, nextT]: the partial piece from (t, cur.T) to (x, T(x)).
      const T0 = cur.T_K;
      const t0 = t;
      const Ti = h.T_K[i];
      const Tn = h.T_K[i + 1];
      const ti = h.time_s[i];
      const span = nextT - ti;
      let a = t0;
      let b = nextT;
      for (let k = 0; k < 200 && b - a > 1e-12 * Math.max(1, Math.abs(b)); k++) {
        const x = 0.5 * (a + b);
        const Tx = i >= 0 && span > 0 ? Ti + ((x - ti) / span) * (Tn - Ti) : Tn;
        if (logAddExp(acc, lnSegmentIntegral(E_J_mol, T0, Tx, x - t0)) < lnTarget) a = x;
        else b = x;
      }
      return 0.5 * (a + b);
    }
    acc = withPiece;
    t = nextT;
    cur = { T_K: h.T_K[i + 1], piece: i + 1 };
    i++;
  }
  // After the last breakpoint: a hold at the end temperature, closed form.
  const rest = lnTarget + Math.log1p(-Math.exp(Math.min(0, acc - lnTarget)));
  const dt = Math.exp(rest + E_J_mol / (R_J_PER_MOL_K * cur.T_K));
  return Number.isFinite(dt) ? t + dt : Infinity;
}
