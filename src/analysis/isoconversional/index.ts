import type { ConversionCurve } from '../conversion-curve.ts';
import type { IsoResult } from './result.ts';
import { friedman } from './friedman.ts';
import { kas } from './kas.ts';
import { fwo } from './fwo.ts';
import { vyazovkin } from './vyazovkin.ts';

export type { IsoResult, IsoRow } from './result.ts';
export { friedman, kas, fwo, vyazovkin };
export { defaultAlphaGrid, parseAlphaGrid } from './alpha-grid.ts';

export const ISO_METHODS = ['friedman', 'kas', 'fwo', 'vyazovkin'] as const;
export type IsoMethod = (typeof ISO_METHODS)[number];

/** Other names in use for the methods: Ozawa–Flynn–Wall is written OFW as often as FWO. */
export const ISO_METHOD_ALIASES: Readonly<Record<string, IsoMethod>> = { ofw: 'fwo' };

/** A method name as typed (any case, aliases allowed) → the method; unknown names are returned unchanged. */
export function canonicalIsoMethod(name: string): string {
  const n = name.trim().toLowerCase();
  return ISO_METHOD_ALIASES[n] ?? n;
}

/** Run an isoconversional method by name. */
export function isoconversional(method: IsoMethod, curves: ConversionCurve[], alphas?: number[]): IsoResult {
  switch (method) {
    case 'friedman':
      return friedman(curves, alphas);
    case 'kas':
      return kas(curves, alphas);
    case 'fwo':
      return fwo(curves, alphas);
    case 'vyazovkin':
      return vyazovkin(curves, alphas);
  }
}
