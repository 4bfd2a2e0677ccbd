import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STEP_MODELS, stepModelByName } from '../../src/fit/step-models.ts';
import {
  jma,
  nthOrder,
  contractingGeometry,
  diffusion1D,
  diffusion3DJander,
} from '../../src/kinetics/models/index.ts';

const sample = (name: string) => STEP_MODELS[name].params.map((q) => (q.lower + q.upper) / 2);

test('analytic ∂f/∂e and ∂f/∂p agree with central differences for every step model', () => {
  for (const [name, m] of Object.entries(STEP_MODELS)) {
    const th = sample(name);
    for (const e of [0.1, 0.4, 0.8]) {
      const p = 1 - e;
      const h = 1e-6;
      const fdE = (m.f(e + h, p, th) - m.f(e - h, p, th)) / (2 * h);
      const fdP = (m.f(e, p + h, th) - m.f(e, p - h, th)) / (2 * h);
      const tol = 1e-5 * Math.max(1, Math.abs(fdE));
      assert.ok(
        Math.abs(m.dfde(e, p, th) - fdE) < tol,
        `${name} ∂f/∂e at e=${e}: ${m.dfde(e, p, th)} vs ${fdE}`,
      );
      assert.ok(Math.abs(m.dfdp(e, p, th) - fdP) < 1e-5 * Math.max(1, Math.abs(fdP)), `${name} ∂f/∂p`);
    }
  }
});

test('step models equal the reaction-model library f(α) at e = 1 − α', () => {
  const pairs: [string, number[], (a: number) => number][] = [
    ['Fn', [1.7], (a) => nthOrder(1.7).f(a)],
    ['F1', [], (a) => nthOrder(1).f(a)],
    ['An', [2.5], (a) => jma(2.5).f(a)],
    ['R2', [], (a) => contractingGeometry(2).f(a)],
    ['R3', [], (a) => contractingGeometry(3).f(a)],
    ['D1', [], (a) => diffusion1D().f(a)],
    ['D3', [], (a) => diffusion3DJander().f(a)],
  ];
  for (const [name, th, lib] of pairs)
    for (const a of [0.05, 0.3, 0.6, 0.9]) {
      const v = STEP_MODELS[name].f(1 - a, a, th);
      assert.ok(
        Math.abs(v - lib(a)) < 1e-9 * Math.max(1, Math.abs(lib(a))),
        `${name} at α=${a}: ${v} vs ${lib(a)}`,
      );
    }
});

test('Šesták–Berggren, autocatalytic Cn and extended Prout–Tompkins follow their equations', () => {
  // SB: (1−e)^m e^n; Cn: e^n (1 + Kcat p); Bna: e^n (1 − 0.99 e)^m.
  assert.ok(Math.abs(STEP_MODELS.SB.f(0.6, 0.4, [0.5, 2]) - 0.4 ** 0.5 * 0.6 ** 2) < 1e-12);
  assert.ok(Math.abs(STEP_MODELS.Cn.f(0.6, 0.4, [1.5, 1]) - 0.6 ** 1.5 * (1 + 10 * 0.4)) < 1e-12);
  assert.ok(Math.abs(STEP_MODELS.Bna.f(0.6, 0.4, [1, 0.7]) - 0.6 * (1 - 0.99 * 0.6) ** 0.7) < 1e-12);
  // D2 at e = exp(−1): f = 1.
  assert.ok(Math.abs(STEP_MODELS.D2.f(Math.exp(-1), 0, []) - 1) < 1e-12);
  assert.equal(stepModelByName('fn'), STEP_MODELS.Fn);
  assert.equal(stepModelByName('nope'), undefined);
});
