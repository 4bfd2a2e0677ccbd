import type { ConversionCurve } from '../conversion-curve.ts';
import { interpolateAt } from '../dsc-baseline.ts';
import { parabolaVertex } from '../peaks.ts';
import { expintEn } from '../../kinetics/exponential-integral.ts';
import { reducedActivationEnergy, kPerMinToKPerS } from '../../kinetics/constants.ts';

/**
 * Experimental master plots of a single-step process (Málek, Thermochim. Acta 200 (1992) 257; Criado, Málek,
 * Ortega, Thermochim. Acta 147 (1989) 377; Gotor et al., J. Phys. Chem. A 104 (2000) 10777), once Ea is known:
 *
 *   y(α) = (dα/dt)·exp(x)            ∝ f(α)
 *   z(α) = (dα/dt)·π(x)·T/β = (dα/dT)·T·π(x)   = f(α)·g(α)
 *
 * with x = Ea/(R·T) and π(x) the temperature-integral function, defined by p(x) = e^(−x)·π(x)/x with
 * p(x) = E₂(x)/x, so π(x) = e^x·E₂(x) exactly (the usual Senum–Yang rational form approximates it; both → 1/x).
 * Derivation: f = (dα/dT)(β/A)e^x and g = (A/β)·T·E₂(x) (the exact temperature integral), so f·g = (dα/dT)·T·π(x). Both are normalised at α = 0.5, so that they are independent
 * of A and compare with f(α)/f(0.5) and f(α)g(α)/(f(0.5)g(0.5)) of the models. On the time route dα/dt is the
 * derivative in time and T the measured temperature; otherwise dα/dt = β·dα/dT.
 */
export interface MasterPlotCurve {
  beta_K_min: number;
  file?: string;
  /** y(α)/y(0.5) on the α grid. */
  y: number[];
  /** z(α)/z(0.5) on the α grid. */
  z: number[];
}

/** π(x) = e^x·E₂(x), the temperature-integral function of the z(α) master plot. */
export function piOfX(x: number): number {
  return expintEn(2, x, true);
}

/** Value of a run's quantity at conversion a (α increasing along the run; linear interpolation). */
function atAlpha(alpha: readonly number[], v: readonly number[], a: number): number {
  return interpolateAt(alpha, v, a);
}

/** The α-monotone part of a curve: indices where α strictly increases (noise can make it step back). */
function monotone(c: ConversionCurve): { alpha: number[]; idx: number[] } {
  const alpha: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < c.alpha.length; i++) {
    if (alpha.length === 0 || c.alpha[i] > alpha[alpha.length - 1]) {
      alpha.push(c.alpha[i]);
      idx.push(i);
    }
  }
  return { alpha, idx };
}

/** y(α)/y(0.5) and z(α)/z(0.5) of one run on `alphas` (Ea in kJ/mol). */
export function masterPlotCurve(
  c: ConversionCurve,
  Ea_kJ_mol: number,
  alphas: readonly number[],
): MasterPlotCurve {
  const { alpha, idx } = monotone(c);
  const T = idx.map((i) => c.T_K[i]);
  const beta_s = kPerMinToKPerS(c.beta_K_min);
  const rate = idx.map((i) => c.dadt_per_s?.[i] ?? beta_s * c.dadT_per_K[i]);
  const dadT = idx.map((i, k) => (c.dadt_per_s ? rate[k] / beta_s : c.dadT_per_K[i]));
  // ln y = ln(dα/dt) + x; ln z = ln(dα/dT) + ln T + ln π(x): in logs, so that e^x never overflows.
  const lnY = (a: number): number => {
    const t = atAlpha(alpha, T, a);
    return Math.log(atAlpha(alpha, rate, a)) + reducedActivationEnergy(Ea_kJ_mol, t);
  };
  const lnZ = (a: number): number => {
    const t = atAlpha(alpha, T, a);
    return (
      Math.log(atAlpha(alpha, dadT, a)) + Math.log(t) + Math.log(piOfX(reducedActivationEnergy(Ea_kJ_mol, t)))
    );
  };
  const y0 = lnY(0.5);
  const z0 = lnZ(0.5);
  return {
    beta_K_min: c.beta_K_min,
    file: c.file,
    y: alphas.map((a) => Math.exp(lnY(a) - y0)),
    z: alphas.map((a) => Math.exp(lnZ(a) - z0)),
  };
}

/**
 * The conversion of the maximum of a master plot on its α grid, refined by the parabola through the top three
 * points; 0 or 1 (the grid end) when the maximum is at an end (y(α) decreasing from the start: α_M = 0).
 */
export function masterPlotMaximum(alphas: readonly number[], v: readonly number[]): number {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
  if (k === 0) return 0;
  if (k === v.length - 1) return 1;
  return parabolaVertex(alphas, v, k).x;
}
