import { R_J_PER_MOL_K } from '../kinetics/constants.ts';
import { solveSpd } from '../analysis/fit/linear-solve.ts';
import type { Scheme } from './scheme.ts';
import { solveScheme, rampProgram, type StepKinetics } from './scheme-kinetics.ts';

/**
 * The least-squares problem of a global multi-step fit over all heating rates at once (ICTAC 2020 multi-step
 * recommendations, Vyazovkin et al., Thermochim. Acta 689 (2020) 178597):
 *   y_run(T) ≈ Σ_j c_j·g_j(T) [+ b₀,run + b₁,run·(T − T_mid)/100 K]
 * with g_j = r_j/β (K⁻¹; y = dα/dT, c_j = mass-loss fraction of step j) or g_j = r_j (s⁻¹; y = DSC heat flow W/g,
 * c_j = ΔH_j in J/g), r_j the step rates of the scheme on each run's ramp. The amplitudes c and the optional linear
 * baselines enter linearly and are eliminated by weighted linear least squares at every evaluation (variable
 * projection, Golub & Pereyra, SIAM J. Numer. Anal. 10 (1973) 413), so the optimizers see only the kinetic
 * parameters. Amplitudes are kept of one sign (the sign of the signal) by dropping violating columns and
 * re-solving (an active-set step of Lawson–Hanson NNLS).
 *
 * Kinetic vector θ per step: [Ea (kJ/mol), lg k(T_ref) (k in s⁻¹), model params…] — the rate constant at a
 * reference temperature inside the data instead of lgA, which removes most of the Ea–lgA correlation from the
 * search (Schwaab & Pinto, Chem. Eng. Sci. 62 (2007) 2750); lgA = lg k_ref + Ea/(R·T_ref·ln 10).
 * Residuals are weighted per run by 1/peak height (w = 1/max|y_run|), the weighting of the scipy peer.
 */
export interface MultistepRun {
  beta_K_min: number;
  /** Temperatures, K, increasing. */
  T_K: number[];
  /** Signal: dα/dT (K⁻¹) or heat flow (W/g), same index as T_K. */
  y: number[];
  file?: string;
  /** Start of the ramp (α = 0), K; default the first temperature. */
  T0_K?: number;
  /** Optional per-point weight factors (same index as T_K, default 1), multiplying the run's 1/peak-height weight. */
  pointWeights?: number[];
}

export type Observable = 'conversion-rate' | 'heatflow';

export interface ProblemOptions {
  observable: Observable;
  /** Per-run linear baseline (DSC heat flow), default none. */
  baseline?: 'none' | 'linear';
  /** Integrator relative tolerance (default 1e-4; absolute tolerance 0.1·rtol on concentrations of order 1). */
  rtol?: number;
}

export interface Evaluation {
  /** Weighted residuals w·(model − y), all runs concatenated. */
  residuals: Float64Array;
  sse: number;
  /** Step amplitudes c_j (fraction or J/g). */
  amplitudes: number[];
  /** Baseline coefficients per run [b0, b1] (empty without a baseline). */
  baselines: [number, number][];
  /** Model values and each step's contribution c_j·g_j per row (row-major [row][step]). */
  model: Float64Array;
  contributions: Float64Array;
  ok: boolean;
}

export class MultistepProblem {
  readonly scheme: Scheme;
  readonly runs: MultistepRun[];
  readonly observable: Observable;
  readonly baseline: 'none' | 'linear';
  readonly T_ref_K: number;
  /** Offsets of each step's parameters in θ. */
  readonly offsets: number[];
  readonly dim: number;
  /** Rows in total and row offset of each run. */
  readonly N: number;
  readonly rowStart: number[];
  readonly weights: number[];
  /** +1 or −1: the sign of the signal; amplitudes keep it. */
  readonly sign: number;
  private readonly rtol: number;
  private readonly tOut: Float64Array[];
  private readonly Tmid: number[];

