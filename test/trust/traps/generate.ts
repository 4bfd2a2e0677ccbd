/**
 * The trap corpus of the trust layer (issue 16): runs simulated with the kinetics core (exact JMA / n-th order
 * solutions), then spoiled the way real inputs are spoiled — rates paired with the wrong files, a wrong declared
 * rate, °C under a K header, a balance glitch, too few rates, two processes under one peak, a DSC exotherm recorded
 * negative, runs with no reaction. Every case states its truth; `clean` cases are correct inputs whose results must
 * not be cautioned (at most 10 % of them).
 *
 * Generated in memory at test time (uploads as `{ name, content }`), never stored.
 */
import { simulateRuns } from '../../../src/kinetics/simulate.ts';
import { jma, nthOrder } from '../../../src/kinetics/models/index.ts';
import type { ReactionModel } from '../../../src/kinetics/models/index.ts';
import { mulberry32 } from '../../../src/core/random.ts';
import type { RunSource } from '../../../src/app/run-sources.ts';
import { pushAll } from '../../../src/core/arrays.ts';
import { EXTERNAL_DATA } from '../../helpers/paths.ts';

/** A single-step process: its Ea is the truth of every single-Ea result. */
export interface Step {
  model: ReactionModel;
  Ea_kJ_mol: number;
  lgA_s: number;
  /** Share of the signal (mass loss %, or ΔH share), default 100. */
  weight?: number;
}

export interface TrapCase {
  name: string;
  /** The situation of the issue this case covers. */
  situation: string;
  /** true: a correct input (results must be right and mostly uncautioned); false: a trap. */
  clean: boolean;
  /**
   * The truth: one Ea for a single-step process; `multi` (the steps' Ea in order of temperature) when no single Ea
   * describes the process: every single-Ea result over the whole process and the integral methods must be flagged;
   * a stage of `analyze` is judged against its step when the stages resolve the steps one to one.
   */
  truth: { Ea_kJ_mol: number } | { multi: number[] } | 'none';
  runs: RunSource[];
  /** Declared rates (--rates), when the case gives them. */
  rates?: number[];
  /** Options for the readers. */
  read?: { temperatureUnit?: 'C' | 'K'; exoSign?: 1 | -1 };
  /**
   * Which use cases to run: TGA cases run kissinger + iso ×4 + analyze; DSC cases analyze; `fit` the JMA fit;
   * `cnn` the CNN (`predict`, shipped best model); `safety` Kissinger on the runs, then `safety` from its triplet.
   */
  kind: 'tga' | 'dsc' | 'fit' | 'cnn' | 'safety';
  /** DSC: the true ΔH of the process (J/g), or of each step in order of temperature. */
  dH_J_g?: number | number[];
  /** Fit cases: a fixed n, and whether the truth is a JMA process (if not, a JMA fit's n and lgA describe nothing). */
  fit?: { n?: number; jmaTruth: boolean };
  /**
   * Safety cases: the isothermal time to `alpha` at `isothermal_C` (truth `truth_s`, computed in closed form from the
   * true process here, never by the code under test) and/or the adiabatic TMRad from `adiabatic.T0_C` (truth: a
   * single-step TMRad of a multi-step process has none; else `tmr_ok` says the number itself is not in question).
   */
  safety?: {
    alpha: number;
    isothermal_C?: number;
    truth_s?: number;
    adiabatic?: { T0_C: number; dH_J_g: number; cp_J_gK: number };
  };
}

interface SimOptions {
  steps: Step[];
  rates: number[];
  /** Balance noise, % of the initial mass (standard deviation per point), default 0.0002. */
  noise_pct?: number;
  seed?: number;
  /** Write the time column (default true). */
  time?: boolean;
  /** Temperature column header and values: °C (default) or K. `C_as_K` writes °C values under a K header. */
  unit?: 'C' | 'K' | 'C_as_K';
  /**
   * DSC heat flow instead of mass (W/g, exotherm positive; `negative` records it negative; `scale` multiplies the
   * written values, e.g. 1000 for mW/g under the W/g header; `step` adds a baseline step of `size_W_g` (a change of
   * heat capacity) as a tanh of half-width 3 K centred at `T_C`).
   */
  dsc?: {
    dH_J_g: number;
    negative?: boolean;
    scale?: number;
    step?: { T_C: number; size_W_g: number };
  };
  /** Add a glitch (a step of the balance of this many %) at this temperature in the run at this index. */
  glitch?: { run: number; T_C: number; size_pct: number };
  /** File names (default `run_<β>Kmin.csv`). */
  names?: string[];
  T_start_C?: number;
  T_end_C?: number;
}

