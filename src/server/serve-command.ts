import type { Command } from 'commander';
import { InputError } from '../core/input-error.ts';

/** `ckin serve`: the HTTP API and the web page (loopback only unless --host says otherwise). */
export function register(program: Command): void {
  program
    .command('serve')
    .option('--port <port>', 'TCP port (0 = any free port)', '8080')
    .option('--host <host>', 'interface to bind; 127.0.0.1 keeps it on this machine', '127.0.0.1')
    .option(
      '--screening-db <file>',
      'DuckDB file that keeps screening runs (default: in memory, lost at exit)',
    )
    .option('--dsc-db <file>', 'DuckDB file of DSC records (from `ckin db`) for the DSC-database tab')
    .option('--quiet', 'no request log on stderr')
    .action(
      async (opts: { port: string; host: string; screeningDb?: string; dscDb?: string; quiet?: boolean }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new InputError(`--port: expected 0…65535, got "${opts.port}"`);
        const log = (line: string) => process.stderr.write(line + '\n');
        // Loaded here: the server (Fastify, the routes) is imported only when the port is known to be valid.
        const { createServer } = await import('./app.ts');
        const app = await createServer({
          screeningDb: opts.screeningDb,
          dscDb: opts.dscDb,
          warmWorkers: true,
          // Loopback: answer only to loopback names (DNS-rebinding guard). Another interface: any Host.
          allowedHosts: ['127.0.0.1', 'localhost', '::1'].includes(opts.host) ? undefined : null,
          logger: opts.quiet ? false : { level: 'info', stream: process.stderr },
        });
        if (!app.ctx.webRootPresent)
          log('warning: the page is not built (run `npm run build:web`); serving the API only');
        if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
          log(`warning: binding ${opts.host} exposes the API beyond this machine; it has no authentication`);
        }
        let address: string;
        try {
          address = await app.listen({ port, host: opts.host });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
          await app.close();
          // a user error (exit 2, one line), not a crash: the port or the address is not ours to take
          throw new InputError(
            code === 'EADDRINUSE'
              ? `--port ${port}: the port is already in use on ${opts.host}; stop the other server or choose another port (--port 0 picks a free one)`
              : code === 'EACCES'
                ? `--port ${port}: not allowed to listen on this port (ports below 1024 need privileges); choose another, e.g. --port 8080`
                : `--host ${opts.host}: this machine has no such address`,
          );
        }
        log(`ckin serve: ${address}/ (API: ${address}/openapi.json); Ctrl-C stops`);
        const stop = () => {
          void app.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
