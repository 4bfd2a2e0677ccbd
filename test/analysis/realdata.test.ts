import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateRuns } from '../../src/kinetics/simulate.ts';
import { nthOrder } from '../../src/kinetics/models/index.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { mulberry32 } from '../../src/core/random.ts';
import type { Run } from '../../src/io/run.ts';
import { runToConversionCurve, type ConversionCurve } from '../../src/analysis/conversion-curve.ts';
import { kissingerFromCurves } from '../../src/analysis/kissinger.ts';
import { friedman } from '../../src/analysis/isoconversional/friedman.ts';
import { vyazovkin } from '../../src/analysis/isoconversional/vyazovkin.ts';
import { analyzeRuns } from '../../src/analysis/analyze.ts';

/**
 * Known answers of issue 15 on simulated instrument-like runs. First order, Ea = 150 kJ/mol, A = 10¹² s⁻¹: for a
 * first-order reaction Kissinger's peak condition is exact, and Friedman/Vyazovkin are exact for any single step, so
 * the truth is 150 kJ/mol for all three.
 */
const EA = 150;
const LGA = 12;
const RATES = [2, 5, 10, 20, 40];
const T0 = 380;
const T1 = 680;

function run(name: string, beta: number, t: number[], T: number[], mass: number[]): Run {
  return {
    file: name,
    format: 'test',
    sample: {},
    program: [],
    heatingRate_K_min: beta,
    heatingRateSource: 'option',
    time_s: t,
    temperature_K: T,
    mass_pct: mass,
    notes: [],
    warnings: [],
  };
}

/** Runs sampled every `step` K (0.5 K simulated, every 4th kept for 2 K), mass noise σ in % of the step. */
function noisyRuns(seed: number, sigmaPct: number, opts: { everyS?: number; jitterK?: number } = {}): Run[] {
  const rng = mulberry32(seed);
  return RATES.map((beta) => {
    const step = opts.everyS ? (beta / 60) * opts.everyS : 2;
    const [sim] = simulateRuns({
      model: nthOrder(1),
      params: { Ea_kJ_mol: EA, lgA_s: LGA },
      rates_K_min: [beta],
      T_start_K: T0,
      T_end_K: T1,
      step_K: step,
    });
    const T = Array.from(sim.temperature_K, (x) => x + (opts.jitterK ? opts.jitterK * rng.normal() : 0));
    const m = Array.from(sim.mass_pct, (x) => x + sigmaPct * rng.normal());
    return run(`b${beta}.csv`, beta, Array.from(sim.time_s), T, m);
  });
}

const meanFriedman = (curves: ConversionCurve[]) => {
  const alphas = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const rows = friedman(curves, alphas).rows;
  return rows.reduce((s, r) => s + r.Ea_kJ_mol, 0) / rows.length;
};

function scoreSeeds(seeds: number[], make: (seed: number) => Run[]) {
  const k: number[] = [];
  const f: number[] = [];
  for (const s of seeds) {
    const curves = make(s).map((r) => runToConversionCurve(r));
    k.push(kissingerFromCurves(curves).Ea_kJ_mol - EA);
    f.push(meanFriedman(curves) - EA);
  }
  const within = (e: number[], tol: number) => e.filter((x) => Math.abs(x) <= tol).length;
  const mean = (e: number[]) => e.reduce((a, b) => a + b, 0) / e.length;
  return { k, f, kWithin: within(k, 2), fWithin: within(f, 2), kBias: mean(k), fBias: mean(f) };
}

// Seeds 1–10, the first ten (not chosen). Over seeds 1–40 the rate is given in the realdata report.
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

