import { Command, CommanderError } from 'commander';
import { registerAllCommands } from './commands/index.ts';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';

/** Build the `ckin` command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ckin')
    .description(
      'cathode-kinetics: kinetics of Li-ion cathode decomposition from multi-rate thermal analysis',
    )
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)');
  registerAllCommands(program);
  return program;
}

/** Run the CLI; user errors print `ckin: message` on stderr and exit with status 2. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof InputError || err instanceof RangeError) {
      process.stderr.write(`ckin: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`ckin: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}

const isEntry = process.argv[1] && /(?:main\.ts|ckin\.js|ckin|cathode-kinetics)$/.test(process.argv[1]);
if (isEntry || process.env.CKIN_FORCE_MAIN) await main(process.argv);
