import type { Command } from 'commander';
import { InputError } from '../../core/input-error.ts';
import { safety, SAFETY_TIMES, type SafetyResult } from '../../app/safety.ts';
import { parseCelsiusOption, parseIntegerOption, parseNumberList, parseNumberOption } from '../options.ts';
import { printJson } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

interface SafetyCliOptions {
  Ea: string;
  lgA: string;
  n?: string;
  model: string;
  EaSe?: string;
  lgASe?: string;
  corr?: string;
  samples: string;
  seed: string;
  isothermal?: string;
  alpha: string;
  program?: string;
  adiabatic?: boolean;
  dH?: string;
  cp?: string;
  T0?: string;
  phi?: string;
  json?: boolean;
}

/** `ckin safety`: isothermal lifetimes, any heating program, adiabatic runaway (TMRad), with propagated uncertainty. */
export function register(program: Command): void {
  program
    .command('safety')
    .requiredOption('--Ea <kJ/mol>', 'activation energy, kJ/mol')
    .requiredOption('--lgA <log10 s^-1>', 'log10(A/s⁻¹)')
    .option('--n <n>', 'model exponent (JMA n, reaction order)', '1')
    .option('--model <name>', 'reaction model', 'jma')
    .option('--Ea-se <kJ/mol>', 'standard error of Ea (enables uncertainty by sampling)')
    .option('--lgA-se <>', 'standard error of lgA')
    .option('--corr <rho>', 'correlation of Ea and lgA (compensation: close to +1)', '0')
    .option('--samples <N>', 'Monte Carlo samples for the intervals', '2000')
    .option('--seed <S>', 'random seed for the samples', '1')
    .option('--isothermal <°C>', 'isothermal temperature for times to α')
    .option('--alpha <list>', 'conversions for the isothermal times', '0.05,0.1,0.5')
    .option('--program <file>', 'temperature program CSV (time_min,temperature_C): α(t) along it')
    .option('--adiabatic', 'adiabatic runaway from --T0 with --dH and --cp')
    .option('--dH <J/g>', 'reaction enthalpy, J/g (exothermic positive)')
    .option('--cp <J/(g K)>', 'specific heat capacity, J/(g·K)')
    .option('--T0 <°C>', 'adiabatic start temperature, °C')
    .option('--phi <φ>', 'thermal inertia factor (≥ 1)', '1')
    .option('--json', 'print one JSON object on stdout')
    .action((opts: SafetyCliOptions) => {
      let adiabatic: { dH_J_g: number; cp_J_gK: number; T0_K: number; phi?: number } | undefined;
      if (opts.adiabatic) {
        const dH_J_g = parseNumberOption('--dH', opts.dH);
        const cp_J_gK = parseNumberOption('--cp', opts.cp);
        const T0_K = parseCelsiusOption('--T0', opts.T0);
        if (dH_J_g === undefined || cp_J_gK === undefined || T0_K === undefined)
          throw new InputError('--adiabatic needs --dH (J/g), --cp (J/(g·K)) and --T0 (°C)');
        adiabatic = { dH_J_g, cp_J_gK, T0_K, phi: parseNumberOption('--phi', opts.phi) };
      }
      const res = safety({
        Ea_kJ_mol: parseNumberOption('--Ea', opts.Ea)!,
        lgA_s: parseNumberOption('--lgA', opts.lgA)!,
        n: parseNumberOption('--n', opts.n),
        model: opts.model,
        Ea_se_kJ_mol: parseNumberOption('--Ea-se', opts.EaSe),
        lgA_se: parseNumberOption('--lgA-se', opts.lgASe),
        corr: parseNumberOption('--corr', opts.corr),
        samples: parseIntegerOption('--samples', opts.samples, 1),
        seed: parseIntegerOption('--seed', opts.seed, 0),
        isothermal_K: parseCelsiusOption('--isothermal', opts.isothermal),
        alphas: parseNumberList('--alpha', opts.alpha),
        program: opts.program ? { path: opts.program } : undefined,
        adiabatic,
      });
      if (opts.json) printJson(res);
      else process.stdout.write(formatSafety(res) + '\n');
    });
}

function formatSafety(res: SafetyResult): string {
  const lines: string[] = [];
  lines.push('Isothermal temperature (°C) at which α is reached after:');
  lines.push(
    formatTable(
      ['alpha', ...SAFETY_TIMES.map(([l]) => l)],
      res.isothermal_T_for_time.map((r) => [
        r.alpha,
        ...SAFETY_TIMES.map(([l]) => {
          const v = r.T_K[l];
          const s = fmt(v.value - 273.15, 1);
          return v.interval90
            ? `${s} [${fmt(v.interval90.p05 - 273.15, 1)}, ${fmt(v.interval90.p95 - 273.15, 1)}]`
            : s;
        }),
      ]),
    ),
  );
  if (res.isothermal) {
    const r = res.isothermal;
    lines.push('', `Isothermal at ${fmt(r.T_K - 273.15, 1)} °C: time to α`);
    lines.push(
      formatTable(
        ['alpha', 'time_h'],
        r.times.map((t) => [t.alpha, fmt(t.time_s.value / 3600, 3)]),
      ),
    );
  }
  if (res.adiabatic) {
    const a = res.adiabatic;
    lines.push(
      '',
      `Adiabatic: ΔT_ad = ${fmt(a.dT_ad_K, 1)} K, TMRad = ${fmt(a.tmr_s.value / 3600, 3)} h (Semenov approximation ${fmt(a.tmr_semenov_s / 3600, 3)} h)`,
    );
  }
  return lines.join('\n');
}