const fmt = (x: number) => Number(x.toPrecision(10)).toString();

/** Simulate the runs of a case as CSV uploads. */
export function simulateUploads(o: SimOptions): { name: string; content: string }[] {
  const rng = mulberry32(o.seed ?? 1);
  const T0 = (o.T_start_C ?? 30) + 273.15;
  const T1 = (o.T_end_C ?? 650) + 273.15;
  const totalWeight = o.steps.reduce((s, st) => s + (st.weight ?? 100), 0);
  return o.rates.map((beta, k) => {
    const sims = o.steps.map(
      (st) =>
        simulateRuns({
          model: st.model,
          params: { Ea_kJ_mol: st.Ea_kJ_mol, lgA_s: st.lgA_s },
          rates_K_min: [beta],
          T_start_K: T0,
          T_end_K: T1,
          step_K: 0.5,
        })[0],
    );
    const T = sims[0].temperature_K;
    const t = sims[0].time_s;
    const unit = o.unit ?? 'C';
    const tCol = unit === 'K' ? 'temperature_K' : unit === 'C_as_K' ? 'temperature_K' : 'temperature_C';
    const sig = o.dsc ? 'heatflow_W_g' : 'mass_pct';
    const header = [...(o.time === false ? [] : ['time_min']), tCol, sig].join(',');
    const lines = [header];
    const noise = o.noise_pct ?? 0.0002;
    for (let i = 0; i < T.length; i++) {
      let y: number;
      if (o.dsc) {
        // q = ΔH·dα/dt = ΔH·β·dα/dT (W/g with β in K/s), plus a small flat baseline
        let q = 0;
        sims.forEach((s, j) => {
          q += ((o.steps[j].weight ?? 100) / totalWeight) * s.dadT_per_K[i];
        });
        y = 0.02 + o.dsc.dH_J_g * (beta / 60) * q + noise * 0.01 * rng.normal();
        const st = o.dsc.step;
        if (st) y += 0.5 * st.size_W_g * (1 + Math.tanh((T[i] - 273.15 - st.T_C) / 3));
        if (o.dsc.negative) y = -y;
        y *= o.dsc.scale ?? 1;
      } else {
        let a = 0;
        sims.forEach((s, j) => {
          a += ((o.steps[j].weight ?? 100) / 100) * s.alpha[i];
        });
        y = 100 - a + noise * rng.normal();
        if (o.glitch && o.glitch.run === k && T[i] - 273.15 >= o.glitch.T_C) y -= o.glitch.size_pct;
      }
      const temp = unit === 'K' ? T[i] : T[i] - 273.15;
      lines.push([...(o.time === false ? [] : [fmt(t[i] / 60)]), fmt(temp), fmt(y)].join(','));
    }
    const name = o.names?.[k] ?? `run_${String(beta).replace('.', 'p')}Kmin.csv`;
    return { name, content: lines.join('\n') + '\n' };
  });
}

const first = (Ea: number, lgA: number): Step => ({ model: nthOrder(1), Ea_kJ_mol: Ea, lgA_s: lgA });
const avrami = (n: number, Ea: number, lgA: number): Step => ({ model: jma(n), Ea_kJ_mol: Ea, lgA_s: lgA });
const second = (Ea: number, lgA: number): Step => ({ model: nthOrder(2), Ea_kJ_mol: Ea, lgA_s: lgA });

/** Single-step processes of the clean set (Ea, lgA chosen so the peaks lie at ≈ 200–450 °C). */
const CLEAN_STEPS: Step[] = [
  first(150, 12),
  first(100, 8),
  first(200, 16),
  first(120, 9.5),
  first(250, 19),
  avrami(1.5, 140, 11),
  avrami(3, 180, 14),
  avrami(0.7, 160, 12.5),
  second(130, 10.5),
  second(90, 7),
  first(75, 5.5),
  avrami(2, 220, 17),
];
const RATE_SETS = [
  [2, 5, 10, 20],
  [5, 10, 20],
  [2, 5, 10, 15, 20],
  [10, 30, 60],
];

