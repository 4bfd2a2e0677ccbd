import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rosenbrock } from '../../src/fit/rosenbrock.ts';
import { parseScheme } from '../../src/fit/scheme.ts';
import { solveScheme, rampProgram } from '../../src/fit/scheme-kinetics.ts';
import { temperatureIntegralBetween_K } from '../../src/kinetics/temperature-integral.ts';
import { dormandPrince } from '../../src/kinetics/ode/dormand-prince.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';

const T0 = 400;
const T = Array.from({ length: 151 }, (_, i) => T0 + i * 2);

test('first-order step on a ramp matches the exact E₂ solution (error shrinks with the tolerance)', () => {
  const s = parseScheme('A->B:F1');
  const beta = 10;
  const t = T.map((x) => ((x - T0) / beta) * 60);
  const errs: number[] = [];
  for (const rtol of [1e-5, 1e-7, 1e-9]) {
    const sol = solveScheme(s, [{ Ea_kJ_mol: 120, lgA_s: 10, params: [] }], rampProgram(T0, 700, beta), t, {
      rtol,
      atol: rtol * 1e-2,
    });
    let maxErr = 0;
    T.forEach((x, i) => {
      const exact = Math.exp(-(1e10 / (beta / 60)) * temperatureIntegralBetween_K(120, T0, x));
      maxErr = Math.max(maxErr, Math.abs(sol.concentrations[i * 2] - exact));
      // Mass balance: A + B = 1.
      assert.ok(Math.abs(sol.concentrations[i * 2] + sol.concentrations[i * 2 + 1] - 1) < 1e-9);
    });
    errs.push(maxErr);
  }
  assert.ok(errs[0] < 3e-5, `rtol 1e-5: max error ${errs[0]}`);
  assert.ok(errs[2] < 1e-8, `rtol 1e-9: max error ${errs[2]}`);
  assert.ok(errs[2] < errs[0] / 100, 'error must fall with the tolerance');
});

test('stiff decay y′ = −10⁶·(y − cos t): few steps, accurate (an explicit method would need ~10⁶ steps)', () => {
  const k = 1e6;
  const sys = {
    n: 1,
    rhs: (t: number, y: Float64Array, out: Float64Array) => {
      out[0] = -k * (y[0] - Math.cos(t));
    },
    jacobian: (t: number, _y: Float64Array, J: Float64Array, dfdt: Float64Array) => {
      J[0] = -k;
      dfdt[0] = -k * Math.sin(t);
    },
  };
  const tOut = [0.5, 1, 2];
  const out = new Float64Array(3);
  const st = rosenbrock(sys, 0, [0], tOut, out, { rtol: 1e-7, atol: 1e-10 });
  // Slow manifold: y ≈ cos t + sin t / k (to first order in 1/k).
  tOut.forEach((t, i) =>
    assert.ok(Math.abs(out[i] - (Math.cos(t) + Math.sin(t) / k)) < 1e-6, `t=${t}: ${out[i]}`),
  );
  assert.ok(st.accepted < 5000, `${st.accepted} steps`); // an explicit method needs h < 2/k: ~10⁶ steps
});

/** Consecutive A→B→C (Fn steps) by the explicit Dormand–Prince code: an independent reference. */
function consecutiveReference(beta: number, tOut: number[]): Float64Array[] {
  const k = (E: number, lgA: number, TK: number) => 10 ** lgA * Math.exp(-(E * 1000) / (R_J_PER_MOL_K * TK));
  return dormandPrince(
    (t, y, dy) => {
      const TK = T0 + (beta / 60) * t;
      const r1 = k(100, 10, TK) * Math.max(y[0], 0) ** 1.5;
      const r2 = k(160, 16, TK) * Math.max(y[1], 0);
      dy[0] = -r1;
      dy[1] = r1 - r2;
      dy[2] = r2;
    },
    0,
    [1, 0, 0],
    tOut,
    { rtol: 1e-11, atol: 1e-13 },
  ).y;
}

