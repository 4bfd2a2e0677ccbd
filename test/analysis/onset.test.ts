import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conversionOnset, tangentOnset } from '../../src/analysis/onset.ts';

test('tangent onset of a Gaussian peak is Tp − √2·w (steepest point Tp − w/√2)', () => {
  const Tp = 550;
  const w = 12;
  const T = Array.from({ length: 4001 }, (_, i) => 450 + 0.05 * i);
  const y = T.map((t) => Math.exp(-(((t - Tp) / w) ** 2)));
  const iPeak = y.indexOf(Math.max(...y));
  const o = tangentOnset(T, y, iPeak)!;
  assert.ok(Math.abs(o.T_onset_K - (Tp - Math.SQRT2 * w)) < 0.01, `${o.T_onset_K} vs ${Tp - Math.SQRT2 * w}`);
  assert.ok(Math.abs(o.T_tangent_K - (Tp - w / Math.SQRT2)) < 0.06);
});

test('tangent onset of a linear ramp starting at T0 is T0; no rising edge gives undefined', () => {
  const T = Array.from({ length: 101 }, (_, i) => 400 + i);
  const y = T.map((t) => Math.max(0, 0.3 * (t - 437)));
  assert.ok(Math.abs(tangentOnset(T, y, 100)!.T_onset_K - 437) < 1e-9);
  assert.equal(
    tangentOnset(
      T,
      T.map(() => 1),
      100,
    ),
    undefined,
  );
});

test('conversion onset: the α(T) tangent at the DTG peak meets α = 0', () => {
  // α = 0.4 at 600 K with slope 0.02 /K → onset 580 K
  assert.equal(conversionOnset(600, 0.4, 0.02), 580);
});
