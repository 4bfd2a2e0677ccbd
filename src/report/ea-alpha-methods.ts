import type { StageResult } from '../analysis/analyze.ts';
import type { ConversionCurve } from '../analysis/conversion-curve.ts';
import { fwo } from '../analysis/isoconversional/fwo.ts';
import { kas } from '../analysis/isoconversional/kas.ts';
import type { IsoResult, IsoRow } from '../analysis/isoconversional/result.ts';

/** Ea at one α of one method with its 95 % limits, kJ/mol (null where the method has no value there). */
export interface MethodEa {
  Ea_kJ_mol: number;
  ci95_low_kJ_mol: number;
  ci95_high_kJ_mol: number;
}

/** One row of the Ea(α) table of all methods side by side. */
export interface EaAlphaMethodsRow {
  alpha: number;
  friedman: MethodEa | null;
  kas: MethodEa | null;
  fwo: MethodEa | null;
  vyazovkin: MethodEa | null;
}

/**
 * Ea(α) of a stage by Friedman, KAS, FWO and Vyazovkin at the same α grid (the stage's Friedman/Vyazovkin grid).
 * Friedman and Vyazovkin come from the analysis; KAS (Akahira–Sunose) and FWO (Ozawa–Flynn–Wall, Doyle's
 * approximation) are computed here with src/analysis/isoconversional on the curves the analysis used (one run per
 * heating rate: the first of runs within 0.5 % of each other). A method that fails leaves its column null.
 */
export function eaAlphaMethods(stage: StageResult): EaAlphaMethodsRow[] {
  const grid = (stage.friedman ?? stage.vyazovkin)?.rows.map((r) => r.alpha) ?? [];
  if (!grid.length) return [];
  const curves: ConversionCurve[] = [];
  for (const c of stage.curves)
    if (!curves.some((x) => Math.abs(x.beta_K_min - c.beta_K_min) <= 0.005 * x.beta_K_min)) curves.push(c);
  const attempt = (f: () => IsoResult): IsoResult | undefined => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const k = curves.length >= 2 ? attempt(() => kas(curves, grid)) : undefined;
  const o = curves.length >= 2 ? attempt(() => fwo(curves, grid)) : undefined;
  const at = (res: IsoResult | undefined, alpha: number): MethodEa | null => {
    const r: IsoRow | undefined = res?.rows.find((x) => x.alpha === alpha);
    return r && Number.isFinite(r.Ea_kJ_mol)
      ? {
          Ea_kJ_mol: r.Ea_kJ_mol,
          ci95_low_kJ_mol: r.Ea_ci95_low_kJ_mol,
          ci95_high_kJ_mol: r.Ea_ci95_high_kJ_mol,
        }
      : null;
  };
  return grid.map((alpha) => ({
    alpha,
    friedman: at(stage.friedman, alpha),
    kas: at(k, alpha),
    fwo: at(o, alpha),
    vyazovkin: at(stage.vyazovkin, alpha),
  }));
}
