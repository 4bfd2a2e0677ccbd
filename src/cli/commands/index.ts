import type { Command } from 'commander';

/**
 * Every `ckin` command: its name, the one-line description shown by `ckin --help`, and its module, imported only
 * when the command runs (start-up cost is the command's own imports, not everyone's). Each module exports
 * `register(program)`, which adds the command with its options and action. To add a command: write its module
 * under src/cli/commands/ and add one line here.
 */
export interface CommandEntry {
  name: string;
  description: string;
  load: () => Promise<{ register(program: Command): void }>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'demo',
    description: 'run the main job end to end on a small embedded default (simulate three rates, analyse)',
    load: () => import('./demo.ts'),
  },
  {
    name: 'simulate',
    description: 'simulate constant-heating-rate runs of a reaction model; writes one CSV per rate',
    load: () => import('./simulate.ts'),
  },
  {
    name: 'info',
    description: 'show what was parsed from run files: format, columns, units, heating rate, points',
    load: () => import('./info.ts'),
  },
  {
    name: 'kissinger',
    description: 'Kissinger analysis: Ea and lgA from the peak temperatures at several heating rates',
    load: () => import('./kissinger.ts'),
  },
  {
    name: 'iso',
    description: 'isoconversional analysis: Ea(α) by Friedman, KAS, FWO or Vyazovkin',
    load: () => import('./iso.ts'),
  },
  {
    name: 'analyze',
    description:
      'import runs (NETZSCH, TA, Mettler, PerkinElmer, Setaram, CSV), find stages, Kissinger + isoconversional',
    load: () => import('./analyze.ts'),
  },
  {
    name: 'fit',
    description:
      'fit the JMA model to dα/dT of all heating rates at once (differential evolution + local polish)',
    load: () => import('./fit.ts'),
  },
  {
    name: 'deconvolve',
    description:
      'kinetic deconvolution: Fraser–Suzuki peaks per run, then Kissinger and Friedman per peak across rates',
    load: () => import('./deconvolve.ts'),
  },
  {
    name: 'masterplot',
    description:
      'reaction-model identification: master plots y(α), z(α) (Málek; Criado) ranked against F1–F3, An, R2, R3, D1–D4',
    load: () => import('./masterplot.ts'),
  },
  {
    name: 'kce',
    description:
      'kinetic compensation effect: Zhou 2026 Table 2, consistency with measured peaks, KCE scan of runs',
    load: () => import('./kce.ts'),
  },
  {
    name: 'safety',
    description:
      'safety predictions from a kinetic triplet: isothermal times, heating programs, adiabatic TMRad',
    load: () => import('./safety.ts'),
  },
  {
    name: 'synth',
    description:
      'generate the physics-constrained synthetic DTG dataset (Zhou 2026 §3.4), or inspect one with --inspect DIR',
    load: () => import('./synth.ts'),
  },
  {
    name: 'train',
    description: 'train the multi-rate 1D CNN (libtorch) on a dataset written by `ckin synth`',
    load: () => import('./train.ts'),
  },
  {
    name: 'evaluate',
    description:
      'score a trained CNN on a dataset: R², RMSE, MAE; KCE slope reconstruction; CNN vs refine vs DE vs Kissinger',
    load: () => import('./evaluate.ts'),
  },
  {
    name: 'predict',
    description:
      'CNN prediction of Ea and lgA (n = 3) from one run per heating rate, or in batch over a dataset/CSV',
    load: () => import('./predict.ts'),
  },
  {
    name: 'db',
    description: 'DSC-record database (DuckDB): init, import, add-run, export, query, demo',
    load: () => import('./db.ts'),
  },
  {
    name: 'xai',
    description:
      'explainable ML on DSC records (Sun 2025): feature selection, SVR, Shapley values, ternary maps',
    load: () => import('./xai.ts'),
  },
];