/** The whole corpus: clean cases first, then the traps. */
export function trapCorpus(): TrapCase[] {
  const cases: TrapCase[] = [];
  // ---------- clean ----------
  CLEAN_STEPS.forEach((st, i) => {
    const rates = RATE_SETS[i % RATE_SETS.length];
    cases.push({
      name: `clean ${st.model.name} Ea ${st.Ea_kJ_mol} at ${rates.join('/')} K/min`,
      situation: 'clean single-step TGA',
      clean: true,
      truth: { Ea_kJ_mol: st.Ea_kJ_mol },
      runs: simulateUploads({ steps: [st], rates, seed: 10 + i }),
      kind: 'tga',
    });
  });
  cases.push({
    name: 'clean, declared rates right (--rates in file order)',
    situation: 'clean single-step TGA with --rates',
    clean: true,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10, 20], seed: 40 }),
    rates: [2, 5, 10, 20],
    kind: 'tga',
  });
  cases.push({
    name: 'clean, no time column, rates given',
    situation: 'clean single-step TGA without time',
    clean: true,
    truth: { Ea_kJ_mol: 160 },
    runs: simulateUploads({ steps: [first(160, 13)], rates: [5, 10, 20], seed: 41, time: false }),
    rates: [5, 10, 20],
    kind: 'tga',
  });
  cases.push({
    name: 'clean, temperatures in K',
    situation: 'clean single-step TGA, K column',
    clean: true,
    truth: { Ea_kJ_mol: 140 },
    runs: simulateUploads({ steps: [first(140, 11)], rates: [2, 5, 10], seed: 42, unit: 'K' }),
    kind: 'tga',
  });
  [
    { Ea: 150, lgA: 12, dH: 500 },
    { Ea: 120, lgA: 10, dH: 800 },
    { Ea: 200, lgA: 16, dH: 300 },
  ].forEach((d, i) =>
    cases.push({
      name: `clean DSC Ea ${d.Ea}, ΔH ${d.dH} J/g`,
      situation: 'clean single-step DSC',
      clean: true,
      truth: { Ea_kJ_mol: d.Ea },
      dH_J_g: d.dH,
      runs: simulateUploads({
        steps: [first(d.Ea, d.lgA)],
        rates: [2, 5, 10, 20],
        seed: 50 + i,
        dsc: { dH_J_g: d.dH },
      }),
      kind: 'dsc',
    }),
  );
  cases.push({
    name: 'clean replicates: two runs at 10 K/min',
    situation: 'rates within 2 % count as one (replicates), 3 distinct rates remain',
    clean: true,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({
      steps: [first(150, 12)],
      rates: [5, 10, 10.1, 20],
      names: ['a_5Kmin.csv', 'a_10Kmin.csv', 'b_10Kmin.csv', 'a_20Kmin.csv'],
      seed: 43,
    }),
    kind: 'tga',
  });

  // ---------- traps: rates ----------
  const shellOrder = (rates: number[]) =>
    rates
      .map((r) => `cath_1_${r}.csv`)
      .sort()
      .map((n) => Number(/_(\d+(?:\.\d+)?)\.csv$/.exec(n)![1]));
  for (const [i, rates] of [
    [2, 5, 10, 15, 20],
    [2, 5, 10, 20],
    [5, 10, 20, 40],
  ].entries()) {
    const sorted = shellOrder(rates);
    for (const time of [true, false]) {
      cases.push({
        name: `glob order ${sorted.join(',')} with --rates ${rates.join(',')}${time ? '' : ' (no time column)'}`,
        situation: 'declared order contradicts file names / slopes → refused',
        clean: false,
        truth: { Ea_kJ_mol: 150 },
        runs: simulateUploads({
          steps: [first(150, 12)],
          rates: sorted,
          names: sorted.map((r) => `cath_1_${r}.csv`),
          time,
          seed: 60 + i,
        }),
        rates,
        kind: 'tga',
      });
    }
  }
  for (const [i, c] of [
    { rates: [5, 10, 20], declared: [5, 10, 10] },
    { rates: [2, 5, 10, 20], declared: [2, 5, 10, 10] },
    { rates: [2, 5, 10, 20], declared: [2, 5, 20, 10] },
    { rates: [5, 10, 20], declared: [5, 12, 20] },
  ].entries()) {
    cases.push({
      name: `declared ${c.declared.join(',')} for runs at ${c.rates.join(',')} (time column)`,
      situation: 'declared rate > 5 % off the T(t) slope → measured used, caution',
      clean: false,
      truth: { Ea_kJ_mol: 150 },
      runs: simulateUploads({
        steps: [first(150, 12)],
        rates: c.rates,
        names: c.rates.map((_, k) => `sample_${k + 1}.csv`),
        seed: 70 + i,
      }),
      rates: c.declared,
      kind: 'tga',
    });
  }
  cases.push({
    name: 'declared 1e-300 K/min, time column',
    situation: 'absurd declared rate (API rate_K_min 1e-300)',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({
      steps: [first(150, 12)],
      rates: [5, 10, 20],
      seed: 80,
      names: ['a.csv', 'b.csv', 'c.csv'],
    }),
    rates: [5, 10, 1e-300],
    kind: 'tga',
  });
  cases.push({
    name: 'declared 1e-300 K/min, no time column',
    situation: 'absurd declared rate without T(t) → refused',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({
      steps: [first(150, 12)],
      rates: [5, 10, 20],
      seed: 81,
      time: false,
      names: ['a.csv', 'b.csv', 'c.csv'],
    }),
    rates: [5, 10, 1e-300],
    kind: 'tga',
  });
  cases.push({
    name: 'wrong rate, no time column, file name says otherwise',
    situation: 'declared rate contradicts the file name (no T(t) to decide) → caution',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({ steps: [first(150, 12)], rates: [5, 10, 20], seed: 82, time: false }),
    rates: [5, 10, 10],
    kind: 'tga',
  });
  cases.push({
    name: 'two distinct rates',
    situation: 'fewer than 3 distinct rates → no Kissinger/iso',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({ steps: [first(150, 12)], rates: [5, 20], seed: 83 }),
    kind: 'tga',
  });
  cases.push({
    name: '5 and 5.0000000039 K/min and 10',
    situation: 'rates within 2 % count as one → 2 distinct → refused',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({
      steps: [first(150, 12)],
      rates: [5, 5.0000000039, 10],
      names: ['a.csv', 'b.csv', 'c.csv'],
      seed: 84,
    }),
    rates: [5, 5.0000000039, 10],
    kind: 'tga',
  });
  cases.push({
    name: '5, 5.05 and 10 K/min',
    situation: 'rates within 2 % count as one → 2 distinct → refused',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({ steps: [first(150, 12)], rates: [5, 5.05, 10], seed: 85 }),
    kind: 'tga',
  });

  // ---------- traps: temperatures and glitches ----------
  cases.push({
    name: '°C values under a K header',
    situation: '°C read as K',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10, 20], seed: 90, unit: 'C_as_K' }),
    kind: 'tga',
  });
  cases.push({
    name: '°C values under a K header, slow process',
    situation: '°C read as K',
    clean: false,
    truth: { Ea_kJ_mol: 100 },
    runs: simulateUploads({ steps: [first(100, 8)], rates: [5, 10, 20], seed: 91, unit: 'C_as_K' }),
    kind: 'tga',
  });
  for (const [i, g] of [
    { run: 1, T_C: 180, size_pct: 8 },
    { run: 2, T_C: 420, size_pct: 15 },
    { run: 0, T_C: 250, size_pct: 30 },
  ].entries()) {
    cases.push({
      name: `balance glitch of ${g.size_pct} % at ${g.T_C} °C in run ${g.run + 1}`,
      situation: 'one balance glitch',
      clean: false,
      truth: { Ea_kJ_mol: 150 },
      runs: simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10, 20], seed: 92 + i, glitch: g }),
      kind: 'tga',
    });
  }

  // ---------- traps: noise the default smoothing does not remove ----------
  for (const [i, n] of [0.005, 0.02].entries())
    for (const [j, st] of [first(150, 12), avrami(1.5, 140, 11), second(130, 10.5)].entries())
      cases.push({
        name: `balance noise σ ${n} % on ${st.model.name} Ea ${st.Ea_kJ_mol}`,
        situation: 'noisy thermobalance: scattered Ea(α), false stages',
        clean: false,
        truth: { Ea_kJ_mol: st.Ea_kJ_mol },
        runs: simulateUploads({ steps: [st], rates: RATE_SETS[j], seed: 120 + 3 * i + j, noise_pct: n }),
        kind: 'tga',
      });

  // ---------- traps: multi-step ----------
  for (const [i, m] of [
    { a: first(100, 8), b: first(200, 16.8), w: 50 },
    { a: first(120, 9.6), b: first(180, 14.5), w: 50 },
    { a: avrami(1.5, 110, 8.5), b: first(210, 17), w: 60 },
    { a: first(90, 7), b: second(170, 13.5), w: 40 },
  ].entries()) {
    cases.push({
      name: `two parallel steps ${m.a.Ea_kJ_mol}+${m.b.Ea_kJ_mol} kJ/mol under one signal`,
      situation: 'Ea(α) varies > 20 % → Kissinger and single-step results apparent; KAS/FWO biased',
      clean: false,
      truth: { multi: [m.a.Ea_kJ_mol, m.b.Ea_kJ_mol] },
      runs: simulateUploads({
        steps: [
          { ...m.a, weight: m.w },
          { ...m.b, weight: 100 - m.w },
        ],
        rates: [2, 5, 10, 20],
        seed: 100 + i,
      }),
      kind: 'tga',
    });
  }

  // ---------- traps: DSC sign, no reaction ----------
  cases.push({
    name: 'DSC exotherm recorded negative',
    situation: 'DSC sign: exotherm recorded negative → refused with --exo-sign',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: simulateUploads({
      steps: [first(150, 12)],
      rates: [2, 5, 10, 20],
      seed: 110,
      dsc: { dH_J_g: 500, negative: true },
    }),
    kind: 'dsc',
  });
  cases.push({
    name: 'DSC exotherm recorded negative, 3 rates',
    situation: 'DSC sign: exotherm recorded negative → refused with --exo-sign',
    clean: false,
    truth: { Ea_kJ_mol: 120 },
    runs: simulateUploads({
      steps: [first(120, 10)],
      rates: [5, 10, 20],
      seed: 111,
      dsc: { dH_J_g: 800, negative: true },
    }),
    kind: 'dsc',
  });
  cases.push({
    name: 'no reaction at all (flat mass with noise)',
    situation: 'a file with no reaction',
    clean: false,
    truth: 'none',
    runs: simulateUploads({
      steps: [{ ...first(150, 12), weight: 0 }],
      rates: [5, 10, 20],
      seed: 112,
      noise_pct: 0.01,
    }),
    kind: 'tga',
  });
  cases.push({
    name: 'two of five runs with no reaction (analyze counts honestly)',
    situation: 'analyze summary: "3 of 5 runs analysed; 2 refused"',
    clean: false,
    truth: { Ea_kJ_mol: 150 },
    runs: [
      ...simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10], seed: 113 }),
      ...simulateUploads({
        steps: [{ ...first(150, 12), weight: 0 }],
        rates: [15, 20],
        seed: 114,
        names: ['blank_15Kmin.csv', 'blank_20Kmin.csv'],
      }),
    ],
    kind: 'tga',
  });
  pushAll(cases, fitCases());
  pushAll(cases, safetyCases());
  pushAll(cases, cnnCases());
  pushAll(cases, enthalpyCases());
  return cases;
}

