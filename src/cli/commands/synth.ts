import type { Command } from 'commander';
import { join } from 'node:path';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { InputError } from '../../core/input-error.ts';
import { progressBars } from '../progress.ts';
import { synth, synthExport, synthInspect } from '../../app/synth.ts';
import { synthGeneral } from '../../app/synth-general.ts';
import type { DatasetInspection } from '../../synth/inspect.ts';
import type { InvalidStats } from '../../synth/dataset-format.ts';
import { parseChoice, parseIntegerOption, parseNumberOption, parseRates } from '../options.ts';

type SynthJson = Awaited<ReturnType<typeof synth>>;

interface SynthCliOptions {
  n: string;
  seed: string;
  policy: string;
  noise: string;
  materials?: string;
  kceShare?: string;
  avrami?: string;
  rates?: string;
  out?: string;
  format: string;
  workers?: string;
  force?: boolean;
  inspect?: string;
  export?: string;
  plots?: string;
  preset?: string;
  representation?: string;
  json?: boolean;
}

function parseAvrami(value: string | undefined): number | [number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(':').map(Number);
  if (parts.length === 1 && parts[0] > 0) return parts[0];
  if (parts.length === 2 && parts[0] > 0 && parts[1] > parts[0]) return [parts[0], parts[1]];
  throw new InputError(`--avrami must be n or lo:hi with 0 < lo < hi, got "${value}"`);
}

/** `ckin synth`: generate the synthetic multi-rate DTG dataset, or inspect one (`--inspect DIR`). */
export function register(program: Command): void {
  program
    .command('synth')
    .option('--n <count>', 'number of samples (spread evenly over the materials)', '20000')
    .option('--seed <int>', 'dataset seed (same seed ⇒ same bytes)', '1')
    .option(
      '--policy <keep|flag|resample>',
      'invalid samples: keep (paper-faithful), flag (stats from valid ones), resample',
      'keep',
    )
    .option(
      '--noise <paper|clean|paper*K>',
      'noise amplitudes: the pinned paper noise, none, or the paper noise × K',
      'paper',
    )
    .option(
      '--materials <file.json>',
      'material spec (KCE lines, Ea windows, jitter); default the four NCM materials',
    )
    .option('--kce-share <fraction>', 'fraction of each material on its KCE line (default 0.75)')
    .option('--avrami <n|lo:hi>', 'JMA exponent n, fixed or drawn uniformly (default 3)')
    .option('--rates <K/min,...>', 'heating rates (default 10,30,60)')
    .option('--out <dir>', 'dataset directory to create (default synth-s<seed>)')
    .option(
      '--format <bin|csv|parquet>',
      'also export the samples as samples.csv or samples.parquet inside the directory',
      'bin',
    )
    .option(
      '--workers <n>',
      'threads computing: this one plus N−1 workers (default: cores from 4,000 samples up; 1 = this thread)',
    )
    .option('--force', 'replace an existing dataset directory')
    .option(
      '--inspect <dir>',
      'inspect an existing dataset: counts, flags, label ranges, Fig. 8-style SVG plots',
    )
    .option('--plots <dir>', 'with --inspect: where to write the SVG plots (default DIR/inspect)')
    .option(
      '--export <dir>',
      'export an existing dataset as --format csv|parquet to --out (default DIR/samples.<format>)',
    )
    .option(
      '--preset <paper|general>',
      'paper: the fixed-rate paper dataset (default); general: the general prior (3–5 rates in 1–100 K/min, JMA and nth order, docs/cnn.md)',
      'paper',
    )
    .option(
      '--representation <iso+runs|iso|runs>',
      'with --preset general: the network input stored (default iso+runs)',
    )
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: SynthCliOptions) => {
      const preset = parseChoice('--preset', opts.preset ?? 'paper', ['paper', 'general'] as const);
      if (preset === 'general') {
        const bars = await progressBars();
        const res = synthGeneral({
          count: parseIntegerOption('--n', opts.n, 1) ?? 20000,
          seed: parseIntegerOption('--seed', opts.seed, 0) ?? 1,
          out: opts.out ?? `general-s${opts.seed}`,
          representation: parseChoice('--representation', opts.representation ?? 'iso+runs', [
            'iso+runs',
            'iso',
            'runs',
          ] as const),
          force: opts.force,
          onProgress: bars.onProgress,
          onLog: (line) => {
            bars.stop();
            log(line);
          },
        });
        bars.stop();
        if (opts.json) printJson(res);
        else
          process.stdout.write(
            `wrote ${res.out}: ${res.count} samples (${res.invalid.unfinished} unfinished, ${res.invalid.early} early), representation ${res.representation}\n`,
          );
        return;
      }
      if (opts.inspect) {
        const r = await synthInspect({ dir: opts.inspect, plots: opts.plots });
        if (opts.json) printJson(r);
        else process.stdout.write(formatInspection(r, r.plots) + '\n');
        return;
      }
      if (opts.export) {
        const r = await synthExport({ dir: opts.export, format: opts.format, out: opts.out });
        if (opts.json) printJson(r);
        else process.stdout.write(`wrote ${r.out} (${r.rows} rows, ${r.format})\n`);
        return;
      }
      const bars = await progressBars();
      const res = await synth({
        count: parseNumberOption('--n', opts.n),
        seed: parseNumberOption('--seed', opts.seed),
        policy: opts.policy as 'keep',
        noise: opts.noise,
        materials: opts.materials,
        kceShare: parseNumberOption('--kce-share', opts.kceShare),
        avrami: parseAvrami(opts.avrami),
        heatingRates_K_min: parseRates(opts.rates),
        out: opts.out,
        format: parseChoice('--format', opts.format, ['bin', 'csv', 'parquet'] as const),
        workers: parseIntegerOption('--workers', opts.workers, 1),
        force: opts.force,
        onProgress: bars.onProgress,
        onLog: (line) => {
          bars.stop();
          log(line);
        },
      });
      bars.stop();
      if (opts.json) printJson(res);
      else process.stdout.write(formatSynth(res) + '\n');
    });
}

