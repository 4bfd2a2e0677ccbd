import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  jma,
  nthOrder,
  contractingGeometry,
  diffusion1D,
  diffusion3DJander,
  sestakBerggren,
  modelByName,
} from '../../src/kinetics/models/index.ts';
import { integrateGaussLegendre } from '../../src/kinetics/quadrature.ts';

const closedForm = [
  jma(0.7),
  jma(1),
  jma(2),
  jma(3),
  jma(4),
  nthOrder(0.5),
  nthOrder(1),
  nthOrder(2),
  contractingGeometry(2),
  contractingGeometry(3),
  diffusion1D(),
  diffusion3DJander(),
];

test('g(α) = ∫₀^α dα/f(α) for every closed-form model (numerical quadrature with a singularity-removing substitution)', () => {
  for (const m of closedForm) {
    for (const a of [0.05, 0.3, 0.6, 0.9]) {
      // α = a·u⁸ removes the integrable singularities of 1/f at α → 0.
      const q = integrateGaussLegendre((u) => (a * 8 * Math.pow(u, 7)) / m.f(a * Math.pow(u, 8)), 0, 1, 64);
      const g = m.g!(a);
      assert.ok(Math.abs(q / g - 1) < 1e-6, `${m.label} α=${a}: quadrature ${q} vs g ${g}`);
    }
  }
});

test('g⁻¹(g(α)) = α', () => {
  for (const m of closedForm) {
    for (const a of [1e-6, 0.01, 0.5, 0.99]) {
      assert.ok(
        Math.abs(m.gInverse!(m.g!(a)) - a) < 1e-12 * Math.max(1, 1 / a) * a + 1e-15,
        `${m.label} α=${a}`,
      );
    }
  }
});

test('JMA with n = 1 is first order, and Šesták–Berggren (0, 1, 0) is first order', () => {
  const f1 = nthOrder(1);
  const sb = sestakBerggren(0, 1, 0);
  for (const a of [0, 0.2, 0.7]) {
    assert.ok(Math.abs(jma(1).f(a) - f1.f(a)) < 1e-15);
    assert.ok(Math.abs(sb.f(a) - f1.f(a)) < 1e-15);
  }
});

test('model parameters are validated', () => {
  assert.throws(() => jma(0), /n must be > 0/);
  assert.throws(() => jma(Number.NaN), RangeError);
  assert.throws(() => modelByName('unknown-model'), /unknown reaction model/);
});
