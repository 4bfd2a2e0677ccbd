import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  temperatureIntegral_K,
  temperatureIntegralBetween_K,
} from '../../src/kinetics/temperature-integral.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { integrateGaussLegendre } from '../../src/kinetics/quadrature.ts';
import { rateConstant_per_s } from '../../src/kinetics/arrhenius.ts';

test('dp/dT = exp(−Ea/RT) (the defining property of the temperature integral)', () => {
  for (const [Ea, T] of [
    [75, 500],
    [150, 600],
    [300, 700],
  ]) {
    const h = 1e-3;
    const num = (temperatureIntegral_K(Ea, T + h) - temperatureIntegral_K(Ea, T - h)) / (2 * h);
    const exact = Math.exp((-Ea * 1000) / (R_J_PER_MOL_K * T));
    assert.ok(Math.abs(num / exact - 1) < 1e-7, `Ea=${Ea} T=${T}: ${num} vs ${exact}`);
  }
});

test('p(T) − p(T0) equals Gauss–Legendre quadrature of exp(−Ea/RT′) over [T0, T]', () => {
  const Ea = 150;
  const T0 = 400;
  const T = 650;
  // 4 panels × 64 nodes: quadrature error far below 1e-12 relative for this smooth integrand.
  let q = 0;
  for (let k = 0; k < 4; k++) {
    const a = T0 + ((T - T0) * k) / 4;
    const b = T0 + ((T - T0) * (k + 1)) / 4;
    q += integrateGaussLegendre((t) => Math.exp((-Ea * 1000) / (R_J_PER_MOL_K * t)), a, b, 64);
  }
  const p = temperatureIntegralBetween_K(Ea, T0, T);
  assert.ok(Math.abs(p / q - 1) < 1e-11, `${p} vs ${q}`);
  assert.equal(temperatureIntegralBetween_K(Ea, T, T0), 0);
});

test('Arrhenius k(T) = A exp(−Ea/RT) with Ea in kJ/mol (a J/kJ slip would change k by e^1000)', () => {
  const k = rateConstant_per_s(150, 12, 600);
  const expected = 1e12 * Math.exp(-150000 / (8.314462618 * 600));
  assert.ok(Math.abs(k / expected - 1) < 1e-12);
});