test('noise 0.3 % of the step, 2 K sampling: Kissinger and Friedman within ±2 kJ/mol for ≥ 9 of 10 seeds, bias ≤ 1', () => {
  const s = scoreSeeds(SEEDS, (seed) => noisyRuns(seed, 0.3));
  const msg = `Kissinger errors ${s.k.map((x) => x.toFixed(2)).join(' ')}; Friedman ${s.f.map((x) => x.toFixed(2)).join(' ')}`;
  assert.ok(s.kWithin >= 9, msg);
  assert.ok(s.fWithin >= 9, msg);
  assert.ok(Math.abs(s.kBias) <= 1 && Math.abs(s.fBias) <= 1, msg);
});

test('the same with σ 0.05 K temperature jitter at 1 s sampling (T steps backwards): accepted, same accuracy', () => {
  const s = scoreSeeds(SEEDS.slice(0, 10), (seed) => noisyRuns(seed, 0.3, { everyS: 1, jitterK: 0.05 }));
  const msg = `Kissinger errors ${s.k.map((x) => x.toFixed(2)).join(' ')}; Friedman ${s.f.map((x) => x.toFixed(2)).join(' ')}`;
  assert.ok(s.kWithin >= 9, msg);
  assert.ok(s.fWithin >= 9, msg);
  assert.ok(Math.abs(s.kBias) <= 1 && Math.abs(s.fBias) <= 1, msg);
});

test('1 % mass noise: analyze finds one stage, Kissinger and Friedman within ±5 kJ/mol', () => {
  for (const seed of [1, 2, 3]) {
    const res = analyzeRuns(noisyRuns(seed, 1).map((r) => ({ file: r.file, run: r })));
    assert.equal(res.stages.length, 1, `seed ${seed}: ${res.stages.length} stages`);
    const st = res.stages[0];
    assert.ok(
      Math.abs(st.kissinger!.Ea_kJ_mol - EA) <= 5,
      `seed ${seed}: Kissinger ${st.kissinger!.Ea_kJ_mol}`,
    );
    const rows = st.friedman!.rows.filter((r) => r.alpha >= 0.2 && r.alpha <= 0.8);
    const mean = rows.reduce((a, r) => a + r.Ea_kJ_mol, 0) / rows.length;
    assert.ok(Math.abs(mean - EA) <= 5, `seed ${seed}: Friedman ${mean}`);
  }
});

/**
 * Self-heating: the sample runs ΔT(t) = 4 K·exp(−((t − t_p)/w)²) above the linear program near its peak. α is
 * integrated here on a 0.05 s grid with the trapezoid rule (first order: α = 1 − exp(−A∫exp(−E/RT_s)dt)), and the
 * file records the sample temperature and time, sampled every 2 s.
 */
function selfHeatingRuns(): Run[] {
  const A = 10 ** LGA;
  const E = EA * 1000;
  return RATES.map((beta) => {
    const b = beta / 60;
    // the unheated peak time, from the Kissinger condition E·b/(R·Tp²) = A·exp(−E/(R·Tp)), by bisection
    let lo = T0;
    let hi = T1;
    for (let i = 0; i < 100; i++) {
      const m = (lo + hi) / 2;
      if ((E * b) / (R_J_PER_MOL_K * m * m) > A * Math.exp(-E / (R_J_PER_MOL_K * m))) lo = m;
      else hi = m;
    }
    const tp = (lo - T0) / b;
    const w = 25 / b; // ≈ the peak's width in time
    const Ts = (t: number) => T0 + b * t + 4 * Math.exp(-(((t - tp) / w) ** 2));
    const dt = 0.05;
    const tEnd = (T1 - T0) / b;
    const t: number[] = [];
    const T: number[] = [];
    const m: number[] = [];
    let integral = 0;
    let prev = Math.exp(-E / (R_J_PER_MOL_K * Ts(0)));
    const every = Math.round(2 / dt);
    for (let k = 0, tt = 0; tt <= tEnd; k++, tt = k * dt) {
      if (k > 0) {
        const cur = Math.exp(-E / (R_J_PER_MOL_K * Ts(tt)));
        integral += 0.5 * (prev + cur) * dt;
        prev = cur;
      }
      if (k % every === 0) {
        t.push(tt);
        T.push(Ts(tt));
        m.push(100 * Math.exp(-A * integral));
      }
    }
    return run(`sh${beta}.csv`, beta, t, T, m);
  });
}