const external = (dir: string, files: string[]): RunSource[] =>
  files.map((f) => ({ path: `${EXTERNAL_DATA}/${dir}/${f}` }));
const PICNIK_CONSTANT = external('picnik-constant-E', [
  'E_cnt_2.5.csv',
  'E_cnt_5.csv',
  'E_cnt_10.csv',
  'E_cnt_15.csv',
  'E_cnt_20.csv',
]);

/** JMA fits (`ckin fit`): model inadequate, a single step over a multi-step process, a wrong fixed n. */
function fitCases(): TrapCase[] {
  const out: TrapCase[] = [];
  const fitCase = (
    name: string,
    situation: string,
    clean: boolean,
    truth: TrapCase['truth'],
    runs: RunSource[],
    fit: TrapCase['fit'],
    rates?: number[],
  ) => out.push({ name, situation, clean, truth, runs, fit, rates, kind: 'fit' });
  fitCase(
    'JMA fit on second-order data (n ≈ 0.67 at R² ≈ 0.977)',
    'fit: model inadequate (JMA on second-order data)',
    false,
    { Ea_kJ_mol: 130 },
    simulateUploads({ steps: [second(130, 10.5)], rates: [2, 5, 10, 20], seed: 200 }),
    { jmaTruth: false },
  );
  fitCase(
    'JMA fit on two parallel steps 100+200 kJ/mol',
    'fit: single step on a variable-Ea (multi-step) set',
    false,
    { multi: [100, 200] },
    simulateUploads({
      steps: [
        { ...first(100, 8), weight: 50 },
        { ...first(200, 16.8), weight: 50 },
      ],
      rates: [2, 5, 10, 20],
      seed: 201,
    }),
    { jmaTruth: false },
  );
  fitCase(
    'JMA fit on pICNIK variable-E (real files)',
    'fit: single step on a variable-Ea (multi-step) set',
    false,
    { multi: [] },
    external('picnik-variable-E', ['E_var_2.5.csv', 'E_var_5.csv', 'E_var_10.csv', 'E_var_20.csv']),
    { jmaTruth: false },
  );
  fitCase(
    'JMA fit on pICNIK two-steps (real files)',
    'fit: single step on a variable-Ea (multi-step) set',
    false,
    { multi: [] },
    external('picnik-two-steps', ['E_2S_2.5.csv', 'E_2S_5.csv', 'E_2S_10.csv', 'E_2S_20.csv']),
    { jmaTruth: false },
  );
  fitCase(
    'JMA fit with n fixed at 3 on first-order data (per-rate r² ≈ 0)',
    'fit: per-rate r² near or below 0 (wrong fixed n)',
    false,
    { Ea_kJ_mol: 150 },
    simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10, 20], seed: 202 }),
    { n: 3, jmaTruth: false },
  );
  fitCase(
    'JMA fit, declared 5,10,10 for runs at 5/10/20 (time column)',
    'fit: declared rate > 5 % off the T(t) slope → measured used, caution',
    false,
    { Ea_kJ_mol: 150 },
    simulateUploads({
      steps: [first(150, 12)],
      rates: [5, 10, 20],
      names: ['f_1.csv', 'f_2.csv', 'f_3.csv'],
      seed: 203,
    }),
    { jmaTruth: true },
    [5, 10, 10],
  );
  // clean fits
  fitCase(
    'clean JMA fit: JMA n 1.5, Ea 140',
    'clean JMA fit',
    true,
    { Ea_kJ_mol: 140 },
    simulateUploads({ steps: [avrami(1.5, 140, 11)], rates: [2, 5, 10, 20], seed: 204 }),
    { jmaTruth: true },
  );
  fitCase(
    'clean JMA fit: first order, Ea 150',
    'clean JMA fit',
    true,
    { Ea_kJ_mol: 150 },
    simulateUploads({ steps: [first(150, 12)], rates: [5, 10, 20], seed: 205 }),
    { jmaTruth: true },
  );
  fitCase(
    'clean JMA fit: JMA n 3, Ea 180',
    'clean JMA fit',
    true,
    { Ea_kJ_mol: 180 },
    simulateUploads({ steps: [avrami(3, 180, 14)], rates: [2, 5, 10, 20], seed: 206 }),
    { jmaTruth: true },
  );
  fitCase(
    'clean JMA fit: pICNIK constant-E (real files, first order, 75 kJ/mol)',
    'clean JMA fit',
    true,
    { Ea_kJ_mol: 75 },
    PICNIK_CONSTANT,
    { jmaTruth: true },
  );
  return out;
}

