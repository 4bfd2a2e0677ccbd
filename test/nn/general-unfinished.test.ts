import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineAvailable } from '../../src/nn/engine.ts';
import { SHIPPED_GENERAL_MODEL } from '../../src/nn/general/model.ts';
import { predict, type PredictGeneralResult } from '../../src/app/predict.ts';
import { modelByName } from '../../src/kinetics/models/index.ts';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { kelvinToCelsius } from '../../src/kinetics/constants.ts';
import { kissingerLgA } from './fixtures.ts';

/**
 * Trap: runs that stop before the reaction ends (issue 19). The general model's answer for such input means nothing
 * (RMSE Ea > 100 kJ/mol on the prior's unfinished samples, docs/cnn.md), so every truncated run must carry
 * `cnn.run-unfinished` — both when the file gives α (its last α is below 0.95) and when α comes from the mass, which
 * normalizes a truncated run to α = 1 at its end (then dα/dT at the end is still high).
 */
const skip =
  !engineAvailable() || !existsSync(join(SHIPPED_GENERAL_MODEL, 'model.pt'))
    ? 'libtorch addon or models/general missing'
    : false;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckin-unfinished-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Ea 180 kJ/mol at 5/20/40 K/min (JMA n = 2 unless given), each run cut where its α first reaches `alphaEnd`; the α
 * column (when written) is the true α × `alphaScale`.
 */
function truncatedFiles(
  name: string,
  alphaEnd: number,
  withAlpha: boolean,
  model = modelByName('jma', { n: 2 }),
  alphaScale = 1,
) {
  const runs = simulateRuns({
    model,
    params: { Ea_kJ_mol: 180, lgA_s: kissingerLgA(180, 650, 10) },
    rates_K_min: [5, 20, 40],
    T_start_K: 303.15,
    T_end_K: 1073.15,
    step_K: 1,
  });
  return runs.map((r) => {
    const end = r.alpha.findIndex((a) => a >= alphaEnd);
    const rows = [withAlpha ? 'time_min,temperature_C,mass_pct,alpha' : 'time_min,temperature_C,mass_pct'];
    for (let i = 0; i <= end; i++) {
      const cells = [r.time_s[i] / 60, kelvinToCelsius(r.temperature_K[i]), r.mass_pct[i]];
      if (withAlpha) cells.push(alphaScale * r.alpha[i]);
      rows.push(cells.join(','));
    }
    const path = join(dir, `${name}_${r.beta_K_min}.csv`);
    writeFileSync(path, rows.join('\n') + '\n');
    return { path };
  });
}

const unfinished = (r: PredictGeneralResult) => r.warnings.filter((w) => w.code === 'cnn.run-unfinished');

for (const alphaEnd of [0.9, 0.8, 0.6]) {
  for (const withAlpha of [true, false]) {
    test(
      `runs cut at α = ${alphaEnd} (${withAlpha ? 'α column' : 'mass only'}): cnn.run-unfinished on every run`,
      { skip },
      () => {
        const r = predict({
          runs: truncatedFiles(`cut-${alphaEnd}-${withAlpha}`, alphaEnd, withAlpha),
          model: 'general',
        }) as PredictGeneralResult;
        const w = unfinished(r);
        assert.equal(w.length, 3, JSON.stringify(r.warnings));
        assert.notEqual(r.quality, 'ok');
      },
    );
  }
}

// A file whose α column ends at 0.90 while dα/dT has fallen to ≈ 0 (a conversion normalized to the wrong total,
// or a last part outside the run): only the last α shows it; the network's conversion axis expects α → 1.
test(
  'α column ending at 0.90 with dα/dT ≈ 0 at the end: cnn.run-unfinished from the last α',
  { skip },
  () => {
    const r = predict({
      runs: truncatedFiles('scaled', 0.99999, true, modelByName('jma', { n: 2 }), 0.9),
      model: 'general',
    }) as PredictGeneralResult;
    const w = unfinished(r);
    assert.equal(w.length, 3, JSON.stringify(r.warnings));
    assert.ok(
      w.every((x) => /α reaches only 0\.90 /.test(x.message) && !/dα\/dT is still/.test(x.message)),
      JSON.stringify(w),
    );
  },
);

test('a complete run (to α ≈ 1) has no cnn.run-unfinished', { skip }, () => {
  const r = predict({
    runs: truncatedFiles('complete', 0.99999, true),
    model: 'general',
  }) as PredictGeneralResult;
  assert.deepEqual(unfinished(r), [], JSON.stringify(r.warnings));
});
