/**
 * Write `model.js-weights` (src/nn/js-weights.ts) for model directories trained before `ckin train` wrote it, e.g. the
 * shipped ones: `npx tsx scripts/export-js-weights.ts models/best models/paper`. Needs libtorch (it reads model.pt).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNet } from '../src/nn/engine.ts';
import { readModelManifest } from '../src/nn/model.ts';
import { sha256 } from '../src/nn/checkpoint.ts';
import { writeJsWeightsFromNet } from '../src/nn/js-weights.ts';

for (const dir of process.argv.slice(2)) {
  const manifest = readModelManifest(dir);
  const bytes = readFileSync(join(dir, 'model.pt'));
  const { net } = createNet(manifest.net);
  net.loadState(bytes);
  writeJsWeightsFromNet(dir, net, sha256(bytes));
  console.log(`${dir}: model.js-weights written (${net.parameterCount()} parameters)`);
}
