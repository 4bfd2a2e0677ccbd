import type { Command } from 'commander';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { join } from 'node:path';
import { InputError } from '../../core/input-error.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { createProgress } from '../progress.ts';
import { defaultSpec, type InvalidPolicy, type SynthSpec } from '../../synth/spec.ts';
import { noiseByName } from '../../synth/noise.ts';
import { readMaterialsFile } from '../../synth/materials.ts';
import { generateDataset } from '../../synth/dataset-writer.ts';
import { readDataset } from '../../synth/dataset-reader.ts';
import { exportCsv, exportParquet, type ExportFormat } from '../../synth/export.ts';
import { inspectDataset, type DatasetInspection } from '../../synth/inspect.ts';
import type { DatasetManifest, InvalidStats } from '../../synth/dataset-format.ts';

interface SynthOptions {
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
  json?: boolean;
}

function intOption(value: string, name: string, min: number): number {
  const v = Number(value);
  if (!Number.isSafeInteger(v) || v < min)
    throw new InputError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return v;
}

/** Build the generator spec from the command-line options (paper defaults for everything not given). */
export function specFromOptions(opts: SynthOptions): SynthSpec {
  const overrides: Partial<SynthSpec> = {
    count: intOption(opts.n, 'n', 1),
    seed: intOption(opts.seed, 'seed', 0),
  };
  if (!['keep', 'flag', 'resample'].includes(opts.policy))
    throw new InputError(`--policy must be keep, flag or resample, got "${opts.policy}"`);
  overrides.policy = opts.policy as InvalidPolicy;
  try {
    overrides.noise = noiseByName(opts.noise);
  } catch (err) {
    throw new InputError(`--noise: ${(err as Error).message}`);
  }
  if (opts.materials) overrides.materials = readMaterialsFile(opts.materials);
  if (opts.kceShare !== undefined) {
    const f = Number(opts.kceShare);
    if (!(f >= 0 && f <= 1)) throw new InputError(`--kce-share must be in [0, 1], got "${opts.kceShare}"`);
    overrides.kceShare = f;
  }
  if (opts.avrami !== undefined) {
    const parts = opts.avrami.split(':').map(Number);
    if (parts.length === 1 && parts[0] > 0) overrides.n = parts[0];
    else if (parts.length === 2 && parts[0] > 0 && parts[1] > parts[0])
      overrides.n = { uniform: [parts[0], parts[1]] };
    else throw new InputError(`--avrami must be n or lo:hi with 0 < lo < hi, got "${opts.avrami}"`);
  }
  if (opts.rates !== undefined) {
    const rates = opts.rates.split(',').map(Number);
    if (!rates.every((b) => b > 0 && Number.isFinite(b)))
      throw new InputError(`--rates must be positive K/min values, got "${opts.rates}"`);
    overrides.rates_K_min = rates;
  }
  try {
    return defaultSpec(overrides);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/** `ckin synth`: generate the synthetic multi-rate DTG dataset, or inspect one (`--inspect DIR`). */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description(
      'generate the physics-constrained synthetic DTG dataset (Zhou 2026 §3.4), or inspect one with --inspect DIR',
    )
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
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts: SynthOptions) => {
      if (opts.inspect) return runInspect(opts.inspect, opts.plots, opts.json === true);
      if (opts.export) return runExport(opts.export, opts.format, opts.out, opts.json === true);
      const spec = specFromOptions(opts);
      const format = opts.format;
      if (!['bin', 'csv', 'parquet'].includes(format))
        throw new InputError(`--format must be bin, csv or parquet, got "${format}"`);
      const out = opts.out ?? `synth-s${spec.seed}`;
      const workers = opts.workers !== undefined ? intOption(opts.workers, 'workers', 1) : undefined;
      const progress = createProgress();
      progress.start(spec.count, 'synth');
      const t0 = performance.now();
      const manifest = await generateDataset(out, spec, {
        workers,
        overwrite: opts.force === true,
        onProgress: (done) => progress.update(done),
        beforePublish:
          format === 'bin'
            ? undefined
            : async (tmp) => {
                progress.stop();
                log(`exporting ${format} …`);
                const ds = readDataset(tmp, { verify: false });
                const name = `samples.${format}`;
                const sha256 =
                  format === 'csv'
                    ? exportCsv(ds, join(tmp, name))
                    : await exportParquet(ds, join(tmp, name));
                return { [name]: { format: format as ExportFormat, sha256 } };
              },
      });
      progress.stop();
      const elapsed_s = (performance.now() - t0) / 1000;
      if (opts.json) printJson(synthJson(out, manifest, elapsed_s));
      else process.stdout.write(formatSynth(out, manifest, elapsed_s) + '\n');
    });
}

