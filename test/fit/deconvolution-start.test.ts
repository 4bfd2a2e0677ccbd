import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fitMultistep } from '../../src/app/fit-scheme.ts';
import { InputError } from '../../src/core/input-error.ts';
import { EXTERNAL_DATA } from '../helpers/paths.ts';

const DIR = join(EXTERNAL_DATA, 'picnik-two-steps');
const RATES = [2.5, 5, 10, 20];
const input = {
  runs: RATES.map((b) => ({ path: join(DIR, `E_2S_${b}.csv`) })),
  heatingRates_K_min: RATES,
};

test('parallel:2 on picnik-two-steps started from the deconvolution: reaches the truth (75, 115 kJ/mol) within 2 %, and says so', () => {
  // Truth of the simulated set (pICNIK's Two_Steps example; the deconvolution test pins the same): two independent
  // steps, Ea 75 and 115 kJ/mol.
  const res = fitMultistep({ ...input, scheme: 'parallel:2', deconvolutionStart: true });
  const eas = res.steps.map((s) => s.Ea_kJ_mol).sort((a, b) => a - b);
  assert.ok(Math.abs(eas[0] / 75 - 1) < 0.02, `step 1 Ea ${eas[0]}`);
  assert.ok(Math.abs(eas[1] / 115 - 1) < 0.02, `step 2 Ea ${eas[1]}`);
  // The per-peak Kissinger/Friedman starts are listed with their cost, and they are far better starts than the
  // peak-position ones (SSE before polishing 7e-4 and 9e-4 against ≥ 1.17): the answer comes from one of them.
  const dec = res.search.starts.filter((s) => s.source.startsWith('deconvolution'));
  assert.deepEqual(dec.map((s) => s.source).sort(), [
    'deconvolution (Friedman)',
    'deconvolution (Kissinger)',
  ]);
  const peakBased = res.search.starts.filter((s) => s.source.startsWith('peaks'));
  assert.ok(peakBased.length >= 3);
  for (const d of dec)
    for (const q of peakBased) assert.ok(d.sse < 0.01 * q.sse, `${d.source} ${d.sse} vs ${q.sse}`);
  assert.match(res.search.start_source, /^deconvolution \((Kissinger|Friedman)\)$/);
  assert.ok(res.runs.every((r) => r.r2 > 0.999));
});

test('without --deconvolution-start the start is still reported (a data-based one); with --steps it is refused', () => {
  const res = fitMultistep({ ...input, scheme: 'parallel:2' });
  assert.ok(!res.search.starts.some((s) => s.source.startsWith('deconvolution')));
  assert.match(res.search.start_source, /^(peaks|differential evolution)/);
  assert.throws(() => fitMultistep({ ...input, steps: 'auto', deconvolutionStart: true }), InputError);
});

test('one heating rate: no deconvolution start, an info warning, the fit still answers', () => {
  const res = fitMultistep({
    runs: [{ path: join(DIR, 'E_2S_5.csv') }],
    heatingRates_K_min: [5],
    scheme: 'A->B:Fn',
    deconvolutionStart: true,
  });
  assert.ok(res.warnings.some((w) => w.code === 'multistep.deconvolution-start-unavailable'));
  assert.equal(res.steps.length, 1);
});
