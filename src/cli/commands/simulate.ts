import type { Command } from 'commander';
import { join } from 'node:path';
import { modelByName } from '../../kinetics/models/index.ts';
import { simulateRuns } from '../../kinetics/simulate.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { simulatedRunFileName, simulatedRunToCsv } from '../../io/simulated-run-csv.ts';
import { InputError } from '../../core/input-error.ts';
import { parseNumberOption, parseRates } from '../options.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { peakOfCurve } from '../../analysis/peaks.ts';

export interface SimulateOptions {
  model: string;
  Ea: string;
  lgA: string;
  n?: string;
  m?: string;
  p?: string;
  rates: string;
  from: string;
  to: string;
  step: string;
  massLoss: string;
  out?: string;
  json?: boolean;
}

/** `ckin simulate`: multi-rate runs of a single-step model, one CSV per heating rate. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('simulate constant-heating-rate runs of a reaction model; writes one CSV per rate')
    .option('--model <name>', 'reaction model: jma, nth-order, first-order, sb, R2, R3, D1, D3', 'jma')
    .requiredOption('--Ea <kJ/mol>', 'activation energy, kJ/mol')
    .requiredOption('--lgA <log10 s^-1>', 'log10 of the pre-exponential factor A in s⁻¹')
    .option('--n <n>', 'model exponent n (JMA Avrami exponent, reaction order)')
    .option('--m <m>', 'Šesták–Berggren exponent m')
    .option('--p <p>', 'Šesták–Berggren exponent p')
    .option('--rates <K/min>', 'heating rates, K/min', '10,30,60')
    .option('--from <°C>', 'start temperature, °C', '30')
    .option('--to <°C>', 'end temperature, °C', '800')
    .option('--step <K>', 'temperature step, K', '0.5')
    .option('--mass-loss <%>', 'mass loss of the step, % of the initial mass', '100')
    .option('--out <dir>', 'directory for the CSV files (default: print a summary only)')
    .option('--json', 'print one JSON object on stdout')
    .action((opts: SimulateOptions) => {
      const result = runSimulate(opts);
      if (opts.json) printJson(result);
      else {
        log(
          `${result.model} Ea = ${result.Ea_kJ_mol} kJ/mol, lgA = ${result.lgA_s} (method: ${result.method})`,
        );
        process.stdout.write(
          formatTable(
            ['beta_K_min', 'T_peak_C', 'alpha_end', 'file'],
            result.runs.map((r) => [r.beta_K_min, fmt(r.T_peak_C, 2), fmt(r.alpha_end, 4), r.file ?? '—']),
          ) + '\n',
        );
      }
    });
}

export function runSimulate(opts: SimulateOptions) {
  const Ea = parseNumberOption('--Ea', opts.Ea)!;
  const lgA = parseNumberOption('--lgA', opts.lgA)!;
  const model = modelByName(opts.model, {
    n: parseNumberOption('--n', opts.n),
    m: parseNumberOption('--m', opts.m),
    p: parseNumberOption('--p', opts.p),
  });
  const rates = parseRates(opts.rates)!;
  const from = parseNumberOption('--from', opts.from)!;
  const to = parseNumberOption('--to', opts.to)!;
  if (from < -273.15) throw new InputError('--from is below absolute zero (give °C)');
  const runs = simulateRuns({
    model,
    params: { Ea_kJ_mol: Ea, lgA_s: lgA },
    rates_K_min: rates,
    T_start_K: celsiusToKelvin(from),
    T_end_K: celsiusToKelvin(to),
    step_K: parseNumberOption('--step', opts.step),
    massLoss_pct: parseNumberOption('--mass-loss', opts.massLoss),
  });
  const files: (string | undefined)[] = runs.map((r) => {
    if (!opts.out) return undefined;
    const path = join(opts.out, simulatedRunFileName(r.beta_K_min));
    writeFileAtomic(path, simulatedRunToCsv(r));
    return path;
  });
  return {
    model: model.label,
    Ea_kJ_mol: Ea,
    lgA_s: lgA,
    params: model.params,
    method: runs[0].method,
    runs: runs.map((r, i) => {
      const pk = peakOfCurve(r.temperature_K, r.dadT_per_K);
      return {
        beta_K_min: r.beta_K_min,
        T_peak_K: pk.x,
        T_peak_C: pk.x - 273.15,
        alpha_end: r.alpha[r.alpha.length - 1],
        points: r.temperature_K.length,
        file: files[i],
      };
    }),
  };
}
