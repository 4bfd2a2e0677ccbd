/**
 * Step models of a multi-step reaction scheme: the conversion function of one step A→B as a small pure object.
 *
 * A step X→Y runs at r = k(T)·f(e, p) (s⁻¹) with k(T) = A·exp(−Ea/RT), e the concentration (mass fraction of the
 * initial reactant, dimensionless) of its reactant X and p that of its product Y — the convention of NETZSCH
 * Kinetics Neo (Opfermann, J. Therm. Anal. Calorim. 60 (2000) 641), where a step's "conversion" is α = 1 − e. For a
 * single step this is the ordinary dα/dt = k(T)·f(α) of the reaction-model library (src/kinetics/models).
 *
 * Models whose f vanishes or diverges at α = 0 (An with n > 1, SB with m > 0, D1–D4) cannot start from e = 1 in an
 * ODE; they are evaluated at α ≥ `ALPHA_SEED` (1e-6), the usual seed of model-based kinetics software. Each model
 * gives ∂f/∂e and ∂f/∂p analytically for the Rosenbrock Jacobian.
 */
export interface StepParamSpec {
  name: string;
  /** Default lower and upper bound of the fit, and the start / value when fixed. */
  lower: number;
  upper: number;
  start: number;
}

export interface StepModel {
  /** Identifier used in scheme strings, e.g. `Fn`. */
  readonly name: string;
  /** The equation, e.g. `f = e^n`. */
  readonly equation: string;
  readonly params: readonly StepParamSpec[];
  /** f(e, p; θ), θ in the order of `params`. */
  f(e: number, p: number, theta: ArrayLike<number>): number;
  /** ∂f/∂e. */
  dfde(e: number, p: number, theta: ArrayLike<number>): number;
  /** ∂f/∂p (0 unless the step is autocatalytic). */
  dfdp(e: number, p: number, theta: ArrayLike<number>): number;
}

/** Smallest conversion at which seeded models are evaluated (dimensionless). */
export const ALPHA_SEED = 1e-6;
/** Concentrations below this count as zero in powers (avoids 0^(n−1) = ∞ in the Jacobian for n < 1). */
const E_TINY = 1e-300;

const pos = (e: number): number => (e > E_TINY ? e : E_TINY);
/**
 * xʸ for x > 0 as exp(y·ln x): 2–3× faster than V8's Math.pow for non-integer y (measured; the step models are
 * the hot loop of the integrator), relative difference ≈ |y·ln x|·2⁻⁵³.
 */
const pw = (x: number, y: number): number => Math.exp(y * Math.log(x));
/** e clamped so that α = 1 − e ≥ ALPHA_SEED. */
const seeded = (e: number): number => Math.min(pos(e), 1 - ALPHA_SEED);
const zero = (): number => 0;

/** Fn, nth order: f = eⁿ (n 0.2–4). */
const Fn: StepModel = {
  name: 'Fn',
  equation: 'f = e^n',
  params: [{ name: 'n', lower: 0.2, upper: 4, start: 1 }],
  f: (e, _p, t) => pw(pos(e), t[0]),
  dfde: (e, _p, t) => t[0] * pw(pos(e), t[0] - 1),
  dfdp: zero,
};

/** F1, first order: f = e. */
const F1: StepModel = {
  name: 'F1',
  equation: 'f = e',
  params: [],
  f: (e) => (e > 0 ? e : 0),
  dfde: () => 1,
  dfdp: zero,
};

/** An, JMA / Avrami–Erofeev: f = n·e·(−ln e)^((n−1)/n) (n 0.3–4), seeded. */
const An: StepModel = {
  name: 'An',
  equation: 'f = n·e·(−ln e)^((n−1)/n)',
  params: [{ name: 'n', lower: 0.3, upper: 4, start: 1.5 }],
  f: (e, _p, t) => {
    const n = t[0];
    const x = seeded(e);
    return n * x * pw(-Math.log(x), (n - 1) / n);
  },
  dfde: (e, _p, t) => {
    const n = t[0];
    const x = seeded(e);
    const u = -Math.log(x);
    const q = (n - 1) / n;
    return n * pw(u, q) - n * q * pw(u, q - 1);
  },
  dfdp: zero,
};

/** SB, Šesták–Berggren: f = αᵐ·eⁿ with α = 1 − e (m 0–2, n 0.2–4), seeded. */
const SB: StepModel = {
  name: 'SB',
  equation: 'f = (1−e)^m · e^n',
  params: [
    { name: 'm', lower: 0, upper: 2, start: 0.5 },
    { name: 'n', lower: 0.2, upper: 4, start: 1 },
  ],
  f: (e, _p, t) => {
    const x = seeded(e);
    return pw(1 - x, t[0]) * pw(x, t[1]);
  },
  dfde: (e, _p, t) => {
    const [m, n] = [t[0], t[1]];
    const x = seeded(e);
    const a = 1 - x;
    return -m * pw(a, m - 1) * pw(x, n) + n * pw(a, m) * pw(x, n - 1);
  },
  dfdp: zero,
};

