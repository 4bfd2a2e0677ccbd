import type { Command } from 'commander';
import { simulate } from '../../app/simulate.ts';
import { simulateModelFile } from '../../app/simulate-model-file.ts';
import { InputError } from '../../core/input-error.ts';
import { parseCelsiusOption, parseNumberOption, parseRates } from '../options.ts';
import { printJson, printText, log } from '../output.ts';
import { formatTable, fmt, fmtRate } from '../../core/format.ts';

interface SimulateCliOptions {
  model: string;
  Ea?: string;
  lgA?: string;
  modelFile?: string;
  program?: string;
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
export function register(program: Command): void {
  program
    .command('simulate')
    .option('--model <name>', 'reaction model: jma, nth-order, first-order, sb, R2, R3, D1, D3', 'jma')
    .option('--Ea <kJ/mol>', 'activation energy, kJ/mol (single-step model)')
    .option('--lgA <log10 s^-1>', 'log10 of the pre-exponential factor A in s⁻¹ (single-step model)')
    .option(
      '--model-file <MODEL.json>',
      'simulate a saved multi-step model (`ckin fit --scheme … --save`) instead of --Ea/--lgA',
    )
    .option(
      '--program <file>',
      'with --model-file: one run along this temperature program CSV instead of ramps',
    )
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
    .action((opts: SimulateCliOptions, cmd: Command) => {
      if (opts.modelFile !== undefined) {
        if (opts.Ea !== undefined || opts.lgA !== undefined)
          throw new InputError('--model-file simulates the saved model: drop --Ea/--lgA');
        const given = (k: string) => cmd.getOptionValueSource(k) !== 'default';
        const res = simulateModelFile({
          model: opts.modelFile,
          heatingRates_K_min: given('rates') ? parseRates(opts.rates) : undefined,
          T_start_K: parseCelsiusOption('--from', opts.from),
          T_end_K: parseCelsiusOption('--to', opts.to),
          step_K: parseNumberOption('--step', opts.step),
          program: opts.program ? { path: opts.program } : undefined,
          out: opts.out,
        });
        if (opts.json) printJson(res);
        else {
          log(`${res.scheme} (${res.observable}, signal in ${res.signal_unit}) from ${res.model_file}`);
          printText(
            res,
            formatTable(
              ['beta_K_min', 'T_peak_C', 'alpha_end', 'file'],
              res.runs.map((r) => [
                r.beta_K_min ?? 'program',
                fmt(r.T_peak_C, 2),
                fmt(r.alpha_end, 4),
                r.file ?? '—',
              ]),
            ),
          );
        }
        return;
      }
      if (opts.Ea === undefined || opts.lgA === undefined)
        throw new InputError('give --Ea and --lgA (a single-step model), or --model-file MODEL.json');
      if (opts.program !== undefined) throw new InputError('--program needs --model-file');
      const result = simulate({
        model: opts.model,
        Ea_kJ_mol: parseNumberOption('--Ea', opts.Ea)!,
        lgA_s: parseNumberOption('--lgA', opts.lgA)!,
        n: parseNumberOption('--n', opts.n),
        m: parseNumberOption('--m', opts.m),
        p: parseNumberOption('--p', opts.p),
        heatingRates_K_min: parseRates(opts.rates),
        T_start_K: parseCelsiusOption('--from', opts.from),
        T_end_K: parseCelsiusOption('--to', opts.to),
        step_K: parseNumberOption('--step', opts.step),
        massLoss_pct: parseNumberOption('--mass-loss', opts.massLoss),
        out: opts.out,
      });
      if (opts.json) printJson(result);
      else {
        log(
          `${result.model} Ea = ${result.Ea_kJ_mol} kJ/mol, lgA = ${result.lgA_s} (method: ${result.method})`,
        );
        printText(
          result,
          formatTable(
            ['beta_K_min', 'T_peak_C', 'alpha_end', 'file'],
            result.runs.map((r) => [
              fmtRate(r.beta_K_min),
              fmt(r.T_peak_C, 2),
              fmt(r.alpha_end, 4),
              r.file ?? '—',
            ]),
          ),
        );
      }
    });
}
