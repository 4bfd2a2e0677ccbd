// `npm run fuzz [-- --seconds 600 --seed 1]`: long mutation-fuzzing run over every reader (see src/robustness/).
import { resolve } from 'node:path';
import { fuzzReaders } from '../src/robustness/fuzz-readers.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ext = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'external');
const report = await fuzzReaders({
  seedDirs: ['instrument-exports', 'crnn-ncm333-dsc', 'picnik-constant-E'].map((d) => resolve(ext, d)),
  seconds: arg('seconds', 600),
  seed: arg('seed', Date.now() % 100000),
});
for (const c of report.crashes.slice(0, 10)) console.error(`CRASH ${c.seed}\n${c.detail}\n`);
for (const h of report.hangs) console.error(`HANG ${h}`);
for (const m of report.memory) console.error(`MEMORY ${m}`);
console.log(
  `fuzz executions: ${report.executions} (${report.ok} parsed, ${report.handled} rejected with a message), ` +
    `${report.crashes.length} crashes, ${report.hangs.length} hangs, ${report.memory.length} out-of-memory; ` +
    `max worker heap ${report.maxHeapMb.toFixed(0)} MB`,
);
process.exit(report.crashes.length + report.hangs.length + report.memory.length > 0 ? 1 : 0);
