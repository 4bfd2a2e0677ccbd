import type { Command } from 'commander';
import { deconvolve, type DeconvolveJson } from '../../app/deconvolve.ts';
import {
  addRunInputOptions,
  parseIntegerOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { printJson, printText, log, formatWarnings } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin deconvolve FILE… --peaks K`: Fraser–Suzuki deconvolution of each run and per-peak kinetics. */
export function register(program: Command): void {
  const cmd = program
    .command('deconvolve')
    .argument('<files...>', 'one run file per heating rate')
    .option('--peaks <K>', 'number of Fraser–Suzuki peaks per run', '2')
    .option('--signal <mass|heatflow>', 'deconvolve dα/dT (mass, default) or the DSC heat flow');
  addRunInputOptions(cmd, [
    'rates',
    'window',
    'temperatureUnit',
    'columns',
    'smoothing',
    'sgWindow',
    'sgOrder',
  ])
    .option('--json', 'print one JSON object on stdout (per run: T_K, y, model and each peak’s curve)')
    .action((files: string[], opts: RunInputOptions & { peaks: string; json?: boolean }) => {
      const res = deconvolve({
        runs: runSources(files),
        ...parseRunReadOptions(opts),
        peaks: parseIntegerOption('--peaks', opts.peaks, 1),
        onLog: log,
      });
      if (opts.json) printJson(res);
      else printText(res, formatDeconvolve(res));
    });
}

export function formatDeconvolve(res: DeconvolveJson): string {
  const perRun = formatTable(
    [
      'beta_K_min',
      'peak',
      'T_p_C',
      'w_K',
      'A_s',
      'area_fraction',
      ...(res.signal === 'heatflow_W_g' ? ['dH_J_g'] : []),
      'R2',
      'file',
    ],
    res.runs.flatMap((r) =>
      r.peaks.map((p, k) => [
        fmt(r.beta_K_min, 3),
        String(k + 1),
        fmt(p.T_p_C, 2),
        fmt(p.w_K, 2),
        fmt(p.A_s, 3),
        fmt(p.area_fraction, 3),
        ...(res.signal === 'heatflow_W_g' ? [p.dH_J_g === null ? '—' : fmt(p.dH_J_g, 1)] : []),
        fmt(r.r2, 5),
        r.file ?? '',
      ]),
    ),
  );
  const kin = formatTable(
    ['peak', 'Kissinger_Ea_kJ_mol', 'lgA_s', 'Kissinger_R2', 'Friedman_Ea_mean', 'Friedman_Ea_range'],
    res.peaks.map((p) => [
      String(p.peak),
      p.kissinger ? fmt(p.kissinger.Ea_kJ_mol, 2) : '—',
      p.kissinger ? fmt(p.kissinger.lgA_s, 3) : '—',
      p.kissinger ? fmt(p.kissinger.r2, 4) : '—',
      p.friedman?.Ea_mean_kJ_mol != null ? fmt(p.friedman.Ea_mean_kJ_mol, 2) : '—',
      p.friedman?.Ea_min_kJ_mol != null && p.friedman.Ea_max_kJ_mol != null
        ? `${fmt(p.friedman.Ea_min_kJ_mol, 1)}–${fmt(p.friedman.Ea_max_kJ_mol, 1)}`
        : '—',
    ]),
  );
  return [
    `Fraser–Suzuki deconvolution, ${res.peaks_requested} peaks per run (signal ${res.signal})`,
    perRun,
    '',
    'per-peak kinetics (α 0.1–0.9 for Friedman):',
    kin,
    '',
    ...(res.peaks_preferred !== res.peaks_requested
      ? [`the data prefer ${res.peaks_preferred} peak(s): see the warnings`]
      : []),
    `quality: ${res.quality}`,
    ...formatWarnings(res.warnings, '  '),
  ].join('\n');
}