test('consecutive A→B→C matches an explicit Dormand–Prince reference', () => {
  const beta = 5;
  const t = T.map((x) => ((x - T0) / beta) * 60);
  const ref = consecutiveReference(beta, t);
  const sol = solveScheme(
    parseScheme('A->B:Fn; B->C:F1'),
    [
      { Ea_kJ_mol: 100, lgA_s: 10, params: [1.5] },
      { Ea_kJ_mol: 160, lgA_s: 16, params: [] },
    ],
    rampProgram(T0, 700, beta),
    t,
    { rtol: 1e-8, atol: 1e-11 },
  );
  let maxErr = 0;
  t.forEach((_, i) => {
    for (let s = 0; s < 3; s++)
      maxErr = Math.max(maxErr, Math.abs(sol.concentrations[i * 3 + s] - ref[i][s]));
  });
  assert.ok(maxErr < 1e-7, `max error ${maxErr}`);
});

function hasScipy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import scipy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test(
  'competitive A→B, A→C with an autocatalytic step matches scipy Radau',
  { skip: !hasScipy() && 'no python3 + scipy' },
  () => {
    const beta = 10;
    const t = T.map((x) => ((x - T0) / beta) * 60);
    const py = `
import json, sys, numpy as np
from scipy.integrate import solve_ivp
R = 8.314462618
t = np.array(json.loads(sys.argv[1]))
def k(E, lgA, T): return 10**lgA*np.exp(-E*1e3/(R*T))
def rhs(tt, y):
    T = ${T0} + ${beta}/60*tt
    a = max(y[0], 0.0)
    r1 = k(110, 11, T)*a**1.2*(1 + 10**1.5*max(y[1], 0.0))
    r2 = k(140, 14, T)*a
    return [-r1 - r2, r1, r2]
s = solve_ivp(rhs, (0, t[-1]), [1, 0, 0], method='Radau', t_eval=t, rtol=1e-11, atol=1e-13)
print(json.dumps(s.y.T.tolist()))`;
    const ref = JSON.parse(
      execFileSync('python3', ['-c', py, JSON.stringify(t)], { encoding: 'utf8' }),
    ) as number[][];
    const sol = solveScheme(
      parseScheme('A->B:Cn; A->C:F1'),
      [
        { Ea_kJ_mol: 110, lgA_s: 11, params: [1.2, 1.5] },
        { Ea_kJ_mol: 140, lgA_s: 14, params: [] },
      ],
      rampProgram(T0, 700, beta),
      t,
      { rtol: 1e-9, atol: 1e-12 },
    );
    let maxErr = 0;
    t.forEach((_, i) => {
      for (let s = 0; s < 3; s++)
        maxErr = Math.max(maxErr, Math.abs(sol.concentrations[i * 3 + s] - ref[i][s]));
    });
    assert.ok(maxErr < 1e-7, `max error ${maxErr}`);
  },
);

test('a temperature program with a hold: the isothermal segment follows exp(−k·t)', () => {
  // Ramp 400 → 500 K at 10 K/min, then hold at 500 K for 600 s.
  const prog = { time_s: [0, 600, 1200], T_K: [400, 500, 500] };
  const s = parseScheme('A->B:F1');
  const kin = [{ Ea_kJ_mol: 100, lgA_s: 8, params: [] }];
  const sol = solveScheme(s, kin, prog, [600, 900, 1200], { rtol: 1e-9, atol: 1e-12 });
  const e600 = Math.exp(-(1e8 / (10 / 60)) * temperatureIntegralBetween_K(100, 400, 500));
  const k500 = 1e8 * Math.exp(-100000 / (R_J_PER_MOL_K * 500));
  assert.ok(Math.abs(sol.concentrations[0] - e600) < 1e-8);
  assert.ok(Math.abs(sol.concentrations[2] - e600 * Math.exp(-k500 * 300)) < 1e-8);
  assert.ok(Math.abs(sol.concentrations[4] - e600 * Math.exp(-k500 * 600)) < 1e-8);
});