function invalidRows(
  groups: Record<string, InvalidStats>,
  first: Record<string, InvalidStats>,
): (string | number)[][] {
  return Object.entries(groups).map(([name, g]) => [
    name,
    g.count,
    fmt(100 * g.invalidFraction, 1),
    fmt(100 * first[name].invalidFraction, 1),
    fmt(100 * g.reasons.incomplete, 1),
    fmt(100 * g.reasons.peakAtEdge, 1),
    fmt(100 * g.reasons.peakNearEdge, 1),
  ]);
}

function formatSynth(m: SynthJson): string {
  const { out, elapsed_s } = m;
  const header = [
    'group',
    'samples',
    'invalid_%',
    'first_draw_invalid_%',
    'incomplete_%',
    'peak_at_edge_%',
    'near_edge_%',
  ];
  const s = m.summary;
  return [
    `wrote ${out}: ${m.count} samples × ${m.rates_K_min.length} rates × ${m.grid_C.points} points in ${fmt(elapsed_s, 2)} s ` +
      `(${fmt(m.count / elapsed_s, 0)} samples/s); seed ${m.seed}, noise ${m.noise}, policy ${m.policy}`,
    `split train/val/test = ${m.splitCounts.train}/${m.splitCounts.val}/${m.splitCounts.test}; valid ${fmt(100 * s.validFraction, 1)} %` +
      (m.policy === 'resample'
        ? ` (first draws: ${fmt(100 * s.firstDraw.validFraction, 1)} % valid, ${s.draws} draws)`
        : ''),
    '',
    formatTable(header, [
      ...invalidRows(s.byMaterial, s.firstDraw.byMaterial),
      ...invalidRows(s.byShare, s.firstDraw.byShare),
    ]),
    ...(Object.keys(m.exports).length
      ? Object.keys(m.exports).map((name) => `export: ${join(out, name)}`)
      : []),
  ].join('\n');
}

function formatInspection(r: DatasetInspection, plots: string[]): string {
  const lines = [
    `${r.dir}: ${r.count} samples, seed ${r.seed}, noise ${r.noise}, policy ${r.policy}, rates ${r.rates_K_min.join('/')} K/min, ` +
      `grid ${r.grid_C.start}–${r.grid_C.end} °C × ${r.grid_C.points}`,
    `split train/val/test = ${r.splitCounts.train}/${r.splitCounts.val}/${r.splitCounts.test}`,
    `flags: ` +
      Object.entries(r.flagFractions)
        .map(([k, v]) => `${k} ${fmt(100 * v, 1)} %`)
        .join(', '),
    '',
    formatTable(
      [
        'material',
        'samples',
        'kce',
        'plane',
        'train',
        'val',
        'test',
        'valid_%',
        'Ea_min',
        'Ea_max',
        'lgA_min',
        'lgA_max',
      ],
      r.materials.map((m) => [
        m.name,
        m.count,
        m.kce,
        m.plane,
        m.train,
        m.val,
        m.test,
        fmt(100 * m.validFraction, 1),
        fmt(m.Ea_kJ_mol.min, 1),
        fmt(m.Ea_kJ_mol.max, 1),
        fmt(m.lgA_s.min, 2),
        fmt(m.lgA_s.max, 2),
      ]),
    ),
    '',
    `labels: Ea ${fmt(r.labelRanges.Ea_kJ_mol.min, 1)}–${fmt(r.labelRanges.Ea_kJ_mol.max, 1)} kJ/mol, ` +
      `lgA ${fmt(r.labelRanges.lgA_s.min, 2)}–${fmt(r.labelRanges.lgA_s.max, 2)}, n ${fmt(r.labelRanges.n.min, 2)}–${fmt(r.labelRanges.n.max, 2)}`,
    ...plots.map((p) => `plot: ${p}`),
  ];
  return lines.join('\n');
}
