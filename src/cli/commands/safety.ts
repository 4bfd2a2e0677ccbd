import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { modelByName } from '../../kinetics/models/index.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { InputError } from '../../core/input-error.ts';
import { parseTemperatureProgramCsv } from '../../io/temperature-program-csv.ts';
import type { KineticTriplet } from '../../safety/kinetic-triplet.ts';
import { isothermalTimeToConversion_s, isothermalTemperatureForTime_K } from '../../safety/isothermal.ts';
import { conversionAlongProgram } from '../../safety/temperature-program.ts';
import { adiabaticRunaway, tmrSemenov_s } from '../../safety/adiabatic.ts';
import { sampleTriplets, propagate, type ArrheniusUncertainty } from '../../safety/propagate.ts';
import { parseNumberOption } from '../options.ts';
import { printJson } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

interface SafetyOptions {
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
  /** A program already in memory (the server's upload): CSV text and the name to report; instead of `program`. */
  programText?: { name: string; text: string };
  adiabatic?: boolean;
  dH?: string;
  cp?: string;
  T0?: string;
  phi?: string;
  json?: boolean;
}

const TIMES: [string, number][] = [
  ['1 h', 3600],
  ['1 day', 86400],
  ['1 year', 365.25 * 86400],
];

/** `ckin safety`: isothermal lifetimes, any heating program, adiabatic runaway (TMRad), with propagated uncertainty. */
export function registerSafety(program: Command): void {
  program
    .command('safety')
    .description(
      'safety predictions from a kinetic triplet: isothermal times, heating programs, adiabatic TMRad',
    )
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
    .action((opts: SafetyOptions) => {
      const res = runSafety(opts);
      if (opts.json) printJson(res);
      else process.stdout.write(formatSafety(res) + '\n');
    });
}

export function runSafety(opts: SafetyOptions) {
  const triplet: KineticTriplet = {
    Ea_kJ_mol: parseNumberOption('--Ea', opts.Ea)!,
    lgA_s: parseNumberOption('--lgA', opts.lgA)!,
    model: modelByName(opts.model, { n: parseNumberOption('--n', opts.n) }),
  };
  const EaSe = parseNumberOption('--Ea-se', opts.EaSe);
  const lgASe = parseNumberOption('--lgA-se', opts.lgASe);
  const unc: ArrheniusUncertainty | undefined =
    EaSe !== undefined || lgASe !== undefined
      ? { Ea_se_kJ_mol: EaSe ?? 0, lgA_se: lgASe ?? 0, corr: parseNumberOption('--corr', opts.corr) }
      : undefined;
  const samples = unc
    ? sampleTriplets(triplet, unc, parseNumberOption('--samples', opts.samples)!, Number(opts.seed))
    : undefined;
  const withInterval = (fn: (t: KineticTriplet) => number) => ({
    value: fn(triplet),
    ...(samples ? { interval90: propagate(samples, fn) } : {}),
  });
  const alphas = opts.alpha.split(',').map(Number);
  if (alphas.some((a) => !(a > 0 && a < 1)))
    throw new InputError(`--alpha: conversions must be in (0, 1), got "${opts.alpha}"`);
  const out: Record<string, unknown> = {
    triplet: { Ea_kJ_mol: triplet.Ea_kJ_mol, lgA_s: triplet.lgA_s, model: triplet.model.label },
    uncertainty: unc ?? null,
    isothermal_T_for_time: alphas.map((alpha) => ({
      alpha,
      T_K: Object.fromEntries(
        TIMES.map(([label, t]) => [
          label,
          withInterval((tr) => isothermalTemperatureForTime_K(tr, t, alpha)),
        ]),
      ),
    })),
  };
  if (opts.isothermal !== undefined) {
    const T_K = celsiusToKelvin(parseNumberOption('--isothermal', opts.isothermal)!);
    out.isothermal = {
      T_K,
      times: alphas.map((alpha) => ({
        alpha,
        time_s: withInterval((tr) => isothermalTimeToConversion_s(tr, T_K, alpha)),
      })),
    };
  }
  const program =
    opts.programText ??
    (opts.program ? { name: opts.program, text: readFileSync(opts.program, 'utf8') } : undefined);
  if (program) {
    const prog = parseTemperatureProgramCsv(program.text, program.name);
    const t0 = prog.time_s[0];
    const t1 = prog.time_s[prog.time_s.length - 1];
    const times = Array.from({ length: 201 }, (_, i) => t0 + ((t1 - t0) * i) / 200);
    out.program = { file: program.name, ...conversionAlongProgram(triplet, prog, times) };
  }
  if (opts.adiabatic) {
    const spec = {
      dH_J_g: parseNumberOption('--dH', opts.dH) ?? NaN,
      cp_J_gK: parseNumberOption('--cp', opts.cp) ?? NaN,
      T0_K: celsiusToKelvin(parseNumberOption('--T0', opts.T0) ?? NaN),
      phi: parseNumberOption('--phi', opts.phi),
    };
    if (![spec.dH_J_g, spec.cp_J_gK, spec.T0_K].every(Number.isFinite)) {
      throw new InputError('--adiabatic needs --dH (J/g), --cp (J/(g·K)) and --T0 (°C)');
    }
    const r = adiabaticRunaway(triplet, spec);
    out.adiabatic = {
      dT_ad_K: r.dT_ad_K,
      T_final_K: r.T_final_K,
      tmr_s: withInterval((tr) => adiabaticRunaway(tr, spec, 2).tmr_s),
      tmr_semenov_s: tmrSemenov_s(triplet, spec),
      T_at_max_rate_K: r.T_at_max_rate_K,
      max_dTdt_K_s: r.max_dTdt_K_s,
      curve: r.curve,
    };
  }
  return out;
}

function formatSafety(res: ReturnType<typeof runSafety>): string {
  const lines: string[] = [];
  const iso = res.isothermal_T_for_time as {
    alpha: number;
    T_K: Record<string, { value: number; interval90?: { p05: number; p95: number } }>;
  }[];
  lines.push('Isothermal temperature (°C) at which α is reached after:');
  lines.push(
    formatTable(
      ['alpha', ...TIMES.map(([l]) => l)],
      iso.map((r) => [
        r.alpha,
        ...TIMES.map(([l]) => {
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
    const r = res.isothermal as { T_K: number; times: { alpha: number; time_s: { value: number } }[] };
    lines.push('', `Isothermal at ${fmt(r.T_K - 273.15, 1)} °C: time to α`);
    lines.push(
      formatTable(
        ['alpha', 'time_h'],
        r.times.map((t) => [t.alpha, fmt(t.time_s.value / 3600, 3)]),
      ),
    );
  }
  if (res.adiabatic) {
    const a = res.adiabatic as { dT_ad_K: number; tmr_s: { value: number }; tmr_semenov_s: number };
    lines.push(
      '',
      `Adiabatic: ΔT_ad = ${fmt(a.dT_ad_K, 1)} K, TMRad = ${fmt(a.tmr_s.value / 3600, 3)} h (Semenov approximation ${fmt(a.tmr_semenov_s / 3600, 3)} h)`,
    );
  }
  return lines.join('\n');
}
