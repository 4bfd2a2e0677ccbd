/**
 * Write `model.js-weights` (src/nn/js-weights.ts) for model directories trained before training wrote it, e.g. the
 * shipped ones: `npx tsx scripts/export-js-weights.ts models/best models/paper models/general`. Needs libtorch (it
 * reads model.pt). Works for paper-style and general models alike (both manifests hold the network spec in `net`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNet } from '../src/nn/engine.ts';
import { readJsonUnknown } from '../src/core/json.ts';
import { sha256 } from '../src/nn/checkpoint.ts';
import { writeJsWeightsFromNet } from '../src/nn/js-weights.ts';
import { resolveNetSpec, type NetSpec } from '../src/nn/spec.ts';

for (const dir of process.argv.slice(2)) {
  const manifest = readJsonUnknown(join(dir, 'manifest.json')) as { net?: NetSpec } | null;
  if (!manifest?.net) throw new Error(`${dir}: manifest.json has no network spec`);
  resolveNetSpec(manifest.net);
  const bytes = readFileSync(join(dir, 'model.pt'));
  const { net } = createNet(manifest.net);
  net.loadState(bytes);
  writeJsWeightsFromNet(dir, net, sha256(bytes));
  console.log(`${dir}: model.js-weights written (${net.parameterCount()} parameters)`);
}