  constructor(scheme: Scheme, runs: MultistepRun[], opts: ProblemOptions) {
    this.scheme = scheme;
    this.runs = runs;
    this.observable = opts.observable;
    this.baseline = opts.baseline ?? 'none';
    this.rtol = opts.rtol ?? 1e-4;
    this.offsets = [];
    let d = 0;
    for (const st of scheme.steps) {
      this.offsets.push(d);
      d += 2 + st.model.params.length;
    }
    this.dim = d;
    this.rowStart = [];
    let N = 0;
    let total = 0;
    const peaks: number[] = [];
    this.weights = [];
    this.tOut = [];
    this.Tmid = [];
    for (const r of runs) {
      this.rowStart.push(N);
      N += r.T_K.length;
      let max = 0;
      let iMax = 0;
      r.y.forEach((v, i) => {
        total += v;
        if (Math.abs(v) > max) {
          max = Math.abs(v);
          iMax = i;
        }
      });
      peaks.push(r.T_K[iMax]);
      this.weights.push(max > 0 ? 1 / max : 1);
      const T0 = r.T0_K ?? r.T_K[0];
      const bs = r.beta_K_min / 60;
      this.tOut.push(Float64Array.from(r.T_K, (T) => Math.max(0, (T - T0) / bs)));
      this.Tmid.push((r.T_K[0] + r.T_K[r.T_K.length - 1]) / 2);
    }
    this.N = N;
    this.sign = total < 0 ? -1 : 1;
    peaks.sort((a, b) => a - b);
    this.T_ref_K = peaks[Math.floor(peaks.length / 2)];
  }

  /** Number of linear parameters (amplitudes and baselines). */
  get linearCount(): number {
    return this.scheme.steps.length + (this.baseline === 'linear' ? 2 * this.runs.length : 0);
  }

  /** θ → kinetic parameters of each step (lgA from lg k_ref). */
  stepKinetics(theta: ArrayLike<number>): StepKinetics[] {
    const c = 1000 / (R_J_PER_MOL_K * this.T_ref_K * Math.LN10);
    return this.scheme.steps.map((st, j) => {
      const o = this.offsets[j];
      const Ea = theta[o];
      const params: number[] = [];
      for (let q = 0; q < st.model.params.length; q++) params.push(theta[o + 2 + q]);
      return { Ea_kJ_mol: Ea, lgA_s: theta[o + 1] + Ea * c, params };
    });
  }

  /** Kinetic parameters (Ea, lgA, params) → θ. */
  thetaOf(steps: StepKinetics[]): number[] {
    const c = 1000 / (R_J_PER_MOL_K * this.T_ref_K * Math.LN10);
    const th: number[] = [];
    steps.forEach((s) => {
      th.push(s.Ea_kJ_mol, s.lgA_s - s.Ea_kJ_mol * c);
      for (const p of s.params) th.push(p);
    });
    return th;
  }