/**
 * Cn, nth order with autocatalysis by the product (Kinetics Neo "Cn-X"): f = eⁿ·(1 + Kcat·p), lgKcat = log10 Kcat
 * (n 0.2–4, lgKcat −2…4).
 */
const Cn: StepModel = {
  name: 'Cn',
  equation: 'f = e^n · (1 + 10^lgKcat · p)',
  params: [
    { name: 'n', lower: 0.2, upper: 4, start: 1 },
    { name: 'lgKcat', lower: -2, upper: 4, start: 0 },
  ],
  f: (e, p, t) => pw(pos(e), t[0]) * (1 + Math.pow(10, t[1]) * Math.max(p, 0)),
  dfde: (e, p, t) => t[0] * pw(pos(e), t[0] - 1) * (1 + Math.pow(10, t[1]) * Math.max(p, 0)),
  dfdp: (e, _p, t) => pw(pos(e), t[0]) * Math.pow(10, t[1]),
};

/**
 * Bna, extended Prout–Tompkins (Burnham, Thermochim. Acta 503 (2010) 20): f = eⁿ·(1 − q·e)ᵐ with q = 0.99
 * (n 0.2–4, m 0–2); self-starting since 1 − q > 0.
 */
const PT_Q = 0.99;
const Bna: StepModel = {
  name: 'Bna',
  equation: 'f = e^n · (1 − 0.99·e)^m',
  params: [
    { name: 'n', lower: 0.2, upper: 4, start: 1 },
    { name: 'm', lower: 0, upper: 2, start: 0.5 },
  ],
  f: (e, _p, t) => pw(pos(e), t[0]) * pw(1 - PT_Q * Math.min(pos(e), 1), t[1]),
  dfde: (e, _p, t) => {
    const [n, m] = [t[0], t[1]];
    const x = Math.min(pos(e), 1);
    const b = 1 - PT_Q * x;
    return n * pw(x, n - 1) * pw(b, m) - PT_Q * m * pw(x, n) * pw(b, m - 1);
  },
  dfdp: zero,
};

/** Rk, contracting geometry (R2 area, R3 volume): f = k·e^((k−1)/k). */
function contracting(k: 2 | 3): StepModel {
  const q = (k - 1) / k;
  return {
    name: `R${k}`,
    equation: `f = ${k}·e^(${k - 1}/${k})`,
    params: [],
    f: (e) => k * pw(pos(e), q),
    dfde: (e) => k * q * pw(pos(e), q - 1),
    dfdp: zero,
  };
}

/**
 * Diffusion models, in α = 1 − e (seeded): D1 f = 1/(2α); D2 f = 1/(−ln e); D3 (Jander)
 * f = 1.5·e^(2/3)/(1 − e^(1/3)); D4 (Ginstling–Brounshtein) f = 1.5/(e^(−1/3) − 1).
 */
const D1: StepModel = {
  name: 'D1',
  equation: 'f = 1/(2(1−e))',
  params: [],
  f: (e) => 1 / (2 * (1 - seeded(e))),
  dfde: (e) => 1 / (2 * (1 - seeded(e)) ** 2),
  dfdp: zero,
};
const D2: StepModel = {
  name: 'D2',
  equation: 'f = 1/(−ln e)',
  params: [],
  f: (e) => -1 / Math.log(seeded(e)),
  dfde: (e) => {
    const x = seeded(e);
    const l = Math.log(x);
    return 1 / (x * l * l);
  },
  dfdp: zero,
};
const D3: StepModel = {
  name: 'D3',
  equation: 'f = 1.5·e^(2/3)/(1 − e^(1/3))',
  params: [],
  f: (e) => {
    const c = Math.cbrt(seeded(e));
    return (1.5 * c * c) / (1 - c);
  },
  dfde: (e) => {
    const x = seeded(e);
    const c = Math.cbrt(x);
    // d/dx [1.5 c²/(1−c)] with dc/dx = 1/(3c²)
    return (1.5 * (2 * c * (1 - c) + c * c)) / ((1 - c) * (1 - c)) / (3 * c * c);
  },
  dfdp: zero,
};
const D4: StepModel = {
  name: 'D4',
  equation: 'f = 1.5/(e^(−1/3) − 1)',
  params: [],
  f: (e) => 1.5 / (1 / Math.cbrt(seeded(e)) - 1),
  dfde: (e) => {
    const x = seeded(e);
    const u = 1 / Math.cbrt(x) - 1;
    // d/dx [1.5/u] = −1.5/u² · du/dx, du/dx = −(1/3)x^(−4/3)
    return (1.5 / (u * u)) * (1 / 3) * pw(x, -4 / 3);
  },
  dfdp: zero,
};

/** Every step model by name. */
export const STEP_MODELS: Readonly<Record<string, StepModel>> = {
  Fn,
  F1,
  An,
  SB,
  Cn,
  Bna,
  R2: contracting(2),
  R3: contracting(3),
  D1,
  D2,
  D3,
  D4,
};

/** The step model called `name` (case-insensitive), or undefined. */
export function stepModelByName(name: string): StepModel | undefined {
  const key = Object.keys(STEP_MODELS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : STEP_MODELS[key];
}
