import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { engineAvailable, LIBTORCH_HINT } from '../nn/engine.ts';
import { SHIPPED_MODELS } from '../nn/model.ts';
import { SHIPPED_GENERAL_MODEL } from '../nn/general/model.ts';
import { registryLookup } from '../core/registry.ts';
import { HttpError } from './http-error.ts';

export interface Capability {
  available: boolean;
  /** Why not, for the page's disabled-tab note and the API's 501. */
  note?: string;
}

/**
 * Models the server offers, by name (requests name one; they never give a path). Default: the shipped models, the
 * general one as `general` (a request without a model gets the choice of `ckin predict`: src/app/predict.ts).
 */
export type ModelRegistry = Record<string, string>;
export const DEFAULT_MODELS: ModelRegistry = { ...SHIPPED_MODELS, general: SHIPPED_GENERAL_MODEL };

/** The directory of a named model, or 400 naming the choices. */
export function modelDir(models: ModelRegistry, name = 'best'): string {
  const dir = registryLookup(models, name);
  if (!dir)
    throw new HttpError(400, `unknown model "${name}": this server offers ${Object.keys(models).join(', ')}`);
  return dir;
}

/**
 * Whether the CNN can predict here: the libtorch addon is built and the model directory has weights. `engineOk`:
 * whether the addon loads, when known (the server's event loop asks a request worker: `ctx.engineAvailable()`);
 * by default it is loaded here, which is right only off the event loop (request and job workers).
 */
export function cnnCapability(models: ModelRegistry, name = 'best', engineOk?: boolean): Capability {
  const dir = registryLookup(models, name);
  if (!dir) return { available: false, note: `no model named "${name}" on this server` };
  if (!(engineOk ?? engineAvailable()))
    return { available: false, note: `the CNN engine (libtorch addon) is not built: ${LIBTORCH_HINT}` };
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'model.pt'))) {
    return {
      available: false,
      note: `no trained model at ${dir} (train one with \`ckin train\`, or ship models/${name})`,
    };
  }
  return { available: true };
}
