/**
 * The server of the route-fuzz test (route-fuzz.test.ts) in a process of its own, so that the fuzzer's own work
 * (making and sending bodies) does not sit on the server's event loop and /api/health latency is the server's.
 * argv[2]: ServerLimits overrides as JSON. Prints `PORT\n` once it listens; stops on SIGTERM.
 */
import { createServer } from '../../src/server/app.ts';

const app = await createServer({
  limits: JSON.parse(process.argv[2] ?? '{}') as Record<string, number>,
  warmWorkers: true,
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