/** Isothermal time to α of parallel first-order steps (weights w, rate constants k, 1/s), by bisection in ln t. */
function parallelFirstOrderTime_s(w: number[], k: number[], alpha: number): number {
  const a = (t: number) => w.reduce((s, wi, i) => s + wi * (1 - Math.exp(-k[i] * t)), 0);
  let lo = -60;
  let hi = 120;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (a(Math.exp(mid)) < alpha) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
/** First-order rate constant k(T) = A·exp(−Ea/RT), 1/s. */
const kOf = (Ea: number, lgA: number, T_C: number) =>
  10 ** lgA * Math.exp((-Ea * 1000) / (8.314462618 * (T_C + 273.15)));

/** Safety numbers from a Kissinger triplet: extrapolated far, beyond 100 years or below 1 s, single step of a multi-step. */
function safetyCases(): TrapCase[] {
  const out: TrapCase[] = [];
  const single = simulateUploads({ steps: [first(150, 12)], rates: [2, 5, 10, 20], seed: 300 });
  const t1 = (T_C: number, alpha = 0.1) => -Math.log(1 - alpha) / kOf(150, 12, T_C);
  const add = (
    name: string,
    situation: string,
    clean: boolean,
    truth: TrapCase['truth'],
    runs: RunSource[],
    safety: NonNullable<TrapCase['safety']>,
  ) => out.push({ name, situation, clean, truth, runs, safety, kind: 'safety' });
  add(
    'isothermal time at 25 °C from data at 230–330 °C',
    'safety: isothermal T extrapolated far outside the data range',
    false,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.1, isothermal_C: 25, truth_s: t1(25) },
  );
  add(
    'isothermal time at −40 °C (far below the data; > 100 years)',
    'safety: time beyond 100 years',
    false,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.1, isothermal_C: -40, truth_s: t1(-40) },
  );
  add(
    'isothermal time at 600 °C (above the data; < 1 s)',
    'safety: time below 1 s',
    false,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.1, isothermal_C: 600, truth_s: t1(600) },
  );
  add(
    'adiabatic TMRad from 30 °C (> 100 years, extrapolated)',
    'safety: time beyond 100 years',
    false,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.1, adiabatic: { T0_C: 30, dH_J_g: 500, cp_J_gK: 1 } },
  );
  const twoSteps = [
    { ...first(100, 8), weight: 50 },
    { ...first(200, 16.8), weight: 50 },
  ];
  const two = simulateUploads({ steps: twoSteps, rates: [2, 5, 10, 20], seed: 301 });
  add(
    'single-step isothermal time of two parallel steps 100+200 kJ/mol at 200 °C',
    'safety: single-step prediction of a multi-step process',
    false,
    { multi: [100, 200] },
    two,
    {
      alpha: 0.5,
      isothermal_C: 200,
      truth_s: parallelFirstOrderTime_s([0.5, 0.5], [kOf(100, 8, 200), kOf(200, 16.8, 200)], 0.5),
    },
  );
  add(
    'single-step TMRad of two parallel steps 100+200 kJ/mol from 180 °C',
    'safety: single-step TMRad of a multi-step process',
    false,
    { multi: [100, 200] },
    two,
    { alpha: 0.1, adiabatic: { T0_C: 180, dH_J_g: 500, cp_J_gK: 1 } },
  );
  add(
    'clean isothermal time at 280 °C from data at 230–330 °C',
    'clean safety: inside the data range',
    true,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.1, isothermal_C: 280, truth_s: t1(280) },
  );
  add(
    'clean isothermal time at 260 °C to α 0.5 from data at 230–330 °C',
    'clean safety: inside the data range',
    true,
    { Ea_kJ_mol: 150 },
    single,
    { alpha: 0.5, isothermal_C: 260, truth_s: t1(260, 0.5) },
  );
  return out;
}

