/**
 * `npm run bench:serve [-- --repeats 10 --concurrent 50]`
 * The API against the CLI on the same work, in one invocation: time from sending three real NCM333 DSC runs to the
 * analysis result (`POST /api/analyze` on a running `ckin serve`, over loopback) versus running
 * `ckin analyze --json` on the same files as a new process (what a user without the server does); and the wall
 * time of N concurrent requests. Prints medians and the ratio. The load average is printed, the machine being shared.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from '../src/server/app.ts';

const { values } = parseArgs({
  options: { repeats: { type: 'string', default: '10' }, concurrent: { type: 'string', default: '50' } },
});
const repeats = Number(values.repeats);
const concurrent = Number(values.concurrent);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, '..', 'shared', 'data', 'external', 'crnn-ncm333-dsc');
const files = [2, 5, 10].map((b) => join(DATA, `cath_1_${b}.csv`));
const columns = 'temperature_C,heatflow_W_g';
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const app = await createServer();
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/analyze`;
const body = JSON.stringify({
  files: files.map((f) => ({ name: f.split('/').pop(), text: readFileSync(f, 'utf8') })),
  columns,
});
const post = async () => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (r.status !== 200) throw new Error(`API answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as unknown;
};
await post(); // warm-up (module JIT)
const api: number[] = [];
for (let i = 0; i < repeats; i++) {
  const t = performance.now();
  await post();
  api.push(performance.now() - t);
}
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrent }, post));
const burst = performance.now() - t0;
await app.close();

const cli: number[] = [];
for (let i = 0; i < Math.max(3, Math.ceil(repeats / 3)); i++) {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/main.ts'), 'analyze', ...files, '--columns', columns, '--json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`ckin analyze failed: ${r.stderr}`);
  cli.push(performance.now() - t);
}
const mApi = median(api);
const mCli = median(cli);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`POST /api/analyze (3 NCM333 runs)      median ${mApi.toFixed(0)} ms over ${repeats}`);
console.log(`ckin analyze --json, new process (peer) median ${mCli.toFixed(0)} ms over ${cli.length}`);
console.log(`ratio peer/API: ${(mCli / mApi).toFixed(1)}×`);
console.log(
  `${concurrent} concurrent requests: ${burst.toFixed(0)} ms wall, ${(burst / concurrent).toFixed(0)} ms per request`,
);
