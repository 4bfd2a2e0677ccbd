import type { Command } from 'commander';
import { InputError } from '../../core/input-error.ts';
import { safety, SAFETY_TIMES, type SafetyResult } from '../../app/safety.ts';
import { safetyModelFree, type SafetyModelFreeResult } from '../../app/safety-model-free.ts';
import { safetyModelFile, type SafetyModelFileResult } from '../../app/safety-model-file.ts';
import type { CriticalJson, CriticalOptions } from '../../app/safety-shared.ts';
import type { SafetyNumber } from '../../safety/safety-number.ts';
import type { ResultWarning } from '../../core/warnings.ts';
import type { Interval90 } from '../../safety/propagate.ts';
import { ISO_METHODS } from '../../analysis/isoconversional/index.ts';
import {
  addRunInputOptions,
  parseCelsiusOption,
  parseChoice,
  parseIntegerOption,
  parseNumberList,
  parseNumberOption,
  parseRunReadOptions,
  runSources,
  type RunInputOptions,
} from '../options.ts';
import { formatWarnings, printJson, printText, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { maxOf, minOf } from '../../core/statistics.ts';
import { pushAll } from '../../core/arrays.ts';

interface SafetyCliOptions extends RunInputOptions {
  Ea?: string;
  lgA?: string;
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
  modelFree?: boolean;
  modelFile?: string;
  method: string;
  alphaStep?: string;
  dataRange?: string;
  density?: string;
  shape?: string;
  size?: string;
  ambient?: string;
  conductivity?: string;
  U?: string;
  packageMass?: string;
  packageSurface?: string;
  packageU?: string;
  alpha0?: string;
  json?: boolean;
}

/**
 * `ckin safety`: from a kinetic triplet (--Ea, --lgA) or model-free from run files (FILES… --model-free):
 * isothermal lifetimes, any temperature program, adiabatic runaway (TMRad, T_D8/T_D24), Semenov/Frank-Kamenetskii
 * critical conditions and an SADT-style estimate, each with its 90 % band and warnings.
 */
export function register(program: Command): void {
  const cmd = program
    .command('safety')
    .argument(
      '[files...]',
      'run files (model-free: one per heating rate; with --Ea/--lgA: trust checks only)',
    )
    .option('--Ea <kJ/mol>', 'activation energy, kJ/mol (triplet mode)')
    .option('--lgA <log10 s^-1>', 'log10(A/s⁻¹) (triplet mode)')
    .option('--n <n>', 'model exponent (JMA n, reaction order)', '1')
    .option('--model <name>', 'reaction model', 'jma')
    .option('--Ea-se <kJ/mol>', 'standard error of Ea (enables uncertainty by sampling)')
    .option('--lgA-se <>', 'standard error of lgA')
    .option('--corr <rho>', 'correlation of Ea and lgA (compensation: close to +1)', '0')
    .option(
      '--samples <N>',
      'Monte Carlo samples for the intervals (--model-file: parameter draws, default 100)',
      '2000',
    )
    .option('--seed <S>', 'random seed for the samples', '1')
    .option('--model-free', 'predict from the runs’ isoconversional Ea(α) and recorded T(t) (Vyazovkin)')
    .option(
      '--model-file <MODEL.json>',
      'predict from a saved multi-step model (`ckin fit --scheme … --save`); bands from its covariance',
    )
    .option(
      '--method <name>',
      `isoconversional method of --model-free: ${ISO_METHODS.join(', ')}`,
      'friedman',
    )
    .option('--alpha-step <Δα>', 'conversion step of the model-free Φ(α) table', '0.005')
    .option(
      '--data-range <lo:hi>',
      'temperature range of the data behind --Ea/--lgA, °C (extrapolation check)',
    )
    .option('--isothermal <°C>', 'isothermal temperature for times to α')
    .option('--alpha <list>', 'conversions for the isothermal times', '0.05,0.1,0.5')
    .option('--program <file>', 'temperature program CSV (time_min,temperature_C): α(t) along it')
    .option('--adiabatic', 'adiabatic runaway from --T0 with --dH and --cp (TMRad, T_D8, T_D24)')
    .option('--dH <J/g>', 'reaction enthalpy, J/g (exothermic positive)')
    .option('--cp <J/(g K)>', 'specific heat capacity, J/(g·K)')
    .option('--T0 <°C>', 'adiabatic start temperature, °C')
    .option('--phi <φ>', 'thermal inertia factor (≥ 1)', '1')
    .option('--size <m>', 'critical temperature of a body of this half-thickness (slab) or radius, m')
    .option('--ambient <°C>', 'critical size of a body at this ambient temperature, °C')
    .option('--shape <shape>', 'slab, cylinder or sphere', 'sphere')
    .option('--density <kg/m3>', 'bulk density, kg/m³')
    .option('--conductivity <W/(m K)>', 'thermal conductivity: Frank-Kamenetskii')
    .option('--U <W/(m2 K)>', 'surface heat-transfer coefficient: Semenov')
    .option('--package-mass <kg>', 'SADT-style estimate: package mass, kg')
    .option('--package-surface <m2>', 'SADT-style estimate: package surface, m²')
    .option('--package-U <W/(m2 K)>', 'SADT-style estimate: overall heat-transfer coefficient, W/(m²·K)')
    .option('--alpha0 <α>', 'conversion at which the initial heat release is taken (critical conditions)');
  addRunInputOptions(cmd, ['rates', 'window', 'temperatureUnit', 'columns', 'sgWindow', 'sgOrder'])
    .option('--json', 'print one JSON object on stdout')
    .action((files: string[], opts: SafetyCliOptions, cmd: Command) => {
      let adiabatic: { dH_J_g: number; cp_J_gK: number; T0_K: number; phi?: number } | undefined;
      if (opts.modelFile !== undefined) {
        if (files.length || opts.modelFree || opts.Ea !== undefined || opts.lgA !== undefined)
          throw new InputError(
            '--model-file predicts from the model alone: drop the run files, --model-free and --Ea/--lgA',
          );
        let adiabaticFile: { cp_J_gK: number; T0_K: number; phi?: number; dH_J_g?: number } | undefined;
        if (opts.adiabatic) {
          const cp_J_gK = parseNumberOption('--cp', opts.cp);
          const T0_K = parseCelsiusOption('--T0', opts.T0);
          if (cp_J_gK === undefined || T0_K === undefined)
            throw new InputError('--adiabatic needs --cp (J/(g·K)) and --T0 (°C); --dH (J/g) for TGA models');
          adiabaticFile = { cp_J_gK, T0_K, phi: parseNumberOption('--phi', opts.phi) };
        }
        if (criticalOptions(opts))
          throw new InputError(
            'critical conditions (--size/--ambient/--package-*) are not available with --model-file yet',
          );
        const res = safetyModelFile({
          model: { path: opts.modelFile },
          isothermal_K: parseCelsiusOption('--isothermal', opts.isothermal),
          alphas: parseNumberList('--alpha', opts.alpha),
          program: opts.program ? { path: opts.program } : undefined,
          adiabatic: adiabaticFile,
          dH_J_g: parseNumberOption('--dH', opts.dH),
          samples:
            cmd.getOptionValueSource('samples') === 'default'
              ? undefined
              : parseIntegerOption('--samples', opts.samples, 1),
          seed: parseIntegerOption('--seed', opts.seed, 0),
          onLog: log,
        });
        if (opts.json) printJson(res);
        else printText(res, formatModelFile(res));
        return;
      }
      if (opts.adiabatic) {
        const dH_J_g = parseNumberOption('--dH', opts.dH);
        const cp_J_gK = parseNumberOption('--cp', opts.cp);
        const T0_K = parseCelsiusOption('--T0', opts.T0);
        if (dH_J_g === undefined || cp_J_gK === undefined || T0_K === undefined)
          throw new InputError('--adiabatic needs --dH (J/g), --cp (J/(g·K)) and --T0 (°C)');
        adiabatic = { dH_J_g, cp_J_gK, T0_K, phi: parseNumberOption('--phi', opts.phi) };
      }
      const critical = criticalOptions(opts);
      const common = {
        isothermal_K: parseCelsiusOption('--isothermal', opts.isothermal),
        alphas: parseNumberList('--alpha', opts.alpha),
        program: opts.program ? { path: opts.program } : undefined,
        adiabatic,
        critical,
      };
      if (opts.modelFree) {
        if (files.length === 0)
          throw new InputError('--model-free needs the run files (one per heating rate)');
        if (opts.Ea !== undefined || opts.lgA !== undefined)
          throw new InputError('--model-free predicts from the runs: drop --Ea/--lgA (or drop --model-free)');
        const res = safetyModelFree({
          runs: runSources(files),
          ...parseRunReadOptions(opts),
          method: parseChoice('--method', opts.method, ISO_METHODS),
          alphaStep: parseNumberOption('--alpha-step', opts.alphaStep),
          ...common,
          onLog: log,
        });
        if (opts.json) printJson(res);
        else printText(res, formatModelFree(res));
        return;
      }
      if (opts.Ea === undefined || opts.lgA === undefined)
        throw new InputError('give --Ea and --lgA (a kinetic triplet), or run files with --model-free');
      const range = opts.dataRange ? parseRangeC('--data-range', opts.dataRange) : undefined;
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
        ...common,
        ...(files.length ? { runs: runSources(files), ...parseRunReadOptions(opts) } : {}),
        data_T_range_K: range,
      });
      if (opts.json) printJson(res);
      else printText(res, formatSafety(res));
    });
}

