import type { ReactionModel } from './reaction-model.ts';
import { jma } from './jma.ts';
import { nthOrder } from './nth-order.ts';
import { sestakBerggren } from './sestak-berggren.ts';
import { contractingGeometry } from './contracting-geometry.ts';
import { diffusion1D, diffusion3DJander } from './diffusion.ts';

export type { ReactionModel } from './reaction-model.ts';
export { jma, nthOrder, sestakBerggren, contractingGeometry, diffusion1D, diffusion3DJander };

/** Names accepted by `modelByName` (and by the CLI's `--model`). */
export const MODEL_NAMES = ['jma', 'nth-order', 'first-order', 'sb', 'R2', 'R3', 'D1', 'D3'] as const;

/**
 * Build a reaction model from its name and parameters (`n`, `m`, `p`); used by the CLI and the server.
 * Missing `n` defaults to 1 for `jma`/`nth-order`.
 */
export function modelByName(
  name: string,
  params: { n?: number; m?: number; p?: number } = {},
): ReactionModel {
  switch (name.toLowerCase()) {
    case 'jma':
    case 'avrami':
      return jma(params.n ?? 1);
    case 'nth-order':
    case 'fn':
      return nthOrder(params.n ?? 1);
    case 'first-order':
    case 'f1':
      return nthOrder(1);
    case 'sb':
    case 'sestak-berggren':
      return sestakBerggren(params.m ?? 0, params.n ?? 1, params.p ?? 0);
    case 'r2':
      return contractingGeometry(2);
    case 'r3':
      return contractingGeometry(3);
    case 'd1':
      return diffusion1D();
    case 'd3':
    case 'jander':
      return diffusion3DJander();
    default:
      throw new RangeError(`unknown reaction model "${name}"; known: ${MODEL_NAMES.join(', ')}`);
  }
}