test('self-heating 0–4 K above the program: Friedman and Vyazovkin within 1 % of the truth (measured T(t) used)', () => {
  const curves = selfHeatingRuns().map((r) => runToConversionCurve(r));
  assert.ok(curves.every((c) => c.route === 'time'));
  const alphas = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  for (const [name, res] of [
    ['Friedman', friedman(curves, alphas)],
    ['Vyazovkin', vyazovkin(curves, alphas)],
  ] as const) {
    for (const r of res.rows)
      assert.ok(Math.abs(r.Ea_kJ_mol - EA) <= 0.01 * EA, `${name} α=${r.alpha}: ${r.Ea_kJ_mol.toFixed(2)}`);
  }
});

test('every result reports its smoothing and route', () => {
  const [c] = noisyRuns(1, 0.3).map((r) => runToConversionCurve(r));
  assert.equal(c.route, 'time');
  assert.equal(c.smoothing?.method, 'spline-gcv');
  assert.ok(
    c.smoothing.noise_sigma! > 0.002 && c.smoothing.noise_sigma! < 0.004,
    `${c.smoothing?.noise_sigma}`,
  );
  const noTime = { ...noisyRuns(1, 0.3)[0], time_s: undefined };
  const n = runToConversionCurve(noTime);
  assert.equal(n.route, 'nominal');
  assert.ok(n.dataWarnings?.some((w) => w.code === 'time.nominal'));
  const sg = runToConversionCurve(noisyRuns(1, 0.3)[0], {
    smoothing: { method: 'sg', window: 21, order: 3 },
  });
  assert.deepEqual([sg.smoothing?.method, sg.smoothing?.window], ['savitzky-golay', 21]);
});

/**
 * Two consecutive first-order steps A → B → C (100 then 160 kJ/mol, half the mass each), integrated here by RK4 in
 * time (0.025 K substeps). Step 1 shifts more with β than step 2 (lower Ea), so the steps are resolved at low β and
 * merge at high β.
 */
function twoStepRuns(lgA1: number, lgA2: number, dsc = false): Run[] {
  const steps = [
    { E: 100e3, A: 10 ** lgA1 },
    { E: 160e3, A: 10 ** lgA2 },
  ];
  return RATES.map((beta) => {
    const b = beta / 60;
    const dt = 0.025 / b;
    const k = (s: number, T: number) => steps[s].A * Math.exp(-steps[s].E / (R_J_PER_MOL_K * T));
    const f = (x1: number, x2: number, T: number) => [k(0, T) * (1 - x1), k(1, T) * (x1 - x2)];
    let a1 = 0;
    let a2 = 0;
    const t: number[] = [];
    const T: number[] = [];
    const m: number[] = [];
    for (let i = 0, tt = 0; 400 + b * tt <= 700; i++) {
      if (i % 20 === 0) {
        t.push(tt);
        T.push(400 + b * tt);
        // TGA: half the mass per step; DSC: 500 J/g per step, heat flow ΔH₁·dα₁/dt + ΔH₂·dα₂/dt in W/g
        const r = f(a1, a2, 400 + b * tt);
        m.push(dsc ? 500 * r[0] + 500 * r[1] : 100 - 50 * a1 - 50 * a2);
      }
      const Tc = 400 + b * tt;
      const k1 = f(a1, a2, Tc);
      const k2 = f(a1 + (dt / 2) * k1[0], a2 + (dt / 2) * k1[1], Tc + (b * dt) / 2);
      const k3 = f(a1 + (dt / 2) * k2[0], a2 + (dt / 2) * k2[1], Tc + (b * dt) / 2);
      const k4 = f(a1 + dt * k3[0], a2 + dt * k3[1], Tc + b * dt);
      a1 += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
      a2 += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
      tt += dt;
    }
    const out = run(`b${beta}`, beta, t, T, m);
    if (dsc) {
      out.heatFlow_W_g = out.mass_pct;
      delete out.mass_pct;
    }
    return out;
  });
}