function parseRangeC(name: string, text: string): [number, number] {
  const m = /^\s*(-?[\d.]+)\s*:\s*(-?[\d.]+)\s*$/.exec(text);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
    throw new InputError(`${name}: expected LO:HI in °C with LO < HI, got "${text}"`);
  return [lo + 273.15, hi + 273.15];
}

function criticalOptions(o: SafetyCliOptions): CriticalOptions | undefined {
  const pkg = o.packageMass !== undefined || o.packageSurface !== undefined || o.packageU !== undefined;
  if (o.size === undefined && o.ambient === undefined && !pkg) return undefined;
  const dH_J_g = parseNumberOption('--dH', o.dH);
  if (dH_J_g === undefined) throw new InputError('critical conditions need --dH (J/g)');
  let packageSpec: CriticalOptions['package'];
  if (pkg) {
    const mass_kg = parseNumberOption('--package-mass', o.packageMass);
    const surface_m2 = parseNumberOption('--package-surface', o.packageSurface);
    const U_W_m2K = parseNumberOption('--package-U', o.packageU);
    if (mass_kg === undefined || surface_m2 === undefined || U_W_m2K === undefined)
      throw new InputError(
        'the SADT estimate needs --package-mass (kg), --package-surface (m²) and --package-U (W/(m²·K))',
      );
    packageSpec = { mass_kg, surface_m2, U_W_m2K };
  }
  return {
    dH_J_g,
    density_kg_m3: parseNumberOption('--density', o.density),
    shape: parseChoice('--shape', o.shape ?? 'sphere', ['slab', 'cylinder', 'sphere'] as const),
    size_m: parseNumberOption('--size', o.size),
    ambient_K: parseCelsiusOption('--ambient', o.ambient),
    conductivity_W_mK: parseNumberOption('--conductivity', o.conductivity),
    U_W_m2K: parseNumberOption('--U', o.U),
    package: packageSpec,
    alpha0: parseNumberOption('--alpha0', o.alpha0),
  };
}

