import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCorpus } from './traps/run.ts';
import { trapCorpus } from './traps/generate.ts';

test('trap corpus: no silently wrong result; at most 10 % of correct results cautioned', () => {
  const cases = trapCorpus();
  const traps = cases.filter((c) => !c.clean).length;
  assert.ok(traps >= 40, `${traps} traps (at least 40)`);
  const s = runCorpus(cases);
  // The line .ci/run shows (stdout of the test run).
  console.log(s.line);
  const silent = s.traps.silent.map(
    (o) =>
      `${o.case.name}: ${
        o.results
          .filter((r) => r.wrong && r.quality === 'ok')
          .map((r) => `${r.label} ${r.detail}`)
          .join('; ') || 'no warning at all'
      }`,
  );
  assert.deepEqual(silent, [], 'traps whose wrong results carry no caution');
  assert.deepEqual(
    s.clean.wrong.map((r) => `${r.label}: ${r.detail}`),
    [],
    'clean inputs with a wrong, unflagged result',
  );
  assert.deepEqual(
    s.clean.refused.map((o) => `${o.case.name}: ${o.refused[0]}`),
    [],
    'clean inputs refused',
  );
  assert.ok(
    s.clean.cautioned <= 0.1 * s.clean.tried,
    `${s.clean.cautioned} of ${s.clean.tried} correct results cautioned (at most 10 %)`,
  );
  // Every situation of the issue (rates, Kissinger/iso, fits, safety, CNN, DSC sign and ΔH, batch) is in the corpus.
  const situations = new Set(cases.map((c) => c.situation));
  for (const needle of [
    /order contradicts/,
    /5 % off/,
    /fewer than 3/,
    /within 2 %/,
    /°C read as K/,
    /glitch/,
    /Ea\(α\) varies/,
    /DSC sign/,
    /no reaction/,
    /analyze summary/,
    /fit: model inadequate/,
    /fit: single step on a variable-Ea/,
    /fit: per-rate r²/,
    /safety: isothermal T extrapolated/,
    /safety: time beyond 100 years/,
    /safety: time below 1 s/,
    /safety: single-step TMRad of a multi-step/,
    /CNN: no reaction/,
    /CNN: out-of-prior process \(first order, low Ea\)/,
    /CNN: out-of-prior process \(n = 1\)/,
    /CNN: rates other than/,
    /DSC ΔH: implausible magnitude/,
    /DSC ΔH: baseline-dominated/,
  ])
    assert.ok(
      [...situations].some((x) => needle.test(x)),
      `a case for ${needle}`,
    );
});
