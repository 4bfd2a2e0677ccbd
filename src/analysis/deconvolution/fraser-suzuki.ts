/**
 * The Fraser–Suzuki (asymmetric logistic-normal) peak, the shape used for kinetic deconvolution of overlapping
 * dα/dT or heat-flow peaks (Perejón, Sánchez-Jiménez, Criado, Pérez-Maqueda, J. Phys. Chem. B 115 (2011) 1780,
 * eq. 5; Fraser & Suzuki, Anal. Chem. 41 (1969) 37):
 *
 *   y(T) = h·exp(−ln2/A_s² · ln²(1 + 2·A_s·(T − T_p)/w))   where 1 + 2·A_s·(T − T_p)/w > 0, and 0 elsewhere.
 *
 * h is the height (the unit of y), T_p the position of the maximum (K), w the half-width parameter (K; the full
 * width at half maximum is w·sinh(A_s)/A_s) and A_s the dimensionless asymmetry (A_s > 0: tail to high T, the usual
 * shape of a kinetic peak; A_s → 0: the Gaussian exp(−4 ln2 (T − T_p)²/w²)). Unlike a Gaussian, a Fraser–Suzuki
 * peak reproduces the asymmetric kinetic peaks of nth-order, JMA and SB models closely, which is why Perejón et al.
 * found that Gaussian deconvolution biases the kinetic parameters while Fraser–Suzuki does not.
 */
export interface FraserSuzukiPeak {
  /** Height, in the unit of the signal (K⁻¹ for dα/dT). */
  h: number;
  /** Position of the maximum, K. */
  T_p_K: number;
  /** Half-width parameter, K (FWHM = w·sinh(A_s)/A_s). */
  w_K: number;
  /** Asymmetry, dimensionless. */
  A_s: number;
}

/** Below this |A_s| the Gaussian limit is used (the general form loses digits to cancellation). */
const GAUSSIAN_LIMIT = 1e-7;

/** The value of one Fraser–Suzuki peak at T (K). */
export function fraserSuzuki(p: FraserSuzukiPeak, T_K: number): number {
  const x = (T_K - p.T_p_K) / p.w_K;
  if (Math.abs(p.A_s) < GAUSSIAN_LIMIT) return p.h * Math.exp(-4 * Math.LN2 * x * x);
  const u = 1 + 2 * p.A_s * x;
  if (!(u > 0)) return 0;
  const l = Math.log(u);
  return p.h * Math.exp((-Math.LN2 / (p.A_s * p.A_s)) * l * l);
}

/**
 * The area under a Fraser–Suzuki peak, ∫y dT = (h·w/2)·√(π/ln2)·exp(A_s²/(4 ln2)) (signal unit × K; Perejón et al.
 * 2011 eq. 6; it follows from the substitution s = ln(1 + 2A_s x/w), which turns the integrand into a Gaussian in s).
 */
export function fraserSuzukiArea(p: FraserSuzukiPeak): number {
  return 0.5 * p.h * p.w_K * Math.sqrt(Math.PI / Math.LN2) * Math.exp((p.A_s * p.A_s) / (4 * Math.LN2));
}

/** Full width at half maximum, K: w·sinh(A_s)/A_s. */
export function fraserSuzukiFwhm(p: FraserSuzukiPeak): number {
  return Math.abs(p.A_s) < GAUSSIAN_LIMIT ? p.w_K : (p.w_K * Math.sinh(p.A_s)) / p.A_s;
}

/**
 * The temperature range, K, holding all but a fraction ~1e-6 of the peak's area: in s = ln(1 + 2A_s x/w) the peak
 * is a Gaussian of standard deviation |A_s|/√(2 ln2) centred at A_s²/(2 ln2); ±5 of those, mapped back to T (and
 * kept inside the support).
 */
export function fraserSuzukiRange(p: FraserSuzukiPeak): [number, number] {
  if (Math.abs(p.A_s) < GAUSSIAN_LIMIT) {
    const sd = p.w_K / Math.sqrt(8 * Math.LN2);
    return [p.T_p_K - 6 * sd, p.T_p_K + 6 * sd];
  }
  const sd = Math.abs(p.A_s) / Math.sqrt(2 * Math.LN2);
  const c = (p.A_s * p.A_s) / (2 * Math.LN2);
  const toT = (s: number): number => p.T_p_K + (p.w_K * (Math.exp(s) - 1)) / (2 * p.A_s);
  const a = toT(c - 5 * sd);
  const b = toT(c + 5 * sd);
  return a < b ? [a, b] : [b, a];
}