const C = (T_K: number) => fmt(T_K - 273.15, 1);

/** "value [lo, hi]" of a SafetyNumber in display units (°C, h, m). */
function show(
  n: SafetyNumber,
  as: 'C' | 'h' | 'm' = n.unit === 'K' ? 'C' : n.unit === 's' ? 'h' : 'm',
): string {
  const conv = (v: number) =>
    as === 'C' ? C(v) : as === 'h' ? fmtTime_h(v / 3600) : fmt(v, v < 0.1 ? 4 : 3);
  const s = conv(n.value);
  const flag = n.quality === 'ok' ? '' : n.quality === 'caution' ? ' (!)' : ' (!!)';
  return n.lo90 !== null && n.hi90 !== null
    ? `${s} [${conv(n.lo90)}, ${conv(n.hi90)}]${flag}`
    : `${s}${flag}`;
}

function fmtTime_h(h: number): string {
  if (!Number.isFinite(h)) return '∞';
  return h >= 1e4 || h < 1e-3 ? h.toExponential(2) : fmt(h, 3);
}

function showInterval(value: number, i: Interval90 | undefined, conv: (v: number) => string): string {
  return i ? `${conv(value)} [${conv(i.p05)}, ${conv(i.p95)}]` : conv(value);
}

function warningLines(ws: ResultWarning[]): string[] {
  const out = formatWarnings(ws, '  ');
  return out.length ? ['', 'Warnings:', ...out] : [];
}

function allWarnings(res: unknown): ResultWarning[] {
  const out: ResultWarning[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'warnings' && Array.isArray(x)) {
          for (const w of x as unknown[]) if (w && typeof w === 'object') out.push(w as ResultWarning);
        } else walk(x);
      }
    }
  };
  walk(res);
  return out;
}