/** The CNN (n = 3, trained at 10/30/60 K/min on 30–800 °C): out-of-prior processes, other rates, no reaction. */
function cnnCases(): TrapCase[] {
  const out: TrapCase[] = [];
  const cnn = (o: Omit<SimOptions, 'T_end_C'>) => simulateUploads({ ...o, T_end_C: 800 });
  const add = (
    name: string,
    situation: string,
    clean: boolean,
    truth: TrapCase['truth'],
    runs: RunSource[],
  ) => out.push({ name, situation, clean, truth, runs, kind: 'cnn' });
  add(
    'CNN on a file with no reaction',
    'CNN: no reaction',
    false,
    'none',
    cnn({ steps: [{ ...first(150, 12), weight: 0 }], rates: [10, 30, 60], seed: 400, noise_pct: 0.01 }),
  );
  add(
    'CNN on first order, 75 kJ/mol (the pICNIK constant-E process at 10/30/60 K/min)',
    'CNN: out-of-prior process (first order, low Ea)',
    false,
    { Ea_kJ_mol: 75 },
    cnn({ steps: [first(75, (12 - Math.log(60)) / Math.LN10)], rates: [10, 30, 60], seed: 401 }),
  );
  add(
    'CNN on first order at Ea 190',
    'CNN: out-of-prior process (n = 1)',
    false,
    { Ea_kJ_mol: 190 },
    cnn({ steps: [first(190, 14)], rates: [10, 30, 60], seed: 402 }),
  );
  add(
    'CNN on JMA n 3 at Ea 90 (below the prior)',
    'CNN: out-of-prior process (Ea 90)',
    false,
    { Ea_kJ_mol: 90 },
    cnn({ steps: [avrami(3, 90, 5)], rates: [10, 30, 60], seed: 403 }),
  );
  add(
    'CNN at rates 5/20/40',
    'CNN: rates other than the training rates',
    false,
    { Ea_kJ_mol: 180 },
    cnn({ steps: [avrami(3, 180, 12)], rates: [5, 20, 40], seed: 404 }),
  );
  // (100/300/600 K/min, the other set, is refused by the reader: above 200 K/min it asks whether the time
  // column is in minutes; 20/60/120 reaches the CNN's rate check)
  add(
    'CNN at rates 20/60/120',
    'CNN: rates other than the training rates',
    false,
    { Ea_kJ_mol: 180 },
    cnn({ steps: [avrami(3, 180, 12)], rates: [20, 60, 120], seed: 405 }),
  );
  add(
    'CNN on pICNIK constant-E (real files, 2.5–20 K/min)',
    'CNN: rates other than the training rates',
    false,
    { Ea_kJ_mol: 75 },
    PICNIK_CONSTANT.slice(0, 3),
  );
  for (const [i, [Ea, lgA]] of [
    [150, 10],
    [200, 13],
    [240, 14],
  ].entries())
    add(
      `clean CNN: JMA n 3, Ea ${Ea}, lgA ${lgA} at 10/30/60 K/min`,
      'clean CNN in its domain',
      true,
      { Ea_kJ_mol: Ea },
      cnn({ steps: [avrami(3, Ea, lgA)], rates: [10, 30, 60], seed: 410 + i }),
    );
  return out;
}

