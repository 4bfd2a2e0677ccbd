/**
 * The composition root of the `ckin` program (the bin's entry): the CLI's commands from src/cli plus `serve` from
 * src/server, imported only when it runs. It is the only module allowed to import both shells (the import-graph test
 * enforces it); the CLI and the server never import each other.
 */
import { runCli } from './cli/main.ts';
import type { CommandEntry } from './cli/commands/index.ts';

export const SERVE: CommandEntry = {
  name: 'serve',
  description: 'serve the web page and the JSON API (OpenAPI at /openapi.json)',
  load: () => import('./server/serve-command.ts'),
};

/** Run `ckin` on an argument vector (process.argv shape); sets process.exitCode. */
export function main(argv: string[]): Promise<void> {
  return runCli(argv, [SERVE]);
}

const isEntry =
  process.argv[1] !== undefined &&
  /(?:[/\\]main\.(?:ts|js)|ckin(?:\.js)?|cathode-kinetics)$/.test(process.argv[1]);
if (isEntry || process.env.CKIN_FORCE_MAIN) await main(process.argv);