function formatCritical(c: CriticalJson): string[] {
  const lines = [
    '',
    `Critical conditions (${c.shape}, δc = ${c.delta_critical}; heat source at α0 = ${c.heat_source.alpha0}, Ea = ${fmt(c.heat_source.Ea_kJ_mol, 1)} kJ/mol):`,
  ];
  const fk = c.frank_kamenetskii;
  const se = c.semenov;
  if (fk?.T_ambient_critical_K)
    lines.push(`  Frank-Kamenetskii critical ambient temperature: ${show(fk.T_ambient_critical_K)} °C`);
  if (fk?.critical_size_m)
    lines.push(`  Frank-Kamenetskii critical size (half-thickness/radius): ${show(fk.critical_size_m)} m`);
  if (se?.T_ambient_critical_K)
    lines.push(`  Semenov critical ambient temperature: ${show(se.T_ambient_critical_K)} °C`);
  if (se?.critical_size_m)
    lines.push(`  Semenov critical size (half-thickness/radius): ${show(se.critical_size_m)} m`);
  if (c.sadt) {
    lines.push(
      `  SADT-style estimate: ${C(c.sadt.sadt_K)} °C (Semenov critical ambient ${show(c.sadt.T_ambient_critical_K)} °C, U·S/M = ${fmt(c.sadt.L_W_kgK, 4)} W/(kg·K))`,
      '  assumptions:',
    );
    pushAll(
      lines,
      c.sadt.assumptions.map((a) => `    - ${a}`),
    );
  }
  return lines;
}

function formatSafety(res: SafetyResult): string {
  const lines: string[] = [];
  lines.push(
    'Isothermal temperature (°C) at which α is reached after (90 % interval when standard errors are given):',
  );
  lines.push(
    formatTable(
      ['alpha', ...SAFETY_TIMES.map(([l]) => l)],
      res.isothermal_T_for_time.map((r) => [
        r.alpha,
        ...SAFETY_TIMES.map(([l]) => showInterval(r.T_K[l].value, r.T_K[l].interval90, C)),
      ]),
    ),
  );
  if (res.isothermal) {
    const r = res.isothermal;
    lines.push('', `Isothermal at ${C(r.T_K)} °C: time to α`);
    lines.push(
      formatTable(
        ['alpha', 'time_h [90 %]'],
        r.times.map((t) => [
          t.alpha,
          showInterval(t.time_s.value, t.time_s.interval90, (v) => fmtTime_h(v / 3600)),
        ]),
      ),
    );
  }
  if (res.adiabatic) {
    const a = res.adiabatic;
    lines.push(
      '',
      `Adiabatic: ΔT_ad = ${fmt(a.dT_ad_K, 1)} K, TMRad = ${showInterval(a.tmr_s.value, a.tmr_s.interval90, (v) => fmtTime_h(v / 3600))} h (Semenov approximation ${fmtTime_h(a.tmr_semenov_s / 3600)} h)`,
      `T_D8 = ${show(a.T_D8_K)} °C, T_D24 = ${show(a.T_D24_K)} °C (start temperature at which TMRad = 8 h / 24 h)`,
    );
  }
  if (res.critical) for (const l of formatCritical(res.critical)) lines.push(l);
  for (const l of warningLines(allWarnings(res))) lines.push(l);
  return lines.join('\n');
}

function formatModelFree(res: SafetyModelFreeResult): string {
  const lines: string[] = [
    `Model-free (${res.method}, ${res.rates_K_min.map((r) => fmt(r, 2)).join('/')} K/min; Ea ${fmt(minOf(res.Ea_profile.Ea_kJ_mol), 1)}–${fmt(maxOf(res.Ea_profile.Ea_kJ_mol), 1)} kJ/mol over α, variation ${fmt(100 * res.Ea_variation, 0)} %; data ${C(res.data_T_range_K[0])}–${C(res.data_T_range_K[1])} °C, α ≤ ${fmt(res.alpha_max, 3)})`,
    '',
    'Isothermal temperature (°C) at which α is reached after [90 % band from the Ea(α) limits]:',
    formatTable(
      ['alpha', ...SAFETY_TIMES.map(([l]) => l)],
      res.isothermal_T_for_time.map((r) => [r.alpha, ...SAFETY_TIMES.map(([l]) => show(r.T_K[l]))]),
    ),
  ];
  if (res.isothermal) {
    const r = res.isothermal;
    lines.push(
      '',
      `Isothermal at ${C(r.T_K)} °C (extrapolation factor ${fmt(r.extrapolation_factor, 2)}): time to α`,
    );
    lines.push(
      formatTable(
        ['alpha', 'time_h [90 %]'],
        r.times.map((t) => [t.alpha, show(t.time_s)]),
      ),
    );
  }
  if (res.program) {
    const p = res.program;
    lines.push('', `Program ${p.file} (extrapolation factor ${fmt(p.extrapolation_factor, 2)}): time to α`);
    lines.push(
      formatTable(
        ['alpha', 'time_h [90 %]'],
        p.times.map((t) => [t.alpha, show(t.time_s)]),
      ),
    );
    lines.push(`α at the end of the program: ${fmt(p.alpha[p.alpha.length - 1], 4)}`);
  }
  if (res.adiabatic) {
    const a = res.adiabatic;
    lines.push(
      '',
      `Adiabatic from ${C(a.T0_K)} °C: ΔT_ad = ${fmt(a.dT_ad_K, 1)} K, TMRad = ${show(a.tmr_s)} h`,
      `T_D8 = ${show(a.T_D8_K)} °C, T_D24 = ${show(a.T_D24_K)} °C`,
    );
  }
  if (res.critical) for (const l of formatCritical(res.critical)) lines.push(l);
  for (const n of res.notes) lines.push(`note: ${n}`);
  for (const l of warningLines(allWarnings(res))) lines.push(l);
  return lines.join('\n');
}

