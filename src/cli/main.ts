import { Command, CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, type CommandEntry } from './commands/index.ts';
import { InputError } from '../core/input-error.ts';
import { packageVersion } from '../core/version.ts';
import { EXIT_IO, writeFailure } from '../core/io-error.ts';
import { unreliableCount } from './output.ts';
import { examplesHelp } from './examples.ts';

/** The command named on the command line (`ckin NAME …`, `ckin help NAME`), if any. */
function requestedCommand(argv: string[], entries: CommandEntry[]): string | undefined {
  const args = argv.slice(2).filter((a) => a !== '--debug' && a !== '--strict');
  const first = args[0] === 'help' ? args[1] : args[0];
  return entries.some((e) => e.name === first) ? first : undefined;
}

/**
 * Build the `ckin` command tree for this command line: the requested command's module is imported and registered
 * in full; every other command is a stub with its name and description (for `ckin --help`), so start-up does not
 * pay for modules it does not run. `extra` adds commands from above the CLI (the composition root adds `serve`).
 */
export async function buildProgram(argv: string[], extra: CommandEntry[] = []): Promise<Command> {
  const entries = [...COMMANDS, ...extra];
  const program = new Command();
  program
    .name('ckin')
    .description(
      'cathode-kinetics: kinetics of Li-ion cathode decomposition from multi-rate thermal analysis',
    )
    .version(packageVersion())
    .option('--debug', 'print the stack trace of an internal error (also CKIN_DEBUG=1)')
    .option(
      '--strict',
      'exit with status 3 when any result is unreliable (for scripts; see docs/warnings.md)',
    )
    .showHelpAfterError('(run with --help for usage)')
    // Before the commands are added: subcommands copy this setting when created, so a usage error anywhere
    // (a missing required option included) throws instead of exiting with commander's status 1.
    .exitOverride();
  const wanted = requestedCommand(argv, entries);
  for (const e of entries) {
    if (e.name === wanted) (await e.load()).register(program);
    else program.command(e.name);
    program.commands.find((c) => c.name() === e.name)!.description(e.description);
  }
  markRequiredOptions(program);
  addExamples(program, '');
  return program;
}

/** Every command's `--help` ends with its examples (src/cli/examples.ts). */
function addExamples(cmd: Command, path: string): void {
  const text = examplesHelp(path);
  if (text) cmd.addHelpText('after', text);
  for (const c of cmd.commands) addExamples(c, path ? `${path} ${c.name()}` : c.name());
}

/** `--help` says which options are required (commander lists them like the others). */
function markRequiredOptions(cmd: Command): void {
  for (const o of cmd.options) {
    if (o.mandatory && !o.description.endsWith('(required)')) o.description += ' (required)';
  }
  for (const c of cmd.commands) markRequiredOptions(c);
}

/** Where an internal error's trace goes: a file in the OS temp directory. */
function writeCrashLog(err: unknown, argv: string[]): string | undefined {
  const path = join(
    tmpdir(),
    `ckin-crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`,
  );
  const text = [
    `ckin ${packageVersion()} (node ${process.version}, ${process.platform}-${process.arch})`,
    `command: ${argv.slice(2).join(' ')}`,
    '',
    err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err),
    '',
  ].join('\n');
  try {
    writeFileSync(path, text);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Run the CLI with the error policy: a user error (`InputError`, or a usage error from commander) prints
 * `ckin: FILE:LINE: problem` and exits 2; the system refusing a write (disk full, read-only, permission) prints
 * `ckin: disk full while writing X (ENOSPC): …` and exits 74 (EX_IOERR, core/io-error.ts); anything else is a bug — one line saying so and where the trace was
 * written, exit 70 (EX_SOFTWARE); `--debug` or CKIN_DEBUG=1 also prints the trace.
 */
export async function runCli(argv: string[], extra: CommandEntry[] = []): Promise<void> {
  const debug = argv.includes('--debug') || process.env.CKIN_DEBUG === '1';
  try {
    const program = await buildProgram(argv, extra);
    await program.parseAsync(argv);
    if (argv.includes('--strict') && unreliableCount() > 0 && !process.exitCode) {
      process.stderr.write(
        `ckin: --strict: ${unreliableCount()} unreliable result(s) or warning(s); exit status 3 (docs/warnings.md)\n`,
      );
      process.exitCode = 3;
    }
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof InputError) {
      process.stderr.write(`ckin: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const io = writeFailure(err);
    if (io) {
      process.stderr.write(`ckin: ${io.message}\n`);
      process.exitCode = EXIT_IO;
      return;
    }
    const where = writeCrashLog(err, argv);
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    process.stderr.write(
      `ckin: internal error (a bug, not a problem with your input): ${what.split('\n')[0]}; ` +
        (where ? `the trace is in ${where}` : 'the trace could not be written') +
        (debug ? '\n' : ' (run with --debug to print it)\n'),
    );
    if (debug) process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 70;
  }
}