function synthJson(out: string, m: DatasetManifest, elapsed_s: number) {
  return {
    out,
    count: m.count,
    seed: m.seed,
    policy: m.spec.policy,
    noise: m.spec.noise.name,
    rates_K_min: m.rates_K_min,
    grid_C: m.grid_C,
    materials: m.materials,
    splitCounts: m.splitCounts,
    elapsed_s,
    samples_per_s: m.count / elapsed_s,
    normalization: m.normalization,
    files: m.files,
    exports: m.exports ?? {},
    summary: m.summary,
  };
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

function formatSynth(out: string, m: DatasetManifest, elapsed_s: number): string {
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
    `wrote ${out}: ${m.count} samples × ${m.rates_K_min.length} rates × ${m.points} points in ${fmt(elapsed_s, 2)} s ` +
      `(${fmt(m.count / elapsed_s, 0)} samples/s); seed ${m.seed}, noise ${m.spec.noise.name}, policy ${m.spec.policy}`,
    `split train/val/test = ${m.splitCounts.train}/${m.splitCounts.val}/${m.splitCounts.test}; valid ${fmt(100 * s.validFraction, 1)} %` +
      (m.spec.policy === 'resample'
        ? ` (first draws: ${fmt(100 * s.firstDraw.validFraction, 1)} % valid, ${s.draws} draws)`
        : ''),
    '',
    formatTable(header, [
      ...invalidRows(s.byMaterial, s.firstDraw.byMaterial),
      ...invalidRows(s.byShare, s.firstDraw.byShare),
    ]),
    ...(m.exports ? Object.keys(m.exports).map((name) => `export: ${join(out, name)}`) : []),
  ].join('\n');
}

async function runExport(dir: string, format: string, out: string | undefined, json: boolean): Promise<void> {
  if (format !== 'csv' && format !== 'parquet')
    throw new InputError(`--export needs --format csv or parquet, got "${format}"`);
  const ds = readDataset(dir);
  const target = out ?? join(dir, `samples.${format}`);
  // Written under a temporary name and renamed, so a failed export never leaves a partial file under `target`.
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    const sha256 = format === 'csv' ? exportCsv(ds, tmp) : await exportParquet(ds, tmp);
    renameSync(tmp, target);
    if (json) printJson({ dir, format, out: target, rows: ds.manifest.count, sha256 });
    else process.stdout.write(`wrote ${target} (${ds.manifest.count} rows, ${format})\n`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function runInspect(dir: string, plotsDir: string | undefined, json: boolean): Promise<void> {
  const ds = readDataset(dir);
  const report = inspectDataset(ds);
  const target = plotsDir ?? join(dir, 'inspect');
  mkdirSync(target, { recursive: true });
  // Loaded here, not at start-up: vega takes ≈ 0.5 s to import and only --inspect needs it.
  const { datasetFigures } = await import('../../synth/plots.ts');
  const figures = await datasetFigures(ds);
  const plots: string[] = [];
  for (const [name, svg] of Object.entries(figures)) {
    const path = join(target, name);
    writeFileAtomic(path, svg);
    plots.push(path);
  }
  if (json) printJson({ ...report, plots });
  else process.stdout.write(formatInspection(report, plots) + '\n');
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