/** DSC ΔH: a unit error, a baseline step as large as the peak, two overlapping steps, a sign declared wrongly. */
function enthalpyCases(): TrapCase[] {
  const out: TrapCase[] = [];
  const rates = [2, 5, 10, 20];
  const add = (
    name: string,
    situation: string,
    truth: TrapCase['truth'],
    dH: number | number[],
    runs: RunSource[],
    read?: TrapCase['read'],
  ) => out.push({ name, situation, clean: false, truth, dH_J_g: dH, runs, read, kind: 'dsc' });
  add(
    'DSC heat flow in mW/g under a W/g header',
    'DSC ΔH: implausible magnitude (unit error)',
    { Ea_kJ_mol: 150 },
    500,
    simulateUploads({ steps: [first(150, 12)], rates, seed: 500, dsc: { dH_J_g: 500, scale: 1000 } }),
  );
  add(
    'DSC heat flow in W/g written as mW/g (÷ 1000)',
    'DSC ΔH: implausible magnitude (unit error)',
    { Ea_kJ_mol: 150 },
    300,
    simulateUploads({ steps: [first(150, 12)], rates, seed: 501, dsc: { dH_J_g: 300, scale: 0.001 } }),
  );
  for (const [i, step] of [
    { T_C: 250, size_W_g: 0.3 },
    { T_C: 230, size_W_g: 0.5 },
  ].entries())
    add(
      `DSC baseline step of ${step.size_W_g} W/g at ${step.T_C} °C under the peak`,
      'DSC ΔH: baseline-dominated (depends on the baseline choice)',
      { Ea_kJ_mol: 150 },
      500,
      simulateUploads({ steps: [first(150, 12)], rates, seed: 502 + i, dsc: { dH_J_g: 500, step } }),
    );
  add(
    'DSC two overlapping steps 120+180 kJ/mol, ΔH 500+500 J/g',
    'DSC ΔH: overlapping steps resolved per run (ΔH of each underestimated)',
    { multi: [120, 180] },
    [500, 500],
    simulateUploads({
      steps: [
        { ...first(120, 10), weight: 50 },
        { ...first(180, 14.2), weight: 50 },
      ],
      rates,
      seed: 504,
      dsc: { dH_J_g: 1000 },
    }),
  );
  add(
    'DSC exotherm recorded negative, declared --exo-sign 1',
    'DSC sign: exotherm recorded negative, sign declared wrongly',
    { Ea_kJ_mol: 150 },
    500,
    simulateUploads({ steps: [first(150, 12)], rates, seed: 505, dsc: { dH_J_g: 500, negative: true } }),
    { exoSign: 1 },
  );
  return out;
}