  /** Basis g_j at every row (row-major [row][step]), or null when the integrator fails. */
  basis(steps: StepKinetics[], rtol = this.rtol): Float64Array | null {
    const m = this.scheme.steps.length;
    const G = new Float64Array(this.N * m);
    try {
      this.runs.forEach((r, k) => {
        const t = this.tOut[k];
        const T0 = r.T0_K ?? r.T_K[0];
        const prog = rampProgram(T0, Math.max(r.T_K[r.T_K.length - 1], T0 + 1), r.beta_K_min);
        const sol = solveScheme(this.scheme, steps, prog, t, { rtol, atol: rtol * 0.1 });
        const scale = this.observable === 'conversion-rate' ? 60 / r.beta_K_min : 1;
        const base = this.rowStart[k] * m;
        for (let i = 0; i < t.length * m; i++) G[base + i] = sol.rates[i] * scale;
      });
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
    for (let i = 0; i < G.length; i++) if (!Number.isFinite(G[i])) return null;
    return G;
  }

  /** Evaluate θ: basis, linear least squares for amplitudes and baselines, weighted residuals. */
  evaluate(theta: ArrayLike<number>, rtol = this.rtol): Evaluation {
    const G = this.basis(this.stepKinetics(theta), rtol);
    if (!G) return this.failed();
    return this.project(G);
  }

  /** The linear step of variable projection for a given basis. */
  project(G: Float64Array): Evaluation {
    const m = this.scheme.steps.length;
    const R = this.runs.length;
    const nb = this.baseline === 'linear' ? 2 : 0;
    const active = new Array<boolean>(m).fill(true);
    let coef: Float64Array | null = null;
    for (let iter = 0; iter <= m; iter++) {
      coef = this.solveLinear(G, active, nb);
      if (!coef) return this.failed();
      let worst = -1;
      for (let j = 0; j < m; j++)
        if (
          active[j] &&
          this.sign * coef[j] < 0 &&
          (worst < 0 || this.sign * coef[j] < this.sign * coef[worst])
        )
          worst = j;
      if (worst < 0) break;
      active[worst] = false;
    }
    const c = coef!;
    const model = new Float64Array(this.N);
    const contributions = new Float64Array(this.N * m);
    const residuals = new Float64Array(this.N);
    let sse = 0;
    const baselines: [number, number][] = [];
    for (let k = 0; k < R; k++) {
      const r = this.runs[k];
      const b0 = nb ? c[m + 2 * k] : 0;
      const b1 = nb ? c[m + 2 * k + 1] : 0;
      if (nb) baselines.push([b0, b1]);
      const w = this.weights[k];
      for (let i = 0; i < r.T_K.length; i++) {
        const row = this.rowStart[k] + i;
        let v = b0 + b1 * ((r.T_K[i] - this.Tmid[k]) / 100);
        for (let j = 0; j < m; j++) {
          const cj = c[j] * G[row * m + j];
          contributions[row * m + j] = cj;
          v += cj;
        }
        model[row] = v;
        const e = w * (r.pointWeights?.[i] ?? 1) * (v - r.y[i]);
        residuals[row] = e;
        sse += e * e;
      }
    }
    return {
      residuals,
      sse,
      amplitudes: Array.from(c.subarray(0, m)),
      baselines,
      model,
      contributions,
      ok: true,
    };
  }

  private solveLinear(G: Float64Array, active: boolean[], nb: number): Float64Array | null {
    const m = this.scheme.steps.length;
    const R = this.runs.length;
    const q = m + nb * R;
    const A = new Float64Array(q * q);
    const rhs = new Float64Array(q);
    const x = new Float64Array(q);
    for (let k = 0; k < R; k++) {
      const r = this.runs[k];
      for (let i = 0; i < r.T_K.length; i++) {
        const w2 = (this.weights[k] * (r.pointWeights?.[i] ?? 1)) ** 2;
        const row = this.rowStart[k] + i;
        x.fill(0);
        for (let j = 0; j < m; j++) if (active[j]) x[j] = G[row * m + j];
        if (nb) {
          x[m + 2 * k] = 1;
          x[m + 2 * k + 1] = (r.T_K[i] - this.Tmid[k]) / 100;
        }
        for (let a = 0; a < q; a++) {
          if (x[a] === 0) continue;
          rhs[a] += w2 * x[a] * r.y[i];
          for (let b = 0; b <= a; b++) A[a * q + b] += w2 * x[a] * x[b];
        }
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) A[b * q + a] = A[a * q + b];
    // Scale to unit diagonal (columns differ by orders of magnitude), tiny ridge for empty or collinear columns.
    const s = new Float64Array(q);
    for (let a = 0; a < q; a++) s[a] = A[a * q + a] > 0 ? 1 / Math.sqrt(A[a * q + a]) : 0;
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) A[a * q + b] *= s[a] * s[b];
      A[a * q + a] = s[a] === 0 ? 1 : A[a * q + a] + 1e-12;
      rhs[a] *= s[a];
    }
    const z = solveSpd(A, rhs, q);
    if (!z) return null;
    for (let a = 0; a < q; a++) z[a] *= s[a];
    return z;
  }

  private failed(): Evaluation {
    const m = this.scheme.steps.length;
    return {
      residuals: new Float64Array(this.N).fill(1e6),
      sse: Infinity,
      amplitudes: new Array<number>(m).fill(NaN),
      baselines: [],
      model: new Float64Array(this.N).fill(NaN),
      contributions: new Float64Array(this.N * m).fill(NaN),
      ok: false,
    };
  }
}
