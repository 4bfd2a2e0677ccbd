import type { Command } from 'commander';
import { join } from 'node:path';
import { runSimulate } from './simulate.ts';
import { loadCurves } from '../load-curves.ts';
import { kissingerFromCurves } from '../../analysis/kissinger.ts';
import { isoconversional, ISO_METHODS } from '../../analysis/isoconversional/index.ts';
import { kissingerJson, formatKissinger } from './kissinger.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';
import { fitJma } from '../../analysis/fit/jma-fit.ts';
import { jma } from '../../kinetics/models/index.ts';
import { isothermalTemperatureForTime_K } from '../../safety/isothermal.ts';
import { adiabaticRunaway } from '../../safety/adiabatic.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';

/** The embedded default of the main job: a three-rate JMA run like the cathodes of Zhou et al. 2026. */
export const DEMO_CASE = { model: 'jma', Ea_kJ_mol: 150, lgA_s: 11.5, n: 3, rates: '10,30,60' } as const;

/**
 * `ckin demo`: the main job end to end on the embedded default — simulate a three-rate JMA decomposition, write the
 * runs as CSV, read them back like user files, analyse them (Kissinger and the four isoconversional methods), fit the
 * JMA model to all rates at once (differential evolution + polish), and turn the fitted triplet into safety numbers
 * (isothermal temperature for 10 % conversion in a day, adiabatic TMR from 150 °C), comparing with the known truth.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the main job end to end on a small embedded default (simulate three rates, analyse)')
    .option('--out <dir>', 'where to write the simulated runs', join('out', 'demo'))
    .option('--json', 'print one JSON object on stdout')
    .action((opts: { out: string; json?: boolean }) => {
      const result = runDemo(opts.out);
      if (opts.json) {
        printJson(result);
        return;
      }
      log(`simulated ${result.truth.model} at ${DEMO_CASE.rates} K/min into ${opts.out}`);
      process.stdout.write(formatKissinger(result.kissingerRaw) + '\n\n');
      process.stdout.write(
        formatTable(
          ['method', 'Ea(α=0.2)', 'Ea(α=0.5)', 'Ea(α=0.8)', 'truth'],
          result.iso.map((r) => [
            r.method,
            fmt(r.Ea_at[0], 2),
            fmt(r.Ea_at[1], 2),
            fmt(r.Ea_at[2], 2),
            DEMO_CASE.Ea_kJ_mol,
          ]),
        ) + '\n',
      );
      const f = result.fit;
      process.stdout.write(
        `\nJMA fit (DE + LM, all rates): Ea = ${fmt(f.Ea_kJ_mol, 3)} kJ/mol, lgA = ${fmt(f.lgA_s, 4)}, ` +
          `n = ${fmt(f.n, 4)} in ${fmt(f.time_ms, 1)} ms (truth ${DEMO_CASE.Ea_kJ_mol} / ${DEMO_CASE.lgA_s} / ${DEMO_CASE.n})\n` +
          `Safety from the fit: 10 % conversion in one day at ${fmt(result.safety.T_alpha0p1_1day_K - 273.15, 1)} °C; ` +
          `adiabatic (ΔH 600 J/g, cp 1.1 J/(g·K)) from 150 °C: TMR ${fmt(result.safety.tmr_from_150C_h, 2)} h\n`,
      );
    });
}

export function runDemo(outDir: string) {
  const sim = runSimulate({
    model: DEMO_CASE.model,
    Ea: String(DEMO_CASE.Ea_kJ_mol),
    lgA: String(DEMO_CASE.lgA_s),
    n: String(DEMO_CASE.n),
    rates: DEMO_CASE.rates,
    from: '30',
    to: '800',
    step: '0.5',
    massLoss: '20',
    out: outDir,
  });
  const files = sim.runs.map((r) => r.file!);
  const { curves } = loadCurves(files, {});
  const kis = kissingerFromCurves(curves);
  const alphas = [0.2, 0.5, 0.8];
  const iso = ISO_METHODS.map((m) => {
    const res = isoconversional(m, curves, alphas);
    return { method: m, alpha: alphas, Ea_at: res.rows.map((r) => r.Ea_kJ_mol) };
  });
  const fit = fitJma(curves, { seed: 1 });
  const triplet = { Ea_kJ_mol: fit.Ea_kJ_mol, lgA_s: fit.lgA_s, model: jma(fit.n) };
  const safety = {
    T_alpha0p1_1day_K: isothermalTemperatureForTime_K(triplet, 86400, 0.1),
    tmr_from_150C_h:
      adiabaticRunaway(triplet, { dH_J_g: 600, cp_J_gK: 1.1, T0_K: celsiusToKelvin(150) }, 2).tmr_s / 3600,
  };
  return {
    truth: { model: sim.model, Ea_kJ_mol: DEMO_CASE.Ea_kJ_mol, lgA_s: DEMO_CASE.lgA_s, n: DEMO_CASE.n },
    files,
    peaks: sim.runs.map((r) => ({ beta_K_min: r.beta_K_min, T_peak_K: r.T_peak_K })),
    kissinger: kissingerJson(kis),
    kissingerRaw: kis,
    iso,
    fit: {
      Ea_kJ_mol: fit.Ea_kJ_mol,
      lgA_s: fit.lgA_s,
      n: fit.n,
      r2: fit.rates.map((r) => r.r2),
      time_ms: fit.time_ms,
    },
    safety,
  };
}