function formatModelFile(res: SafetyModelFileResult): string {
  const range = res.data_T_range_K;
  const lines: string[] = [
    `Model file ${res.file}: ${res.scheme} (${res.observable}; fitted ${range ? `${C(range[0])}–${C(range[1])} °C` : 'range unknown'})`,
    formatTable(
      ['step', 'model', 'Ea_kJ_mol', 'lgA_s', res.observable === 'heatflow' ? 'dH_J_g' : 'mass_fraction'],
      res.steps.map((s) => [
        `${s.from}->${s.to}`,
        s.model,
        fmt(s.Ea_kJ_mol, 2),
        fmt(s.lgA_s, 3),
        fmt(s.amplitude, 4),
      ]),
    ),
    res.band
      ? `[90 % band: ${res.band.samples} parameter draws from the fit's covariance, seed ${res.band.seed}]`
      : '[no 90 % band: the model file has no uncertainty block]',
  ];
  if (res.isothermal) {
    const r = res.isothermal;
    const f = r.extrapolation_factor;
    lines.push(
      '',
      `Isothermal at ${C(r.T_K)} °C${f !== null ? ` (extrapolation factor ${fmt(f, 2)})` : ''}: time to α`,
    );
    lines.push(
      formatTable(
        ['alpha', 'time_h [90 %]'],
        r.times.map((t) => [t.alpha, show(t.time_s)]),
      ),
    );
  }
  if (res.program) {
    const p = res.program;
    const f = p.extrapolation_factor;
    lines.push('', `Program ${p.file}${f !== null ? ` (extrapolation factor ${fmt(f, 2)})` : ''}: time to α`);
    lines.push(
      formatTable(
        ['alpha', 'time_h [90 %]'],
        p.times.map((t) => [t.alpha, show(t.time_s)]),
      ),
    );
    const last = p.alpha.length - 1;
    const band = p.alpha_lo90.length ? ` [${fmt(p.alpha_lo90[last], 4)}, ${fmt(p.alpha_hi90[last], 4)}]` : '';
    lines.push(`α at the end of the program: ${fmt(p.alpha[last], 4)}${band}`);
    if (p.heat_flow_W_g) {
      let iMax = 0;
      p.heat_flow_W_g.forEach((q, i) => {
        if (q > p.heat_flow_W_g![iMax]) iMax = i;
      });
      const qb =
        p.heat_flow_lo90_W_g && p.heat_flow_hi90_W_g
          ? ` [${fmt(p.heat_flow_lo90_W_g[iMax], 4)}, ${fmt(p.heat_flow_hi90_W_g[iMax], 4)}]`
          : '';
      lines.push(
        `peak heat-release rate: ${fmt(p.heat_flow_W_g[iMax], 4)}${qb} W/g at ${fmtTime_h(p.time_s[iMax] / 3600)} h (${C(p.T_K[iMax])} °C)`,
      );
    }
  }
  if (res.adiabatic) {
    const a = res.adiabatic;
    lines.push(
      '',
      `Adiabatic from ${C(a.T0_K)} °C (φ = ${a.phi}): ΔT_ad = ${show(a.dT_ad_K, 'm')} K, TMRad = ${show(a.tmr_s)} h`,
      `T_D8 = ${show(a.T_D8_K)} °C, T_D24 = ${show(a.T_D24_K)} °C`,
    );
  }
  for (const n of res.notes) lines.push(`note: ${n}`);
  for (const l of warningLines(allWarnings(res))) lines.push(l);
  return lines.join('\n');
}
