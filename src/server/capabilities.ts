import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { engineAvailable, LIBTORCH_HINT } from '../nn/engine.ts';
import { resolveModelDir } from '../nn/model.ts';

export interface Capability {
  available: boolean;
  /** Why not, for the page's disabled-tab note and the API's 501. */
  note?: string;
}

/** Whether the CNN can predict here: the libtorch addon is built and the model directory has weights. */
export function cnnCapability(model?: string): Capability {
  const dir = resolveModelDir(model);
  if (!engineAvailable())
    return { available: false, note: `the CNN engine (libtorch addon) is not built: ${LIBTORCH_HINT}` };
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'model.pt'))) {
    return {
      available: false,
      note: `no trained model at ${dir} (train one with \`ckin train\`, or ship models/best)`,
    };
  }
  return { available: true };
}
