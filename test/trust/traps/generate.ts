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
  /** Which use cases to run: TGA cases run kissinger + iso ×4 + analyze; DSC cases analyze. */
  kind: 'tga' | 'dsc';
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
  /** DSC heat flow instead of mass (W/g, exotherm positive; `negative` records it negative). */
  dsc?: { dH_J_g: number; negative?: boolean };
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
        if (o.dsc.negative) y = -y;
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
  return cases;
}