test('two consecutive steps merging at high β: one stage definition in every run, the runs named', () => {
  const res = analyzeRuns(twoStepRuns(8.1, 12.6).map((r) => ({ file: r.file, run: r })));
  assert.equal(res.stages.length, 1);
  const st = res.stages[0];
  assert.equal(st.peaks.length, RATES.length);
  // the same conversion definition everywhere: the whole two-step mass loss in every run
  for (const p of st.peaks) assert.ok(Math.abs(p.massLoss_pct! - 100) < 1, `${p.file}: ${p.massLoss_pct}`);
  const merged = res.dataWarnings.find((w) => w.code === 'stages.merged');
  assert.ok(
    merged && /b2, b5, b10, b20/.test(merged.message) && /merged in b40/.test(merged.message),
    merged?.message,
  );
  // its peak jumps from one step to the other: Kissinger is refused, naming the runs; Friedman is still given
  assert.equal(st.kissinger, undefined);
  assert.ok(st.dataWarnings.some((w) => w.code === 'stages.refused' && /b10/.test(w.message)));
  assert.ok(st.friedman && st.friedman.rows.length > 0);
});

test('two consecutive steps resolved at every β: two stages, each with its own Ea and an equal mass loss', () => {
  const res = analyzeRuns(twoStepRuns(8.6, 12.8).map((r) => ({ file: r.file, run: r })));
  assert.equal(res.stages.length, 2);
  assert.ok(!res.dataWarnings.some((w) => w.code === 'stages.merged'));
  for (const st of res.stages) {
    const loss = st.peaks.map((p) => p.massLoss_pct!);
    assert.ok(Math.max(...loss) - Math.min(...loss) < 0.05 * 50, `mass loss ${loss.join(', ')}`);
    assert.ok(!st.dataWarnings.some((w) => w.code === 'stages.amount-differs'));
  }
  // Friedman at mid-conversion of each stage near its step's Ea (the overlap biases the tails)
  const mid = (i: number) => st(i).friedman!.rows.find((r) => Math.abs(r.alpha - 0.5) < 1e-9)!.Ea_kJ_mol;
  const st = (i: number) => res.stages[i];
  assert.ok(Math.abs(mid(0) - 100) < 10, `stage 1 Friedman α=0.5: ${mid(0)}`);
  assert.ok(Math.abs(mid(1) - 160) < 16, `stage 2 Friedman α=0.5: ${mid(1)}`);
});

test('DSC of the merging two-step process: one stage, ΔH equal across runs within 5 % (noise-free, 2 × 500 J/g)', () => {
  const res = analyzeRuns(twoStepRuns(8.1, 12.6, true).map((r) => ({ file: r.file, run: r })));
  assert.equal(res.stages.length, 1);
  assert.ok(res.dataWarnings.some((w) => w.code === 'stages.merged'));
  const dH = res.stages[0].peaks.map((p) => p.enthalpy_J_g!);
  assert.equal(dH.length, RATES.length);
  for (const h of dH) assert.ok(Math.abs(h - 1000) < 0.05 * 1000, `ΔH ${dH.join(', ')}`);
  assert.ok(!res.stages[0].dataWarnings.some((w) => w.code === 'stages.amount-differs'));
});

test('DSC of two overlapping steps resolved in every run: unequal ΔH per stage across runs is warned', () => {
  // Each window gets its own baseline, which cuts the overlapping tails more as the peaks approach with β (ΔH per
  // stage 424 → 344 J/g for a true 500): the analysis cannot split the heat, and says so.
  const res = analyzeRuns(twoStepRuns(8.6, 12.8, true).map((r) => ({ file: r.file, run: r })));
  assert.equal(res.stages.length, 2);
  assert.ok(res.stages.every((s) => s.dataWarnings.some((w) => w.code === 'stages.amount-differs')));
});
