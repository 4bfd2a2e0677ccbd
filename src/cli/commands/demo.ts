import type { Command } from 'commander';
import { demo, DEMO_CASE, DEMO_DEFAULT_OUT } from '../../app/demo.ts';
import { formatKissinger } from './kissinger.ts';
import { printJson, log } from '../output.ts';
import { formatTable, fmt } from '../../core/format.ts';

/** `ckin demo`: the main job end to end on the embedded default (src/app/demo.ts). */
export function register(program: Command): void {
  program
    .command('demo')
    .option('--out <dir>', 'where to write the simulated runs', DEMO_DEFAULT_OUT)
    .option('--json', 'print one JSON object on stdout')
    .action((opts: { out: string; json?: boolean }) => {
      const result = demo({ out: opts.out });
      if (opts.json) {
        printJson(result);
        return;
      }
      log(`simulated ${result.truth.model} at ${DEMO_CASE.rates_K_min.join(',')} K/min into ${opts.out}`);
      process.stdout.write(formatKissinger(result.kissinger) + '\n\n');
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
