import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CnnModel, SHIPPED_MODELS, readModelManifest } from '../../src/nn/model.ts';
import { resolveNetSpec } from '../../src/nn/spec.ts';
import { engineAvailable } from '../../src/nn/engine.ts';
import { exactCurves } from './fixtures.ts';

for (const [name, dir] of Object.entries(SHIPPED_MODELS)) {
  const present = existsSync(join(dir, 'model.pt'));
  test(
    `shipped model "${name}": manifest states how it was trained; small; predicts clean curves`,
    { skip: !present && `models/${name} not shipped` },
    () => {
      const m = readModelManifest(dir);
      assert.equal(m.preset, name);
      assert.ok(m.epochsRun >= 1 && m.epochsRun <= m.epochsPlanned);
      assert.ok(m.dataset.count >= 1000 && Number.isInteger(m.dataset.seed));
      assert.ok(m.wallTime_s > 0);
      assert.equal(m.parameterCount, resolveNetSpec(m.net).parameterCount);
      assert.ok(m.metrics.test && m.metrics.test.count > 0);
      assert.ok(statSync(join(dir, 'model.pt')).size < 8 * 1024 * 1024, 'model file should stay a few MB');
      if (!engineAvailable()) return;
      // Clean curves of a sample on the NCM811 KCE line lgA = 0.0655·Ea − 3.25 (inside the training distribution):
      // the CNN lands near the truth (the noise-free case is the easy one).
      const Ea = 180;
      const lgA = 0.0655 * Ea - 3.25;
      const model = CnnModel.load(dir);
      const [pEa, plgA] = model.predict({
        count: 1,
        channels: 3,
        length: 200,
        auxSize: 3,
        curves: exactCurves(Ea, lgA),
        aux: Float32Array.from([10, 30, 60]),
        targets: new Float32Array(2),
      });
      const tolEa = name === 'best' ? 5 : 20;
      assert.ok(Math.abs(pEa - Ea) < tolEa, `Ea ${pEa} vs ${Ea}`);
      assert.ok(Math.abs(plgA - lgA) < tolEa / 10, `lgA ${plgA} vs ${lgA}`);
    },
  );
}
